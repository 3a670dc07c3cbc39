import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  FixtureOptionError,
  REFERENCE_NOW,
  buildAgentMessageEvent,
  buildHistory,
  buildHistoryEntry,
  buildSmsEvent,
  buildVoiceEvent,
  createFixtures,
} from '../../src/index.js';

function optionError(fn: () => unknown): FixtureOptionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FixtureOptionError) return error;
    throw error;
  }
  throw new Error('expected a FixtureOptionError');
}

describe('builder options', () => {
  it.each([1.5, Number.NaN, Infinity, 2 ** 53, '7', null])('rejects seed %s naming the option', (seed) => {
    const error = optionError(() => buildSmsEvent({}, { seed: seed as number }));
    expect(error.option).toBe('seed');
    expect(error.code).toBe('invalid_option');
    expect(error.message).toMatch(/^Invalid option "seed": expected a safe integer/);
  });

  it('accepts seed 0, negative and large safe seeds', () => {
    for (const seed of [0, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      expect(buildVoiceEvent({}, { seed }).channel).toBe('voice');
    }
    expect(buildSmsEvent({}, { seed: 0 })).toEqual(buildSmsEvent());
    expect(buildSmsEvent({}, { seed: 1 })).not.toEqual(buildSmsEvent({}, { seed: 0 }));
  });

  it.each(['yesterday', '2025-13-01T00:00:00Z', '', 'Jan 5 2025', '2025-03-01T09:00:00', '2025-03-01', new Date(Number.NaN), 1_700_000_000_000])(
    'rejects now %s naming the option',
    (now) => {
      const error = optionError(() => buildSmsEvent({}, { now: now as string }));
      expect(error.option).toBe('now');
      expect(error.message).toContain('expected a valid Date or ISO-8601 string');
    },
  );

  it('takes now as a Date or ISO string and uses it, in whole seconds, as the timestamp', () => {
    expect(buildSmsEvent({}, { now: new Date('2026-02-03T04:05:06.789Z') }).timestamp).toBe('2026-02-03T04:05:06Z');
    expect(buildVoiceEvent({}, { now: '2026-02-03T04:05:06+02:00' }).timestamp).toBe('2026-02-03T02:05:06Z');
    expect(buildSmsEvent().timestamp).toBe(REFERENCE_NOW);
  });

  it.each([-1, 51, 2.5, '3'])('rejects history %s with the allowed range', (history) => {
    const error = optionError(() => buildVoiceEvent({}, { history: history as number }));
    expect(error.option).toBe('history');
    expect(error.message).toContain('expected an integer from 0 to 50');
  });

  it('rejects an unknown channel with the allowed values', () => {
    const error = optionError(() => buildAgentMessageEvent('fax' as 'sms'));
    expect(error.option).toBe('channel');
    expect(error.message).toBe('Invalid option "channel": expected one of "sms", "mms", "imessage", "whatsapp", "voice", received "fax"');
    expect(optionError(() => buildHistory(2, { channel: 'fax' as 'sms' })).option).toBe('channel');
    expect(optionError(() => buildHistory(51)).option).toBe('count');
  });

  it('rejects a non-boolean validate and non-object options', () => {
    expect(optionError(() => buildSmsEvent({}, { validate: 'no' as unknown as boolean })).option).toBe('validate');
    expect(optionError(() => buildHistoryEntry({}, 5 as never)).option).toBe('options');
  });

  it('checks createFixtures settings the same way', () => {
    expect(optionError(() => createFixtures({ seed: 0.5 })).option).toBe('seed');
    expect(optionError(() => createFixtures({ now: 'soon' })).option).toBe('now');
    expect(optionError(() => createFixtures({ history: 99 })).option).toBe('history');
  });

  it('takes a Date from another realm and rejects dates outside the years 0001–9999', () => {
    const foreign = runInNewContext('new Date("2026-01-02T03:04:05Z")') as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(buildSmsEvent({}, { now: foreign }).timestamp).toBe('2026-01-02T03:04:05Z');
    expect(optionError(() => buildSmsEvent({}, { now: new Date(Date.UTC(10000, 0, 1)) })).option).toBe('now');
    expect(optionError(() => buildSmsEvent({}, { now: '0000-01-01T00:00:00Z' })).option).toBe('now');
  });
});
