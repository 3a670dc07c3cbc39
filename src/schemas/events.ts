import * as z from 'zod';
import { smsEventSchema } from './messaging.js';
import { voiceEventSchema } from './voice.js';

/** Channels an `agent.message` can arrive on in this version. */
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

/** An `agent.message` webhook on any supported channel. */
export type AgentMessageEvent = z.infer<typeof agentMessageEventSchema>;
/** Any webhook event this version understands. */
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
/** A channel an `agent.message` can arrive on. */
export type AgentMessageChannel = (typeof AGENT_MESSAGE_CHANNELS)[number];
