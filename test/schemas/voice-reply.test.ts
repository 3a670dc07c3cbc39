import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DTMF_PATTERN,
  VOICE_REPLY_LIMITS,
  VOICE_REPLY_PROBLEM_CODES,
  parseVoiceReply,
  voiceReplySchema,
  type VoiceReplyInput,
  type VoiceReplyProblemCode,
} from '../../src/schemas/voice-reply.js';
import { toProblems } from '../../src/schemas/problems.js';
import { Stream } from '../../src/random/rng.js';

const JSON_TYPE = 'application/json';
const NDJSON = 'application/x-ndjson';

const dir = join(import.meta.dirname, '../fixtures/agentphone-examples');
const replyFiles = readdirSync(dir).filter((f) => f.startsWith('response.voice.'));

function codes(input: VoiceReplyInput): string[] {
  return parseVoiceReply(input).problems.map((p) => p.code);
}

function ndjson(...lines: unknown[]): string {
  return lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
}

function schemaMessages(input: unknown): string[] {
  const result = voiceReplySchema.safeParse(input, { reportInput: true });
  return result.success ? [] : toProblems(result.error.issues).map((p) => p.message);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('voiceReplySchema', () => {
  it('accepts every documented field and keeps unknown keys', () => {
    const reply = {
      text: 'Press one for sales.',
      hangup: false,
      action: 'hangup',
      digits: '1*#',
      press_digit: '0',
      dtmf: '##',
      interim: false,
      voice: 'Polly.Amy',
      send_message: { body: 'Here is the link' },
      future: [1, 2],
    };
    expect(voiceReplySchema.parse(reply)).toEqual(reply);
    expect(voiceReplySchema.parse({})).toEqual({});
  });

  it('reports each wrong field as "path: expected …, received …"', () => {
    expect(
      schemaMessages({ text: 5, hangup: 'yes', action: 'forward', digits: '12a', press_digit: 1, dtmf: '', interim: 'true', voice: null }),
    ).toEqual([
      'text: expected a string (what the agent says), received 5',
      'hangup: expected true or false, received "yes"',
      'action: expected "transfer" or "hangup", received "forward"',
      'digits: expected one or more DTMF keys: 0-9, * or #, received "12a"',
      'press_digit: expected DTMF keys (0-9, * or #) as a string, received 1',
      'dtmf: expected one or more DTMF keys: 0-9, * or #, received ""',
      'interim: expected true or false, received "true"',
      'voice: expected a voice name string (legacy, e.g. "Polly.Amy"), received null',
    ]);
    expect(schemaMessages([])).toEqual(['(root): expected an object, received an array of 0']);
  });

  it('takes DTMF keys 0-9, * and # only', () => {
    for (const ok of ['0', '123', '*', '#', '1*#', '0123456789*#']) expect(DTMF_PATTERN.test(ok), ok).toBe(true);
    for (const bad of ['', 'w', '1w2', 'A', '1 2', '+1', ',', '١']) expect(DTMF_PATTERN.test(bad), bad).toBe(false);
  });
});

describe('published voice reply examples', () => {
  it('include JSON replies and an NDJSON stream', () => {
    expect(replyFiles.filter((f) => f.endsWith('.json')).length).toBeGreaterThanOrEqual(5);
    expect(replyFiles.filter((f) => f.endsWith('.ndjson'))).toHaveLength(1);
  });

  it.each(replyFiles)('%s parses with no problems, as text and as bytes', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const stream = file.endsWith('.ndjson');
    for (const body of [text, readFileSync(join(dir, file))]) {
      const result = parseVoiceReply({ contentType: stream ? NDJSON : JSON_TYPE, body });
      expect(result.problems).toEqual([]);
      expect(result.format).toBe(stream ? 'ndjson' : 'json');
      expect(result.final).toBeDefined();
      if (!stream) {
        expect(result.chunks).toEqual([JSON.parse(text)]);
        expect(result.final).toEqual(JSON.parse(text));
      }
      expect(result.spoken.length).toBeGreaterThan(0);
      voiceReplySchema.parse(result.final);
    }
  });

  it('reads the documented stream as one interim chunk, then the final answer', () => {
    const file = replyFiles.find((f) => f.endsWith('.ndjson')) as string;
    const result = parseVoiceReply({ contentType: NDJSON, body: readFileSync(join(dir, file), 'utf8') });
    expect(result.chunks).toEqual([
      { text: 'Let me check that for you.', interim: true },
      { text: 'Your order #4521 shipped yesterday via FedEx.' },
    ]);
    expect(result.final).toEqual({ text: 'Your order #4521 shipped yesterday via FedEx.' });
    expect(result.spoken).toEqual(['Let me check that for you.', 'Your order #4521 shipped yesterday via FedEx.']);
  });
});

const FIVE_MB = 5 * 1024 * 1024;

/** One input per problem code; each must produce exactly that code and nothing else. */
const ONLY: readonly [VoiceReplyProblemCode, VoiceReplyInput, Record<string, unknown>?][] = [
  ['invalid_input', { contentType: JSON_TYPE, body: 42 as never }],
  ['empty_body', { contentType: null, body: '' }],
  ['body_too_large', { contentType: JSON_TYPE, body: `{"text":"${'a'.repeat(FIVE_MB)}"}` }],
  ['line_too_long', { contentType: NDJSON, body: ndjson(`{"text":"${'a'.repeat(FIVE_MB)}","interim":true}`, { text: 'Done.' }) }, { line: 1 }],
  ['too_many_chunks', { contentType: NDJSON, body: ndjson({ text: 'Hmm', interim: true }).repeat(10_000) }, { line: 1001 }],
  ['invalid_json', { contentType: NDJSON, body: ndjson({ text: 'One moment.', interim: true }, '{"text": "oops"', { text: 'Done.' }) }, { line: 2 }],
  ['not_an_object', { contentType: JSON_TYPE, body: '"How can I help?"' }],
  ['invalid_field', { contentType: JSON_TYPE, body: '{"text":"Goodbye!","hangup":"yes"}' }, { path: 'hangup' }],
  ['unknown_action', { contentType: JSON_TYPE, body: '{"text":"Connecting you.","action":"forward"}' }, { path: 'action' }],
  ['empty_text', { contentType: JSON_TYPE, body: '{"text":"   ","hangup":true}' }, { path: 'text' }],
  ['empty_reply', { contentType: JSON_TYPE, body: '{}' }],
  ['transfer_without_text', { contentType: JSON_TYPE, body: '{"action":"transfer"}' }],
  ['no_final_chunk', { contentType: NDJSON, body: ndjson({ text: 'Let me check that for you.', interim: true }) }],
  ['after_final', { contentType: NDJSON, body: ndjson({ text: 'Done.' }, { text: 'Anything else?' }) }, { line: 2 }],
];

describe('parseVoiceReply: each problem on its own', () => {
  it('covers every problem code', () => {
    expect(ONLY.map(([code]) => code).sort()).toEqual([...VOICE_REPLY_PROBLEM_CODES].sort());
  });

  it.each(ONLY)('%s', (code, input, fields) => {
    const { problems } = parseVoiceReply(input);
    expect(problems.map((p) => p.code)).toEqual([code]);
    expect(problems[0]).toMatchObject(fields ?? {});
    const problem = problems[0]!;
    if (problem.line !== undefined) expect(problem.message).toMatch(new RegExp(`^line ${problem.line}: `));
    expect(problem.message.length).toBeLessThan(400);
  });
});

describe('parseVoiceReply: messages', () => {
  it('say what was expected and what came', () => {
    const messages = (input: VoiceReplyInput) => parseVoiceReply(input).problems.map((p) => p.message);
    expect(messages({ contentType: JSON_TYPE, body: '{"text":"Goodbye!","hangup":"yes","digits":"12a"}' })).toEqual([
      'hangup: expected true or false, received "yes"',
      'digits: expected one or more DTMF keys: 0-9, * or #, received "12a"',
    ]);
    expect(messages({ contentType: NDJSON, body: ndjson({ text: 'One moment', interim: true }, [1, 2], 7, null, { text: 'Done' }) })).toEqual([
      'line 2: expected a JSON object, received an array of 2: the caller hears silence',
      'line 3: expected a JSON object, received 7: the caller hears silence',
      'line 4: expected a JSON object, received null: the caller hears silence',
    ]);
    expect(messages({ contentType: NDJSON, body: ndjson({ text: 'Done.' }, '', { text: 'x' }, '  ', 'junk', { text: 'y' }) })).toEqual([
      'line 3: 3 lines after the final chunk (line 1) are ignored by AgentPhone',
    ]);
    expect(messages({ contentType: NDJSON, body: ndjson({ text: 'Hmm', interim: true }).repeat(10_000) })).toEqual([
      'line 1001: the stream has more than 1,000 chunks: this line and the rest (9,000 non-empty lines) were not read',
    ]);
    expect(messages({ contentType: NDJSON, body: new Uint8Array(FIVE_MB).fill(0x61) })).toEqual([
      'line 1: the line is 5,242,880 bytes, over the limit of 65,536 UTF-8 bytes: not parsed',
      'the stream ends without a final chunk (one without "interim": true): the turn is left open and the caller waits in silence',
    ]);
    expect(messages({ contentType: JSON_TYPE, body: 'x'.repeat(FIVE_MB) })).toEqual([
      'the body is 5,242,880 characters, over the limit of 65,536 UTF-8 bytes: not parsed',
    ]);
  });

  it('give the line of a JSON syntax error when the engine reports a position', () => {
    const [problem] = parseVoiceReply({ contentType: JSON_TYPE, body: '{\n  "text": "Hi",\n}' }).problems;
    expect(problem?.code).toBe('invalid_json');
    expect(problem?.line).toBe(3);
    expect(problem?.message).toMatch(/^line 3: not valid JSON \(/);
  });

  it('hint at the content type when a JSON body is really NDJSON', () => {
    const body = ndjson({ text: 'One moment.', interim: true }, { text: 'Done.' });
    const [problem] = parseVoiceReply({ contentType: JSON_TYPE, body }).problems;
    expect(problem?.code).toBe('invalid_json');
    expect(problem?.message).toMatch(/looks like NDJSON: send it with Content-Type: application\/x-ndjson$/);
    expect(parseVoiceReply({ contentType: NDJSON, body }).problems).toEqual([]);
  });
});

describe('parseVoiceReply: reading', () => {
  it('chooses NDJSON by content type only, with parameters and in any case', () => {
    const body = ndjson({ text: 'One moment.', interim: true }, { text: 'Done.' });
    for (const contentType of ['application/x-ndjson', 'application/ndjson', 'Application/X-NDJSON; charset=utf-8', ' application/ndjson ;q=1']) {
      expect(parseVoiceReply({ contentType, body }).format, contentType).toBe('ndjson');
    }
    for (const contentType of [JSON_TYPE, 'application/json; charset=utf-8', 'text/plain', 'application/jsonl', null, undefined]) {
      expect(parseVoiceReply({ contentType, body: '{"text":"Hi"}' }), String(contentType)).toMatchObject({
        format: 'json',
        problems: [],
        spoken: ['Hi'],
      });
    }
    expect(parseVoiceReply({ body: '{"text":"Hi"}' }).final).toEqual({ text: 'Hi' });
  });

  it('reads CRLF lines, blank lines and a last line without a line feed', () => {
    const body = '{"text":"One moment.","interim":true}\r\n\r\n   \r\n{"text":"Done.","hangup":true}';
    const result = parseVoiceReply({ contentType: NDJSON, body });
    expect(result.problems).toEqual([]);
    expect(result.spoken).toEqual(['One moment.', 'Done.']);
    expect(result.final).toEqual({ text: 'Done.', hangup: true });
  });

  it('closes the turn at the first chunk without interim: true; skips unusable lines', () => {
    const body = ndjson(
      { text: 'Let me check.', interim: true },
      'not json',
      { text: 'Still checking.', interim: true, hangup: 'maybe' },
      { interim: true },
      { text: 'Found it: order 4521 shipped.', interim: false },
      { text: 'Never said.' },
    );
    const result = parseVoiceReply({ contentType: NDJSON, body });
    expect(result.problems.map((p) => [p.code, p.line])).toEqual([
      ['invalid_json', 2],
      ['invalid_field', 3],
      ['after_final', 6],
    ]);
    expect(result.chunks).toEqual([{ text: 'Let me check.', interim: true }, { interim: true }, { text: 'Found it: order 4521 shipped.', interim: false }]);
    expect(result.final).toEqual({ text: 'Found it: order 4521 shipped.', interim: false });
    expect(result.spoken).toEqual(['Let me check.', 'Found it: order 4521 shipped.']);
  });

  it('does not call a final chunk empty when interim chunks were spoken', () => {
    const result = parseVoiceReply({ contentType: NDJSON, body: ndjson({ text: 'Your order shipped.', interim: true }, {}) });
    expect(result.problems).toEqual([]);
    expect(result.final).toEqual({});
    // A transfer after an interim line is announced too.
    const transfer = ndjson({ text: 'Let me transfer you.', interim: true }, { action: 'transfer' });
    expect(codes({ contentType: NDJSON, body: transfer })).toEqual([]);
  });

  it('counts hangup, action and digits (and their aliases) as usable', () => {
    for (const body of ['{"hangup":true}', '{"action":"hangup"}', '{"digits":"1"}', '{"press_digit":"2#"}', '{"dtmf":"*9"}']) {
      expect(codes({ contentType: JSON_TYPE, body }), body).toEqual([]);
    }
    expect(codes({ contentType: JSON_TYPE, body: '{"hangup":false,"interim":false}' })).toEqual(['empty_reply']);
    expect(codes({ contentType: JSON_TYPE, body: '{"text":""}' })).toEqual(['empty_text', 'empty_reply']);
    expect(codes({ contentType: JSON_TYPE, body: '{"text":"","action":"transfer"}' })).toEqual(['empty_text', 'transfer_without_text']);
  });

  it('reports a stream of only unusable lines as having no final chunk', () => {
    expect(codes({ contentType: NDJSON, body: '{\n  "text": "Hi"\n}\n' })).toEqual(['invalid_json', 'invalid_json', 'invalid_json', 'no_final_chunk']);
    expect(codes({ contentType: NDJSON, body: '\n \n\r\n' })).toEqual(['empty_body']);
  });

  it('treats invalid UTF-8 as invalid JSON, per line in a stream', () => {
    const bytes = (...parts: (string | number[])[]) =>
      Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
    expect(codes({ contentType: JSON_TYPE, body: bytes('{"text":"', [0xc3, 0x28], '"}') })).toEqual(['invalid_json']);
    const stream = parseVoiceReply({
      contentType: NDJSON,
      body: bytes('{"text":"', [0xff], '","interim":true}\n{"text":"Caf', [0xc3, 0xa9], '"}\n'),
    });
    expect(stream.problems.map((p) => [p.code, p.line])).toEqual([['invalid_json', 1]]);
    expect(stream.spoken).toEqual(['Café']);
    // ArrayBuffer and other views are bytes too.
    const buffer = new TextEncoder().encode('{"text":"Hi"}');
    expect(parseVoiceReply({ body: buffer.buffer }).spoken).toEqual(['Hi']);
    expect(parseVoiceReply({ body: new DataView(buffer.buffer) as never }).spoken).toEqual(['Hi']);
  });

  it('never parses more than maxChunks lines, nor any line over maxLineBytes', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const huge = 'x'.repeat(FIVE_MB);
    const body = `${huge}\n${ndjson({ text: 'a', interim: true }).repeat(20_000)}`;
    const result = parseVoiceReply({ contentType: NDJSON, body });
    expect(parse.mock.calls.length).toBeLessThanOrEqual(VOICE_REPLY_LIMITS.maxChunks);
    expect(parse.mock.calls.every(([text]) => typeof text === 'string' && text.length <= VOICE_REPLY_LIMITS.maxLineBytes)).toBe(true);
    expect(result.problems.map((p) => p.code)).toEqual(['line_too_long', 'too_many_chunks']);
    expect(result.chunks).toHaveLength(VOICE_REPLY_LIMITS.maxChunks - 1);
  });

  it('keeps unknown keys, without touching Object.prototype', () => {
    const result = parseVoiceReply({ contentType: JSON_TYPE, body: '{"text":"Hi","__proto__":{"polluted":true},"extra":{"a":1}}' });
    expect(result.problems).toEqual([]);
    expect(result.final).toMatchObject({ text: 'Hi', extra: { a: 1 } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('parseVoiceReply never throws', () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const garbage: unknown[] = [
    undefined,
    null,
    0,
    Number.NaN,
    -1n,
    'text',
    [],
    [1, 2],
    {},
    { body: undefined },
    { body: null },
    { body: 12 },
    { body: { text: 'parsed already' } },
    { body: Symbol('x') },
    { contentType: 7, body: '{"text":"Hi"}' },
    { contentType: NDJSON, body: () => 'x' },
    Object.defineProperty({}, 'body', { get: () => { throw new Error('boom'); } }),
    revoked.proxy,
    { contentType: JSON_TYPE, body: '['.repeat(60_000) + ']'.repeat(60_000) },
    { contentType: JSON_TYPE, body: `{"text":${'['.repeat(30_000)}${']'.repeat(30_000)}}` },
    { contentType: NDJSON, body: '\n'.repeat(1_000_000) },
    { contentType: NDJSON, body: ' '.repeat(FIVE_MB) },
    { contentType: JSON_TYPE, body: '\uFEFF{"text":"Hi"}' },
    { contentType: JSON_TYPE, body: '\uD800' },
    { contentType: NDJSON, body: new Uint8Array([0xff, 0xfe, 0x0a, 0x80, 0x0a]) },
  ];

  it.each(garbage.map((g, i) => [i, g] as const))('input #%i gives problems, not an exception', (_i, input) => {
    const result = parseVoiceReply(input as VoiceReplyInput);
    expect(Array.isArray(result.problems)).toBe(true);
    expect(['json', 'ndjson']).toContain(result.format);
    for (const problem of result.problems) expect(VOICE_REPLY_PROBLEM_CODES).toContain(problem.code);
  });

  it('reports an argument or body it cannot read as invalid_input or empty_body', () => {
    expect(codes(undefined as never)).toEqual(['invalid_input']);
    expect(codes({ body: undefined } as never)).toEqual(['empty_body']);
    expect(codes({ body: { text: 'parsed' } } as never)).toEqual(['invalid_input']);
    expect(codes(revoked.proxy as never)).toEqual(['invalid_input']);
  });

  it('survives 2,000 random byte bodies as JSON and as NDJSON', () => {
    const r = new Stream(12345);
    const alphabet = '{}[]":,\n\r\t 0123456789abcdefghijklmnopqrstuvwxyz\\\u00e9\u{1F600}truefalsenull';
    for (let i = 0; i < 2_000; i++) {
      const length = r.int(0, 200);
      const body =
        i % 2 === 0
          ? r.chars(alphabet, length)
          : Uint8Array.from({ length }, () => r.int(0, 255));
      for (const contentType of [JSON_TYPE, NDJSON]) {
        const result = parseVoiceReply({ contentType, body });
        for (const chunk of result.chunks) voiceReplySchema.parse(chunk);
      }
    }
  });
});
