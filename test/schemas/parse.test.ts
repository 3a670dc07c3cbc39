import { describe, expect, it } from 'vitest';
import {
  WebhookPayloadError,
  parseWebhookEvent,
  safeParseWebhookEvent,
} from '../../src/schemas/index.js';
import { buildSmsEvent, buildVoiceEvent } from '../../src/index.js';

function problemsOf(input: unknown): string[] {
  const result = safeParseWebhookEvent(input);
  if (result.success) throw new Error('expected a failure');
  return result.error.problems.map((p) => p.message);
}

describe('parseWebhookEvent', () => {
  it('returns a typed sms event, narrowing on channel', () => {
    const event = parseWebhookEvent(buildSmsEvent({}, { seed: 1 }));
    expect(event.channel).toBe('sms');
    if (event.channel === 'sms') expect(typeof event.data.message).toBe('string');
  });

  it('returns a typed voice event', () => {
    const event = parseWebhookEvent(buildVoiceEvent({}, { seed: 1 }));
    expect(event.channel === 'voice' && event.data.confidence).toBeGreaterThan(0);
  });

  it('keeps unknown extra keys at every level', () => {
    const input = buildSmsEvent({}, { seed: 2, history: 1 }) as Record<string, unknown>;
    const extended = {
      ...input,
      newTopLevel: { nested: true },
      data: { ...(input['data'] as object), carrier: 'T-Mobile' },
      recentHistory: [{ ...(input['recentHistory'] as object[])[0], sentiment: 'positive' }],
    };
    expect(parseWebhookEvent(extended)).toEqual(extended);
  });

  it('lists every problem as "path: expected …, received …"', () => {
    const event = buildSmsEvent({}, { seed: 3, history: 1 });
    const broken = {
      ...event,
      timestamp: 'yesterday',
      data: { ...event.data, from: '555-1234', direction: 'sideways' },
      recentHistory: [{ ...event.recentHistory[0], at: 12 }],
    };
    expect(() => parseWebhookEvent(broken)).toThrow(WebhookPayloadError);
    try {
      parseWebhookEvent(broken);
    } catch (error) {
      expect((error as Error).message).toMatchInlineSnapshot(`
        "Invalid AgentPhone webhook payload (4 problems):
          timestamp: expected an ISO-8601 timestamp with Z or an offset, received "yesterday"
          recentHistory[0].at: expected an ISO-8601 timestamp, received 12
          data.from: expected an E.164 phone number (+ then up to 15 digits), received "555-1234"
          data.direction: expected "inbound" or "outbound", received "sideways""
      `);
      expect((error as WebhookPayloadError).code).toBe('invalid_payload');
      expect((error as WebhookPayloadError).name).toBe('WebhookPayloadError');
    }
  });

  it('reports missing fields as missing', () => {
    const { data, ...rest } = buildVoiceEvent({}, { seed: 4 });
    const { confidence: _c, ...partial } = data;
    expect(problemsOf({ ...rest, data: partial })).toEqual(['data.confidence: expected a number from 0 to 1, received missing']);
    expect(problemsOf({ ...rest })).toEqual(['data: expected an object, received missing']);
  });

  it('reports an unknown channel with the allowed values', () => {
    const event = buildSmsEvent({}, { seed: 5 });
    expect(problemsOf({ ...event, channel: 'fax' })).toEqual(['channel: expected channel "sms", "mms", "imessage", "whatsapp" or "voice", received "fax"']);
    expect(problemsOf({ ...event, channel: undefined })).toEqual(['channel: expected channel "sms", "mms", "imessage", "whatsapp" or "voice", received missing']);
  });

  it('rejects voice data on an sms event (channel/data mismatch)', () => {
    const sms = buildSmsEvent({}, { seed: 6 });
    const voice = buildVoiceEvent({}, { seed: 6 });
    const problems = problemsOf({ ...sms, data: voice.data });
    expect(problems).toContain('data.conversationId: expected a non-empty ID string, received missing');
    expect(problems).toContain('data.message: expected a string, received missing');
  });

  it('rejects confidence outside 0–1 and history longer than 50', () => {
    const voice = buildVoiceEvent({}, { seed: 8, history: 1 });
    expect(problemsOf({ ...voice, data: { ...voice.data, confidence: 1.2 } })).toEqual([
      'data.confidence: expected a number from 0 to 1, received 1.2',
    ]);
    const entry = voice.recentHistory[0];
    expect(problemsOf({ ...voice, recentHistory: Array.from({ length: 51 }, () => entry) })).toEqual([
      'recentHistory: expected at most 50 history entries, received 51 entries',
    ]);
  });

  it('accepts timestamps with offsets and fractional seconds, rejects dates without time', () => {
    const sms = buildSmsEvent({}, { seed: 9 });
    for (const ts of ['2025-01-15T12:00:00.123Z', '2025-01-15T07:00:00-05:00', '2025-01-15T12:00:00+00:00']) {
      expect(safeParseWebhookEvent({ ...sms, timestamp: ts }).success, ts).toBe(true);
    }
    for (const ts of ['2025-01-15', '2025-01-15 12:00:00', '2025-13-15T12:00:00Z', '2025-01-15T12:00:00']) {
      expect(safeParseWebhookEvent({ ...sms, timestamp: ts }).success, ts).toBe(false);
    }
  });

  it('truncates huge received values in messages', () => {
    const sms = buildSmsEvent({}, { seed: 10 });
    const huge = 'x'.repeat(1_000_000);
    const [problem] = problemsOf({ ...sms, agentId: 5, data: { ...sms.data, from: huge } }).filter((p) => p.startsWith('data.from'));
    expect(problem).toBeDefined();
    expect(problem!.length).toBeLessThan(200);
    expect(problem).toContain('(1000000 characters)');
  });

  it('asks about a body parser when given undefined (req.body without one)', () => {
    expect(problemsOf(undefined)).toEqual(['(root): expected an object (is a JSON body parser installed?), received undefined']);
  });

  it('tells the caller to parse JSON first when given a string or bytes', () => {
    const raw = JSON.stringify(buildSmsEvent({}, { seed: 11 }));
    expect(problemsOf(raw)[0]).toMatch(/^\(root\): expected an object \(parse the JSON body first\), received "\{/);
    expect(problemsOf(Buffer.from(raw))[0]).toMatch(/received \d+ bytes$/);
  });

  const garbage: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['an array', [1, 2, 3]],
    ['an empty object', {}],
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
    ['a bigint', 10n],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['an object with null prototype', Object.create(null) as object],
    ['a megabyte string', 'x'.repeat(1 << 20)],
    ['deeply nested arrays', JSON.parse('['.repeat(5000) + ']'.repeat(5000)) as unknown],
    ['deeply nested objects in data', { event: 'agent.message', channel: 'sms', data: nest(3000) }],
    ['a throwing getter', Object.defineProperty({}, 'event', { get: () => { throw new Error('boom'); }, enumerable: true })],
    ['a revoked proxy', (() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })()],
  ];

  it.each(garbage)('throws only WebhookPayloadError for %s', (_, input) => {
    let thrown: unknown;
    try {
      parseWebhookEvent(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WebhookPayloadError);
    expect((thrown as WebhookPayloadError).problems.length).toBeGreaterThan(0);
    expect(safeParseWebhookEvent(input).success).toBe(false);
  });

  it('never throws anything else for random junk (10,000 mutated payloads)', () => {
    const base = buildSmsEvent({}, { seed: 12, history: 2 });
    let state = 1;
    const rnd = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const junk = [null, 0, -1, 1e308, '', ' ', '+1', [], {}, true, 'agent.message', '\u0000', ['x'], { a: {} }];
    let failures = 0;
    for (let i = 0; i < 10_000; i++) {
      const copy = structuredClone(base) as Record<string, unknown>;
      const paths: string[][] = [['event'], ['channel'], ['timestamp'], ['data'], ['data', 'from'], ['data', 'message'], ['recentHistory'], ['recentHistory', '0'], ['recentHistory', '0', 'at'], ['conversationState']];
      const path = paths[Math.floor(rnd() * paths.length)]!;
      let target = copy as Record<string, unknown>;
      for (const key of path.slice(0, -1)) target = (target[key] ?? {}) as Record<string, unknown>;
      target[path.at(-1)!] = junk[Math.floor(rnd() * junk.length)];
      const result = safeParseWebhookEvent(copy);
      if (!result.success) {
        expect(result.error).toBeInstanceOf(WebhookPayloadError);
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(5000);
  });
});

function nest(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}
