/**
 * The variants derived from the schemas: for every field of the event's schema, what breaks it
 * (left out, `null`, another JSON type, a bad format, out of range, …), and the problem
 * `safeParseWebhookEvent` reports for it, predicted from the schema alone.
 * @internal
 */
import type * as z from 'zod';
import { describeValue } from '../errors.js';
import { WEBHOOK_EVENTS } from '../schemas/events.js';
import { formatPath } from '../schemas/problems.js';
import { REMOVE, copyWith, isPlainObject, cloneJson, type JsonObject, type PathKey } from './json.js';
import { describeField, type FieldSchema, type SchemaNode, type StringFormat } from './schema-walk.js';
import type { InvalidVariant, InvalidVariantCategory } from './types.js';

/** A union the event was selected through: its discriminator's known values. */
export interface Discriminator {
  readonly values: readonly unknown[];
}

/** The state of one walk over an event. */
export interface Walk {
  /** The payload every variant of this walk is a changed copy of. */
  readonly base: JsonObject;
  /** Where variants are collected, in order. */
  readonly out: InvalidVariant[];
  /** A valid element for an empty array (so its elements get variants too), if one can be made. */
  readonly sample: (element: z.core.$ZodType, base: JsonObject) => unknown;
  /** Adds the hand-written variants that belong right after the field at `segments`. */
  readonly after: (segments: readonly PathKey[], walk: Walk) => void;
}

/** What a variant sets (or removes, with `REMOVE`) at one path, and what it is expected to report. */
interface Change {
  readonly suffix: string;
  readonly category: InvalidVariantCategory;
  readonly code: string;
  readonly description: string;
  readonly value: unknown;
  readonly errorCode?: 'invalid_payload' | 'unknown_event';
}

/** Records a variant that changes the value at `segments` of the walk's base. */
export function addChange(walk: Walk, segments: readonly PathKey[], change: Change): void {
  addVariant(walk.out, {
    name: `${formatPath(segments)}.${change.suffix}`,
    segments,
    code: change.code,
    category: change.category,
    description: change.description,
    errorCode: change.errorCode ?? 'invalid_payload',
    jsonSchemaRejects: true,
    payload: copyWith(walk.base, segments, change.value),
  });
}

/** Records a variant whose payload is already built. */
export function addVariant(
  out: InvalidVariant[],
  variant: {
    name: string;
    segments: readonly PathKey[];
    code: string;
    category: InvalidVariantCategory;
    description: string;
    errorCode?: 'invalid_payload' | 'unknown_event';
    jsonSchemaRejects: boolean;
    payload: JsonObject;
  },
): void {
  out.push({
    name: variant.name,
    path: formatPath(variant.segments),
    pathSegments: [...variant.segments],
    code: variant.code,
    errorCode: variant.errorCode ?? 'invalid_payload',
    category: variant.category,
    description: variant.description,
    jsonSchemaRejects: variant.jsonSchemaRejects,
    payload: variant.payload,
  });
}

/** Walks every field of an object schema, in the schema's order. */
export function walkObject(
  walk: Walk,
  shape: Readonly<Record<string, z.core.$ZodType>>,
  value: JsonObject,
  segments: readonly PathKey[],
  discriminators: ReadonlyMap<string, Discriminator> = new Map(),
): void {
  for (const [key, schema] of Object.entries(shape)) {
    const present = Object.hasOwn(value, key) && value[key] !== undefined;
    walkField(walk, schema, [...segments, key], present ? value[key] : undefined, present, false, discriminators.get(key));
  }
}

/** "a string", "an object", … */
function expectedWords(node: SchemaNode): string {
  switch (node.kind) {
    case 'object':
    case 'record':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return node.integer ? 'a whole number' : 'a number';
    case 'boolean':
      return 'true or false';
    case 'choice':
    case 'union':
      return node.values.length === 1 ? JSON.stringify(node.values[0]) : `one of ${node.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return 'a value';
  }
}

/** "a number", "a string", "an object", … for a value put in the wrong place. */
function typeWords(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : `a ${typeof value}`;
}

/** `1736942400, a number`; `an object`; `"{…}", a string`. */
function describeWrong(value: unknown): string {
  const shown = describeValue(value);
  return /^an? /.test(shown) ? shown : `${shown}, ${typeWords(value)}`;
}

/** How a regular-expression rule reads, found by what it accepts. */
function regexKind(pattern: RegExp): 'e164' | 'e164-or-email' | 'https' | 'other' {
  const phone = pattern.test('+15551234567');
  const email = pattern.test('jane.doe@example.com');
  if (phone) return email ? 'e164-or-email' : 'e164';
  if (pattern.test('https://media.example.com/a.jpg') && !pattern.test('http://media.example.com/a.jpg')) return 'https';
  return 'other';
}

const DEFAULT_TIMESTAMP = '2025-01-15T12:00:00Z';
const ISO_PARTS = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** A value of another JSON type than the field takes, chosen to look like a real mistake. */
function wrongTypeValue(node: SchemaNode, value: unknown, present: boolean): { value: unknown } | undefined {
  switch (node.kind) {
    case 'string': {
      const text = present && typeof value === 'string' ? value : undefined;
      if (node.formats.some((f) => f.format === 'datetime')) {
        const ms = Date.parse(text ?? DEFAULT_TIMESTAMP);
        return { value: Math.floor((Number.isNaN(ms) ? Date.parse(DEFAULT_TIMESTAMP) : ms) / 1000) }; // Unix seconds
      }
      if (text !== undefined && node.formats.some((f) => f.format === 'regex' && regexKind(f.pattern) === 'e164')) {
        const digits = Number(text.replace(/\D/g, ''));
        if (Number.isSafeInteger(digits) && digits > 0) return { value: digits }; // the phone number as a JSON number
      }
      return { value: 12345 };
    }
    case 'number':
      return { value: String(present && typeof value === 'number' ? value : (node.minimum?.value ?? 0)) };
    case 'boolean':
      return { value: String(present && typeof value === 'boolean' ? value : true) };
    case 'choice': {
      const first = node.values[0];
      return { value: typeof first === 'string' ? 0 : String(first) };
    }
    case 'union':
      return { value: 0 };
    case 'array': {
      const first: unknown = Array.isArray(value) ? value[0] : undefined;
      return { value: typeof first === 'string' ? first : {} };
    }
    case 'object':
    case 'record':
      return { value: JSON.stringify(present ? value : {}) }; // double-encoded JSON
    default:
      return undefined;
  }
}

/** The first candidate that is a string, differs from `current`, and breaks `format` only. */
function firstBreaking(candidates: readonly unknown[], current: unknown, format: StringFormat, node: Extract<SchemaNode, { kind: 'string' }>): string | undefined {
  for (const candidate of candidates) {
    if (typeof candidate !== 'string' || candidate === current) continue;
    if (format.pattern.test(candidate)) continue;
    if (node.minLength !== undefined && candidate.length < node.minLength) continue;
    if (node.formats.some((other) => other !== format && !other.pattern.test(candidate))) continue;
    return candidate;
  }
  return undefined;
}

/** Variants of a string's formats: E.164, https, ISO timestamps, and any other pattern. */
function formatChanges(node: Extract<SchemaNode, { kind: 'string' }>, value: unknown, path: string): Change[] {
  const text = typeof value === 'string' ? value : undefined;
  const changes: Change[] = [];
  const push = (suffix: string, candidates: readonly unknown[], format: StringFormat, what: string) => {
    const bad = firstBreaking(candidates, text, format, node);
    if (bad === undefined) return;
    changes.push({ suffix, category: 'format', code: 'invalid_format', value: bad, description: `${path} is ${describeValue(bad)}, ${what}` });
  };
  for (const format of node.formats) {
    if (format.format === 'datetime') {
      const parts = ISO_PARTS.exec(text ?? DEFAULT_TIMESTAMP) ?? (ISO_PARTS.exec(DEFAULT_TIMESTAMP) as RegExpExecArray);
      const [, date = '', hoursMinutes = '', seconds = ':00', zone = 'Z'] = parts;
      push('no-zone', [`${date}T${hoursMinutes}${seconds}`], format, 'an ISO-8601 timestamp without Z or an offset');
      push('date-only', [date], format, 'a date without a time');
      push('no-seconds', [`${date}T${hoursMinutes}${zone}`], format, 'an ISO-8601 timestamp without seconds');
      continue;
    }
    const kind = format.format === 'regex' ? regexKind(format.pattern) : 'other';
    const noPlus = text?.startsWith('+') === true ? text.slice(1) : undefined;
    switch (kind) {
      case 'e164':
        push('not-e164', [noPlus, '555-0100', '(555) 010-0100'], format, 'not an E.164 phone number');
        break;
      case 'e164-or-email':
        push('not-phone-or-email', [noPlus, text?.split('@')[0], 'jane'], format, 'neither an E.164 phone number nor an e-mail address');
        break;
      case 'https':
        push('not-https', [text?.replace(/^https:/, 'http:'), 'http://media.agentphone.ai/attachment.jpg'], format, 'not an https URL');
        break;
      default:
        push('bad-format', ['not valid', '?', '-'], format, `not in the expected format (${format.pattern.source})`);
    }
  }
  return changes;
}

/** Variants of a number's rules: whole number, minimum, maximum. */
function numberChanges(node: Extract<SchemaNode, { kind: 'number' }>, value: unknown, path: string): Change[] {
  const changes: Change[] = [];
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const { minimum, maximum } = node;
  if (node.integer) {
    let fraction = (typeof value === 'number' ? value : (minimum?.value ?? 0)) + 0.5;
    if (maximum !== undefined && fraction > maximum.value) fraction = maximum.value - 0.5;
    if (minimum === undefined || fraction > minimum.value) {
      changes.push({ suffix: 'not-integer', category: 'format', code: 'invalid_type', value: fraction, description: `${path} is ${fraction}, not a whole number` });
    }
  }
  if (minimum !== undefined) {
    const below = minimum.inclusive ? round(minimum.value - (node.integer ? 1 : 0.1)) : minimum.value;
    changes.push({ suffix: 'below-min', category: 'range', code: 'too_small', value: below, description: `${path} is ${below}, below the minimum of ${minimum.value}` });
  }
  if (maximum !== undefined) {
    const above = maximum.inclusive ? round(maximum.value + (node.integer ? 1 : 0.5)) : maximum.value;
    changes.push({ suffix: 'above-max', category: 'range', code: 'too_big', value: above, description: `${path} is ${above}, above the maximum of ${maximum.value}` });
  }
  return changes;
}

/** A value outside a closed set: the first value in upper case, say (`"INBOUND"`). */
function notAllowedValue(values: readonly unknown[]): unknown {
  const first = values[0];
  const candidates: unknown[] =
    typeof first === 'boolean'
      ? [!first]
      : typeof first === 'number'
        ? [Math.max(...values.filter((v): v is number => typeof v === 'number')) + 1]
        : [String(first).toUpperCase(), `${String(first)}_other`, 'other'];
  return candidates.find((candidate) => !values.includes(candidate));
}

/** An `event` or `channel` this version doesn't model (`agent.contact_shared` is real, but not modelled). */
const UNKNOWN_CANDIDATES: Readonly<Record<string, readonly string[]>> = {
  event: ['agent.contact_shared', 'agent.unknown_event'],
  channel: ['rcs', 'fax'],
};

/**
 * Walks one field: its own variants, then those of its elements or fields, then the
 * hand-written ones that belong after it.
 */
function walkField(
  walk: Walk,
  schema: z.core.$ZodType,
  segments: readonly PathKey[],
  value: unknown,
  present: boolean,
  inArray: boolean,
  discriminator: Discriminator | undefined,
): void {
  const field: FieldSchema = describeField(schema);
  const { node } = field;
  const path = formatPath(segments);
  if (node.kind === 'any' || node.kind === 'unsupported' || (node.kind === 'union' && discriminator === undefined)) {
    walk.after(segments, walk);
    return;
  }
  // What Zod reports for a value of the wrong kind: a union discriminator fails the union, a
  // closed set reports the value, anything else the type.
  const typeCode = discriminator !== undefined ? 'invalid_union' : node.kind === 'choice' ? 'invalid_value' : 'invalid_type';
  const expected = expectedWords(discriminator === undefined ? node : { kind: 'choice', values: discriminator.values }) + (field.nullable ? ' or null' : '');
  const changes: Change[] = [];

  if (!field.optional && !inArray) {
    changes.push({ suffix: 'missing', category: 'missing', code: typeCode, value: REMOVE, description: `${path} is missing (required: ${expected})` });
  }
  if (!field.nullable) {
    changes.push({ suffix: 'null', category: 'null', code: typeCode, value: null, description: `${path} is null (expected ${expected}, never null)` });
  }
  const wrong = wrongTypeValue(node, value, present);
  if (wrong !== undefined) {
    changes.push({
      suffix: 'wrong-type',
      category: 'wrong-type',
      code: typeCode,
      value: wrong.value,
      description: `${path} is ${describeWrong(wrong.value)}, where ${expected} is expected`,
    });
  }

  if (discriminator !== undefined) {
    const key = String(segments.at(-1));
    const unknown = [...(UNKNOWN_CANDIDATES[key] ?? []), `${String(discriminator.values[0])}_other`].find((c) => !discriminator.values.includes(c));
    // safeParseWebhookEvent reports an `event` string it doesn't know with its own code.
    const isEvent = segments.length === 1 && key === 'event' && !(WEBHOOK_EVENTS as readonly string[]).includes(String(unknown));
    changes.push({
      suffix: 'unknown',
      category: 'unknown',
      code: isEvent ? 'unknown_event' : 'invalid_union',
      errorCode: isEvent ? 'unknown_event' : 'invalid_payload',
      value: unknown,
      description: isEvent
        ? `event is ${describeValue(unknown)}, an event this version doesn't know (answer 200 and ignore it)`
        : `${path} is ${describeValue(unknown)}, which this version doesn't know (expected ${expected})`,
    });
  } else if (node.kind === 'choice') {
    const other = notAllowedValue(node.values);
    if (other !== undefined) {
      changes.push({ suffix: 'not-allowed', category: 'not-allowed', code: 'invalid_value', value: other, description: `${path} is ${describeValue(other)}, not ${expected}` });
    }
  } else if (node.kind === 'string') {
    if (node.minLength !== undefined && node.minLength > 0 && node.formats.length === 0) {
      const short = 'x'.repeat(node.minLength - 1);
      const suffix = node.minLength === 1 ? 'empty' : 'too-short';
      const description = node.minLength === 1 ? `${path} is an empty string` : `${path} is shorter than ${node.minLength} characters`;
      changes.push({ suffix, category: 'empty', code: 'too_small', value: short, description });
    }
    changes.push(...formatChanges(node, value, path));
  } else if (node.kind === 'number') {
    changes.push(...numberChanges(node, value, path));
  }

  let items: unknown[] | undefined;
  let elementWalk: Walk | undefined;
  if (node.kind === 'array' && present && Array.isArray(value)) {
    items = value;
    elementWalk = walk;
    if (value.length === 0) {
      // An empty array: put one valid element in, so the elements' rules get variants too.
      const sample = walk.sample(node.element, walk.base);
      if (sample !== undefined) {
        items = [sample];
        elementWalk = { ...walk, base: copyWith(walk.base, segments, [sample]) };
      }
    }
    const max = node.maxLength;
    if (max !== undefined && items.length > 0) {
      const source = items;
      const long = Array.from({ length: max + 1 }, (_, i) => cloneJson(source[i % source.length]));
      changes.push({ suffix: 'too-many', category: 'too-many', code: 'too_big', value: long, description: `${path} has ${max + 1} entries, more than the maximum of ${max}` });
    }
  }

  for (const change of changes) addChange(walk, segments, change);

  if (node.kind === 'array' && items !== undefined && elementWalk !== undefined) {
    walkField(elementWalk, node.element, [...segments, 0], items[0], items.length > 0, true, undefined);
  } else if (node.kind === 'object' && present && isPlainObject(value)) {
    walkObject(walk, node.shape, value, segments);
  }
  walk.after(segments, walk);
}
