/**
 * Copying and editing JSON-like payloads without touching the original.
 * @internal
 */

/** A key of an object or an index into an array. */
export type PathKey = string | number;

/** An object payload (the event, or any object inside it). */
export type JsonObject = Record<string, unknown>;

/** Marks a change that removes the key instead of setting it. */
export const REMOVE: unique symbol = Symbol('remove');

/** True for `{}`-like objects (plain or null-prototype), false for arrays, dates, maps, … */
export function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A deep copy of the plain objects and arrays of `value`; anything else (numbers, strings, and
 * values JSON cannot hold) is kept as is. Keys are copied as own data properties, so a
 * `"__proto__"` key stays a key. Throws `TypeError` on a cycle.
 */
export function cloneJson<T>(value: T, ancestors: Set<unknown> = new Set()): T {
  if (typeof value !== 'object' || value === null) return value;
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  if (ancestors.has(value)) throw new TypeError('cycle');
  ancestors.add(value);
  const copy = Array.isArray(value)
    ? value.map((item: unknown) => cloneJson(item, ancestors))
    : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cloneJson(item, ancestors)]));
  ancestors.delete(value);
  return copy as T;
}

/**
 * A copy of `root` with the value at `segments` set to `value` (or removed, for {@link REMOVE}).
 * Every object and array on the way must exist; an index one past the end of an array appends.
 */
export function copyWith(root: JsonObject, segments: readonly PathKey[], value: unknown): JsonObject {
  const copy = cloneJson(root);
  let parent: unknown = copy;
  for (const key of segments.slice(0, -1)) parent = (parent as Record<PathKey, unknown>)[key];
  const last = segments.at(-1);
  if (last === undefined || typeof parent !== 'object' || parent === null) throw new TypeError('bad path');
  if (value === REMOVE) {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else delete (parent as Record<PathKey, unknown>)[last];
  } else {
    Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** The value at `segments` in `root`, or undefined. */
export function valueAt(root: unknown, segments: readonly PathKey[]): unknown {
  let current = root;
  for (const key of segments) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PathKey, unknown>)[key];
  }
  return current;
}
