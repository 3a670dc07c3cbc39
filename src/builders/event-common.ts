import { Random } from '../random/random.js';
import { isoTimestampSchema } from '../schemas/primitives.js';
import { isoSeconds } from './clock.js';
import { makeId } from './ids.js';
import { mergeOverrides, overrideAt } from './overrides.js';
import { usPhone } from './phones.js';

/**
 * The randomness of one fixture: `rand` for its own fields (under `scope` when given), and
 * `identity` for the agent's (agentId, numberId, number, business), drawn from `identitySeed`
 * so every fixture of one `createFixtures` set shares them.
 * @internal
 */
export function fixtureRandoms(seed: number, identitySeed: number, scope?: string): { rand: Random; identity: Random } {
  const root = new Random(seed);
  return {
    rand: scope === undefined ? root : root.child(scope),
    identity: identitySeed === seed ? root : new Random(identitySeed),
  };
}

/**
 * The event's timestamp: an overridden `timestamp` if it is a valid payload timestamp (kept as
 * written, so `receivedAt` and history follow it exactly), otherwise `now` in whole seconds. A
 * timestamp without a zone is not followed (it would mean another instant in another TZ); the
 * override still lands in the payload, where validation reports it.
 * @internal
 */
export function eventTime(overrides: unknown, nowMs: number): { timestamp: string; ms: number } {
  const overridden = overrideAt(overrides, 'timestamp');
  if (typeof overridden === 'string' && isoTimestampSchema.safeParse(overridden).success) {
    return { timestamp: overridden, ms: Date.parse(overridden) };
  }
  return { timestamp: isoSeconds(nowMs), ms: Math.floor(nowMs / 1000) * 1000 };
}

/** The agent's identity: the same for every fixture of one seed (or one `createFixtures`). @internal */
export function agentIdentity(identity: Random): { agentId: string; numberId: string; agentNumber: string } {
  return {
    agentId: makeId('agt', identity.stream('agentId')),
    numberId: makeId('num', identity.stream('numberId')),
    agentNumber: usPhone(identity.stream('agentNumber')),
  };
}

/**
 * Merges overrides into a built event. `conversationState` is the conversation's whole metadata
 * object (AgentPhone replaces it, never merges it), so an overridden one replaces the seeded one
 * instead of merging into it.
 * @internal
 */
export function mergeEventOverrides<T extends { conversationState?: unknown }>(event: T, overrides: unknown): T {
  const base = overrideAt(overrides, 'conversationState') === undefined ? event : { ...event, conversationState: null };
  return mergeOverrides(base, overrides);
}
