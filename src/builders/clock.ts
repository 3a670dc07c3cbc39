/**
 * The instant builders treat as "now" when no `now` option is given: 2025-01-15T12:00:00Z, the
 * moment of AgentPhone's own webhook examples. No builder reads the wall clock.
 *
 * @example
 * ```ts
 * buildSmsEvent().timestamp === REFERENCE_NOW; // true
 * ```
 */
export const REFERENCE_NOW = '2025-01-15T12:00:00Z';

/** @internal Milliseconds of {@link REFERENCE_NOW}. */
export const REFERENCE_NOW_MS = Date.parse(REFERENCE_NOW);

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/**
 * @internal ISO-8601 in whole seconds with `Z`, as AgentPhone's payloads show it
 * (`2025-01-15T12:00:00Z`). Integer arithmetic (Hinnant's civil-from-days) instead of
 * `Date#toISOString`, which dominated build time; years 0–9999 only, as ISO strings allow.
 */
export function isoSeconds(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  const days = Math.floor(totalSeconds / 86400);
  let rest = totalSeconds - days * 86400;
  const hour = Math.floor(rest / 3600);
  rest -= hour * 3600;
  const minute = Math.floor(rest / 60);
  const second = rest - minute * 60;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return new Date(totalSeconds * 1000).toISOString().replace('.000Z', 'Z');
  return `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}Z`;
}
