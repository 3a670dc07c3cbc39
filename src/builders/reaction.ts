import { reactionEventSchema, type ReactionEvent, type ReactionType } from '../schemas/reaction.js';
import { Slots, pickTopic, singleLine } from './conversation-text.js';
import { agentIdentity, eventTime, fixtureRandoms } from './event-common.js';
import { makeId } from './ids.js';
import { resolveOptions, type BuildOptions, type ResolvedOptions } from './options.js';
import { mergeOverrides, overrideAt, type Overrides } from './overrides.js';
import { customerPhone } from './phones.js';
import { validateFixture } from './validate.js';

/**
 * Options of {@link buildReactionEvent}: the common ones except `history` (this event carries no
 * `recentHistory` unless you add one through overrides).
 *
 * @example
 * ```ts
 * buildReactionEvent({}, { seed: 2, now: '2026-03-01T09:00:00Z' });
 * ```
 */
export type ReactionOptions = Omit<BuildOptions, 'history'>;

/** How often each tapback is used on a business's reply: mostly like and love. */
const REACTION_WEIGHTS: readonly (readonly [ReactionType, number])[] = [
  ['like', 38],
  ['love', 30],
  ['laugh', 10],
  ['emphasize', 9],
  ['question', 8],
  ['dislike', 5],
];

/** @internal buildReactionEvent with resolved options and the seed of the agent's identity. */
export function reactionEventWith(overrides: Overrides<ReactionEvent> | undefined, o: ResolvedOptions, identitySeed: number): ReactionEvent {
  const { rand, identity } = fixtureRandoms(o.seed, identitySeed);
  const { timestamp } = eventTime(overrides, o.nowMs);
  const topic = pickTopic(rand);
  const slots = new Slots(rand, identity);
  const agent = agentIdentity(identity);
  // An inbound reaction is the customer's tapback on one of the agent's messages; an overridden
  // `outbound` one is the agent's tapback on the customer's message, from the agent's number.
  const outbound = overrideAt(overrides, 'data', 'direction') === 'outbound';
  const event: ReactionEvent = {
    event: 'agent.reaction',
    channel: 'imessage',
    timestamp,
    agentId: agent.agentId,
    data: {
      conversationId: makeId('conv', rand.stream('conversationId')),
      numberId: agent.numberId,
      reactionType: rand.stream('reactionType').weighted(REACTION_WEIGHTS),
      fromNumber: outbound ? agent.agentNumber : customerPhone(rand.stream('from')),
      direction: outbound ? 'outbound' : 'inbound',
      messageId: makeId('msg', rand.stream('messageId')),
      messageBody: singleLine(rand, topic, false, slots, outbound ? 'inbound' : 'outbound'),
      messageMediaUrl: null,
      createdAt: timestamp,
    },
  };
  const merged = mergeOverrides(event, overrides);
  return o.validate ? validateFixture('buildReactionEvent', reactionEventSchema, merged) : merged;
}

/**
 * Builds an `agent.reaction` webhook on `imessage`: a customer's tapback (mostly `like` or
 * `love`, sometimes `laugh`, `emphasize`, `question` or `dislike`) on a message the agent sent
 * in the conversation: `messageId`, `messageBody` (the agent's text) and `messageMediaUrl`
 * (`null`) describe that message. The reacting number is in `fromNumber` (there is no `from` or
 * `to`); `createdAt` equals `timestamp`. `conversationState`, `recentHistory` and
 * `messageMediaUrls` are absent: add them through overrides. Override `channel: 'whatsapp'` for
 * a WhatsApp reaction; any other channel is rejected.
 *
 * @param overrides Any part of the event; objects merge, arrays replace, `null` sets null. A new
 *   `timestamp` also moves `data.createdAt`; `direction: 'outbound'` makes it the agent's
 *   reaction to the customer's message.
 * @param options `seed`, `now`, `validate`.
 * @returns A valid `ReactionEvent`.
 * @throws {FixtureValidationError} when overrides make the event invalid (unless `validate: false`).
 * @throws {FixtureOptionError} when an option is out of range.
 * @example
 * ```ts
 * const event = buildReactionEvent({ data: { reactionType: 'dislike' } }, { seed: 5 });
 * await handler(event); // e.g. flags event.data.messageId for review, answers 200
 * ```
 */
export function buildReactionEvent(overrides?: Overrides<ReactionEvent>, options?: ReactionOptions): ReactionEvent {
  const o = resolveOptions(options);
  return reactionEventWith(overrides, o, o.seed);
}
