import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { buildSmsEvent, buildVoiceEvent } from '../../src/index.js';
import { fastTwin, safeParseFast } from '../../src/schemas/fast-parse.js';
import { agentMessageEventSchema, historyEntrySchema, smsEventSchema } from '../../src/schemas/index.js';

describe('safeParseFast', () => {
  it('uses zod’s compiler when the installed zod has it', () => {
    expect(typeof (z as unknown as Record<string, unknown>)['compile']).toBe('function');
    for (const schema of [agentMessageEventSchema, smsEventSchema, historyEntrySchema] as z.ZodType[]) {
      const twin = fastTwin(schema);
      expect(twin).not.toBe(schema);
      expect(fastTwin(schema)).toBe(twin);
    }
  });

  it('gives the same results as the ordinary parser (differential, valid and invalid inputs)', () => {
    const inputs: unknown[] = [];
    for (let seed = 0; seed < 300; seed++) {
      const sms = buildSmsEvent({}, { seed, history: seed % 5 });
      const voice = buildVoiceEvent({}, { seed, history: seed % 4 });
      inputs.push(sms, voice, { ...sms, extra: { deep: [1, 2] } });
      inputs.push({ ...sms, data: { ...sms.data, from: seed % 2 === 0 ? '555' : 15551234567 } });
      inputs.push({ ...voice, data: { ...voice.data, confidence: 1 + seed / 100 } });
      inputs.push({ ...voice, channel: 'sms' }, { ...sms, recentHistory: [{}] }, JSON.parse(`{"__proto__":{"x":1},"event":"agent.message"}`));
    }
    inputs.push(null, [], 'x', 0, {}, { channel: 'voice' });
    for (const input of inputs) {
      for (const schema of [agentMessageEventSchema, smsEventSchema, historyEntrySchema] as z.ZodType[]) {
        // The compiled path alone must agree with the ordinary parser on success and data.
        const compiled = fastTwin(schema).safeParse(input);
        const slow = schema.safeParse(input, { reportInput: true });
        expect(compiled.success).toBe(slow.success);
        if (compiled.success && slow.success) expect(compiled.data).toEqual(slow.data);
        // And safeParseFast reports the ordinary parser's issues, with what was received.
        const fast = safeParseFast(schema, input);
        expect(fast.success).toBe(slow.success);
        if (!fast.success && !slow.success) expect(fast.error.issues).toEqual(slow.error.issues);
      }
    }
  });
});
