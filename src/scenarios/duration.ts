/** Seconds per unit, by every spelling a script may use. */
const UNITS: Readonly<Record<string, number>> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
  w: 604800,
  week: 604800,
  weeks: 604800,
};

/** What a duration may look like, for error messages. */
export const DURATION_FORMS = 'a duration such as 90 (seconds), "45s", "15m", "2h", "1d", "1h30m", "1.5h" or "PT2H"';

/** The longest wait: ten years, so a script cannot push timestamps past what ISO-8601 can write. */
export const MAX_WAIT_SECONDS = 10 * 366 * 86400;

const PART = /(\d+(?:\.\d+)?)\s*([a-z]+)/gy;
const ISO = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * Reads a wait: a number of seconds, or text with units (`"45s"`, `"15m"`, `"2h"`, `"1d"`,
 * `"1w"`, `"1h30m"`, `"1h 30m"`, `"1.5h"`, `"2 hours"`) or an ISO-8601 duration (`"PT2H30M"`,
 * `"P1D"`). Returns whole seconds, or `undefined` when the input is not a duration, is not a
 * whole number of seconds, or is negative or longer than ten years.
 *
 * @example
 * ```ts
 * parseDuration('1h30m'); // 5400
 * parseDuration('soon'); // undefined
 * ```
 */
export function parseDuration(input: unknown): number | undefined {
  let seconds: number | undefined;
  if (typeof input === 'number') seconds = input;
  else if (typeof input === 'string') seconds = parseText(input.trim());
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_WAIT_SECONDS) return undefined;
  // Payload timestamps are whole seconds: 1.5 s cannot be written.
  const whole = Math.round(seconds);
  return Math.abs(whole - seconds) < 1e-9 ? whole : undefined;
}

function parseText(text: string): number | undefined {
  if (text === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  const iso = ISO.exec(text.toUpperCase());
  if (iso !== null && text.length > 1 && !text.toUpperCase().endsWith('T')) {
    const [, d, h, m, s] = iso;
    return Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
  }
  const lower = text.toLowerCase();
  let total = 0;
  let at = 0;
  PART.lastIndex = 0;
  while (at < lower.length) {
    PART.lastIndex = at;
    const match = PART.exec(lower);
    if (match === null) return undefined;
    const unit = UNITS[match[2] as string];
    if (unit === undefined) return undefined;
    total += Number(match[1]) * unit;
    at = PART.lastIndex;
    while (lower[at] === ' ' || lower[at] === ',') at += 1;
  }
  return total;
}
