import { describe, expect, it } from 'vitest';
import { buildCallEndedEvent } from '../../src/builders/call-ended.js';
import { buildSmsEvent } from '../../src/builders/sms.js';
import { buildVoiceEvent } from '../../src/builders/voice.js';
import { FixtureOptionError, FixtureValidationError } from '../../src/errors.js';
import { callEndedEventSchema, type CallEndedEvent } from '../../src/schemas/call-ended.js';

const SEEDS = 10_000;

/** What the schema checks only loosely (±1 s) or not at all, checked exactly. */
function checkCall(event: CallEndedEvent): void {
  const { data } = event;
  const where = `${data.callId}`;
  if (data.endedAt !== event.timestamp) throw new Error(`${where}: endedAt ${data.endedAt} is not the timestamp ${event.timestamp}`);
  const elapsed = (Date.parse(data.endedAt) - Date.parse(data.startedAt)) / 1000;
  if (elapsed !== data.durationSeconds) throw new Error(`${where}: duration ${data.durationSeconds} s, endedAt − startedAt ${elapsed} s`);
  const turns = data.transcript.length;
  if (turns < 2 || turns > 60) throw new Error(`${where}: ${turns} turns`);
  data.transcript.forEach((turn, i) => {
    const role = i % 2 === 0 ? 'agent' : 'user';
    if (turn.role !== role) throw new Error(`${where}: turn ${i} is ${turn.role}, expected ${role} (agent greets, then they alternate)`);
    if (turn.content.trim() === '' || /[{}]/.test(turn.content)) throw new Error(`${where}: turn ${i} reads ${JSON.stringify(turn.content)}`);
  });
  // About 8–20 s a turn, plus a few seconds to connect and hang up.
  if (data.durationSeconds < 8 * turns || data.durationSeconds > 20 * turns + 7) {
    throw new Error(`${where}: ${data.durationSeconds} s for ${turns} turns`);
  }
}

describe('buildCallEndedEvent over 10,000 seeds', () => {
  it('always passes its schema, with a whole call that adds up', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const event = buildCallEndedEvent({}, { seed });
      callEndedEventSchema.parse(event);
      checkCall(event);
    }
  });

  it('builds exactly `turns` turns for every count 2–60, with an arbitrary now', () => {
    for (let turns = 2; turns <= 60; turns++) {
      for (const seed of [turns, turns * 7919, -turns]) {
        const event = buildCallEndedEvent({}, { seed, turns, now: '2031-07-04T23:59:59.999Z' });
        callEndedEventSchema.parse(event);
        expect(event.data.transcript).toHaveLength(turns);
        expect(event.timestamp).toBe('2031-07-04T23:59:59Z');
        checkCall(event);
        // Odd counts end on the agent, even ones on the caller (who hung up).
        expect(event.data.transcript.at(-1)!.role).toBe(turns % 2 === 1 ? 'agent' : 'user');
      }
    }
  });
});

describe('buildCallEndedEvent realism', () => {
  const N = 3_000;
  const calls = Array.from({ length: N }, (_, seed) => buildCallEndedEvent({}, { seed }));

  it('emits the documented fields and nothing that must be opted into', () => {
    for (const e of calls) {
      expect(Object.keys(e).sort()).toEqual(['agentId', 'channel', 'data', 'event', 'timestamp']);
      expect(Object.keys(e.data).sort()).toEqual(
        [
          'callId', 'callSuccessful', 'direction', 'disconnectionReason', 'durationSeconds', 'endedAt', 'from', 'numberId',
          'startedAt', 'status', 'summary', 'to', 'transcript', 'userSentiment',
        ].sort(),
      );
      expect(e.data.status).toBe('completed');
      expect(e.agentId).toMatch(/^agt_[a-z0-9]{12}$/);
      expect(e.data.callId).toMatch(/^call_[a-z0-9]{12}$/);
      expect(e.data.numberId).toMatch(/^num_[a-z0-9]{12}$/);
    }
  });

  it('varies call length: mostly whole scripts, some cut short, a few long calls', () => {
    const lengths = calls.map((e) => e.data.transcript.length);
    expect(Math.min(...lengths)).toBe(2);
    expect(Math.max(...lengths)).toBeGreaterThan(15);
    const typical = lengths.filter((n) => n >= 3 && n <= 9).length / N;
    expect(typical).toBeGreaterThan(0.6);
    expect(new Set(calls.map((e) => e.data.transcript[1]!.content)).size).toBeGreaterThan(20);
  });

  it('makes most calls inbound (caller in from) and some outbound reminder calls (agent number in from)', () => {
    const inbound = calls.filter((e) => e.data.direction === 'inbound').length / N;
    expect(inbound).toBeGreaterThan(0.85);
    expect(inbound).toBeLessThan(0.995);
    for (const e of calls.filter((c) => c.data.direction === 'outbound')) {
      expect(e.data.transcript[0]!.content).toMatch(/calling with a reminder/);
      expect(e.data.transcript.length).toBeLessThanOrEqual(3);
    }
  });

  it('ends calls for reasons that fit the last turn', () => {
    const reasons = new Set(calls.map((e) => e.data.disconnectionReason));
    expect([...reasons].sort()).toEqual(['agent_hangup', 'call_transfer', 'user_hangup', null].sort());
    for (const e of calls) {
      const last = e.data.transcript.at(-1)!;
      if (e.data.disconnectionReason === 'call_transfer') expect(last.content).toMatch(/transfer/i);
      if (last.role === 'user') expect([null, 'user_hangup']).toContain(e.data.disconnectionReason);
    }
  });

  it('gives most calls a post-call analysis (capitalised sentiment) and some none', () => {
    const analysed = calls.filter((e) => e.data.summary !== null);
    expect(analysed.length / N).toBeGreaterThan(0.8);
    expect(analysed.length / N).toBeLessThan(0.95);
    for (const e of calls) {
      if (e.data.summary === null) {
        expect(e.data.userSentiment).toBeNull();
        expect(e.data.callSuccessful).toBeNull();
      } else {
        expect(e.data.summary).toMatch(/^[A-Z][^.{}]*\.$/);
        expect(['Positive', 'Neutral', 'Negative']).toContain(e.data.userSentiment);
        expect(typeof e.data.callSuccessful).toBe('boolean');
      }
    }
    const sentiments = new Set(analysed.map((e) => e.data.userSentiment));
    expect(sentiments.size).toBe(3);
    expect(analysed.filter((e) => e.data.callSuccessful === true).length / analysed.length).toBeGreaterThan(0.6);
  });
});

describe('buildCallEndedEvent overrides', () => {
  it('moving timestamp moves endedAt and startedAt, keeping the duration and the call', () => {
    const before = buildCallEndedEvent({}, { seed: 3 });
    const timestamp = '2026-06-01T08:30:00Z';
    const moved = buildCallEndedEvent({ timestamp }, { seed: 3 });
    expect(moved.data.endedAt).toBe(timestamp);
    expect(moved.data.durationSeconds).toBe(before.data.durationSeconds);
    expect(Date.parse(moved.data.startedAt)).toBe(Date.parse(timestamp) - before.data.durationSeconds * 1000);
    expect(moved.data.transcript).toEqual(before.data.transcript);
  });

  it('keeps a timestamp with an offset or milliseconds as written', () => {
    const event = buildCallEndedEvent({ timestamp: '2026-06-01T08:30:00.250-04:00' }, { seed: 4 });
    expect(event.timestamp).toBe('2026-06-01T08:30:00.250-04:00');
    expect(event.data.endedAt).toBe(event.timestamp);
    const elapsed = (Date.parse(event.data.endedAt) - Date.parse(event.data.startedAt)) / 1000;
    expect(Math.floor(elapsed)).toBe(event.data.durationSeconds);
  });

  it('moves startedAt for a new duration, and the duration for a new startedAt', () => {
    const longer = buildCallEndedEvent({ data: { durationSeconds: 600 } }, { seed: 5 });
    expect(longer.data.startedAt).toBe('2025-01-15T11:50:00Z');
    const started = buildCallEndedEvent({ data: { startedAt: '2025-01-15T11:45:30Z' } }, { seed: 5 });
    expect(started.data.durationSeconds).toBe(870);
    const ended = buildCallEndedEvent({ data: { endedAt: '2025-01-15T11:59:00Z', durationSeconds: 60 } }, { seed: 5 });
    expect(ended.timestamp).toBe('2025-01-15T12:00:00Z');
    expect(ended.data.startedAt).toBe('2025-01-15T11:58:00Z');
  });

  it('replaces the transcript whole, and times the call from it', () => {
    const transcript = [
      { role: 'agent' as const, content: 'Hello, how can I help?' },
      { role: 'user' as const, content: 'Wrong number, sorry' },
    ];
    const event = buildCallEndedEvent({ data: { transcript } }, { seed: 6, turns: 20 });
    expect(event.data.transcript).toEqual(transcript);
    expect(event.data.durationSeconds).toBeLessThanOrEqual(2 * 20 + 7);
    checkCall(event);
    expect(buildCallEndedEvent({ data: { transcript: [] } }, { seed: 6 }).data.transcript).toEqual([]);
  });

  it('gives a web call no numberId, and an outbound call the agent number in from', () => {
    const inbound = buildCallEndedEvent({ data: { direction: 'inbound' } }, { seed: 7 });
    const web = buildCallEndedEvent({ data: { direction: 'web' } }, { seed: 7 });
    expect(web.data.numberId).toBeNull();
    expect(web.data.to).toBe(inbound.data.to);
    const outbound = buildCallEndedEvent({ data: { direction: 'outbound' } }, { seed: 7 });
    expect(outbound.data.from).toBe(inbound.data.to);
    expect(outbound.data.to).toBe(inbound.data.from);
  });

  it('adds the optional fields when asked', () => {
    const recentHistory = [{ content: 'Hello', direction: 'outbound' as const, channel: 'voice' as const, at: '2025-01-15T11:58:00Z' }];
    const contact = { id: 'contact_abc', name: 'Jane Doe', email: null, phoneNumber: '+15551234567' };
    const event = buildCallEndedEvent({ conversationState: { vip: true }, recentHistory, data: { contact } }, { seed: 8 });
    expect(event.conversationState).toEqual({ vip: true });
    expect(event.recentHistory).toEqual(recentHistory);
    expect(event.data.contact).toEqual(contact);
  });

  it('rejects a string transcript (the voice agent.message shape) naming data.transcript', () => {
    let error: unknown;
    try {
      buildCallEndedEvent({ data: { transcript: 'I need help with my order' as never } }, { seed: 9 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FixtureValidationError);
    expect((error as FixtureValidationError).message).toMatchInlineSnapshot(`
      "buildCallEndedEvent built an invalid payload (1 problem):
        data.transcript: expected an array of { role, content } turns (a string transcript belongs to voice agent.message), received "I need help with my order""
    `);
    const unchecked = buildCallEndedEvent({ data: { transcript: 'x' as never } }, { seed: 9, validate: false });
    expect(unchecked.data.transcript).toBe('x');
  });

  it('keeps an inconsistent pair set by hand as given (the schema does not cross-check timing)', () => {
    const event = buildCallEndedEvent({ data: { startedAt: '2025-01-15T11:00:00Z', durationSeconds: 5 } }, { seed: 10 });
    expect(event.data.durationSeconds).toBe(5);
    expect(event.data.startedAt).toBe('2025-01-15T11:00:00Z');
  });

  it('checks the turns option', () => {
    for (const turns of [1, 61, 2.5, '3', Number.NaN]) {
      expect(() => buildCallEndedEvent({}, { turns: turns as number })).toThrow(FixtureOptionError);
    }
    expect(() => buildCallEndedEvent({}, { turns: 0 })).toThrow('Invalid option "turns": expected an integer from 2 to 60, received 0');
  });
});

describe('buildCallEndedEvent determinism', () => {
  it('gives deep-equal output for the same seed and options', () => {
    for (const seed of [0, 1, 42, -7, 2 ** 40]) {
      expect(buildCallEndedEvent({}, { seed, turns: 11 })).toEqual(buildCallEndedEvent({}, { seed, turns: 11 }));
      expect(buildCallEndedEvent({}, { seed })).toEqual(buildCallEndedEvent({}, { seed }));
    }
    expect(buildCallEndedEvent({}, { seed: 1 })).not.toEqual(buildCallEndedEvent({}, { seed: 2 }));
  });

  it('does not depend on what was built before', () => {
    const alone = buildCallEndedEvent({}, { seed: 123 });
    const long = buildCallEndedEvent({}, { seed: 123, turns: 60 });
    for (let seed = 0; seed < 200; seed++) {
      buildVoiceEvent({}, { seed });
      buildSmsEvent({}, { seed, history: seed % 10 });
      buildCallEndedEvent({}, { seed, turns: 2 + (seed % 59) });
    }
    expect(buildCallEndedEvent({}, { seed: 123 })).toEqual(alone);
    expect(buildCallEndedEvent({}, { seed: 123, turns: 60 })).toEqual(long);
  });

  it('starts a longer call like the shorter one of the same seed', () => {
    const short = buildCallEndedEvent({}, { seed: 11, turns: 3 });
    const long = buildCallEndedEvent({}, { seed: 11, turns: 9 });
    expect(long.data.transcript.slice(0, 3)).toEqual(short.data.transcript);
  });
});
