import { describe, expect, it } from 'vitest';
import { buildHistoryEntry, buildSmsEvent, buildVoiceEvent, createFixtures } from '../../src/index.js';

describe('createFixtures', () => {
  it('keeps one agent identity and gives each build its own conversation', () => {
    const fx = createFixtures({ seed: 11 });
    const a = fx.buildSmsEvent();
    const b = fx.buildSmsEvent();
    const c = fx.buildVoiceEvent();
    expect(new Set([a.agentId, b.agentId, c.agentId]).size).toBe(1);
    expect(new Set([a.data.numberId, b.data.numberId, c.data.numberId]).size).toBe(1);
    expect(b.data.to).toBe(a.data.to);
    expect([c.data.from, c.data.to]).toContain(a.data.to);
    expect(a.data.conversationId).not.toBe(b.data.conversationId);
  });

  it('replays the same sequence in a new set, and again after reset()', () => {
    const one = createFixtures({ seed: 5 });
    const two = createFixtures({ seed: 5 });
    const first = [one.buildSmsEvent(), one.buildVoiceEvent(), one.buildSmsEvent(), one.buildHistory(3), one.buildHistoryEntry()];
    const second = [two.buildSmsEvent(), two.buildVoiceEvent(), two.buildSmsEvent(), two.buildHistory(3), two.buildHistoryEntry()];
    expect(second).toEqual(first);
    expect(first[0]).not.toEqual(first[2]);
    one.reset();
    expect(one.buildSmsEvent()).toEqual(first[0]);
  });

  it('counts each builder on its own: building other kinds first shifts nothing', () => {
    const plain = createFixtures({ seed: 8 });
    const busy = createFixtures({ seed: 8 });
    busy.buildHistoryEntry();
    busy.buildHistory(4);
    busy.buildVoiceEvent();
    expect(busy.buildSmsEvent()).toEqual(plain.buildSmsEvent());
    expect(busy.buildAgentMessageEvent('sms')).toEqual(plain.buildSmsEvent());
  });

  it('gives sets with nearby seeds different conversations', () => {
    const a = createFixtures({ seed: 1 });
    const b = createFixtures({ seed: 2 });
    a.buildSmsEvent();
    const second = a.buildSmsEvent();
    const other = b.buildSmsEvent();
    expect(second.data.from).not.toBe(other.data.from);
    expect(second.data.conversationId).not.toBe(other.data.conversationId);
  });

  it('applies the set clock, history and per-builder defaults under call overrides', () => {
    const fx = createFixtures({
      seed: 1,
      now: '2026-04-01T10:00:00Z',
      history: 2,
      defaults: { sms: { agentId: 'agt_mine', data: { message: 'default text' } }, voice: { data: { direction: 'outbound' } } },
    });
    const sms = fx.buildSmsEvent({ data: { message: 'call text' } });
    expect(sms.agentId).toBe('agt_mine');
    expect(sms.data.message).toBe('call text');
    expect(sms.timestamp).toBe('2026-04-01T10:00:00Z');
    expect(sms.recentHistory).toHaveLength(2);
    expect(fx.buildSmsEvent().data.message).toBe('default text');
    expect(fx.buildVoiceEvent().data.direction).toBe('outbound');
    expect(fx.buildAgentMessageEvent('sms').agentId).toBe('agt_mine');
    expect(fx.now).toBe('2026-04-01T10:00:00Z');
    expect(fx.seed).toBe(1);
  });

  it('lets a call pass its own seed without advancing the counter', () => {
    const fx = createFixtures({ seed: 3 });
    const pinned = fx.buildSmsEvent({}, { seed: 100 });
    expect(pinned.data.message).toBe(buildSmsEvent({}, { seed: 100 }).data.message);
    expect(fx.buildSmsEvent()).toEqual(createFixtures({ seed: 3 }).buildSmsEvent());
  });

  it('builds history entries and whole histories on the set clock', () => {
    const fx = createFixtures({ seed: 9, now: '2026-01-01T00:00:00Z', defaults: { historyEntry: { channel: 'voice' } } });
    const entry = fx.buildHistoryEntry();
    expect(entry.channel).toBe('voice');
    expect(Date.parse(entry.at)).toBeLessThan(Date.parse('2026-01-01T00:00:00Z'));
    const history = fx.buildHistory(3, { channel: 'sms' });
    expect(history).toHaveLength(3);
    expect(buildHistoryEntry({}, { seed: 1 }).channel).toBe('sms');
  });

  it('names the same agent in history texts as in events', () => {
    for (let seed = 0; seed < 20; seed++) {
      const fx = createFixtures({ seed });
      const business = (texts: string[]) => texts.join(' ').match(/(Bright Smile Dental|Northside Auto Repair|Luna Hair Studio|Green Leaf Grocers|Summit Physical Therapy|Blue Door Bakery|Harbor Pet Clinic|Maple Street Realty|Peak Fitness|Cedar Plumbing & Heating)/g) ?? [];
      const names = new Set([
        ...business(fx.buildHistory(30, { channel: 'voice' }).map((h) => h.content)),
        ...business(fx.buildSmsEvent({}, { history: 30 }).recentHistory.map((h) => h.content)),
        ...business(fx.buildVoiceEvent({}, { history: 30 }).recentHistory.map((h) => h.content)),
      ]);
      expect(names.size, `seed ${seed}: ${[...names].join(', ')}`).toBeLessThanOrEqual(1);
    }
  });

  it('leaves the top-level builders alone', () => {
    const before = buildVoiceEvent({}, { seed: 0 });
    const fx = createFixtures({ seed: 0 });
    fx.buildVoiceEvent();
    fx.buildVoiceEvent();
    expect(buildVoiceEvent({}, { seed: 0 })).toEqual(before);
  });

  it('binds every event builder to the same agent, with per-builder defaults and replay', () => {
    const fx = createFixtures({
      seed: 21,
      now: '2026-02-02T10:00:00Z',
      defaults: { mms: { data: { message: 'photo attached' } }, callEnded: { data: { summary: 'Pinned summary.' } }, voiceReply: { hangup: true } },
    });
    const sms = fx.buildSmsEvent();
    const mms = fx.buildMmsEvent();
    const imessage = fx.buildIMessageEvent({}, { optional: true });
    const whatsapp = fx.buildWhatsAppEvent();
    const ended = fx.buildCallEndedEvent({}, { turns: 6 });
    const reaction = fx.buildReactionEvent();
    for (const event of [mms, imessage, whatsapp, ended, reaction]) {
      expect(event.agentId).toBe(sms.agentId);
      expect(event.timestamp).toBe('2026-02-02T10:00:00Z');
    }
    expect(mms.data.message).toBe('photo attached');
    expect(fx.buildAgentMessageEvent('mms').data.message).toBe('photo attached');
    expect(imessage.data.messageId).toMatch(/^msg_/);
    expect(ended.data.summary).toBe('Pinned summary.');
    expect(ended.data.transcript).toHaveLength(6);
    expect(fx.buildVoiceReply().hangup).toBe(true);
    fx.reset();
    expect(fx.buildCallEndedEvent({}, { turns: 6 })).toEqual(ended);
    expect(fx.buildReactionEvent()).toEqual(reaction);
  });
});
