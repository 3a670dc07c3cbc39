import * as z from 'zod';

/**
 * Builds the `{ error }` parameter every schema here uses: the message is the expectation in
 * words, prefixed with "expected ", so Zod's own messages read well and our formatter can pull
 * the phrase out.
 * @internal
 */
export function expected(text: string): { error: string } {
  return { error: `expected ${text}` };
}

/**
 * E.164: `+`, then up to 15 digits, no leading zero.
 *
 * @example
 * ```ts
 * E164_PATTERN.test('+15551234567'); // true
 * ```
 */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;

/**
 * A phone number in E.164 form (`+15551234567`): `+`, a non-zero digit, then up to 14 more digits.
 *
 * @example
 * ```ts
 * e164PhoneSchema.parse('+15551234567'); // ok
 * e164PhoneSchema.parse('555-1234');      // throws: expected an E.164 phone number
 * ```
 */
export const e164PhoneSchema = z
  .string(expected('an E.164 phone number (+ then up to 15 digits)'))
  .regex(E164_PATTERN, expected('an E.164 phone number (+ then up to 15 digits)'));

/**
 * An ISO-8601 date-time with `Z` or a numeric offset, with or without fractional seconds
 * (`2025-01-15T12:00:00Z`, `2025-01-15T12:00:00.000Z`, `2025-01-15T07:00:00-05:00`).
 *
 * @example
 * ```ts
 * isoTimestampSchema.parse('2025-01-15T12:00:00Z');
 * ```
 */
export const isoTimestampSchema = z
  .string(expected('an ISO-8601 timestamp'))
  .check(z.iso.datetime({ offset: true, ...expected('an ISO-8601 timestamp with Z or an offset') }));

/**
 * An opaque, non-empty identifier. AgentPhone's prefixes (`agt_` vs `agent_`, `num_` vs `pn_`)
 * differ between its own docs, so IDs are not checked beyond being non-empty strings.
 *
 * @example
 * ```ts
 * idSchema.parse('agt_abc123');
 * ```
 */
export const idSchema = z.string(expected('a non-empty ID string')).min(1, expected('a non-empty ID string'));

/**
 * Message direction: `inbound` (from the customer) or `outbound` (from the agent).
 *
 * @example
 * ```ts
 * directionSchema.parse('inbound');
 * ```
 */
export const directionSchema = z.enum(['inbound', 'outbound'], expected('"inbound" or "outbound"'));

/**
 * Voice call direction: `inbound`, `outbound`, or `web` (browser calls).
 *
 * @example
 * ```ts
 * callDirectionSchema.parse('web');
 * ```
 */
export const callDirectionSchema = z.enum(['inbound', 'outbound', 'web'], expected('"inbound", "outbound" or "web"'));

/**
 * Every channel AgentPhone names.
 *
 * @example
 * ```ts
 * CHANNELS.includes('whatsapp'); // true
 * ```
 */
export const CHANNELS = ['sms', 'mms', 'imessage', 'whatsapp', 'voice'] as const;

/**
 * Any AgentPhone channel: `sms`, `mms`, `imessage`, `whatsapp` or `voice`. History entries carry
 * their own channel, so this is open to all five.
 *
 * @example
 * ```ts
 * channelSchema.parse('voice');
 * ```
 */
export const channelSchema = z.enum(CHANNELS, expected(`one of ${CHANNELS.map((c) => `"${c}"`).join(', ')}`));

/**
 * `conversationState`: the free-form JSON object stored as the conversation's metadata, or `null`.
 *
 * @example
 * ```ts
 * conversationStateSchema.parse({ orderId: 'ORD-12345' });
 * conversationStateSchema.parse(null);
 * ```
 */
export const conversationStateSchema = z
  .record(z.string(), z.unknown(), expected('an object or null'))
  .nullable();

/**
 * `inbound` (from the customer) or `outbound` (from the agent).
 *
 * @example
 * ```ts
 * const direction: Direction = 'inbound';
 * ```
 */
export type Direction = z.infer<typeof directionSchema>;
/**
 * Call direction: `inbound`, `outbound` or `web`.
 *
 * @example
 * ```ts
 * const direction: CallDirection = 'web';
 * ```
 */
export type CallDirection = z.infer<typeof callDirectionSchema>;
/**
 * Any AgentPhone channel.
 *
 * @example
 * ```ts
 * const channel: Channel = 'imessage';
 * ```
 */
export type Channel = z.infer<typeof channelSchema>;
/**
 * The echoed conversation metadata, or `null`.
 *
 * @example
 * ```ts
 * const state: ConversationState = { orderId: 'ORD-12345' };
 * ```
 */
export type ConversationState = z.infer<typeof conversationStateSchema>;
