import { describe, expect, it } from 'vitest';
import { FixtureOptionError, FixtureValidationError } from '../../src/errors.js';
import { buildVoiceReply, buildVoiceReplyStream } from '../../src/builders/voice-reply.js';
import { buildSmsEvent } from '../../src/builders/sms.js';
import { DTMF_PATTERN, parseVoiceReply, voiceReplySchema, type VoiceReply } from '../../src/schemas/voice-reply.js';

const SEEDS = 10_000;

function asJson(reply: VoiceReply) {
  return parseVoiceReply({ contentType: 'application/json', body: JSON.stringify(reply) });
}

function kindOf(reply: VoiceReply): string {
  if (reply.action === 'transfer') return 'transfer';
  if (reply.hangup === true || reply.action === 'hangup') return 'hangup';
  if (reply.digits !== undefined) return 'digits';
  return 'text';
}

function thrown<E>(type: new (...args: never[]) => E, fn: () => unknown): E {
  try {
    fn();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected ${type.name}`);
}

describe(`buildVoiceReply over ${SEEDS.toLocaleString('en')} seeds`, () => {
  const replies = Array.from({ length: SEEDS }, (_, seed) => buildVoiceReply({}, { seed }));

  it('passes the schema and parseVoiceReply with no problems', () => {
    for (const [seed, reply] of replies.entries()) {
      voiceReplySchema.parse(reply);
      const result = asJson(reply);
      if (result.problems.length > 0) throw new Error(`seed ${seed}: ${result.problems.map((p) => p.message).join('; ')}`);
      expect(result.final).toEqual(reply);
    }
  });

  it('is mostly a spoken answer, sometimes a goodbye, a transfer or DTMF keys', () => {
    const share = (kind: string) => replies.filter((r) => kindOf(r) === kind).length / SEEDS;
    expect(share('text')).toBeGreaterThan(0.6);
    expect(share('text')).toBeLessThan(0.8);
    for (const kind of ['hangup', 'transfer', 'digits']) {
      expect(share(kind), kind).toBeGreaterThan(0.04);
      expect(share(kind), kind).toBeLessThan(0.2);
    }
    // Both documented ways to end a call appear, `hangup: true` far more often.
    const hangups = replies.filter((r) => kindOf(r) === 'hangup');
    const viaAction = hangups.filter((r) => r.action === 'hangup').length;
    expect(viaAction).toBeGreaterThan(0);
    expect(viaAction).toBeLessThan(hangups.length / 3);
  });

  it('says what the reply does: goodbyes hang up, transfers announce it, plain answers do neither', () => {
    for (const reply of replies) {
      const text = reply.text ?? '';
      expect(text).not.toMatch(/[{}]|lorem|ipsum|undefined/i);
      switch (kindOf(reply)) {
        case 'transfer':
          expect(text).toMatch(/transfer|connect/i);
          break;
        case 'hangup':
          expect(text).toMatch(/bye|great day|good day|take care/i);
          break;
        case 'digits':
          expect(reply).toEqual({ digits: expect.stringMatching(DTMF_PATTERN) });
          break;
        default:
          expect(Object.keys(reply)).toEqual(['text']);
          expect(text).not.toMatch(/transfer|\bbye\b|goodbye/i);
      }
    }
    const texts = new Set(replies.map((r) => r.text).filter((t) => t !== undefined));
    expect(texts.size).toBeGreaterThan(500);
    const digits = new Set(replies.map((r) => r.digits).filter((d) => d !== undefined));
    expect([...digits].some((d) => d.length === 1)).toBe(true);
    expect([...digits].some((d) => d.endsWith('#') && d.length > 1)).toBe(true);
  });
});

describe(`buildVoiceReplyStream over ${SEEDS.toLocaleString('en')} seeds`, () => {
  it('is interim chunks then exactly one final chunk, which parseVoiceReply reads with no problems', () => {
    const counts = new Map<number, number>();
    for (let seed = 0; seed < SEEDS; seed++) {
      const stream = buildVoiceReplyStream({ seed });
      expect(stream.contentType).toBe('application/x-ndjson');
      expect(stream.body).toBe(stream.chunks.map((c) => `${JSON.stringify(c)}\n`).join(''));
      const interim = stream.chunks.slice(0, -1);
      const final = stream.chunks.at(-1) as VoiceReply;
      expect(interim.every((c) => c.interim === true && typeof c.text === 'string')).toBe(true);
      expect(final.interim).toBeUndefined();
      counts.set(interim.length, (counts.get(interim.length) ?? 0) + 1);
      const result = parseVoiceReply(stream);
      if (result.problems.length > 0) throw new Error(`seed ${seed}: ${result.problems.map((p) => p.message).join('; ')}`);
      expect(result.format).toBe('ndjson');
      expect(result.chunks).toEqual(stream.chunks);
      expect(result.final).toEqual(final);
      expect(new Set(interim.map((c) => c.text)).size).toBe(interim.length);
    }
    expect([...counts.keys()].sort()).toEqual([1, 2, 3]);
    expect(counts.get(1)).toBeGreaterThan(counts.get(2) as number);
    expect(counts.get(2)).toBeGreaterThan(counts.get(3) as number);
  });

  it('ends with an answer or a transfer, never a greeting or a question for details it just looked up', () => {
    for (let seed = 0; seed < 2_000; seed++) {
      const final = buildVoiceReplyStream({ seed }).chunks.at(-1) as VoiceReply;
      expect(['text', 'transfer']).toContain(kindOf(final));
      expect(final.text).not.toMatch(/how can I help|what['’]s (your|the) order number|[{}]/i);
    }
  });

  it('takes 0 to 5 interim chunks and overrides for the final one', () => {
    expect(buildVoiceReplyStream({ seed: 1, interim: 0, final: { text: 'Hi there.' } })).toEqual({
      contentType: 'application/x-ndjson',
      body: '{"text":"Hi there."}\n',
      chunks: [{ text: 'Hi there.' }],
    });
    const five = buildVoiceReplyStream({ seed: 2, interim: 5, final: { action: 'transfer' } });
    expect(five.chunks).toHaveLength(6);
    expect(new Set(five.chunks.slice(0, 5).map((c) => c.text)).size).toBe(5);
    expect(five.chunks[5]).toMatchObject({ action: 'transfer', text: expect.stringMatching(/transfer|connect/i) });
    expect(parseVoiceReply(five).problems).toEqual([]);
  });

  it('lets a test build a broken stream on purpose', () => {
    const open = buildVoiceReplyStream({ seed: 3, final: { interim: true } });
    expect(parseVoiceReply(open).problems.map((p) => p.code)).toEqual(['no_final_chunk']);
    const error = thrown(FixtureValidationError, () => buildVoiceReplyStream({ final: { hangup: 'yes' as never } }));
    expect(error.message).toBe('buildVoiceReplyStream built an invalid payload (1 problem):\n  hangup: expected true or false, received "yes"');
    const unchecked = buildVoiceReplyStream({ validate: false, final: { hangup: 'yes' as never } });
    expect(parseVoiceReply(unchecked).problems.map((p) => p.code)).toEqual(['invalid_field', 'no_final_chunk']);
  });

  it.each([
    ['interim', { interim: 6 }, 'an integer from 0 to 5'],
    ['interim', { interim: -1 }, 'an integer from 0 to 5'],
    ['interim', { interim: 1.5 }, 'an integer from 0 to 5'],
    ['interim', { interim: '2' }, 'an integer from 0 to 5'],
    ['final', { final: 'Bye' }, 'an object of overrides for the final chunk'],
    ['final', { final: null }, 'an object of overrides for the final chunk'],
    ['seed', { seed: 1.5 }, 'a safe integer'],
    ['validate', { validate: 'no' }, 'true or false'],
  ])('rejects a bad %s option', (option, options, expectedText) => {
    const error = thrown(FixtureOptionError, () => buildVoiceReplyStream(options as never));
    expect(error.option).toBe(option);
    expect(error.message).toContain(`expected ${expectedText}`);
  });
});

describe('buildVoiceReply overrides and options', () => {
  it('is a pure function of the seed; seed 0 is the default', () => {
    expect(buildVoiceReply({}, { seed: 42 })).toEqual(buildVoiceReply({}, { seed: 42 }));
    expect(buildVoiceReply()).toEqual(buildVoiceReply({}, { seed: 0 }));
    expect(buildVoiceReplyStream()).toEqual(buildVoiceReplyStream({ seed: 0 }));
    const distinct = new Set(Array.from({ length: 20 }, (_, seed) => JSON.stringify(buildVoiceReply({}, { seed }))));
    expect(distinct.size).toBeGreaterThan(15);
  });

  it('does not depend on what was built before', () => {
    const first = buildVoiceReply({}, { seed: 9 });
    const firstStream = buildVoiceReplyStream({ seed: 9 });
    buildSmsEvent({}, { seed: 9 });
    buildVoiceReply({ action: 'transfer' }, { seed: 10 });
    buildVoiceReplyStream({ seed: 11, interim: 5 });
    expect(buildVoiceReply({}, { seed: 9 })).toEqual(first);
    expect(buildVoiceReplyStream({ seed: 9 })).toEqual(firstStream);
  });

  it('pins the output of a few seeds (changing it is a breaking change)', () => {
    expect([1, 2, 3, 4].map((seed) => buildVoiceReply({}, { seed }))).toMatchInlineSnapshot(`
      [
        {
          "text": "Of course! What’s your order number?",
        },
        {
          "action": "hangup",
          "text": "You're all set, Dewayne. Have a great day!",
        },
        {
          "hangup": true,
          "text": "You’re welcome. Have a great day!",
        },
        {
          "digits": "9",
        },
      ]
    `);
    expect(buildVoiceReplyStream({ seed: 1 }).body).toMatchInlineSnapshot(`
      "{"text":"Sure, let me check.","interim":true}
      {"text":"Bear with me for a moment.","interim":true}
      {"text":"Usually three to five business days."}
      "
    `);
  });

  it('picks the kind of reply from an overridden action, hangup or digits', () => {
    for (let seed = 0; seed < 200; seed++) {
      const transfer = buildVoiceReply({ action: 'transfer' }, { seed });
      expect(transfer).toEqual({ text: expect.stringMatching(/transfer|connect/i), action: 'transfer' });
      const goodbye = buildVoiceReply({ hangup: true }, { seed });
      expect(goodbye).toEqual({ text: expect.stringMatching(/bye|day|care/i), hangup: true });
      expect(buildVoiceReply({ action: 'hangup' }, { seed })).toEqual({ text: expect.any(String), action: 'hangup' });
      expect(buildVoiceReply({ digits: '1#' }, { seed })).toEqual({ digits: '1#' });
      expect(buildVoiceReply({ press_digit: '2' }, { seed })).toEqual({ press_digit: '2' });
      expect(buildVoiceReply({ dtmf: '*9' }, { seed })).toEqual({ dtmf: '*9' });
    }
  });

  it('merges other overrides into the seeded reply and keeps unknown keys', () => {
    const seeded = buildVoiceReply({}, { seed: 5 });
    expect(buildVoiceReply({ text: 'Your table is booked for 7pm.' }, { seed: 5 })).toEqual({ ...seeded, text: 'Your table is booked for 7pm.' });
    expect(buildVoiceReply({ voice: 'Polly.Amy' }, { seed: 5 })).toEqual({ ...seeded, voice: 'Polly.Amy' });
    expect(buildVoiceReply({ future: { x: 1 } } as never, { seed: 5 })).toEqual({ ...seeded, future: { x: 1 } });
  });

  it('validates overrides unless told not to', () => {
    const error = thrown(FixtureValidationError, () => buildVoiceReply({ digits: '12a', action: 'forward' as never }));
    expect(error.builder).toBe('buildVoiceReply');
    expect(error.problems.map((p) => p.message)).toEqual([
      'action: expected "transfer" or "hangup", received "forward"',
      'digits: expected one or more DTMF keys: 0-9, * or #, received "12a"',
    ]);
    expect(buildVoiceReply({ hangup: 'yes' as never }, { validate: false }).hangup).toBe('yes');
  });

  it('rejects bad options naming them', () => {
    expect(thrown(FixtureOptionError, () => buildVoiceReply({}, { seed: Number.NaN })).option).toBe('seed');
    expect(thrown(FixtureOptionError, () => buildVoiceReply({}, 'x' as never)).option).toBe('options');
    expect(thrown(FixtureOptionError, () => buildVoiceReplyStream(7 as never)).option).toBe('options');
  });
});
