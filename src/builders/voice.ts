import type { CallDirection } from '../schemas/primitives.js';
import { voiceEventSchema, type VoiceEvent } from '../schemas/voice.js';
import { Slots, pickTopic } from './conversation-text.js';
import { agentIdentity, eventTime, fixtureRandoms, mergeEventOverrides } from './event-common.js';
import { buildThread } from './history.js';
import { makeId } from './ids.js';
import { resolveOptions, type BuildOptions, type ResolvedOptions } from './options.js';
import { overrideAt, type Overrides } from './overrides.js';
import { customerPhone } from './phones.js';
import { validateFixture } from './validate.js';

/** @internal STT confidence: mostly 0.75–0.99, now and then a poor line. */
export function sttConfidence(r: { next(): number }): number {
  const roll = r.next();
  const value = roll < 0.9 ? 0.75 + r.next() * 0.24 : 0.45 + r.next() * 0.3;
  return Math.round(value * 100) / 100;
}

/** @internal buildVoiceEvent with resolved options and the seed of the agent's identity. */
export function voiceEventWith(overrides: Overrides<VoiceEvent> | undefined, o: ResolvedOptions, identitySeed: number): VoiceEvent {
  const { rand, identity } = fixtureRandoms(o.seed, identitySeed);
  const { timestamp, ms } = eventTime(overrides, o.nowMs);
  const count = o.history ?? rand.stream('history.count').int(0, 4);
  // A reminder call has nothing before the reminder: with more history than that, the call is
  // one the customer placed.
  let topic = pickTopic(rand);
  if (topic.outboundCalls === true && count > 1) topic = pickTopic(rand, 'topic.inbound', (t) => t.outboundCalls !== true);
  const slots = new Slots(rand, identity);
  const { entries, current } = buildThread(rand, slots, topic, 'voice', count, ms);
  const agent = agentIdentity(identity);
  // Customers call in; the agent calls out only where the script has it place the call. An
  // overridden direction decides who is in `from`.
  const overridden = overrideAt(overrides, 'data', 'direction');
  const direction: CallDirection =
    overridden === 'inbound' || overridden === 'outbound' || overridden === 'web'
      ? overridden
      : topic.outboundCalls === true
        ? 'outbound'
        : 'inbound';
  const customer = customerPhone(rand.stream('from'));
  const event: VoiceEvent = {
    event: 'agent.message',
    channel: 'voice',
    timestamp,
    agentId: agent.agentId,
    data: {
      callId: makeId('call', rand.stream('callId')),
      numberId: agent.numberId,
      from: direction === 'outbound' ? agent.agentNumber : customer,
      to: direction === 'outbound' ? customer : agent.agentNumber,
      status: 'in-progress',
      transcript: current,
      confidence: sttConfidence(rand.stream('confidence')),
      direction,
    },
    conversationState: null,
    recentHistory: entries,
  };
  const merged = mergeEventOverrides(event, overrides);
  return o.validate ? validateFixture('buildVoiceEvent', voiceEventSchema, merged) : merged;
}

/**
 * Builds an `agent.message` webhook on the `voice` channel: one transcribed caller utterance on
 * a live call, with the call's earlier turns in `recentHistory` (channel `voice`, seconds apart).
 * Most calls are inbound (`from` is the caller); some (reminder calls) are outbound (`from` is
 * the agent's number).
 *
 * @param overrides Any part of the event; objects merge, arrays replace, `null` sets null.
 * @param options `seed`, `now`, `history` (0–50 entries), `validate`.
 * @returns A valid `VoiceEvent`.
 * @throws {FixtureValidationError} when overrides make the event invalid (unless `validate: false`).
 * @throws {FixtureOptionError} when an option is out of range.
 * @example
 * ```ts
 * const event = buildVoiceEvent({ data: { transcript: 'I want to speak to a human' } }, { seed: 3 });
 * const reply = await handler(event); // { text: '…' }
 * ```
 */
export function buildVoiceEvent(overrides?: Overrides<VoiceEvent>, options?: BuildOptions): VoiceEvent {
  const o = resolveOptions(options);
  return voiceEventWith(overrides, o, o.seed);
}
