import type * as z from 'zod';
import { FixtureValidationError } from '../errors.js';
import { safeParseFast } from '../schemas/fast-parse.js';
import { toProblems } from '../schemas/problems.js';

/** @internal Throws FixtureValidationError if `value` breaks `schema`; returns `value` unchanged. */
export function validateFixture<T>(builder: string, schema: z.ZodType, value: T): T {
  const result = safeParseFast(schema, value);
  if (!result.success) throw new FixtureValidationError(builder, toProblems(result.error.issues));
  return value;
}
