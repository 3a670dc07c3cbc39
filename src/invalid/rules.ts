/**
 * The variants that cannot be derived from a field's own schema: the event and its `data` or
 * `channel` disagreeing, and the cross-field rule of the attachment fields. Each is keyed to
 * the path it is emitted after, so the full list stays grouped by field.
 * @internal
 */
import type * as z from 'zod';
import { describeValue } from '../errors.js';
import { imessageDataSchema, mmsDataSchema, whatsappDataSchema } from '../schemas/channels.js';
import { historyEntrySchema } from '../schemas/history.js';
import { CHANNELS } from '../schemas/primitives.js';
import { addVariant, type Walk } from './derive.js';
import { cloneJson, copyWith, isPlainObject, type JsonObject, type PathKey } from './json.js';
import { describeField, describeNode } from './schema-walk.js';

/**
 * The object schemas with a cross-field refinement, and the variants that break it. A schema
 * with a refinement that is not listed here gets no variant for it (a test checks that every
 * refined schema is listed).
 */
export const CROSS_FIELD_SCHEMAS: ReadonlySet<z.core.$ZodType> = new Set<z.core.$ZodType>([mmsDataSchema, imessageDataSchema, whatsappDataSchema]);

const MEDIA_HOST = 'https://media.agentphone.ai/';

/** What the hand-written rules need to know about the event being broken. */
export interface RuleContext {
  /** The object schema that accepts the event (`smsEventSchema`, `callEndedEventSchema`, …). */
  readonly eventSchema: { readonly shape: Readonly<Record<string, z.core.$ZodType>> };
  /** Whether the event was selected through a `channel` discriminator (`agent.message`). */
  readonly channelDiscriminated: boolean;
}

/** The shape of the event's `data` schema, if it is an object. */
function dataShape(context: RuleContext): Readonly<Record<string, z.core.$ZodType>> | undefined {
  const schema = context.eventSchema.shape['data'];
  if (schema === undefined) return undefined;
  const node = describeField(schema).node;
  return node.kind === 'object' ? node.shape : undefined;
}

function isRequiredKind(shape: Readonly<Record<string, z.core.$ZodType>> | undefined, key: string, kind: string): boolean {
  const schema = shape?.[key];
  if (schema === undefined) return false;
  const field = describeField(schema);
  return !field.optional && field.node.kind === kind;
}

/** Adds the hand-written variants that belong right after the field at `segments`. */
export function handWrittenAfter(segments: readonly PathKey[], walk: Walk, context: RuleContext): void {
  const path = segments.join('.');
  const base = walk.base;
  const data = base['data'];
  if (path === 'channel' && !context.channelDiscriminated) channelMismatch(walk, context);
  if (path === 'data' && isPlainObject(data)) {
    const shape = dataShape(context);
    if (context.channelDiscriminated && isRequiredKind(shape, 'message', 'string') && shape?.['transcript'] === undefined) {
      // A text channel's envelope carrying a voice turn: `transcript` where `message` belongs.
      const { message, ...rest } = cloneJson(data);
      addVariant(walk.out, {
        name: 'data.voice-turn',
        segments: ['data', 'message'],
        code: 'invalid_type',
        category: 'mismatch',
        description: `an agent.message on ${describeValue(base['channel'])} whose data is a voice turn (transcript, no message)`,
        jsonSchemaRejects: true,
        payload: copyWith(base, ['data'], { ...rest, transcript: message }),
      });
    }
    if (context.channelDiscriminated && isRequiredKind(shape, 'transcript', 'string') && shape?.['message'] === undefined) {
      // The voice envelope carrying a text message: `message` where `transcript` belongs.
      const { transcript, ...rest } = cloneJson(data);
      addVariant(walk.out, {
        name: 'data.text-message',
        segments: ['data', 'transcript'],
        code: 'invalid_type',
        category: 'mismatch',
        description: 'a voice agent.message whose data is a text message (message, no transcript)',
        jsonSchemaRejects: true,
        payload: copyWith(base, ['data'], { ...rest, message: transcript }),
      });
    }
    const dataSchema = context.eventSchema.shape['data'];
    if (dataSchema !== undefined && CROSS_FIELD_SCHEMAS.has(dataSchema)) firstAttachment(walk, data);
  }
  if (path === 'data.transcript' && isRequiredKind(dataShape(context), 'transcript', 'array') && isPlainObject(data)) {
    // agent.call_ended with the transcript of a voice agent.message: one utterance as a string.
    const turns = Array.isArray(data['transcript']) ? (data['transcript'] as unknown[]) : [];
    const said = turns.filter(isPlainObject).map((turn) => turn['content']).filter((c): c is string => typeof c === 'string');
    const utterance = said.at(-1) ?? 'Hello?';
    addVariant(walk.out, {
      name: 'data.transcript.utterance',
      segments: ['data', 'transcript'],
      code: 'invalid_type',
      category: 'mismatch',
      description: `data.transcript is one utterance (${describeValue(utterance)}), as in a voice agent.message, instead of an array of turns`,
      jsonSchemaRejects: true,
      payload: copyWith(base, ['data', 'transcript'], utterance),
    });
  }
}

/** An event that is only sent on some channels, on another AgentPhone channel (a reaction on sms). */
function channelMismatch(walk: Walk, context: RuleContext): void {
  const schema = context.eventSchema.shape['channel'];
  if (schema === undefined) return;
  const node = describeNode(schema);
  if (node.kind !== 'choice') return;
  const other = CHANNELS.find((channel) => !node.values.includes(channel));
  if (other === undefined) return;
  const allowed = node.values.map((v) => JSON.stringify(v)).join(' or ');
  addVariant(walk.out, {
    name: 'channel.mismatch',
    segments: ['channel'],
    code: 'invalid_value',
    category: 'mismatch',
    description: `an ${String(walk.base['event'])} on channel "${other}", which it is never sent on (only ${allowed})`,
    jsonSchemaRejects: true,
    payload: copyWith(walk.base, ['channel'], other),
  });
}

/** `mediaUrl` must be `mediaUrls[0]` (or null when `mediaUrls` is empty): break it both ways. */
function firstAttachment(walk: Walk, data: JsonObject): void {
  const current = typeof data['mediaUrl'] === 'string' ? data['mediaUrl'] : undefined;
  const listed = Array.isArray(data['mediaUrls']) ? (data['mediaUrls'] as unknown[]).filter((u): u is string => typeof u === 'string') : [];
  const urls = listed.length > 0 ? listed : current !== undefined ? [current] : [`${MEDIA_HOST}first-attachment.jpg`];
  const first = urls[0] as string;
  const last = urls.at(-1) as string;
  const notFirst = last !== first ? last : `${MEDIA_HOST}not-the-first-attachment.jpg`;
  addVariant(walk.out, {
    name: 'data.mediaUrl.not-first-attachment',
    segments: ['data', 'mediaUrl'],
    code: 'custom',
    category: 'cross-field',
    description: `data.mediaUrl is ${describeValue(notFirst)}, not data.mediaUrls[0] (${describeValue(first)})`,
    jsonSchemaRejects: false,
    payload: copyWith(walk.base, ['data'], { ...cloneJson(data), mediaUrl: notFirst, mediaUrls: urls }),
  });
  const url = current ?? first;
  addVariant(walk.out, {
    name: 'data.mediaUrl.without-attachments',
    segments: ['data', 'mediaUrl'],
    code: 'custom',
    category: 'cross-field',
    description: `data.mediaUrl is ${describeValue(url)} while data.mediaUrls is empty (it must be null then)`,
    jsonSchemaRejects: false,
    payload: copyWith(walk.base, ['data'], { ...cloneJson(data), mediaUrl: url, mediaUrls: [] }),
  });
}

/**
 * A valid element for an empty array, so its elements' rules get variants too: a
 * `recentHistory` entry on the event's channel at the event's time. Other arrays get none.
 */
export function sampleElement(element: z.core.$ZodType, base: JsonObject): unknown {
  if (element !== historyEntrySchema) return undefined;
  const channel = (CHANNELS as readonly unknown[]).includes(base['channel']) ? base['channel'] : 'sms';
  const entry = { content: 'Hello', direction: 'inbound', channel, at: base['timestamp'] };
  return historyEntrySchema.safeParse(entry).success ? entry : undefined;
}
