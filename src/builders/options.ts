import { FixtureOptionError } from '../errors.js';
import { MAX_HISTORY } from '../schemas/history.js';
import { isoTimestampSchema } from '../schemas/primitives.js';
import { REFERENCE_NOW_MS } from './clock.js';

/**
 * Options every builder takes.
 *
 * @example
 * ```ts
 * buildSmsEvent({}, { seed: 7, now: '2026-03-01T09:00:00Z', history: 3 });
 * ```
 */
export interface BuildOptions {
  /**
   * Seed: any safe integer, 0 included. The same seed (with the same options and overrides)
   * gives the same fixture on every run, machine, worker and test order.
   * @default 0
   */
  seed?: number | undefined;
  /**
   * The instant the event happens: a `Date` or an ISO-8601 date-time with `Z` or an offset
   * (a string without a zone is rejected: it would mean different instants on different
   * machines). The event's `timestamp` is
   * `now` in whole seconds; history entries come before it.
   * @default '2025-01-15T12:00:00Z'
   */
  now?: Date | string | undefined;
  /**
   * Number of `recentHistory` entries, 0–50.
   * @default a seeded count from 0 to 4
   */
  history?: number | undefined;
  /**
   * Validate the built fixture (after overrides) against its schema and throw
   * `FixtureValidationError` if it fails. Turn off to build invalid payloads on purpose.
   * @default true
   */
  validate?: boolean | undefined;
}

/** @internal Options after checking. */
export interface ResolvedOptions {
  readonly seed: number;
  readonly nowMs: number;
  readonly history: number | undefined;
  readonly validate: boolean;
}

/** @internal Checks one seed. */
export function checkSeed(seed: unknown, option = 'seed'): number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new FixtureOptionError(option, `a safe integer (${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER})`, seed);
  }
  return seed;
}

/** ISO-8601 strings cover the years 0000–9999; leave a year of room for history before `now`. */
const MIN_NOW_MS = Date.UTC(1, 0, 1);
const MAX_NOW_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** @internal Checks `now`: a valid Date, or an ISO-8601 date-time with `Z` or an offset. */
export function checkNow(now: unknown, option = 'now'): number {
  let ms = Number.NaN;
  // A Date from another realm (a vm context, a test environment) is a Date too.
  if (Object.prototype.toString.call(now) === '[object Date]') ms = Date.prototype.getTime.call(now);
  // The same format payload timestamps must have. A zone is required: without one, Date.parse
  // reads local time and the output would depend on the machine's TZ.
  else if (typeof now === 'string' && isoTimestampSchema.safeParse(now).success) ms = Date.parse(now);
  if (Number.isNaN(ms) || ms < MIN_NOW_MS || ms > MAX_NOW_MS) {
    throw new FixtureOptionError(
      option,
      'a valid Date or ISO-8601 string with Z or an offset, such as "2025-01-15T12:00:00Z", in the years 0001 to 9999',
      now,
    );
  }
  return ms;
}

/** @internal Checks a history count. */
export function checkHistory(count: unknown, option = 'history'): number {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_HISTORY) {
    throw new FixtureOptionError(option, `an integer from 0 to ${MAX_HISTORY}`, count);
  }
  return count;
}

/** @internal Checks and fills in options, with the defaults of a bound fixture set underneath. */
export function resolveOptions(options: BuildOptions | undefined, base?: Partial<ResolvedOptions>): ResolvedOptions {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new FixtureOptionError('options', 'an object', options);
  }
  const seed = options?.seed === undefined ? (base?.seed ?? 0) : checkSeed(options.seed);
  const nowMs = options?.now === undefined ? (base?.nowMs ?? REFERENCE_NOW_MS) : checkNow(options.now);
  const history = options?.history === undefined ? base?.history : checkHistory(options.history);
  const validate = options?.validate ?? base?.validate ?? true;
  if (typeof validate !== 'boolean') throw new FixtureOptionError('validate', 'true or false', validate);
  return { seed, nowMs, history, validate };
}
