import { smsEventSchema, type SmsEvent } from '../schemas/messaging.js';
import { Slots, conversationState, pickTopic } from './conversation-text.js';
import { agentIdentity, eventTime, fixtureRandoms } from './event-common.js';
import { buildThread } from './history.js';
import { makeId } from './ids.js';
import { resolveOptions, type BuildOptions, type ResolvedOptions } from './options.js';
import { mergeOverrides, overrideAt, type Overrides } from './overrides.js';
import { customerPhone } from './phones.js';
import { validateFixture } from './validate.js';

/** @internal buildSmsEvent with resolved options and the seed of the agent's identity. */
export function smsEventWith(overrides: Overrides<SmsEvent> | undefined, o: ResolvedOptions, identitySeed: number): SmsEvent {
  const { rand, identity } = fixtureRandoms(o.seed, identitySeed);
  const { timestamp, ms } = eventTime(overrides, o.nowMs);
  const topic = pickTopic(rand);
  const slots = new Slots(rand, identity);
  const count = o.history ?? rand.stream('history.count').int(0, 4);
  const agent = agentIdentity(identity);
  const customer = customerPhone(rand.stream('from'));
  // An overridden direction decides who speaks: an outbound text is the agent's reply, sent from
  // the agent's number.
  const outbound = overrideAt(overrides, 'data', 'direction') === 'outbound';
  const { entries, current } = buildThread(rand, slots, topic, 'sms', count, ms, outbound ? 'outbound' : 'inbound');
  const event: SmsEvent = {
    event: 'agent.message',
    channel: 'sms',
    timestamp,
    agentId: agent.agentId,
    data: {
      conversationId: makeId('conv', rand.stream('conversationId')),
      numberId: agent.numberId,
      from: outbound ? agent.agentNumber : customer,
      to: outbound ? customer : agent.agentNumber,
      message: current,
      mediaUrl: null,
      direction: outbound ? 'outbound' : 'inbound',
      receivedAt: timestamp,
    },
    conversationState: conversationState(rand, topic, slots),
    recentHistory: entries,
  };
  // conversationState is the conversation's whole metadata object (AgentPhone replaces it, never
  // merges it): an override replaces the seeded one instead of merging into it.
  if (overrideAt(overrides, 'conversationState') !== undefined) event.conversationState = null;
  const merged = mergeOverrides(event, overrides);
  return o.validate ? validateFixture('buildSmsEvent', smsEventSchema, merged) : merged;
}

/**
 * Builds an `agent.message` webhook on the `sms` channel: a customer's text to the agent's
 * number, with the conversation's earlier turns in `recentHistory` (oldest first, all before
 * `timestamp`) and, sometimes, a `conversationState`.
 *
 * @param overrides Any part of the event; objects merge, arrays replace, `null` sets null. A new
 *   `timestamp` also moves `data.receivedAt` and keeps history before it.
 * @param options `seed`, `now`, `history` (0–50 entries), `validate`.
 * @returns A valid `SmsEvent`.
 * @throws {FixtureValidationError} when overrides make the event invalid (unless `validate: false`).
 * @throws {FixtureOptionError} when an option is out of range.
 * @example
 * ```ts
 * const event = buildSmsEvent({ data: { message: 'STOP' } }, { seed: 7 });
 * await handler(event);
 * ```
 */
export function buildSmsEvent(overrides?: Overrides<SmsEvent>, options?: BuildOptions): SmsEvent {
  const o = resolveOptions(options);
  return smsEventWith(overrides, o, o.seed);
}
