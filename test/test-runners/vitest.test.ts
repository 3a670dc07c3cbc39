// The `agentphone-fixtures/vitest` entry in this repository's own Vitest: importing it registers the
// matchers, so these tests use them exactly as a user's tests do.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildCallEndedEvent } from '../../src/builders/call-ended.js';
import { buildIMessageEvent, buildMmsEvent, buildWhatsAppEvent } from '../../src/builders/messaging-channels.js';
import { buildReactionEvent } from '../../src/builders/reaction.js';
import { buildSmsEvent } from '../../src/builders/sms.js';
import { buildVoiceReply, buildVoiceReplyStream } from '../../src/builders/voice-reply.js';
import { buildVoiceEvent } from '../../src/builders/voice.js';
import { deliver } from '../../src/delivery/deliver.js';
import { AgentPhoneFixturesError, FixtureOptionError } from '../../src/errors.js';
import type { WebhookEvent } from '../../src/schemas/events.js';
import { seedForLabel, seedFromTestName } from '../../src/test-runners/seed.js';
import { WEBHOOK_EVENT_KINDS, agentPhoneMatchers, fixtureSeed, type WebhookEventKind } from '../../src/test-runners/vitest.js';

const THIS_FILE = 'test/test-runners/vitest.test.ts';

/** The assertion error `run` fails with. */
function failureOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the assertion to fail');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

const events: Record<string, WebhookEvent> = {
  sms: buildSmsEvent({}, { seed: 1 }),
  mms: buildMmsEvent({}, { seed: 1 }),
  imessage: buildIMessageEvent({}, { seed: 1 }),
  whatsapp: buildWhatsAppEvent({}, { seed: 1 }),
  voice: buildVoiceEvent({}, { seed: 1 }),
  'call-ended': buildCallEndedEvent({}, { seed: 1 }),
  reaction: buildReactionEvent({}, { seed: 1 }),
};

/** Every kind that describes `name`'s event (its event name, its channel or CLI kind). */
function kindsOf(name: string, event: WebhookEvent): WebhookEventKind[] {
  return [event.event, name as WebhookEventKind];
}

describe('toBeValidWebhookEvent', () => {
  it.each(Object.entries(events))('accepts a built %s event, with no kind and with its own kinds', (name, event) => {
    expect(event).toBeValidWebhookEvent();
    for (const kind of kindsOf(name, event)) expect(event).toBeValidWebhookEvent(kind);
    expect(JSON.parse(JSON.stringify(event))).toBeValidWebhookEvent();
  });

  it.each(Object.entries(events))('rejects a built %s event for every other kind', (name, event) => {
    const own = new Set<string>(kindsOf(name, event));
    for (const kind of WEBHOOK_EVENT_KINDS.filter((k) => !own.has(k))) {
      expect(event, `${name} checked as ${kind}`).not.toBeValidWebhookEvent(kind);
    }
  });

  it('lists each failing path', () => {
    const event = buildSmsEvent({ data: { from: '555' }, timestamp: 'yesterday' }, { seed: 2, validate: false });
    expect(failureOf(() => expect(event).toBeValidWebhookEvent('sms'))).toMatchInlineSnapshot(`
      "expect(received).toBeValidWebhookEvent("sms")

      Expected a valid AgentPhone agent.message on sms, but it has 2 problems:
        timestamp: expected an ISO-8601 timestamp with Z or an offset, received "yesterday"
        data.from: expected an E.164 phone number (+ then up to 15 digits), received "555""
    `);
  });

  it('puts a kind mismatch first, and does not repeat its path', () => {
    const voice = buildVoiceEvent({}, { seed: 3 });
    expect(failureOf(() => expect(voice).toBeValidWebhookEvent('sms'))).toMatchInlineSnapshot(`
      "expect(received).toBeValidWebhookEvent("sms")

      Expected a valid AgentPhone agent.message on sms, but it has 1 problem:
        channel: expected "sms", received "voice""
    `);
    const reaction = buildReactionEvent({}, { seed: 3 });
    expect(failureOf(() => expect(reaction).toBeValidWebhookEvent('voice'))).toContain(
      'event: expected "agent.message" (kind "voice" is an agent.message on voice), received "agent.reaction"',
    );
    expect(failureOf(() => expect({ ...voice, event: 'agent.call_ended' }).toBeValidWebhookEvent('call-ended'))).toMatch(
      /^expect\(received\)\.toBeValidWebhookEvent\("call-ended"\)\n\nExpected a valid AgentPhone agent\.call_ended event, but it has \d+ problems:\n  data\./,
    );
  });

  it('reports an event this version does not know, and anything that is not a payload', () => {
    expect(failureOf(() => expect({ event: 'agent.typing' }).toBeValidWebhookEvent())).toMatchInlineSnapshot(`
      "expect(received).toBeValidWebhookEvent()

      Expected a valid AgentPhone webhook event, but it has 1 problem:
        event: expected event "agent.message", "agent.call_ended", "agent.reaction" (this version does not know "agent.typing"), received "agent.typing""
    `);
    for (const garbage of [null, undefined, 42, 'text', [], {}]) expect(garbage).not.toBeValidWebhookEvent();
    expect(failureOf(() => expect(null).toBeValidWebhookEvent('reaction'))).toMatchInlineSnapshot(`
      "expect(received).toBeValidWebhookEvent("reaction")

      Expected a valid AgentPhone agent.reaction event, but it has 1 problem:
        (root): expected an object, received null"
    `);
    expect(failureOf(() => expect({}).toBeValidWebhookEvent('reaction'))).toMatch(/\n  event: expected "agent\.reaction", received missing$/);
  });

  it('explains a .not failure with what the event is', () => {
    expect(failureOf(() => expect(events['whatsapp']).not.toBeValidWebhookEvent())).toMatchInlineSnapshot(`
      "expect(received).not.toBeValidWebhookEvent()

      Expected a value that is not a valid AgentPhone webhook event, but it is one (agent.message on whatsapp)."
    `);
  });

  it('throws for a kind it does not know, also under .not', () => {
    const unknown = 'fax' as WebhookEventKind;
    for (const run of [() => expect(events['sms']).toBeValidWebhookEvent(unknown), () => expect(events['sms']).not.toBeValidWebhookEvent(unknown)]) {
      let error: unknown;
      try {
        run();
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(FixtureOptionError);
      expect((error as FixtureOptionError).option).toBe('kind');
    }
    expect(() => expect(events['sms']).toBeValidWebhookEvent(unknown)).toThrowErrorMatchingInlineSnapshot(
      `[FixtureOptionError: Invalid option "kind": expected one of "agent.message", "agent.call_ended", "agent.reaction", "sms", "mms", "imessage", "whatsapp", "voice", "call-ended", "reaction" (toBeValidWebhookEvent's optional argument), or nothing for any event, received "fax"]`,
    );
  });

  it('works as an asymmetric matcher and with .resolves', async () => {
    const body = { received: events['sms'], delivered: true };
    expect(body).toEqual({ received: expect.toBeValidWebhookEvent('sms'), delivered: true });
    expect(body).not.toEqual({ received: expect.toBeValidWebhookEvent('voice'), delivered: true });
    expect(body).toEqual({ received: expect.not.toBeValidWebhookEvent('voice'), delivered: true });
    expect({ reply: {} }).toEqual({ reply: expect.not.toBeValidVoiceReply() });
    expect({ reply: { text: 'Hi!' } }).toEqual({ reply: expect.toBeValidVoiceReply() });
    await expect(Promise.resolve(events['voice'])).resolves.toBeValidWebhookEvent('voice');
    await expect(expect(Promise.resolve(events['voice'])).resolves.toBeValidWebhookEvent('sms')).rejects.toThrow(
      'expect(received).resolves.toBeValidWebhookEvent("sms")',
    );
  });
});

describe('toBeValidVoiceReply', () => {
  it('accepts built replies: an object, its JSON, a stream, and raw { contentType, body }', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const reply = buildVoiceReply({}, { seed });
      expect(reply).toBeValidVoiceReply();
      expect(JSON.stringify(reply)).toBeValidVoiceReply();
      const stream = buildVoiceReplyStream({ seed, interim: 2 });
      expect(stream).toBeValidVoiceReply();
      expect(stream.body).toBeValidVoiceReply();
      expect(new TextEncoder().encode(stream.body)).toBeValidVoiceReply();
      expect({ contentType: stream.contentType, body: stream.body }).toBeValidVoiceReply();
    }
  });

  it("accepts deliver()'s voiceReply from a real handler, and points a whole delivery result at it", async () => {
    const handler = (request: Request): Promise<Response> =>
      request.json().then(() => Response.json({ text: 'Thanks for calling! Goodbye.', hangup: true }));
    const result = await deliver(buildVoiceEvent({}, { seed: 4 }), handler, { secret: 'whsec_test' });
    expect(result.voiceReply).toBeValidVoiceReply();
    expect(failureOf(() => expect(result).toBeValidVoiceReply())).toMatchInlineSnapshot(`
      "expect(received).toBeValidVoiceReply()

      Expected a voice reply AgentPhone can use, but a deliver() result has 1 problem:
        this is the whole delivery result: pass its voiceReply instead, expect(result.voiceReply).toBeValidVoiceReply()"
    `);
  });

  it('lists each problem of a reply the caller would hear as silence', () => {
    expect(failureOf(() => expect({ hangup: 'yes', action: 'forward' }).toBeValidVoiceReply())).toMatchInlineSnapshot(`
      "expect(received).toBeValidVoiceReply()

      Expected a voice reply AgentPhone can use, but a JSON reply has 2 problems:
        hangup: expected true or false, received "yes"
        action: expected "transfer" or "hangup", received "forward""
    `);
    expect(failureOf(() => expect('{"text":"One moment…","interim":true}\n{"text":"Still looking","interim":true}\n').toBeValidVoiceReply()))
      .toMatchInlineSnapshot(`
        "expect(received).toBeValidVoiceReply()

        Expected a voice reply AgentPhone can use, but an NDJSON stream has 1 problem:
          the stream ends without a final chunk (one without "interim": true): the turn is left open and the caller waits in silence"
      `);
  });

  it.each([
    ['an empty object', {}, 'nothing usable in the reply'],
    ['undefined (no body)', undefined, 'the body is empty'],
    ['an array', [{ text: 'hi' }], 'expected a JSON object, received an array of 1'],
    ['a plain string', 'Hello there', 'not valid JSON'],
    ['an empty string', '', 'the body is empty'],
    ['broken JSON', '{"text": "hi"', 'not valid JSON'],
    ['raw bytes that are not UTF-8', { contentType: 'application/json', body: new Uint8Array([0xff, 0xfe]) }, 'not valid UTF-8'],
    ['a stream after its final chunk', { contentType: 'application/x-ndjson', body: '{"text":"Bye"}\n{"text":"Extra"}\n' }, 'ignored by AgentPhone'],
  ])('fails for %s', (_name, value, problem) => {
    expect(failureOf(() => expect(value).toBeValidVoiceReply())).toContain(problem);
    expect(value).not.toBeValidVoiceReply();
  });

  it('fails, without throwing, for a value that cannot be sent as JSON', () => {
    const cyclic: Record<string, unknown> = { text: 'hi' };
    cyclic['self'] = cyclic;
    expect(failureOf(() => expect(cyclic).toBeValidVoiceReply())).toContain('the reply cannot be sent as JSON (');
    expect({ count: 1n }).not.toBeValidVoiceReply();
  });

  it('explains a .not failure with what the caller hears', () => {
    expect(failureOf(() => expect({ text: 'Let me transfer you.', action: 'transfer' }).not.toBeValidVoiceReply())).toMatchInlineSnapshot(`
      "expect(received).not.toBeValidVoiceReply()

      Expected a voice reply with problems, but a JSON reply is valid: it says "Let me transfer you." and asks for transfer."
    `);
  });
});

describe('fixtureSeed in Vitest', () => {
  let seedInBeforeEach: number | undefined;
  beforeEach(() => {
    vi.stubEnv('AGENTPHONE_FIXTURES_SEED', '');
    seedInBeforeEach = fixtureSeed();
  });

  it('is the seed of the full test name, the same in beforeEach and the test', () => {
    const seed = fixtureSeed();
    expect(seed).toBe(seedFromTestName('fixtureSeed in Vitest is the seed of the full test name, the same in beforeEach and the test'));
    expect(seedInBeforeEach).toBe(seed);
    expect(fixtureSeed('customer')).toBe(seedForLabel(seed, 'customer'));
  });

  it.each(['first', 'second'])('differs between tests, even generated ones (%s)', (which) => {
    expect(fixtureSeed()).toBe(seedFromTestName(`fixtureSeed in Vitest differs between tests, even generated ones (${which})`));
  });

  it('is replaced by AGENTPHONE_FIXTURES_SEED', () => {
    vi.stubEnv('AGENTPHONE_FIXTURES_SEED', '123456');
    // The beforeEach drew the derived seed before the variable was set: a new test picks it up.
    expect(fixtureSeed()).toBe(seedFromTestName('fixtureSeed in Vitest is replaced by AGENTPHONE_FIXTURES_SEED'));
  });

  it('puts the seed and the replay command in a matcher failure', () => {
    const seed = fixtureSeed();
    const message = failureOf(() => expect({ event: 'agent.message', channel: 'sms' }).toBeValidWebhookEvent('sms'));
    expect(message).toContain(
      `\n\nThis test drew AgentPhone fixture seed ${seed} (fixtureSeed()). Replay it with:\n` +
        `  AGENTPHONE_FIXTURES_SEED=${seed} npx vitest run ${THIS_FILE} -t '^fixtureSeed in Vitest puts the seed and the replay command in a matcher failure$'`,
    );
    expect(failureOf(() => expect({}).toBeValidVoiceReply())).toContain(`AGENTPHONE_FIXTURES_SEED=${seed} npx vitest run ${THIS_FILE}`);
  });
});

describe('fixtureSeed with AGENTPHONE_FIXTURES_SEED set before the test', () => {
  beforeEach(() => {
    vi.stubEnv('AGENTPHONE_FIXTURES_SEED', '777');
  });

  it('returns it, derives labelled seeds from it, and says so in a matcher failure', () => {
    expect(fixtureSeed()).toBe(777);
    expect(fixtureSeed('customer')).toBe(seedForLabel(777, 'customer'));
    expect(failureOf(() => expect(null).toBeValidWebhookEvent())).toContain(
      'This test drew AgentPhone fixture seed 777 (fixtureSeed(), set by AGENTPHONE_FIXTURES_SEED). Replay it with:\n  AGENTPHONE_FIXTURES_SEED=777 npx vitest run',
    );
  });
});

describe('fixtureSeed outside a test', () => {
  let inDescribe: unknown;
  try {
    fixtureSeed();
  } catch (error) {
    inDescribe = error;
  }
  let inBeforeAll: unknown;
  beforeAll(() => {
    try {
      fixtureSeed();
    } catch (error) {
      inBeforeAll = error;
    }
  });

  it('throws in a describe body and in beforeAll, mentioning concurrent tests', () => {
    expect((inDescribe as Error).message).toMatch(/\. In a test\.concurrent test, Vitest may no longer know which test is running: pass a fixed seed there too$/);
    for (const error of [inDescribe, inBeforeAll]) {
      expect(error).toBeInstanceOf(AgentPhoneFixturesError);
      expect((error as AgentPhoneFixturesError).code).toBe('outside_test');
      expect((error as Error).message).toMatch(/^fixtureSeed\(\) was called outside a test: call it in a test or in a beforeEach\/afterEach hook/);
    }
  });

  it('leaves a matcher failure in a test that drew no seed without a seed line', () => {
    expect(failureOf(() => expect(null).toBeValidWebhookEvent())).not.toContain('AGENTPHONE_FIXTURES_SEED');
  });
});

describe('fixtureSeed in concurrent tests', () => {
  // Vitest keeps one current test per worker, which concurrent tests overwrite: no guessing.
  it.concurrent.each(['first', 'second'])('refuses to guess which test called it (%s)', async (which) => {
    await new Promise((resolve) => setTimeout(resolve, which === 'first' ? 20 : 5));
    let error: unknown;
    try {
      fixtureSeed();
    } catch (caught) {
      error = caught;
    }
    // Either it sees a concurrent test (maybe the other one), or none at all once the other finished.
    expect(error).toBeInstanceOf(AgentPhoneFixturesError);
    expect(['concurrent_test', 'outside_test']).toContain((error as AgentPhoneFixturesError).code);
    expect((error as Error).message).toMatch(/concurrent/);
  });
});

describe('agentPhoneMatchers', () => {
  it('is the object the entry registered, usable with expect.extend', () => {
    expect(Object.keys(agentPhoneMatchers).sort()).toEqual(['toBeValidVoiceReply', 'toBeValidWebhookEvent']);
    const result = agentPhoneMatchers.toBeValidWebhookEvent.call(expect.getState(), events['sms'], 'sms');
    expect(result).toMatchObject({ pass: true });
  });
});
