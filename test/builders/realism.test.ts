import { describe, expect, it } from 'vitest';
import { buildSmsEvent, buildVoiceEvent } from '../../src/index.js';

const N = 3_000;
const sms = Array.from({ length: N }, (_, seed) => buildSmsEvent({}, { seed }));
const voice = Array.from({ length: N }, (_, seed) => buildVoiceEvent({}, { seed }));

const NANP = /^\+1([2-9]\d{2})([2-9]\d{2})(\d{4})$/;

describe('built values look like AgentPhone traffic', () => {
  it("uses US numbers with valid area and exchange codes for the agent's number", () => {
    for (const e of sms) {
      const m = NANP.exec(e.data.to);
      expect(m, e.data.to).not.toBeNull();
      const [, npa, nxx] = m!;
      expect(npa!.slice(1), `${e.data.to}: N11 area code`).not.toBe('11');
      expect(nxx!.slice(1), `${e.data.to}: N11 exchange`).not.toBe('11');
      expect(nxx).not.toBe('555');
    }
  });

  it('sends mostly from +1 numbers, sometimes from another country', () => {
    const foreign = sms.filter((e) => !e.data.from.startsWith('+1')).length / N;
    expect(foreign).toBeGreaterThan(0.01);
    expect(foreign).toBeLessThan(0.1);
  });

  it('uses docs-style ID prefixes', () => {
    for (const e of sms) {
      expect(e.agentId).toMatch(/^agt_[a-z0-9]{12}$/);
      expect(e.data.conversationId).toMatch(/^conv_[a-z0-9]{12}$/);
      expect(e.data.numberId).toMatch(/^num_[a-z0-9]{12}$/);
    }
    for (const e of voice) expect(e.data.callId).toMatch(/^call_[a-z0-9]{12}$/);
  });

  it('keeps STT confidence mostly within 0.75–0.99, with two decimals', () => {
    const inBand = voice.filter((e) => e.data.confidence >= 0.75 && e.data.confidence <= 0.99).length / N;
    expect(inBand).toBeGreaterThan(0.85);
    expect(inBand).toBeLessThan(1);
    for (const e of voice) expect(Math.round(e.data.confidence * 100) / 100).toBe(e.data.confidence);
  });

  it('writes varied customer texts: many distinct, some with emoji, some lower-case, none lorem ipsum', () => {
    const messages = sms.map((e) => e.data.message);
    expect(new Set(messages).size).toBeGreaterThan(N / 10);
    expect(messages.some((m) => /\p{Extended_Pictographic}/u.test(m))).toBe(true);
    expect(messages.some((m) => m !== '' && m === m.toLowerCase() && /[a-z]/.test(m))).toBe(true);
    expect(messages.some((m) => /^stop$/i.test(m))).toBe(true);
    expect(messages.some((m) => /order/i.test(m))).toBe(true);
    expect(messages.some((m) => /appointment/i.test(m))).toBe(true);
    expect(messages.join(' ')).not.toMatch(/lorem|ipsum|dolor/i);
    expect(messages.some((m) => m.includes('{') || m.includes('}'))).toBe(false);
  });

  it('makes history read like a conversation: mostly alternating, the agent usually spoke last', () => {
    let pairs = 0;
    let alternating = 0;
    let lastOutbound = 0;
    let withHistory = 0;
    for (const e of sms) {
      const h = e.recentHistory;
      if (h.length === 0) continue;
      withHistory++;
      if (h.at(-1)!.direction === 'outbound') lastOutbound++;
      for (let i = 1; i < h.length; i++) {
        pairs++;
        if (h[i]!.direction !== h[i - 1]!.direction) alternating++;
      }
    }
    expect(alternating / pairs).toBeGreaterThan(0.7);
    expect(lastOutbound / withHistory).toBeGreaterThan(0.7);
  });

  it('gives voice turns seconds apart and text turns minutes to hours apart', () => {
    const gaps = (events: typeof sms | typeof voice) =>
      events.flatMap((e) => {
        const times = [...e.recentHistory.map((h) => Date.parse(h.at)), Date.parse(e.timestamp)];
        return times.slice(1).map((t, i) => (t - times[i]!) / 1000);
      });
    const voiceGaps = gaps(voice);
    const smsGaps = gaps(sms);
    expect(Math.max(...voiceGaps)).toBeLessThanOrEqual(20);
    expect(Math.max(...smsGaps)).toBeGreaterThan(3600);
    expect(Math.min(...voiceGaps, ...smsGaps)).toBeGreaterThanOrEqual(1);
  });

  it('makes most calls inbound (caller in from) and a few outbound reminder calls (agent number in from)', () => {
    const inbound = voice.filter((e) => e.data.direction === 'inbound');
    expect(inbound.length / N).toBeGreaterThan(0.85);
    expect(inbound.length / N).toBeLessThan(0.995);
    const agentNumbers = new Set(voice.map((e) => (e.data.direction === 'inbound' ? e.data.to : e.data.from)));
    for (const n of agentNumbers) expect(n).toMatch(NANP);
    expect(voice.every((e) => e.conversationState === null && e.data.status === 'in-progress')).toBe(true);
  });

  it('echoes conversationState on some threads, null on others', () => {
    const withState = sms.filter((e) => e.conversationState !== null).length / N;
    expect(withState).toBeGreaterThan(0.4);
    expect(withState).toBeLessThan(0.8);
  });
});
