import { describe, expect, it } from 'vitest';
import {
  FixtureOptionError,
  FixtureValidationError,
  conversation,
  safeParseWebhookEvent,
  type ConversationChannel,
  type ConversationTurn,
  type HistoryEntry,
} from '../../src/index.js';
import { TOPICS } from '../../src/builders/corpus.js';

const CHANNELS: ConversationChannel[] = ['sms', 'mms', 'imessage', 'whatsapp'];

function seconds(iso: string): number {
  return Date.parse(iso) / 1000;
}

/** A turn as recentHistory shows it (the documented fields only). */
function asEntry(turn: ConversationTurn): HistoryEntry {
  return { content: turn.content, direction: turn.direction, channel: turn.channel, at: turn.at };
}

/** Builds a conversation of `pairs` customer/agent exchanges (customer first). */
function run(seed: number, channel: ConversationChannel, pairs: number, contextLimit?: number) {
  const chat = conversation({ seed, channel, ...(contextLimit === undefined ? {} : { contextLimit }) });
  const seenTurns: number[] = [];
  for (let i = 0; i < pairs; i++) {
    seenTurns.push(chat.turns.length);
    chat.inbound();
    chat.outbound();
  }
  return { chat, seenTurns };
}

describe('conversation()', () => {
  it.each(CHANNELS)('keeps one conversation on %s: shared IDs and numbers, valid events, growing history', (channel) => {
    for (let seed = 0; seed < 40; seed++) {
      const { chat, seenTurns } = run(seed, channel, 8, 5);
      const events = chat.events;
      expect(events).toHaveLength(8);
      events.forEach((event, i) => {
        const parsed = safeParseWebhookEvent(event);
        expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
        if (event.event !== 'agent.message' || event.channel === 'voice') throw new Error('expected a text message');
        expect(event.channel).toBe(channel);
        expect(event.agentId).toBe(chat.agentId);
        expect(event.data.conversationId).toBe(chat.conversationId);
        expect(event.data.numberId).toBe(chat.numberId);
        expect(event.data.from).toBe(chat.customer);
        expect(event.data.to).toBe(chat.agentNumber);
        expect(event.data.direction).toBe('inbound');
        expect(event.data.receivedAt).toBe(event.timestamp);
        // Exactly the previous min(contextLimit, n) turns, oldest first, as recorded.
        const n = seenTurns[i] as number;
        const expected = chat.turns.slice(Math.max(0, n - 5), n).map(asEntry);
        expect(event.recentHistory).toEqual(expected);
        if (channel === 'mms') expect(event.data.mediaUrl).toMatch(/^https:\/\/media\.agentphone\.ai\//);
        else expect(event.data.mediaUrl).toBeNull();
      });
    }
  });

  it('makes timestamps strictly increase with realistic gaps (seconds to days)', () => {
    const gaps: number[] = [];
    for (let seed = 0; seed < 60; seed++) {
      const { chat } = run(seed, 'sms', 12);
      const times = chat.turns.map((t) => seconds(t.at));
      for (let i = 1; i < times.length; i++) gaps.push((times[i] as number) - (times[i - 1] as number));
      // Each inbound event's timestamp is its turn's `at`.
      for (const event of chat.events) expect(chat.turns.some((t) => t.at === event.timestamp && t.direction === 'inbound')).toBe(true);
    }
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5 * 86400);
    // Realistic spread: some replies within a minute, some gaps of hours.
    expect(gaps.filter((g) => g < 60).length).toBeGreaterThan(gaps.length / 10);
    expect(gaps.filter((g) => g > 3600).length).toBeGreaterThan(0);
  });

  it('starts at `now` and is a pure function of the seed and the calls', () => {
    const a = run(9, 'whatsapp', 6);
    const b = run(9, 'whatsapp', 6);
    expect(b.chat.events).toEqual(a.chat.events);
    expect(b.chat.turns).toEqual(a.chat.turns);
    expect(run(10, 'whatsapp', 6).chat.events).not.toEqual(a.chat.events);
    const chat = conversation({ seed: 1, now: '2026-03-01T09:30:00.750+01:00' });
    expect(chat.inbound().timestamp).toBe('2026-03-01T08:30:00Z');
  });

  it('caps recentHistory at contextLimit: 0 gives [], 50 keeps 50, the default is 10', () => {
    const zero = conversation({ seed: 2, contextLimit: 0 });
    for (let i = 0; i < 5; i++) {
      expect(zero.inbound().recentHistory).toEqual([]);
      zero.outbound();
    }
    const fifty = conversation({ seed: 2, contextLimit: 50 });
    for (let i = 0; i < 30; i++) {
      fifty.inbound();
      fifty.outbound();
    }
    expect(fifty.inbound().recentHistory).toHaveLength(50);
    const byDefault = conversation({ seed: 2 });
    for (let i = 0; i < 8; i++) {
      byDefault.inbound();
      byDefault.outbound();
    }
    expect(byDefault.contextLimit).toBe(10);
    expect(byDefault.inbound().recentHistory).toHaveLength(10);
    expect(conversation({ contextLimit: null }).contextLimit).toBe(10);
  });

  it.each([51, -1, 2.5, '10', Number.NaN])('rejects contextLimit %s, naming the option', (contextLimit) => {
    const attempt = () => conversation({ contextLimit: contextLimit as number });
    expect(attempt).toThrow(FixtureOptionError);
    expect(attempt).toThrow(/Invalid option "contextLimit": expected an integer from 0 to 50/);
  });

  it('rejects unknown options, channels and identities with the option named', () => {
    expect(() => conversation({ contextlimit: 5 } as never)).toThrow(/Invalid option "contextlimit"/);
    expect(() => conversation({ channel: 'voice' as never })).toThrow(/Invalid option "channel".*voiceCall/);
    expect(() => conversation({ customer: '555-1234' })).toThrow(/Invalid option "customer": expected an E\.164 phone number/);
    expect(() => conversation({ agentNumber: 'jane@icloud.com' })).toThrow(/Invalid option "agentNumber"/);
    expect(() => conversation({ agentId: '' })).toThrow(/Invalid option "agentId": expected a non-empty ID string/);
    expect(() => conversation({ now: '2025-01-15T12:00:00' })).toThrow(/Invalid option "now"/);
    expect(() => conversation({ state: [] as never })).toThrow(/Invalid option "state": expected an object or null/);
    // iMessage identities may be e-mail addresses.
    expect(conversation({ channel: 'imessage', customer: 'jane.doe@icloud.com' }).inbound().data.from).toBe('jane.doe@icloud.com');
  });

  it('takes the participants given and keeps them on every event', () => {
    const chat = conversation({
      seed: 4,
      agentId: 'agt_support',
      numberId: 'num_main',
      agentNumber: '+14155550100',
      customer: '+447911123456',
      conversationId: 'conv_fixed',
    });
    for (let i = 0; i < 3; i++) {
      const event = chat.inbound();
      chat.outbound();
      expect(event).toMatchObject({
        agentId: 'agt_support',
        data: { numberId: 'num_main', to: '+14155550100', from: '+447911123456', conversationId: 'conv_fixed' },
      });
    }
  });

  it('echoes conversationState from setState on later events only, as private copies', () => {
    const chat = conversation({ seed: 5, state: { stage: 'new' } });
    const first = chat.inbound();
    expect(first.conversationState).toEqual({ stage: 'new' });
    const state = { orderId: 'ORD-1', tags: ['vip'] };
    chat.setState(state);
    state.tags.push('mutated later');
    const second = chat.inbound();
    const third = chat.inbound();
    expect(first.conversationState).toEqual({ stage: 'new' });
    expect(second.conversationState).toEqual({ orderId: 'ORD-1', tags: ['vip'] });
    expect(second.conversationState).not.toBe(third.conversationState);
    chat.setState(null);
    expect(chat.inbound().conversationState).toBeNull();
    expect(() => chat.setState('x' as never)).toThrow(/Invalid option "state"/);
  });

  it('waits exactly as long as asked before the next turn, and adds waits up', () => {
    const chat = conversation({ seed: 6 });
    const first = chat.inbound();
    chat.wait('2h');
    const reply = chat.outbound();
    expect(seconds(reply.at) - seconds(first.timestamp)).toBe(7200);
    chat.wait(90).wait('1d');
    const next = chat.inbound();
    expect(seconds(next.timestamp) - seconds(reply.at)).toBe(86400 + 90);
    chat.wait('15m');
    expect(seconds(chat.inbound().timestamp) - seconds(next.timestamp)).toBe(900);
    // A wait before the first turn moves the start.
    const late = conversation({ seed: 6 }).wait('1h').inbound();
    expect(late.timestamp).toBe('2025-01-15T13:00:00Z');
  });

  it.each(['soon', '', '0s', '-5m', '1.5s', 'PT', '2 fortnights', {}])('rejects the wait %j with the accepted forms', (wait) => {
    expect(() => conversation().wait(wait as never)).toThrow(/Invalid option "wait": expected a duration such as 90 \(seconds\)/);
  });

  it('applies overrides to one event; an overridden message is what later history shows', () => {
    const chat = conversation({ seed: 7 });
    const event = chat.inbound(undefined, { data: { message: 'Where is order 1234?' }, conversationState: { vip: true } });
    expect(event.data.message).toBe('Where is order 1234?');
    expect(event.conversationState).toEqual({ vip: true });
    chat.outbound();
    const next = chat.inbound();
    expect(next.recentHistory[0]?.content).toBe('Where is order 1234?');
    expect(next.conversationState).toBeNull();
    expect(() => chat.inbound(undefined, { data: { from: '555' } })).toThrow(FixtureValidationError);
    expect(() => chat.inbound(42 as never)).toThrow(/Invalid option "text": expected a string/);
  });

  it('leaves no trace of a turn that failed: the wait, the count and the thread stay as they were', () => {
    const clean = conversation({ seed: 9 });
    clean.inbound('hi');
    clean.wait('2h');
    const expected = [clean.inbound(), clean.outbound()];
    const failing = conversation({ seed: 9 });
    failing.inbound('hi');
    failing.wait('2h');
    expect(() => failing.inbound(undefined, { data: { from: 'bad' } })).toThrow(FixtureValidationError);
    expect(() => failing.outbound(7 as never)).toThrow(FixtureOptionError);
    expect([failing.inbound(), failing.outbound()]).toEqual(expected);
    expect(failing.events).toHaveLength(2);
  });

  it('refuses a wait past the year 9999 at the wait itself', () => {
    const chat = conversation({ now: '9999-12-31T00:00:00Z' });
    expect(() => chat.wait('2d')).toThrow(/Invalid option "wait": expected a wait that keeps the next turn before the year 10000, received "2d"/);
    expect(chat.wait('1h').inbound().timestamp).toBe('9999-12-31T01:00:00Z');
  });

  it('records outbound replies without a webhook; the first outbound is an opening line', () => {
    const chat = conversation({ seed: 8 });
    const opener = chat.outbound();
    expect(opener.direction).toBe('outbound');
    expect(opener.content.length).toBeGreaterThan(5);
    expect(chat.events).toHaveLength(0);
    const event = chat.inbound();
    expect(event.recentHistory).toEqual([asEntry(opener)]);
    const written = chat.outbound('We close at 6pm today.');
    expect(written.content).toBe('We close at 6pm today.');
  });
});

/** `template` as a regex: slots match anything; customer lines may be restyled (case, punctuation, emoji). */
function templatePattern(template: string, customer: boolean): RegExp {
  let body = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, '.+?');
  if (customer) body = body.replace(/(\\[.!?]|[!])+$/, '');
  const tail = customer ? '[.!?]*(?: \\p{Extended_Pictographic}\\S*)?' : '';
  const filler = customer ? '(?:(?:Um|Uh|Yeah|So), )?' : '';
  return new RegExp(`^${filler}${body}${tail}$`, customer ? 'iu' : 'u');
}

const TEXT_EXCHANGES = TOPICS.flatMap((topic) =>
  topic.text.steps.flat().map(([c, a]) => ({ customer: templatePattern(c, true), agent: templatePattern(a, false) })),
);

describe('conversation() text', () => {
  it('answers each generated customer line with the agent line of the same exchange', () => {
    let checked = 0;
    for (let seed = 0; seed < 150; seed++) {
      const chat = conversation({ seed });
      for (let i = 0; i < 5; i++) {
        const asked = chat.inbound().data.message;
        const answer = chat.outbound().content;
        const fits = TEXT_EXCHANGES.some((x) => x.customer.test(asked) && x.agent.test(answer));
        expect(fits, `no corpus exchange pairs ${JSON.stringify(asked)} with ${JSON.stringify(answer)}`).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBe(750);
  });

  it('answers a written customer line with the reply to the closest corpus line', () => {
    const reply = (text: string) => {
      const chat = conversation({ seed: 3 });
      chat.inbound(text);
      return chat.outbound().content;
    };
    expect(reply('STOP')).toMatch(/unsubscribed/);
    expect(reply('Can I reschedule my appointment?')).toMatch(/^Of course\. Does \w+ at .+ work\?$/);
    expect(reply('I think I was charged twice this month')).toMatch(/charge|account|email/i);
    // Nothing in common with the corpus: a neutral acknowledgement.
    expect(reply('Zxqv blorf')).toMatch(/check|look/i);
  });

  it('answers an overridden message, not the line it replaced, as if it had been written', () => {
    const chat = conversation({ seed: 7 });
    chat.inbound(undefined, { data: { message: 'STOP' } });
    expect(chat.outbound().content).toMatch(/unsubscribed/);
    for (let seed = 0; seed < 20; seed++) {
      const overridden = conversation({ seed });
      overridden.inbound();
      overridden.outbound();
      overridden.inbound(undefined, { data: { message: 'Zxqv blorf' } });
      const written = conversation({ seed });
      written.inbound();
      written.outbound();
      written.inbound('Zxqv blorf');
      expect(overridden.outbound().content).toBe(written.outbound().content);
    }
  });

  it("reads a written line as the answer to the agent's last question when nothing else fits better", () => {
    const chat = conversation({ seed: 42 });
    chat.inbound("I can't log in, it keeps saying my password is wrong");
    expect(chat.outbound().content).toMatch(/email/);
    chat.inbound("It's brisa.von@example.com");
    // The support thread's next step (a reset link), not another topic's line.
    expect(chat.outbound().content).toMatch(/link|reset/i);
    // A line that clearly belongs elsewhere still moves the thread.
    chat.inbound('STOP');
    expect(chat.outbound().content).toMatch(/unsubscribed/);
  });

  it('carries on from a written line: the next generated customer line is the script step after it', () => {
    const chat = conversation({ seed: 11 });
    chat.inbound("Hi, I need help with my order");
    chat.outbound();
    const next = chat.inbound().data.message;
    // The order-status script's second step gives the order number.
    expect(next).toMatch(/\d{5}/);
  });
});

describe('createFixtures().conversation() and .voiceCall()', () => {
  it("use the set's agent and clock, and a seed of their own per conversation", async () => {
    const { createFixtures } = await import('../../src/index.js');
    const fx = createFixtures({ seed: 21, now: '2026-04-01T10:00:00Z' });
    const sms = fx.buildSmsEvent();
    const first = fx.conversation({ contextLimit: 2 });
    const second = fx.conversation({ channel: 'whatsapp', seed: undefined });
    const event = first.inbound();
    expect(event.agentId).toBe(sms.agentId);
    expect(event.data.numberId).toBe(sms.data.numberId);
    expect(event.data.to).toBe(sms.data.to);
    expect(event.timestamp).toBe('2026-04-01T10:00:00Z');
    expect(second.conversationId).not.toBe(first.conversationId);
    const call = fx.voiceCall();
    expect(call.caller().data.to).toBe(sms.data.to);
    // Reproducible: a new set with the same seed repeats the same conversations.
    const again = createFixtures({ seed: 21, now: '2026-04-01T10:00:00Z' });
    expect(again.conversation({ contextLimit: 2 }).inbound()).toEqual(event);
    fx.reset();
    expect(fx.conversation({ contextLimit: 2 }).inbound()).toEqual(event);
    expect(() => fx.conversation({ contextLimit: 99 })).toThrow(/contextLimit/);
  });
});
