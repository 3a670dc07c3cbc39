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
 * The reactions (tapbacks) AgentPhone publishes: `love`, `like`, `dislike`, `laugh`, `emphasize`,
 * `question`.
 *
 * @example
 * ```ts
 * REACTION_TYPES.includes('laugh'); // true
 * ```
 */
export const REACTION_TYPES = ['love', 'like', 'dislike', 'laugh', 'emphasize', 'question'] as const;

/**
 * Channels an `agent.reaction` arrives on: `imessage` (docs) and `whatsapp` (official notes).
 * Never `sms`, `mms` or `voice`.
 *
 * @example
 * ```ts
 * REACTION_CHANNELS.includes('sms'); // false
 * ```
 */
export const REACTION_CHANNELS = ['imessage', 'whatsapp'] as const;

/**
 * A reaction type: one of {@link REACTION_TYPES}.
 *
 * @example
 * ```ts
 * reactionTypeSchema.parse('love');
 * reactionTypeSchema.parse('👍'); // throws: expected one of "love", "like", …
 * ```
 */
export const reactionTypeSchema = z.enum(
  REACTION_TYPES,
  expected(`one of ${REACTION_TYPES.map((t) => `"${t}"`).join(', ')}`),
);

/**
 * `data` of an `agent.reaction` webhook: who reacted (`fromNumber`, not `from`; there is no
 * `to`), how, and the message they reacted to (`messageId`, `messageBody`, `messageMediaUrl`).
 * `conversationId` and `numberId` may be `null`, as the official adapter types them.
 * Unknown extra keys are kept.
 *
 * @example
 * ```ts
 * const { reactionType, messageId } = reactionDataSchema.parse(event.data);
 * ```
 */
export const reactionDataSchema = z.looseObject(
  {
    conversationId: z
      .string(expected('a non-empty ID string or null'))
      .min(1, expected('a non-empty ID string or null'))
      .nullable(),
    numberId: z
      .string(expected('a non-empty ID string or null'))
      .min(1, expected('a non-empty ID string or null'))
      .nullable(),
    reactionType: reactionTypeSchema,
    fromNumber: e164PhoneSchema,
    direction: directionSchema,
    messageId: idSchema,
    messageBody: z.string(expected('a string or null')).nullable(),
    messageMediaUrl: z.string(expected('a URL string or null')).nullable(),
    messageMediaUrls: z.array(z.string(expected('a URL string')), expected('an array of URL strings')).optional(),
    createdAt: isoTimestampSchema,
  },
  expected('an object'),
);

/**
 * A whole `agent.reaction` webhook: someone reacted (a tapback) to a message on `imessage` or
 * `whatsapp`. A reaction on any other channel is rejected at `channel`. `conversationState`
 * and `recentHistory` are optional here: the official adapter's types leave them out of this
 * event.
 *
 * @example
 * ```ts
 * const event = reactionEventSchema.parse(JSON.parse(rawBody));
 * if (event.data.reactionType === 'dislike') await flagForReview(event.data.messageId);
 * ```
 */
export const reactionEventSchema = z.looseObject(
  {
    event: z.literal('agent.reaction', expected('"agent.reaction"')),
    channel: z.enum(
      REACTION_CHANNELS,
      expected('"imessage" or "whatsapp" (agent.reaction is not sent on sms, mms or voice)'),
    ),
    timestamp: isoTimestampSchema,
    agentId: idSchema,
    data: reactionDataSchema,
    conversationState: conversationStateSchema.optional(),
    recentHistory: recentHistorySchema.optional(),
  },
  expected('an object'),
);

/**
 * A reaction type: `'love' | 'like' | 'dislike' | 'laugh' | 'emphasize' | 'question'`.
 *
 * @example
 * ```ts
 * const type: ReactionType = 'like';
 * ```
 */
export type ReactionType = (typeof REACTION_TYPES)[number];
/**
 * A channel an `agent.reaction` arrives on: `'imessage' | 'whatsapp'`.
 *
 * @example
 * ```ts
 * const channel: ReactionChannel = 'imessage';
 * ```
 */
export type ReactionChannel = (typeof REACTION_CHANNELS)[number];
/**
 * `data` of an `agent.reaction` webhook.
 *
 * @example
 * ```ts
 * const { reactionType, fromNumber }: ReactionData = event.data;
 * ```
 */
export type ReactionData = z.infer<typeof reactionDataSchema>;
/**
 * An `agent.reaction` webhook.
 *
 * @example
 * ```ts
 * const event: ReactionEvent = buildReactionEvent({ data: { reactionType: 'laugh' } });
 * ```
 */
export type ReactionEvent = z.infer<typeof reactionEventSchema>;
