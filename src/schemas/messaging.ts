import * as z from 'zod';
import { recentHistorySchema } from './history.js';
import {
  conversationStateSchema,
  directionSchema,
  e164PhoneSchema,
  expected,
  idSchema,
  isoTimestampSchema,
} from './primitives.js';

/**
 * The sender's saved contact, when AgentPhone knows one (official adapter types).
 *
 * @example
 * ```ts
 * contactSchema.parse({ id: 'contact_abc', name: 'Jane Doe', email: null, phoneNumber: '+15551234567' });
 * ```
 */
export const contactSchema = z.looseObject(
  {
    id: idSchema,
    name: z.string(expected('a string or null')).nullable(),
    email: z.string(expected('a string or null')).nullable(),
    phoneNumber: e164PhoneSchema,
  },
  expected('an object'),
);

/**
 * `data` of an `agent.message` on the `sms` channel. `mediaUrl` is optional because the earlier
 * docs revision omits it; `messageId`, `mediaUrls` and `contact` appear only in the official
 * adapter's types. Unknown extra keys are kept.
 *
 * @example
 * ```ts
 * smsDataSchema.parse(event.data);
 * ```
 */
export const smsDataSchema = z.looseObject(
  {
    conversationId: idSchema,
    numberId: idSchema,
    from: e164PhoneSchema,
    to: e164PhoneSchema,
    message: z.string(expected('a string')),
    mediaUrl: z.string(expected('a URL string or null')).nullable().optional(),
    mediaUrls: z.array(z.string(expected('a URL string')), expected('an array of URL strings')).optional(),
    messageId: idSchema.optional(),
    contact: contactSchema.nullable().optional(),
    direction: directionSchema,
    receivedAt: isoTimestampSchema,
  },
  expected('an object'),
);

/**
 * The envelope fields every `agent.message` carries, whatever the channel.
 * @internal
 */
export const agentMessageEnvelopeShape = {
  event: z.literal('agent.message', expected('"agent.message"')),
  timestamp: isoTimestampSchema,
  agentId: idSchema,
  conversationState: conversationStateSchema,
  recentHistory: recentHistorySchema,
};

/**
 * A whole `agent.message` webhook on the `sms` channel.
 *
 * @example
 * ```ts
 * const event = smsEventSchema.parse(JSON.parse(rawBody));
 * event.data.message; // string
 * ```
 */
export const smsEventSchema = z.looseObject(
  {
    ...agentMessageEnvelopeShape,
    channel: z.literal('sms', expected('"sms"')),
    data: smsDataSchema,
  },
  expected('an object'),
);

/**
 * `data` of an SMS `agent.message`.
 *
 * @example
 * ```ts
 * const data: SmsData = event.data;
 * ```
 */
export type SmsData = z.infer<typeof smsDataSchema>;
/**
 * A saved contact, as the official adapter types it.
 *
 * @example
 * ```ts
 * const contact: Contact = { id: 'contact_abc', name: 'Jane Doe', email: null, phoneNumber: '+15551234567' };
 * ```
 */
export type Contact = z.infer<typeof contactSchema>;
/**
 * An `agent.message` webhook on the `sms` channel.
 *
 * @example
 * ```ts
 * const event: SmsEvent = buildSmsEvent({ data: { message: 'STOP' } });
 * ```
 */
export type SmsEvent = z.infer<typeof smsEventSchema>;
