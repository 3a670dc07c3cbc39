import type { Random } from '../random/random.js';
import { isoSeconds } from './clock.js';
import { makeId } from './ids.js';
import { overrideAt } from './overrides.js';
import { usPhone } from './phones.js';

/**
 * The event's timestamp: an overridden `timestamp` if it parses (kept as written, so
 * `receivedAt` and history follow it exactly), otherwise `now` in whole seconds.
 * @internal
 */
export function eventTime(overrides: unknown, nowMs: number): { timestamp: string; ms: number } {
  const overridden = overrideAt(overrides, 'timestamp');
  if (typeof overridden === 'string') {
    const ms = Date.parse(overridden);
    if (!Number.isNaN(ms)) return { timestamp: overridden, ms };
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
