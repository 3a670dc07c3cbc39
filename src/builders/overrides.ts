import type { OmitIndexSignature, PartialDeep } from 'type-fest';
import { FixtureOptionError } from '../errors.js';

/**
 * `T` without the `[key: string]: unknown` index signatures that Zod's loose objects add, at every
 * depth, so overrides are checked against the documented fields (a typo is a type error). Pure
 * records such as `conversationState` keep their index signature. Arrays are left as they are.
 */
export type KnownFields<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? keyof OmitIndexSignature<T> extends never
      ? T
      : { [K in keyof OmitIndexSignature<T>]: KnownFields<T[K]> }
    : T;

/**
 * Overrides for a fixture: any documented part of it, at any depth. Objects merge deeply, arrays
 * replace the default whole, `null` sets null, `undefined` keeps the default. Keys outside the
 * documented shape are type errors (they still work at run time, through a cast, for fields
 * AgentPhone may add later).
 *
 * @example
 * ```ts
 * const overrides: Overrides<SmsEvent> = { data: { message: 'STOP' }, recentHistory: [] };
 * ```
 */
export type Overrides<T> = PartialDeep<KnownFields<T>, { recurseIntoArrays: false }>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function cyclic(value: object): FixtureOptionError {
  return new FixtureOptionError('overrides', 'plain JSON-like data without cycles (this one contains itself)', value);
}

/** Deep copy of JSON-like data; `__proto__` keys are dropped so copies cannot pollute prototypes. */
function clone(value: unknown, seen: Set<object>): unknown {
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  if (seen.has(value)) throw cyclic(value);
  seen.add(value);
  let out: unknown;
  if (Array.isArray(value)) out = value.map((item) => clone(item, seen));
  else {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (key === '__proto__') continue;
      copy[key] = clone(value[key], seen);
    }
    out = copy;
  }
  seen.delete(value);
  return out;
}

/**
 * Merges `overrides` into `base` (which it does not modify): objects merge, arrays replace,
 * `null` sets null, `undefined` keeps the base value. Only the base's own keys are merged into,
 * and `__proto__` keys are ignored, so no override can reach `Object.prototype`.
 * @throws {FixtureOptionError} when the overrides contain a cycle.
 * @internal
 */
export function mergeOverrides<T>(base: T, overrides: unknown, seen = new Set<object>()): T {
  if (overrides === undefined) return base;
  if (!isPlainObject(overrides) || !isPlainObject(base)) return clone(overrides, seen) as T;
  if (seen.has(overrides)) throw cyclic(overrides);
  seen.add(overrides);
  const out: Record<string, unknown> = { ...base };
  for (const key of Object.keys(overrides)) {
    if (key === '__proto__') continue;
    const value = overrides[key];
    if (value === undefined) continue;
    out[key] = Object.hasOwn(base, key) ? mergeOverrides(base[key], value, seen) : clone(value, seen);
  }
  seen.delete(overrides);
  return out as T;
}

/** @internal Reads `overrides[key]` if overrides is an object. */
export function overrideAt(overrides: unknown, ...keys: string[]): unknown {
  let current = overrides;
  for (const key of keys) {
    if (!isPlainObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}
