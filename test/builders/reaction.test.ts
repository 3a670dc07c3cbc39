import { describe, expect, it } from 'vitest';
import { buildReactionEvent } from '../../src/builders/reaction.js';
import { buildSmsEvent } from '../../src/builders/sms.js';
import { buildVoiceEvent } from '../../src/builders/voice.js';
import { FixtureValidationError } from '../../src/errors.js';
import { REACTION_TYPES, reactionEventSchema } from '../../src/schemas/reaction.js';

const SEEDS = 10_000;

describe('buildReactionEvent over 10,000 seeds', () => {
  it('always passes its schema, created when it is sent', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const event = buildReactionEvent({}, { seed });
      reactionEventSchema.parse(event);
      if (event.data.createdAt !== event.timestamp) throw new Error(`seed ${seed}: createdAt is not the timestamp`);
    }
  });

  it('passes with an arbitrary now', () => {
    const event = buildReactionEvent({}, { seed: 1, now: '2031-07-04T23:59:59.999Z' });
    expect(event.timestamp).toBe('2031-07-04T23:59:59Z');
    expect(event.data.createdAt).toBe(event.timestamp);
  });
});

describe('buildReactionEvent realism', () => {
  const N = 3_000;
  const reactions = Array.from({ length: N }, (_, seed) => buildReactionEvent({}, { seed }));

  it('emits the documented required fields on imessage, and nothing that must be opted into', () => {
    for (const e of reactions) {
      expect(Object.keys(e).sort()).toEqual(['agentId', 'channel', 'data', 'event', 'timestamp']);
      expect(Object.keys(e.data).sort()).toEqual(
        ['conversationId', 'createdAt', 'direction', 'fromNumber', 'messageBody', 'messageId', 'messageMediaUrl', 'numberId', 'reactionType'].sort(),
      );
      expect(e.channel).toBe('imessage');
      expect(e.data.direction).toBe('inbound');
      expect(e.data.messageMediaUrl).toBeNull();
      expect(e.agentId).toMatch(/^agt_[a-z0-9]{12}$/);
      expect(e.data.conversationId).toMatch(/^conv_[a-z0-9]{12}$/);
      expect(e.data.numberId).toMatch(/^num_[a-z0-9]{12}$/);
      expect(e.data.messageId).toMatch(/^msg_[a-z0-9]{12}$/);
      expect(e.data.fromNumber).toMatch(/^\+[1-9]\d{7,14}$/);
    }
  });

  it('uses every reaction type, like and love most', () => {
    const counts = new Map<string, number>();
    for (const e of reactions) counts.set(e.data.reactionType, (counts.get(e.data.reactionType) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...REACTION_TYPES].sort());
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([type]) => type);
    expect(ranked.slice(0, 2).sort()).toEqual(['like', 'love']);
    expect(((counts.get('like') ?? 0) + (counts.get('love') ?? 0)) / N).toBeGreaterThan(0.55);
  });

  it('reacts to varied agent messages, written out (no template slots)', () => {
    const bodies = reactions.map((e) => e.data.messageBody ?? '');
    expect(new Set(bodies).size).toBeGreaterThan(N / 20);
    expect(bodies.some((b) => /[{}]/.test(b))).toBe(false);
    expect(bodies.every((b) => b.length > 0)).toBe(true);
  });
});

describe('buildReactionEvent overrides', () => {
  it('moving timestamp moves createdAt; an explicit createdAt is kept', () => {
    const timestamp = '2026-06-01T08:30:00.250-04:00';
    const moved = buildReactionEvent({ timestamp }, { seed: 3 });
    expect(moved.timestamp).toBe(timestamp);
    expect(moved.data.createdAt).toBe(timestamp);
    const plain = buildReactionEvent({}, { seed: 3 });
    expect({ ...moved.data, createdAt: plain.data.createdAt }).toEqual(plain.data);
    const both = buildReactionEvent({ timestamp, data: { createdAt: '2026-06-01T12:29:58Z' } }, { seed: 3 });
    expect(both.data.createdAt).toBe('2026-06-01T12:29:58Z');
  });

  it('merges data and replaces arrays', () => {
    const plain = buildReactionEvent({}, { seed: 4 });
    const event = buildReactionEvent({ data: { reactionType: 'dislike', messageMediaUrls: ['https://cdn.example.com/a.jpg'] } }, { seed: 4 });
    expect(event.data).toEqual({ ...plain.data, reactionType: 'dislike', messageMediaUrls: ['https://cdn.example.com/a.jpg'] });
    const replaced = buildReactionEvent({ data: { messageMediaUrls: [] } }, { seed: 4 });
    expect(replaced.data.messageMediaUrls).toEqual([]);
    const withContext = buildReactionEvent({ conversationState: null, recentHistory: [] }, { seed: 4 });
    expect(withContext.conversationState).toBeNull();
    expect(withContext.recentHistory).toEqual([]);
  });

  it('builds a WhatsApp reaction, and rejects one on sms naming channel', () => {
    expect(buildReactionEvent({ channel: 'whatsapp' }, { seed: 5 }).channel).toBe('whatsapp');
    let error: unknown;
    try {
      buildReactionEvent({ channel: 'sms' as never }, { seed: 5 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FixtureValidationError);
    expect((error as FixtureValidationError).message).toMatchInlineSnapshot(`
      "buildReactionEvent built an invalid payload (1 problem):
        channel: expected "imessage" or "whatsapp" (agent.reaction is not sent on sms, mms or voice), received "sms""
    `);
  });

  it("makes an outbound reaction the agent's, on the customer's message", () => {
    const inbound = buildReactionEvent({}, { seed: 6 });
    const outbound = buildReactionEvent({ data: { direction: 'outbound' } }, { seed: 6 });
    expect(outbound.data.direction).toBe('outbound');
    expect(outbound.data.fromNumber).not.toBe(inbound.data.fromNumber);
    // The agent's number is the one every event of this seed is sent to.
    expect(outbound.data.fromNumber).toBe(buildSmsEvent({}, { seed: 6 }).data.to);
  });
});

describe('buildReactionEvent determinism', () => {
  it('gives deep-equal output for the same seed', () => {
    for (const seed of [0, 1, 42, -7, 2 ** 40]) {
      expect(buildReactionEvent({}, { seed })).toEqual(buildReactionEvent({}, { seed }));
    }
    expect(buildReactionEvent({}, { seed: 1 })).not.toEqual(buildReactionEvent({}, { seed: 2 }));
  });

  it('does not depend on what was built before', () => {
    const alone = buildReactionEvent({}, { seed: 123 });
    for (let seed = 0; seed < 200; seed++) {
      buildSmsEvent({}, { seed, history: seed % 10 });
      buildVoiceEvent({}, { seed });
      buildReactionEvent({ data: { direction: seed % 2 === 0 ? 'inbound' : 'outbound' } }, { seed });
    }
    expect(buildReactionEvent({}, { seed: 123 })).toEqual(alone);
  });
});
