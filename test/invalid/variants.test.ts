import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  AGENT_MESSAGE_CHANNELS,
  FixtureOptionError,
  MAX_HISTORY,
  WEBHOOK_EVENTS,
  buildCallEndedEvent,
  buildIMessageEvent,
  buildMmsEvent,
  buildReactionEvent,
  buildSmsEvent,
  buildVoiceEvent,
  buildWhatsAppEvent,
  callEndedEventSchema,
  e164OrEmailSchema,
  e164PhoneSchema,
  historyEntrySchema,
  httpsUrlSchema,
  idSchema,
  imessageEventSchema,
  invalidVariants,
  isoTimestampSchema,
  mmsEventSchema,
  reactionEventSchema,
  safeParseWebhookEvent,
  smsEventSchema,
  voiceEventSchema,
  whatsappEventSchema,
  type InvalidVariant,
  type InvalidVariantCategory,
} from '../../src/index.js';
import { CROSS_FIELD_SCHEMAS } from '../../src/invalid/rules.js';

type Payload = Record<string, unknown>;
type Kind = 'sms' | 'mms' | 'imessage' | 'whatsapp' | 'voice' | 'call-ended' | 'reaction';
interface Case {
  readonly label: string;
  readonly kind: Kind;
  readonly event: Payload;
}

const KIND_SCHEMAS: Record<Kind, z.ZodObject> = {
  sms: smsEventSchema,
  mms: mmsEventSchema,
  imessage: imessageEventSchema,
  whatsapp: whatsappEventSchema,
  voice: voiceEventSchema,
  'call-ended': callEndedEventSchema,
  reaction: reactionEventSchema,
};

const examplesDir = join(import.meta.dirname, '../fixtures/agentphone-examples');

function kindOf(event: Payload): Kind {
  if (event['event'] === 'agent.call_ended') return 'call-ended';
  if (event['event'] === 'agent.reaction') return 'reaction';
  return event['channel'] as Kind;
}

/** Built events of every kind over `seeds` seeds, with and without the optional fields, plus the published examples. */
function cases(seeds: number): Case[] {
  const out: Case[] = [];
  const add = (label: string, event: unknown) => out.push({ label, kind: kindOf(event as Payload), event: event as Payload });
  for (let seed = 0; seed < seeds; seed++) {
    const history = [0, 1, 3, MAX_HISTORY][seed % 4] as number;
    const optional = seed % 2 === 0;
    const contact = { id: `contact_${seed}`, name: seed % 3 === 0 ? null : 'Jane Doe', email: null, phoneNumber: '+15551234567' };
    add(`sms seed ${seed}`, buildSmsEvent(optional ? { data: { contact, messageId: `msg_${seed}`, mediaUrls: [] } } : {}, { seed, history }));
    add(`mms seed ${seed}`, buildMmsEvent({}, { seed, history, optional }));
    add(`imessage seed ${seed}`, buildIMessageEvent({}, { seed, history, optional }));
    add(`whatsapp seed ${seed}`, buildWhatsAppEvent({}, { seed, history, optional }));
    add(`voice seed ${seed}`, buildVoiceEvent({}, { seed, history }));
    const context = buildSmsEvent({}, { seed, history: 2 });
    add(
      `call-ended seed ${seed}`,
      buildCallEndedEvent(optional ? { recentHistory: context.recentHistory, conversationState: context.conversationState } : {}, { seed }),
    );
    add(`reaction seed ${seed}`, buildReactionEvent(optional ? { channel: 'whatsapp', recentHistory: [] } : {}, { seed }));
  }
  for (const file of readdirSync(examplesDir).filter((f) => f.startsWith('agent.') && f.endsWith('.json'))) {
    const event: unknown = JSON.parse(readFileSync(join(examplesDir, file), 'utf8'));
    if (safeParseWebhookEvent(event).success) add(file, event);
  }
  return out;
}

/** What the parser really reports for a variant's payload, as one comparable line. */
function reported(variant: InvalidVariant): string {
  const result = safeParseWebhookEvent(variant.payload);
  if (result.success) return 'accepted';
  return `${result.error.code} ${result.error.problems.map((p) => `${p.path} ${p.code} ${JSON.stringify(p.pathSegments)}`).join(' | ')}`;
}

function declared(variant: InvalidVariant): string {
  return `${variant.errorCode} ${variant.path} ${variant.code} ${JSON.stringify(variant.pathSegments)}`;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/** Every object and array inside `value`. */
function containers(value: unknown, into = new Set<object>()): Set<object> {
  if (typeof value === 'object' && value !== null) {
    into.add(value);
    for (const item of Object.values(value)) containers(item, into);
  }
  return into;
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.core.$ZodType;
  return current;
}

const ALL = cases(16);

describe('invalidVariants: every variant fails at exactly its declared path', () => {
  it('gives exactly one problem, at the declared path and code, with the declared error code, for every kind and many seeds', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { label, event } of ALL) {
      for (const variant of invalidVariants(event)) {
        checked++;
        const got = reported(variant);
        if (got !== declared(variant)) failures.push(`${label} ${variant.name}: declared ${declared(variant)}, got ${got}`);
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });

  it('covers every published example that parses, and every kind', () => {
    const examples = ALL.filter((c) => c.label.endsWith('.json'));
    expect(examples.length).toBeGreaterThanOrEqual(10);
    expect(new Set(examples.map((c) => c.kind))).toEqual(new Set(['sms', 'mms', 'imessage', 'voice', 'call-ended', 'reaction']));
    expect(new Set(ALL.map((c) => c.kind))).toEqual(new Set(Object.keys(KIND_SCHEMAS)));
  });

  it('labels each variant with a unique name, a one-line description and a problem path made of its segments', () => {
    for (const { label, event } of ALL.slice(0, 40)) {
      const variants = invalidVariants(event);
      const names = variants.map((v) => v.name);
      expect(new Set(names).size, label).toBe(names.length);
      for (const v of variants) {
        expect(v.name.startsWith(`${v.path}.`) || ['data.voice-turn', 'data.text-message'].includes(v.name), v.name).toBe(true);
        expect(v.description).not.toMatch(/\n/);
        expect(v.description.length).toBeGreaterThan(10);
        const rebuilt = v.pathSegments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
        expect(rebuilt).toBe(v.path);
      }
    }
  });
});

describe('invalidVariants: determinism and copies', () => {
  it('gives the same variants, in the same order, for the same event, whatever the order of its keys', () => {
    for (const { event } of ALL.slice(0, 30)) {
      const first = invalidVariants(event);
      expect(JSON.stringify(invalidVariants(structuredClone(event)))).toBe(JSON.stringify(first));
      const reversed = Object.fromEntries(Object.entries(event).reverse());
      expect(invalidVariants(reversed).map((v) => v.name)).toEqual(first.map((v) => v.name));
    }
  });

  it('never changes the event (even a frozen one) and shares no object or array with it or between payloads', () => {
    for (const { label, event } of ALL.slice(0, 30)) {
      const before = JSON.stringify(event);
      const frozen = deepFreeze(structuredClone(event));
      const variants = invalidVariants(frozen);
      expect(JSON.stringify(frozen), label).toBe(before);
      const inEvent = containers(frozen);
      const seen = new Set<object>();
      for (const variant of variants) {
        for (const inner of containers(variant.payload)) {
          expect(inEvent.has(inner), `${label} ${variant.name} shares an object with the event`).toBe(false);
          expect(seen.has(inner), `${label} ${variant.name} shares an object with another payload`).toBe(false);
          seen.add(inner);
        }
      }
    }
  });

  it('keeps unknown extra keys as they are and never breaks them', () => {
    const event = { ...buildSmsEvent({}, { seed: 4, history: 1 }), extraTop: { nested: true } } as Payload;
    (event['data'] as Payload)['extraData'] = 'kept';
    const variants = invalidVariants(event);
    expect(variants.filter((v) => /extra/i.test(v.name))).toEqual([]);
    for (const v of variants) {
      expect(v.payload['extraTop']).toEqual({ nested: true });
      if (typeof v.payload['data'] === 'object' && v.payload['data'] !== null) expect((v.payload['data'] as Payload)['extraData']).toBe('kept');
    }
  });
});

describe('invalidVariants: coverage of the schemas', () => {
  /**
   * The names the variants must include for an object at `prefix`, read from the public Zod API
   * (`.shape`, `.isOptional()`, `.unwrap()`), independently of how the variants are derived.
   */
  function expectedNames(shape: Record<string, z.core.$ZodType>, value: Payload, prefix: string, names: string[]): void {
    for (const [key, schema] of Object.entries(shape)) {
      const path = `${prefix}${key}`;
      const zod = schema as z.ZodType;
      const inner = unwrap(schema);
      if (inner instanceof z.ZodUnknown || inner instanceof z.ZodDiscriminatedUnion) continue;
      if (!zod.isOptional()) names.push(`${path}.missing`);
      if (!zod.isNullable()) names.push(`${path}.null`);
      names.push(`${path}.wrong-type`);
      if (inner === e164PhoneSchema) names.push(`${path}.not-e164`);
      if (inner === e164OrEmailSchema) names.push(`${path}.not-phone-or-email`);
      if (inner === httpsUrlSchema) names.push(`${path}.not-https`);
      if (inner === idSchema) names.push(`${path}.empty`);
      if (inner === isoTimestampSchema) names.push(`${path}.no-zone`, `${path}.date-only`, `${path}.no-seconds`);
      if (inner instanceof z.ZodEnum) names.push(`${path}.not-allowed`);
      const present = value[key];
      if (inner instanceof z.ZodObject && typeof present === 'object' && present !== null) {
        expectedNames(inner.shape as Record<string, z.core.$ZodType>, present as Payload, `${path}.`, names);
      }
      if (inner instanceof z.ZodArray && Array.isArray(present)) {
        names.push(`${path}[0].wrong-type`, `${path}[0].null`);
        const element = inner.element as z.core.$ZodType;
        if (element === historyEntrySchema) names.push(`${path}.too-many`);
        const first: unknown = present[0] ?? (element === historyEntrySchema ? {} : undefined);
        if (element instanceof z.ZodObject && typeof first === 'object' && first !== null) {
          expectedNames(element.shape as Record<string, z.core.$ZodType>, first as Payload, `${path}[0].`, names);
        }
      }
    }
  }

  it('has, for every field the event has, the missing, null, wrong-type and format variants its schema calls for', () => {
    for (const { label, kind, event } of ALL) {
      const names = new Set(invalidVariants(event).map((v) => v.name));
      const wanted: string[] = [];
      expectedNames(KIND_SCHEMAS[kind].shape as Record<string, z.core.$ZodType>, event, '', wanted);
      expect(wanted.filter((name) => !names.has(name)), label).toEqual([]);
    }
  });

  it('breaks every kind in every category its rules have, and only those', () => {
    const base: InvalidVariantCategory[] = ['missing', 'null', 'wrong-type', 'empty', 'format', 'not-allowed', 'unknown', 'mismatch'];
    const expected: Record<Kind, InvalidVariantCategory[]> = {
      sms: [...base, 'too-many'],
      mms: [...base, 'too-many', 'cross-field'],
      imessage: [...base, 'too-many', 'cross-field'],
      whatsapp: [...base, 'too-many', 'cross-field'],
      voice: [...base, 'too-many', 'range'],
      'call-ended': [...base, 'range'],
      reaction: base,
    };
    for (const kind of Object.keys(expected) as Kind[]) {
      const event = ALL.find((c) => c.kind === kind && c.label.endsWith('seed 1'))!.event;
      const categories = new Set(invalidVariants(event).map((v) => v.category));
      expect([...categories].sort(), kind).toEqual([...expected[kind]].sort());
    }
  });

  it('reports an event this version does not know as unknown_event, and a missing or mistyped one as invalid', () => {
    for (const { label, event } of ALL) {
      const byName = new Map(invalidVariants(event).map((v) => [v.name, v]));
      const unknown = byName.get('event.unknown')!;
      expect(unknown.errorCode, label).toBe('unknown_event');
      expect(WEBHOOK_EVENTS).not.toContain(unknown.payload['event']);
      expect(typeof unknown.payload['event']).toBe('string');
      for (const name of ['event.missing', 'event.null', 'event.wrong-type']) expect(byName.get(name)?.errorCode, `${label} ${name}`).toBe('invalid_payload');
      const channel = byName.get('channel.unknown');
      if (event['event'] === 'agent.message') {
        expect(AGENT_MESSAGE_CHANNELS).not.toContain(channel?.payload['channel']);
        expect(channel?.code).toBe('invalid_union');
      } else {
        expect(channel).toBeUndefined();
        expect(byName.get('channel.mismatch')?.payload['channel']).toBe('sms');
      }
    }
  });

  it('makes recentHistory one entry too long, from the history it has, or from one made up when it is empty', () => {
    for (const history of [0, 1, MAX_HISTORY]) {
      const event = buildVoiceEvent({}, { seed: 9, history });
      const byName = new Map(invalidVariants(event).map((v) => [v.name, v]));
      const long = byName.get('recentHistory.too-many')!.payload['recentHistory'] as unknown[];
      expect(long).toHaveLength(MAX_HISTORY + 1);
      for (const entry of long) expect(historyEntrySchema.safeParse(entry).success).toBe(true);
      if (history > 0) expect(long.slice(0, history)).toEqual(event.recentHistory);
      // A bad entry is covered whatever the history holds.
      const bad = byName.get('recentHistory[0].at.no-zone')!.payload['recentHistory'] as Payload[];
      expect(bad[0]!['at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      expect(bad).toHaveLength(Math.max(history, 1));
    }
  });

  it('puts a voice turn on a text channel, a text message on a voice call and a string transcript on a finished call', () => {
    const sms = new Map(invalidVariants(buildSmsEvent({ data: { message: 'Where is my order?' } }, { seed: 2 })).map((v) => [v.name, v]));
    const turn = sms.get('data.voice-turn')!.payload['data'] as Payload;
    expect(turn['transcript']).toBe('Where is my order?');
    expect(turn).not.toHaveProperty('message');
    const voice = new Map(invalidVariants(buildVoiceEvent({ data: { transcript: 'Hello?' } }, { seed: 2 })).map((v) => [v.name, v]));
    const text = voice.get('data.text-message')!.payload['data'] as Payload;
    expect(text['message']).toBe('Hello?');
    expect(text).not.toHaveProperty('transcript');
    const ended = buildCallEndedEvent({}, { seed: 2 });
    const call = new Map(invalidVariants(ended).map((v) => [v.name, v]));
    const said = (call.get('data.transcript.utterance')!.payload['data'] as Payload)['transcript'];
    expect(said).toBe(ended.data.transcript.at(-1)?.content);
  });

  it('breaks mediaUrl = mediaUrls[0] both ways where that rule exists, and says JSON Schema cannot see it', () => {
    for (const build of [buildMmsEvent, buildIMessageEvent, buildWhatsAppEvent]) {
      for (const optional of [false, true]) {
        const byName = new Map(invalidVariants(build({}, { seed: 5, optional })).map((v) => [v.name, v]));
        const notFirst = byName.get('data.mediaUrl.not-first-attachment')!;
        const data = notFirst.payload['data'] as { mediaUrl: string; mediaUrls: string[] };
        expect(data.mediaUrls.length).toBeGreaterThan(0);
        expect(data.mediaUrl).not.toBe(data.mediaUrls[0]);
        const without = byName.get('data.mediaUrl.without-attachments')!.payload['data'] as { mediaUrl: unknown; mediaUrls: unknown };
        expect(without.mediaUrls).toEqual([]);
        expect(typeof without.mediaUrl).toBe('string');
        for (const v of byName.values()) expect(v.jsonSchemaRejects, v.name).toBe(v.category !== 'cross-field');
      }
    }
    expect(invalidVariants(buildSmsEvent({}, { seed: 5 })).filter((v) => v.category === 'cross-field')).toEqual([]);
  });

  it('has hand-written variants for every object schema with a cross-field refinement', () => {
    const refined = new Set<z.core.$ZodType>();
    const visit = (schema: z.core.$ZodType): void => {
      const inner = unwrap(schema);
      if (inner instanceof z.ZodArray) visit(inner.element as z.core.$ZodType);
      if (!(inner instanceof z.ZodObject)) return;
      if ((inner.def.checks ?? []).length > 0) refined.add(inner);
      for (const field of Object.values(inner.shape)) visit(field as z.core.$ZodType);
    };
    for (const schema of Object.values(KIND_SCHEMAS)) visit(schema);
    expect(refined.size).toBeGreaterThan(0);
    for (const schema of refined) expect(CROSS_FIELD_SCHEMAS.has(schema)).toBe(true);
  });

  it('covers an absent optional field with null and wrong-type only', () => {
    const event = buildSmsEvent({}, { seed: 3 });
    expect(event.data).not.toHaveProperty('contact');
    const names = invalidVariants(event).map((v) => v.name);
    expect(names.filter((n) => n.startsWith('data.contact'))).toEqual(['data.contact.wrong-type']);
    expect(names.filter((n) => n.startsWith('data.messageId'))).toEqual(['data.messageId.null', 'data.messageId.wrong-type', 'data.messageId.empty']);
  });

  it('uses values that look like real mistakes', () => {
    const event = buildVoiceEvent({ data: { from: '+15551234567', confidence: 0.87 } }, { seed: 1 });
    const value = (name: string, at: (p: Payload) => unknown) => at(invalidVariants(event, { only: [name] })[0]!.payload);
    const data = (p: Payload) => p['data'] as Payload;
    expect(value('data.from.wrong-type', (p) => data(p)['from'])).toBe(15551234567);
    expect(value('data.from.not-e164', (p) => data(p)['from'])).toBe('15551234567');
    expect(value('data.confidence.wrong-type', (p) => data(p)['confidence'])).toBe('0.87');
    expect(value('data.confidence.above-max', (p) => data(p)['confidence'])).toBeGreaterThan(1);
    expect(value('data.confidence.below-min', (p) => data(p)['confidence'])).toBeLessThan(0);
    expect(value('timestamp.wrong-type', (p) => p['timestamp'])).toBe(Date.parse(event.timestamp) / 1000);
    expect(value('timestamp.no-zone', (p) => p['timestamp'])).toBe(event.timestamp.replace(/Z$/, ''));
    expect(value('data.direction.not-allowed', (p) => data(p)['direction'])).toBe('INBOUND');
    expect(JSON.parse(value('data.wrong-type', (p) => p['data']) as string)).toEqual(event.data);
  });
});

describe('invalidVariants: options and bad input', () => {
  const event = buildSmsEvent({}, { seed: 8, history: 2 });

  it('keeps only the named variants, or those a predicate accepts, in the full order', () => {
    const all = invalidVariants(event);
    const picked = invalidVariants(event, { only: ['timestamp.no-zone', 'data.from.missing'] });
    expect(picked.map((v) => v.name)).toEqual(all.filter((v) => ['data.from.missing', 'timestamp.no-zone'].includes(v.name)).map((v) => v.name));
    expect(invalidVariants(event, { only: (v) => v.category === 'format' })).toEqual(all.filter((v) => v.category === 'format'));
    expect(invalidVariants(event, { only: [] })).toEqual([]);
  });

  it('throws FixtureOptionError naming the option for a name this event has no variant of, or a malformed option', () => {
    expect(() => invalidVariants(event, { only: ['data.frm.missing'] })).toThrow(
      /^Invalid option "only": expected names of this event's variants \(such as event\.missing, event\.null, event\.wrong-type\), received "data\.frm\.missing"$/,
    );
    const error = (() => {
      try {
        invalidVariants(event, { only: 'data.from.missing' as never });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(FixtureOptionError);
    expect((error as FixtureOptionError).option).toBe('only');
    expect(() => invalidVariants(event, 5 as never)).toThrow(/Invalid option "options"/);
  });

  it('refuses an event that is already invalid, naming its problems', () => {
    const broken = buildSmsEvent({ data: { from: '555' } }, { seed: 1, validate: false });
    let error: unknown;
    try {
      invalidVariants(broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FixtureOptionError);
    expect((error as FixtureOptionError).option).toBe('event');
    expect((error as Error).message).toBe(
      'Invalid option "event": expected a valid webhook event to break one rule at a time (this one already fails: data.from: expected an E.164 phone number (+ then up to 15 digits), received "555"), received an object',
    );
    expect(() => invalidVariants(null)).toThrow(/Invalid option "event".*\(root\): expected an object.*received null$/);
    expect(() => invalidVariants({ ...event, event: 'agent.contact_shared' })).toThrow(/this version does not know "agent\.contact_shared"/);
  });

  it('refuses an event that contains itself', () => {
    const cyclic = structuredClone(event) as Payload;
    cyclic['self'] = cyclic;
    expect(() => invalidVariants(cyclic)).toThrow('Invalid option "event": expected plain JSON-like data without cycles (this one contains itself), received an object');
  });
});

describe('invalidVariants: the shipped JSON Schema files', () => {
  // The files users in other languages validate with, compiled as test/json-schema.test.ts does.
  const shipped = join(import.meta.dirname, '../../dist/json-schema');
  const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  const compile = (name: string) => ajv.compile(JSON.parse(readFileSync(join(shipped, `${name}.json`), 'utf8')) as object);

  it('reject every variant too, except the cross-field rules JSON Schema cannot express, which they accept', () => {
    const anyEvent = compile('webhook-event');
    const perKind = new Map<string, ReturnType<typeof compile>>();
    const failures: string[] = [];
    let crossField = 0;
    for (const { label, event } of ALL.filter((_, i) => i % 2 === 0)) {
      const file = event['event'] === 'agent.message' ? `agent.message.${String(event['channel'])}` : String(event['event']);
      if (!perKind.has(file)) perKind.set(file, compile(file));
      const own = perKind.get(file)!;
      expect(anyEvent(event) && own(event), label).toBe(true);
      for (const variant of invalidVariants(event)) {
        const accepted = [anyEvent(variant.payload), own(variant.payload)];
        if (accepted.some((a) => a === variant.jsonSchemaRejects)) failures.push(`${label} ${variant.name}: ${file} accepted ${accepted.join('/')}`);
        if (!variant.jsonSchemaRejects) crossField++;
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(crossField).toBeGreaterThan(0);
  });
});
