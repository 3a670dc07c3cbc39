import * as z from 'zod';
import { callEndedEventSchema } from './call-ended.js';
import { imessageEventSchema, mmsEventSchema, whatsappEventSchema } from './channels.js';
import { smsEventSchema } from './messaging.js';
import { reactionEventSchema } from './reaction.js';
import { voiceEventSchema } from './voice.js';

/**
 * Channels an `agent.message` can arrive on in this version.
 *
 * @example
 * ```ts
 * it.each(AGENT_MESSAGE_CHANNELS)('handles %s', (channel) => handle(buildAgentMessageEvent(channel)));
 * ```
 */
export const AGENT_MESSAGE_CHANNELS = ['sms', 'mms', 'imessage', 'whatsapp', 'voice'] as const;

/** "a", "b" or "c". */
function choices(values: readonly string[]): string {
  const quoted = values.map((v) => `"${v}"`);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/**
 * An `agent.message` webhook on any supported channel, discriminated on `channel`.
 *
 * @example
 * ```ts
 * const event = agentMessageEventSchema.parse(body);
 * if (event.channel === 'voice') event.data.transcript; else event.data.message;
 * ```
 */
export const agentMessageEventSchema = z.discriminatedUnion(
  'channel',
  [smsEventSchema, mmsEventSchema, imessageEventSchema, whatsappEventSchema, voiceEventSchema],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? `expected channel ${choices(AGENT_MESSAGE_CHANNELS)}` : 'expected an object',
  },
);

/**
 * Every `event` this version models.
 *
 * @example
 * ```ts
 * WEBHOOK_EVENTS.includes(body.event); // false for events newer than this version
 * ```
 */
export const WEBHOOK_EVENTS = ['agent.message', 'agent.call_ended', 'agent.reaction'] as const;

/**
 * Every webhook event this version understands, discriminated on `event` (and, for
 * `agent.message`, on `channel`): agent.message on sms, mms, imessage, whatsapp and voice,
 * agent.call_ended and agent.reaction. `parseWebhookEvent` validates against it.
 *
 * @example
 * ```ts
 * const result = webhookEventSchema.safeParse(body);
 * ```
 */
export const webhookEventSchema = z.discriminatedUnion('event', [agentMessageEventSchema, callEndedEventSchema, reactionEventSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? `expected event ${choices(WEBHOOK_EVENTS)}` : 'expected an object'),
});

/**
 * An `agent.message` webhook on any supported channel; narrow on `channel`.
 *
 * @example
 * ```ts
 * function text(event: AgentMessageEvent) {
 *   return event.channel === 'voice' ? event.data.transcript : event.data.message;
 * }
 * ```
 */
export type AgentMessageEvent = z.infer<typeof agentMessageEventSchema>;
/**
 * Any webhook event this version understands (what `parseWebhookEvent` returns).
 *
 * @example
 * ```ts
 * const event: WebhookEvent = parseWebhookEvent(req.body);
 * ```
 */
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
/**
 * A channel an `agent.message` can arrive on: `'sms' | 'mms' | 'imessage' | 'whatsapp' | 'voice'`.
 *
 * @example
 * ```ts
 * const channel: AgentMessageChannel = 'voice';
 * ```
 */
export type AgentMessageChannel = (typeof AGENT_MESSAGE_CHANNELS)[number];

/** An `event` value this version models. @example `const name: WebhookEventName = 'agent.reaction';` */
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

/**
 * True for an `agent.message` event (any channel).
 *
 * @example
 * ```ts
 * if (isAgentMessage(event)) console.log(event.channel);
 * ```
 */
export function isAgentMessage(event: WebhookEvent): event is AgentMessageEvent {
  return event.event === 'agent.message';
}

/**
 * True for a voice `agent.message`: a caller's utterance that your answer drives.
 *
 * @example
 * ```ts
 * if (isVoice(event)) return Response.json({ text: reply(event.data.transcript) });
 * ```
 */
export function isVoice(event: WebhookEvent): event is Extract<AgentMessageEvent, { channel: 'voice' }> {
  return event.event === 'agent.message' && event.channel === 'voice';
}

/**
 * True for `agent.call_ended`.
 *
 * @example
 * ```ts
 * if (isCallEnded(event)) await saveTranscript(event.data.transcript);
 * ```
 */
export function isCallEnded(event: WebhookEvent): event is Extract<WebhookEvent, { event: 'agent.call_ended' }> {
  return event.event === 'agent.call_ended';
}

/**
 * True for `agent.reaction`.
 *
 * @example
 * ```ts
 * if (isReaction(event)) console.log(event.data.reactionType);
 * ```
 */
export function isReaction(event: WebhookEvent): event is Extract<WebhookEvent, { event: 'agent.reaction' }> {
  return event.event === 'agent.reaction';
}
