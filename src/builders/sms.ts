import { smsEventSchema, type SmsEvent } from '../schemas/messaging.js';
import { conversationState } from './conversation-text.js';
import { mergeEventOverrides } from './event-common.js';
import { makeId } from './ids.js';
import { messagingBase } from './messaging-channels.js';
import { resolveOptions, type BuildOptions, type ResolvedOptions } from './options.js';
import type { Overrides } from './overrides.js';
import { validateFixture } from './validate.js';

/** @internal buildSmsEvent with resolved options and the seed of the agent's identity. */
export function smsEventWith(overrides: Overrides<SmsEvent> | undefined, o: ResolvedOptions, identitySeed: number): SmsEvent {
  const b = messagingBase('sms', overrides, o, identitySeed);
  const event: SmsEvent = {
    event: 'agent.message',
    channel: 'sms',
    timestamp: b.timestamp,
    agentId: b.agentId,
    data: {
      conversationId: makeId('conv', b.rand.stream('conversationId')),
      numberId: b.numberId,
      from: b.from,
      to: b.to,
      message: b.current,
      mediaUrl: null,
      direction: b.direction,
      receivedAt: b.timestamp,
    },
    conversationState: conversationState(b.rand, b.topic, b.slots),
    recentHistory: b.entries,
  };
  const merged = mergeEventOverrides(event, overrides);
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
