import { describe, expect, it } from 'vitest';
import { mergeOverrides } from '../../src/builders/overrides.js';
import { buildSmsEvent, buildVoiceEvent, FixtureValidationError } from '../../src/index.js';

describe('mergeOverrides', () => {
  it('merges objects deeply, replaces arrays, sets null, keeps defaults for undefined', () => {
    const base = { a: { b: 1, c: 2 }, list: [1, 2, 3], keep: 'x', nullable: { y: 1 } as { y: number } | null };
    const merged = mergeOverrides(base, { a: { c: 3 }, list: [9], keep: undefined, nullable: null });
    expect(merged).toEqual({ a: { b: 1, c: 3 }, list: [9], keep: 'x', nullable: null });
    expect(base).toEqual({ a: { b: 1, c: 2 }, list: [1, 2, 3], keep: 'x', nullable: { y: 1 } });
  });

  it('copies override values, so later changes to them do not leak into the fixture', () => {
    const list = [{ n: 1 }];
    const merged = mergeOverrides({ list: [] as { n: number }[] }, { list });
    list[0]!.n = 2;
    expect(merged.list[0]!.n).toBe(1);
  });
});

describe('builder overrides', () => {
  it('merge into data without losing the other fields', () => {
    const plain = buildSmsEvent({}, { seed: 7 });
    const event = buildSmsEvent({ data: { message: 'STOP' } }, { seed: 7 });
    expect(event.data.message).toBe('STOP');
    expect({ ...event.data, message: plain.data.message }).toEqual(plain.data);
    expect(event.recentHistory).toEqual(plain.recentHistory);
  });

  it('replace arrays whole', () => {
    const event = buildSmsEvent({ recentHistory: [] }, { seed: 1, history: 5 });
    expect(event.recentHistory).toEqual([]);
  });

  it('set null where the schema allows it and reject null elsewhere', () => {
    expect(buildSmsEvent({ conversationState: null }, { seed: 2 }).conversationState).toBeNull();
    expect(() => buildSmsEvent({ data: { message: null as unknown as string } }, { seed: 2 })).toThrow(
      /data\.message: expected a string, received null/,
    );
  });

  it('moving timestamp moves receivedAt and keeps history before it', () => {
    const before = buildSmsEvent({}, { seed: 3, history: 4 });
    const timestamp = '2026-06-01T08:30:00Z';
    const moved = buildSmsEvent({ timestamp }, { seed: 3, history: 4 });
    expect(moved.timestamp).toBe(timestamp);
    expect(moved.data.receivedAt).toBe(timestamp);
    const shift = Date.parse(timestamp) - Date.parse(before.timestamp);
    moved.recentHistory.forEach((entry, i) => {
      expect(Date.parse(entry.at)).toBe(Date.parse(before.recentHistory[i]!.at) + shift);
      expect(Date.parse(entry.at)).toBeLessThan(Date.parse(timestamp));
      expect(entry.content).toBe(before.recentHistory[i]!.content);
    });
  });

  it('keeps an explicit receivedAt when both are overridden', () => {
    const event = buildSmsEvent({ timestamp: '2026-06-01T08:30:00Z', data: { receivedAt: '2026-06-01T08:29:59Z' } }, { seed: 3 });
    expect(event.data.receivedAt).toBe('2026-06-01T08:29:59Z');
  });

  it('keeps a timestamp with an offset or milliseconds as written', () => {
    const event = buildVoiceEvent({ timestamp: '2026-06-01T08:30:00.250-04:00' }, { seed: 4, history: 3 });
    expect(event.timestamp).toBe('2026-06-01T08:30:00.250-04:00');
    for (const entry of event.recentHistory) expect(Date.parse(entry.at)).toBeLessThan(Date.parse(event.timestamp));
  });

  it('throw FixtureValidationError naming each failing path', () => {
    let error: unknown;
    try {
      buildVoiceEvent({ data: { from: '555', confidence: 2 } }, { seed: 5 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FixtureValidationError);
    expect((error as FixtureValidationError).message).toMatchInlineSnapshot(`
      "buildVoiceEvent built an invalid payload (2 problems):
        data.from: expected an E.164 phone number (+ then up to 15 digits), received "555"
        data.confidence: expected a number from 0 to 1, received 2"
    `);
    expect((error as FixtureValidationError).problems.map((p) => p.path)).toEqual(['data.from', 'data.confidence']);
  });

  it('build invalid payloads on purpose with validate: false', () => {
    const event = buildSmsEvent({ data: { from: '555' } }, { seed: 6, validate: false });
    expect(event.data.from).toBe('555');
  });

  it('keep extra keys the caller adds', () => {
    const event = buildSmsEvent({ data: { carrier: 'Verizon' } } as never, { seed: 7 });
    expect((event.data as Record<string, unknown>)['carrier']).toBe('Verizon');
  });
});

describe('prototype pollution through overrides', () => {
  const hostile = [
    JSON.parse('{"__proto__": {"polluted": "yes"}}'),
    JSON.parse('{"data": {"__proto__": {"polluted": "yes"}}}'),
    JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
    JSON.parse('{"data": {"constructor": {"prototype": {"polluted": "yes"}}}}'),
    JSON.parse('{"conversationState": {"__proto__": {"polluted": "yes"}, "prototype": {"polluted": "yes"}}}'),
    JSON.parse('{"recentHistory": [{"__proto__": {"polluted": "yes"}}]}'),
  ];

  it.each(hostile)('cannot reach Object.prototype: %j', (overrides) => {
    const event = buildSmsEvent(overrides, { seed: 1, validate: false });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(event.data)).toBe(Object.prototype);
    expect((event as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((event.data as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('overriding direction', () => {
  it('puts the agent number in from for an outbound text, unless from/to are overridden too', () => {
    const inbound = buildSmsEvent({}, { seed: 21 });
    const outbound = buildSmsEvent({ data: { direction: 'outbound' } }, { seed: 21 });
    expect(outbound.data.from).toBe(inbound.data.to);
    expect(outbound.data.to).toBe(inbound.data.from);
    const pinned = buildSmsEvent({ data: { direction: 'outbound', from: '+14155550100' } }, { seed: 21 });
    expect(pinned.data.from).toBe('+14155550100');
  });

  it('puts the caller in from for inbound and web calls, the agent number for outbound calls', () => {
    for (let seed = 0; seed < 40; seed++) {
      const outbound = buildVoiceEvent({ data: { direction: 'outbound' } }, { seed });
      const inbound = buildVoiceEvent({ data: { direction: 'inbound' } }, { seed });
      const web = buildVoiceEvent({ data: { direction: 'web' } }, { seed });
      expect(outbound.data.from).toBe(inbound.data.to);
      expect(outbound.data.to).toBe(inbound.data.from);
      expect(web.data.from).toBe(inbound.data.from);
    }
  });
});

describe('more override rules', () => {
  it('replace conversationState whole (AgentPhone replaces metadata, never merges it)', () => {
    for (let seed = 0; seed < 20; seed++) {
      expect(buildSmsEvent({ conversationState: { step: 2 } }, { seed }).conversationState).toEqual({ step: 2 });
    }
  });

  it('follow only timestamps with a zone: one without is reported, wherever the machine is', () => {
    const event = buildSmsEvent({ timestamp: '2020-05-05T05:05:05' }, { seed: 1, history: 2, validate: false });
    expect(event.recentHistory.every((h) => h.at < '2025-01-15T12:00:00Z')).toBe(true);
    expect(event.recentHistory.every((h) => h.at > '2025-01-01')).toBe(true);
    expect(() => buildSmsEvent({ timestamp: '2020-05-05T05:05:05' }, { seed: 1 })).toThrow(/timestamp: expected an ISO-8601 timestamp with Z or an offset/);
  });

  it('reject cyclic overrides with a clear error', () => {
    const cycle: Record<string, unknown> = { message: 'x' };
    cycle['self'] = cycle;
    expect(() => buildSmsEvent({ data: cycle } as never)).toThrow(
      'Invalid option "overrides": expected plain JSON-like data without cycles (this one contains itself), received an object',
    );
    const list: unknown[] = [];
    list.push(list);
    expect(() => buildSmsEvent({ recentHistory: list } as never)).toThrow(/without cycles/);
  });

  it('write an outbound text as the agent’s reply to the customer line before it', () => {
    for (let seed = 0; seed < 50; seed++) {
      const event = buildSmsEvent({ data: { direction: 'outbound' } }, { seed, history: 3 });
      expect(event.recentHistory.at(-1)!.direction).toBe('inbound');
      const inbound = buildSmsEvent({}, { seed, history: 3 });
      expect(event.data.message).not.toBe(inbound.data.message);
    }
  });
});
