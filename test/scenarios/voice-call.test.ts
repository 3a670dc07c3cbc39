import { describe, expect, it } from 'vitest';
import {
  FixtureOptionError,
  ScenarioError,
  conversation,
  isAgentPhoneFixturesError,
  safeParseWebhookEvent,
  voiceCall,
  type VoiceEvent,
} from '../../src/index.js';

function seconds(iso: string): number {
  return Date.parse(iso) / 1000;
}

function expectValid(event: unknown): void {
  const parsed = safeParseWebhookEvent(event);
  expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
}

describe('voiceCall()', () => {
  it('gives every caller utterance the same callId, its own confidence, and the earlier turns as voice history', () => {
    for (let seed = 0; seed < 40; seed++) {
      const call = voiceCall({ seed, contextLimit: 4 });
      const events: VoiceEvent[] = [];
      const before: number[] = [];
      call.agent();
      for (let i = 0; i < 6; i++) {
        before.push(call.turns.length);
        events.push(call.caller());
        call.agent();
      }
      for (const [i, event] of events.entries()) {
        expectValid(event);
        expect(event.data.callId).toBe(call.callId);
        expect(event.data.status).toBe('in-progress');
        expect(event.data.direction).toBe('inbound');
        expect(event.data.confidence).toBeGreaterThanOrEqual(0);
        expect(event.data.confidence).toBeLessThanOrEqual(1);
        const n = before[i] as number;
        expect(event.recentHistory).toEqual(call.turns.slice(Math.max(0, n - 4), n).map((t) => ({ ...t })));
        expect(event.recentHistory.every((h) => h.channel === 'voice')).toBe(true);
        expect(event.timestamp).toBe(call.turns[n]?.at);
      }
      // Confidence is drawn per utterance, not once per call.
      expect(new Set(events.map((e) => e.data.confidence)).size).toBeGreaterThan(1);
    }
  });

  it('ends with the whole transcript, not cut by contextLimit, and consistent times', () => {
    for (let seed = 0; seed < 40; seed++) {
      const call = voiceCall({ seed, contextLimit: 2, now: '2026-02-02T15:00:00Z' });
      call.agent();
      for (let i = 0; i < 15; i++) {
        call.caller();
        call.agent();
      }
      const ended = call.end();
      expectValid(ended);
      expect(ended.event).toBe('agent.call_ended');
      expect(ended.data.transcript).toHaveLength(31);
      expect(ended.data.transcript).toEqual(
        call.turns.map((t) => ({ role: t.direction === 'inbound' ? 'user' : 'agent', content: t.content })),
      );
      const start = seconds(ended.data.startedAt);
      const end = seconds(ended.data.endedAt);
      expect(ended.data.startedAt).toBe('2026-02-02T15:00:00Z');
      expect(ended.timestamp).toBe(ended.data.endedAt);
      expect(ended.data.durationSeconds).toBe(end - start);
      expect(seconds(call.turns[0]?.at as string)).toBeGreaterThan(start);
      expect(end).toBeGreaterThan(seconds(call.turns.at(-1)?.at as string));
      const times = call.turns.map((t) => seconds(t.at));
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1] as number);
      // A spoken turn takes seconds, not hours.
      expect((end - start) / 31).toBeLessThan(30);
    }
  });

  it('takes the disconnection reason and analysis given to end(), and draws them otherwise', () => {
    const call = voiceCall({ seed: 3 });
    call.caller('Hi, I need to reschedule');
    call.agent();
    const ended = call.end({ disconnectionReason: 'agent_hangup', summary: 'Rescheduled.', userSentiment: 'Positive', callSuccessful: true });
    expect(ended.data).toMatchObject({ disconnectionReason: 'agent_hangup', summary: 'Rescheduled.', userSentiment: 'Positive', callSuccessful: true });
    const nulls = voiceCall({ seed: 3 });
    nulls.caller();
    expect(nulls.end({ summary: null, userSentiment: null, callSuccessful: null }).data).toMatchObject({ summary: null, userSentiment: null, callSuccessful: null });
    const reasons = new Set<string | null | undefined>();
    for (let seed = 0; seed < 200; seed++) {
      const c = voiceCall({ seed });
      c.agent();
      c.caller();
      if (seed % 2 === 0) c.agent();
      reasons.add(c.end().data.disconnectionReason);
    }
    expect([...reasons].every((r) => r === null || ['user_hangup', 'agent_hangup', 'call_transfer'].includes(r as string))).toBe(true);
    expect(reasons.has('user_hangup') && reasons.has('agent_hangup')).toBe(true);
    expect(() => voiceCall().end({ userSentiment: 5 } as never)).toThrow(/Invalid option "userSentiment": expected a string or null/);
    expect(() => voiceCall().end({ reason: 'x' } as never)).toThrow(/Invalid option "reason"/);
  });

  it("takes a written caller line as the answer to the agent's question", () => {
    const call = voiceCall({ seed: 8 });
    call.agent();
    call.caller('Hi, I need help with my order');
    expect(call.agent().content).toMatch(/order number/);
    call.caller('Order 40245, the blender');
    expect(call.agent().content).not.toMatch(/order number\?/);
  });

  it('wraps a call up once its script is done instead of opening a new topic', () => {
    for (let seed = 0; seed < 60; seed++) {
      const call = voiceCall({ seed, direction: seed % 2 === 0 ? 'inbound' : 'outbound' });
      call.agent();
      const lines: string[] = [];
      for (let i = 0; i < 8; i++) {
        lines.push(call.caller().data.transcript);
        call.agent();
      }
      // After the greeting, no caller line opens a call again.
      for (const line of lines.slice(1)) expect(line).not.toMatch(/^(?:(?:Um|Uh|Yeah|So), )?(?:hi|hey|hello)\b.*\b(?:calling|call)\b/i);
      expect(lines.at(-1)).toMatch(/bye|thank|that's it|that’s all|everything/i);
      // Never the same goodbye twice in a row.
      for (let i = 1; i < lines.length; i++) {
        if (/bye|that's it|that’s all|everything/i.test(lines[i] as string)) expect(lines[i]).not.toBe(lines[i - 1]);
      }
    }
  });

  it('gives a call where nobody spoke no post-call analysis', () => {
    const ended = voiceCall({ seed: 2 }).end();
    expect(ended.data.transcript).toEqual([]);
    expect(ended.data).toMatchObject({ summary: null, userSentiment: null, callSuccessful: null, disconnectionReason: 'user_hangup' });
  });

  it('refuses turns after end() with a ScenarioError', () => {
    const call = voiceCall({ seed: 1 });
    call.caller();
    call.end();
    for (const attempt of [() => call.caller(), () => call.agent(), () => call.end(), () => call.wait('5s'), () => call.setState(null)]) {
      expect(attempt).toThrow(ScenarioError);
      try {
        attempt();
      } catch (error) {
        expect(isAgentPhoneFixturesError(error) && error.code).toBe('call_ended');
        expect((error as Error).message).toContain(call.callId);
      }
    }
    expect(call.ended).toBe(true);
    expect(call.events).toHaveLength(2);
  });

  it('puts the agent in `from` on outbound calls, starting with a reminder, and gives web calls no numberId at the end', () => {
    const out = voiceCall({ seed: 5, direction: 'outbound' });
    const greeting = out.agent();
    expect(greeting.content).toMatch(/calling with a reminder/);
    const event = out.caller();
    expect(event.data).toMatchObject({ from: out.agentNumber, to: out.customer, direction: 'outbound' });
    expect(out.agentNumber).not.toBe(out.customer);
    const ended = out.end();
    expect(ended.data).toMatchObject({ from: out.agentNumber, to: out.customer, direction: 'outbound' });
    const inbound = voiceCall({ seed: 5 });
    expect(inbound.caller().data).toMatchObject({ from: inbound.customer, to: inbound.agentNumber, direction: 'inbound' });
    const web = voiceCall({ seed: 5, direction: 'web' });
    expectValid(web.caller());
    expect(web.end().data.numberId).toBeNull();
    expect(() => voiceCall({ direction: 'sideways' as never })).toThrow(FixtureOptionError);
    expect(() => voiceCall({ customer: 'jane@icloud.com' })).toThrow(/Invalid option "customer": expected an E\.164 phone number/);
  });

  it('lets time pass on wait() and echoes the state set on the call', () => {
    const call = voiceCall({ seed: 2, state: { verified: false } });
    const first = call.caller('Let me find my card');
    call.wait('40s');
    const second = call.setState({ verified: true }).caller("Okay, it's 4417");
    expect(seconds(second.timestamp) - seconds(first.timestamp)).toBeGreaterThanOrEqual(41);
    expect(first.conversationState).toEqual({ verified: false });
    expect(second.conversationState).toEqual({ verified: true });
  });

  it('is a pure function of the seed and the calls', () => {
    const make = (seed: number) => {
      const call = voiceCall({ seed });
      call.agent();
      call.caller();
      call.agent();
      call.caller('And one more thing');
      call.agent();
      return [...call.events, call.end()];
    };
    expect(make(17)).toEqual(make(17));
    expect(make(18)).not.toEqual(make(17));
  });
});

describe('conversation().call()', () => {
  it('shares the conversation: one timeline, one agent and customer, history across channels', () => {
    const chat = conversation({ seed: 12, contextLimit: 6 });
    const text = chat.inbound('Can you call me about my order?');
    chat.outbound('Sure, calling you now.');
    const call = chat.call({ direction: 'outbound' });
    call.agent('Hi, this is the store returning your text.');
    const spoken = call.caller();
    call.agent();
    const ended = call.end();
    const after = chat.inbound('Thanks for the call!');
    for (const event of chat.events) expectValid(event);
    expect(chat.events.map((e) => `${e.event}/${e.channel}`)).toEqual([
      'agent.message/sms',
      'agent.message/voice',
      'agent.call_ended/voice',
      'agent.message/sms',
    ]);
    expect(spoken.data.from).toBe(text.data.to);
    expect(spoken.data.to).toBe(text.data.from);
    expect(spoken.data.numberId).toBe(text.data.numberId);
    expect(spoken.agentId).toBe(text.agentId);
    expect(spoken.recentHistory.map((h) => h.channel)).toEqual(['sms', 'sms', 'voice']);
    expect(after.recentHistory.map((h) => h.channel)).toEqual(['sms', 'sms', 'voice', 'voice', 'voice']);
    expect(seconds(ended.data.startedAt)).toBeGreaterThan(seconds(text.timestamp));
    expect(seconds(after.timestamp)).toBeGreaterThan(seconds(ended.timestamp));
    // The call's own transcript is the call only.
    expect(ended.data.transcript).toHaveLength(3);
  });

  it("carries on with the conversation's topic; an agent calling back opens with a call-back line", () => {
    for (let seed = 0; seed < 30; seed++) {
      const chat = conversation({ seed });
      chat.inbound('Hi, I need help with my order');
      chat.outbound();
      const call = chat.wait('5m').call({ direction: 'outbound' });
      const opener = call.agent();
      expect(opener.content).toMatch(/returning your message|calling about your messages/);
      const spoken = call.caller();
      // The order-status voice script: the caller speaks about the order, not a reminder opt-out.
      expect(spoken.data.transcript).toMatch(/order/i);
      const inbound = conversation({ seed }).call();
      expect(inbound.agent().content).not.toMatch(/returning your message/);
    }
  });

  it('takes the topic of a conversation of written lines only', () => {
    const chat = conversation({ seed: 12 });
    chat.inbound('Can you call me about my order?');
    chat.outbound('Sure, calling you in a minute.');
    const call = chat.call({ direction: 'outbound' });
    expect(call.agent().content).toMatch(/returning your message|calling about your messages/);
    expect(call.caller().data.transcript).toMatch(/order/i);
  });

  it('places a call from a conversation within minutes of the last message', () => {
    for (let seed = 0; seed < 30; seed++) {
      const chat = conversation({ seed });
      const text = chat.inbound();
      const ended = chat.call().end();
      const gap = seconds(ended.data.startedAt) - seconds(text.timestamp);
      expect(gap).toBeGreaterThanOrEqual(30);
      expect(gap).toBeLessThanOrEqual(900);
    }
  });

  it('needs a phone number for the customer, and only takes direction and callId', () => {
    const chat = conversation({ channel: 'imessage', customer: 'jane@icloud.com' });
    expect(() => chat.call()).toThrow(/Invalid option "customer": expected an E\.164 phone number to place a call/);
    expect(() => conversation().call({ contextLimit: 3 } as never)).toThrow(/Invalid option "contextLimit"/);
    expect(conversation().call({ callId: 'call_given' }).callId).toBe('call_given');
  });
});
