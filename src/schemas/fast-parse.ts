import * as z from 'zod';

type SafeParse<T> = { success: true; data: T } | { success: false; error: z.ZodError };

const compiled = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The schema's compiled twin, made on first use. zod ≥ 4.6 can compile a schema into a generated
 * fast path (`z.compile`) that falls back to the ordinary parser for anything it cannot model,
 * with the same results. Older zod 4 releases, and apps that set `z.config({ jitless: true })`
 * (no `new Function`, e.g. under a strict CSP), get the schema itself.
 * @internal
 */
export function fastTwin(schema: z.ZodType): z.ZodType {
  let twin = compiled.get(schema);
  if (twin === undefined) {
    twin = schema;
    const compile = (z as unknown as Record<string, unknown>)['compile'];
    const jitless = (z.config() as { jitless?: boolean }).jitless === true;
    if (typeof compile === 'function' && !jitless) {
      try {
        twin = (compile as (s: z.ZodType) => z.ZodType)(schema);
      } catch {
        twin = schema;
      }
    }
    compiled.set(schema, twin);
  }
  return twin;
}

/**
 * Validates with the compiled fast path; only when that fails is the input parsed again with
 * the ordinary parser and `reportInput`, to report what was received at each failing path.
 * @internal
 */
export function safeParseFast<T>(schema: z.ZodType<T>, input: unknown): SafeParse<T> {
  const fast = fastTwin(schema).safeParse(input) as SafeParse<T>;
  if (fast.success) return fast;
  return schema.safeParse(input, { reportInput: true }) as SafeParse<T>;
}
