/**
 * Reads the structure of the webhook schemas (objects, arrays, strings and their checks) so the
 * invalid variants are derived from the schemas themselves: a field added to a schema gets its
 * variants without a change here. Only the parts of Zod 4's schema definitions that
 * `z.toJSONSchema` reads too are used (`_zod.def`, its `checks`, `_zod.propValues`).
 * @internal
 */
import type * as z from 'zod';

/** A Zod schema or check, as far as the walker reads it. */
interface Internals {
  readonly _zod: {
    readonly def: Definition;
    readonly propValues?: Readonly<Record<string, ReadonlySet<unknown>>>;
  };
}

/** The fields of a schema or check definition the walker reads. */
interface Definition {
  readonly type?: string;
  readonly innerType?: z.core.$ZodType;
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly element?: z.core.$ZodType;
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly values?: readonly unknown[];
  readonly checks?: readonly Internals[];
  readonly options?: readonly z.core.$ZodType[];
  readonly discriminator?: string;
  readonly check?: string;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly value?: number | bigint;
  readonly inclusive?: boolean;
}

/** A regular-expression rule on a string, and what kind of value it describes. */
export interface StringFormat {
  /** `datetime` for ISO timestamps, `regex` for `.regex()` patterns, `other` for other formats. */
  readonly format: 'datetime' | 'regex' | 'other';
  /** The pattern every valid value matches (without global or sticky flags). */
  readonly pattern: RegExp;
}

/** A numeric bound: `value`, and whether `value` itself is allowed. */
export interface Bound {
  readonly value: number;
  readonly inclusive: boolean;
}

/** What a schema accepts, once `optional()` and `nullable()` are peeled off. */
export type SchemaNode =
  | { readonly kind: 'object'; readonly shape: Readonly<Record<string, z.core.$ZodType>>; readonly refined: boolean }
  | { readonly kind: 'record' }
  | { readonly kind: 'array'; readonly element: z.core.$ZodType; readonly maxLength: number | undefined }
  | { readonly kind: 'string'; readonly minLength: number | undefined; readonly formats: readonly StringFormat[] }
  | { readonly kind: 'number'; readonly integer: boolean; readonly minimum: Bound | undefined; readonly maximum: Bound | undefined }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'choice'; readonly values: readonly unknown[] }
  | {
      readonly kind: 'union';
      readonly discriminator: string | undefined;
      readonly options: readonly z.core.$ZodType[];
      /** Every value of the discriminator that selects an option. */
      readonly values: readonly unknown[];
    }
  | { readonly kind: 'any' }
  | { readonly kind: 'unsupported'; readonly type: string };

/** A field's schema: what it accepts, and whether it may be absent or `null`. */
export interface FieldSchema {
  readonly node: SchemaNode;
  readonly optional: boolean;
  readonly nullable: boolean;
}

function internals(schema: z.core.$ZodType | Internals): Internals {
  return schema as unknown as Internals;
}

function toNumber(value: number | bigint | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

function plainPattern(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
}

/** The checks of a schema, as their definitions. */
function checksOf(def: Definition): Definition[] {
  return (def.checks ?? []).map((check) => internals(check)._zod.def);
}

/**
 * Peels `optional()`, `nullable()` (in any order and depth) and `readonly()` off a schema and
 * describes what is left.
 */
export function describeField(schema: z.core.$ZodType): FieldSchema {
  let optional = false;
  let nullable = false;
  let current = schema;
  for (;;) {
    const def = internals(current)._zod.def;
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'readonly') && def.innerType !== undefined) {
      if (def.type === 'optional') optional = true;
      if (def.type === 'nullable') nullable = true;
      current = def.innerType;
      continue;
    }
    return { node: describeNode(current), optional, nullable };
  }
}

/** Describes a schema that is not optional or nullable itself. */
export function describeNode(schema: z.core.$ZodType): SchemaNode {
  const def = internals(schema)._zod.def;
  const checks = checksOf(def);
  switch (def.type) {
    case 'object':
      return { kind: 'object', shape: def.shape ?? {}, refined: checks.some((c) => c.check === 'custom') };
    case 'record':
      return { kind: 'record' };
    case 'array': {
      const max = checks.find((c) => c.check === 'max_length');
      return { kind: 'array', element: def.element as z.core.$ZodType, maxLength: toNumber(max?.maximum) };
    }
    case 'string': {
      const min = checks.find((c) => c.check === 'min_length');
      const formats: StringFormat[] = [];
      for (const check of checks) {
        if (check.check !== 'string_format' || check.pattern === undefined) continue;
        const format = check.format === 'datetime' ? 'datetime' : check.format === 'regex' ? 'regex' : 'other';
        formats.push({ format, pattern: plainPattern(check.pattern) });
      }
      return { kind: 'string', minLength: toNumber(min?.minimum), formats };
    }
    case 'number': {
      let minimum: Bound | undefined;
      let maximum: Bound | undefined;
      let integer = false;
      for (const check of checks) {
        if (check.check === 'number_format' && (check.format === 'safeint' || check.format === 'int32' || check.format === 'uint32')) integer = true;
        if (check.check === 'greater_than') minimum = { value: Number(check.value), inclusive: check.inclusive === true };
        if (check.check === 'less_than') maximum = { value: Number(check.value), inclusive: check.inclusive === true };
      }
      return { kind: 'number', integer, minimum, maximum };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'choice', values: Object.values(def.entries ?? {}) };
    case 'literal':
      return { kind: 'choice', values: def.values ?? [] };
    case 'union': {
      const discriminator = def.discriminator;
      const values = discriminator === undefined ? [] : [...(internals(schema)._zod.propValues?.[discriminator] ?? [])];
      return { kind: 'union', discriminator, options: def.options ?? [], values };
    }
    case 'unknown':
    case 'any':
      return { kind: 'any' };
    default:
      return { kind: 'unsupported', type: String(def.type) };
  }
}
