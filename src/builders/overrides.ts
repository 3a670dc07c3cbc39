import type { OmitIndexSignature, PartialDeep } from 'type-fest';

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

/** Deep copy of JSON-like data; `__proto__` keys are dropped so copies cannot pollute prototypes. */
function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') continue;
    out[key] = clone(value[key]);
  }
  return out;
}

/**
 * Merges `overrides` into `base` (which it does not modify): objects merge, arrays replace,
 * `null` sets null, `undefined` keeps the base value. Only the base's own keys are merged into,
 * and `__proto__` keys are ignored, so no override can reach `Object.prototype`.
 * @internal
 */
export function mergeOverrides<T>(base: T, overrides: unknown): T {
  if (overrides === undefined) return base;
  if (!isPlainObject(overrides) || !isPlainObject(base)) return clone(overrides) as T;
  const out: Record<string, unknown> = { ...base };
  for (const key of Object.keys(overrides)) {
    if (key === '__proto__') continue;
    const value = overrides[key];
    if (value === undefined) continue;
    out[key] = Object.hasOwn(base, key) ? mergeOverrides(base[key], value) : clone(value);
  }
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
