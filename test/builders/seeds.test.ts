import { describe, expect, it } from 'vitest';
import {
  agentMessageEventSchema,
  buildAgentMessageEvent,
  buildHistory,
  buildHistoryEntry,
  buildSmsEvent,
  buildVoiceEvent,
  historyEntrySchema,
  smsEventSchema,
  voiceEventSchema,
  type HistoryEntry,
} from '../../src/index.js';

const SEEDS = 10_000;

/** Every built event must also satisfy what the schema cannot say: order and time. */
function checkThread(history: readonly HistoryEntry[], timestamp: string, channel: string): void {
  const eventMs = Date.parse(timestamp);
  let previous = -Infinity;
  for (const entry of history) {
    const at = Date.parse(entry.at);
    if (!(at < eventMs)) throw new Error(`history entry at ${entry.at} is not before ${timestamp}`);
    if (!(at > previous)) throw new Error(`history is not oldest-first at ${entry.at}`);
    if (entry.channel !== channel) throw new Error(`history entry on ${entry.channel}, event on ${channel}`);
    previous = at;
  }
}

describe.each([
  ['buildSmsEvent', buildSmsEvent, smsEventSchema, 'sms'],
  ['buildVoiceEvent', buildVoiceEvent, voiceEventSchema, 'voice'],
] as const)('%s over 10,000 seeds', (_name, build, schema, channel) => {
  it('always passes its schema and the agent.message union, with history in order and before the event', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const event = build({}, { seed });
      schema.parse(event);
      agentMessageEventSchema.parse(event);
      checkThread(event.recentHistory, event.timestamp, channel);
    }
  });

  it('passes with every history length 0–50 and an arbitrary now', () => {
    for (let history = 0; history <= 50; history++) {
      const event = build({}, { seed: history * 7919, history, now: '2031-07-04T23:59:59.999Z' });
      schema.parse(event);
      expect(event.recentHistory).toHaveLength(history);
      expect(event.timestamp).toBe('2031-07-04T23:59:59Z');
      checkThread(event.recentHistory, event.timestamp, channel);
    }
  });
});

describe('buildHistory and buildHistoryEntry over 10,000 seeds', () => {
  it('always pass the history entry schema', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      historyEntrySchema.parse(buildHistoryEntry({}, { seed }));
    }
    for (let seed = 0; seed < SEEDS; seed++) {
      const history = buildHistory(seed % 51, { seed, channel: seed % 2 === 0 ? 'sms' : 'voice' });
      checkThread(history, '2025-01-15T12:00:00Z', seed % 2 === 0 ? 'sms' : 'voice');
    }
  });
});

describe('buildAgentMessageEvent', () => {
  it('builds the same event as the channel builder', () => {
    for (let seed = 0; seed < 100; seed++) {
      expect(buildAgentMessageEvent('sms', {}, { seed })).toEqual(buildSmsEvent({}, { seed }));
      expect(buildAgentMessageEvent('voice', {}, { seed })).toEqual(buildVoiceEvent({}, { seed }));
    }
  });
});
