/**
 * The hand-written zod schema both benchmarks compare against: what a careful user would write
 * from the AgentPhone docs. Loose objects everywhere (unknown keys kept), a discriminated union on
 * `channel`, the same formats and ranges as the library's schemas.
 */
import * as z from 'zod';

const e164 = z.string().regex(/^\+[1-9]\d{1,14}$/);
const isoTimestamp = z.iso.datetime({ offset: true });
const id = z.string().min(1);
const direction = z.enum(['inbound', 'outbound']);
const channel = z.enum(['sms', 'mms', 'imessage', 'whatsapp', 'voice']);

const historyEntry = z.looseObject({
  content: z.string(),
  direction,
  channel,
  at: isoTimestamp,
  messageId: id.optional(),
  senderIdentifier: z.string().optional(),
});

const envelope = {
  event: z.literal('agent.message'),
  timestamp: isoTimestamp,
  agentId: id,
  conversationState: z.record(z.string(), z.unknown()).nullable(),
  recentHistory: z.array(historyEntry).max(50),
};

export const handSmsEvent = z.looseObject({
  ...envelope,
  channel: z.literal('sms'),
  data: z.looseObject({
    conversationId: id,
    numberId: id,
    from: e164,
    to: e164,
    message: z.string(),
    mediaUrl: z.string().nullable().optional(),
    mediaUrls: z.array(z.string()).optional(),
    messageId: id.optional(),
    contact: z
      .looseObject({ id, name: z.string().nullable(), email: z.string().nullable(), phoneNumber: e164 })
      .nullable()
      .optional(),
    direction,
    receivedAt: isoTimestamp,
  }),
});

export const handVoiceEvent = z.looseObject({
  ...envelope,
  channel: z.literal('voice'),
  data: z.looseObject({
    callId: id,
    numberId: id,
    from: e164,
    to: e164,
    status: z.string().min(1),
    transcript: z.string(),
    confidence: z.number().min(0).max(1),
    direction: z.enum(['inbound', 'outbound', 'web']),
  }),
});

export const handEventSchema = z.discriminatedUnion('channel', [handSmsEvent, handVoiceEvent]);
