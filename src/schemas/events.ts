import * as z from 'zod';
import { smsEventSchema } from './messaging.js';
import { voiceEventSchema } from './voice.js';

/**
 * Channels an `agent.message` can arrive on in this version.
 *
 * @example
 * ```ts
 * it.each(AGENT_MESSAGE_CHANNELS)('handles %s', (channel) => handle(buildAgentMessageEvent(channel)));
 * ```
 */
export const AGENT_MESSAGE_CHANNELS = ['sms', 'voice'] as const;

/**
 * An `agent.message` webhook on any supported channel, discriminated on `channel`.
 *
 * @example
 * ```ts
 * const event = agentMessageEventSchema.parse(body);
 * if (event.channel === 'voice') event.data.transcript; else event.data.message;
 * ```
 */
export const agentMessageEventSchema = z.discriminatedUnion('channel', [smsEventSchema, voiceEventSchema], {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `expected channel ${AGENT_MESSAGE_CHANNELS.map((c) => `"${c}"`).join(' or ')}`
      : 'expected an object',
});

/**
 * Every webhook event this version understands (today: `agent.message` on `sms` and `voice`).
 * `parseWebhookEvent` validates against it.
 *
 * @example
 * ```ts
 * const result = webhookEventSchema.safeParse(body);
 * ```
 */
export const webhookEventSchema = agentMessageEventSchema;

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
 * A channel an `agent.message` can arrive on: `'sms' | 'voice'`.
 *
 * @example
 * ```ts
 * const channel: AgentMessageChannel = 'voice';
 * ```
 */
export type AgentMessageChannel = (typeof AGENT_MESSAGE_CHANNELS)[number];
