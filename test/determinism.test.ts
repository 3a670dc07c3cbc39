import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildHistory, buildHistoryEntry, buildSmsEvent, buildVoiceEvent, createFixtures } from '../src/index.js';

const dist = pathToFileURL(join(import.meta.dirname, '../dist/index.js')).href;

function sample() {
  return {
    sms: [0, 1, 42, -7, 2 ** 40].map((seed) => buildSmsEvent({}, { seed })),
    voice: [0, 1, 42].map((seed) => buildVoiceEvent({}, { seed, history: 6 })),
    entry: buildHistoryEntry({}, { seed: 3 }),
    history: buildHistory(5, { seed: 4, channel: 'voice' }),
    fixtures: (() => {
      const fx = createFixtures({ seed: 9 });
      return [fx.buildSmsEvent(), fx.buildVoiceEvent()];
    })(),
  };
}

describe('determinism', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives deep-equal output in a second process (built package, other time zone and locale)', () => {
    const script = `
      const { buildHistory, buildHistoryEntry, buildSmsEvent, buildVoiceEvent, createFixtures } = await import(${JSON.stringify(dist)});
      const fx = createFixtures({ seed: 9 });
      console.log(JSON.stringify({
        sms: [0, 1, 42, -7, 2 ** 40].map((seed) => buildSmsEvent({}, { seed })),
        voice: [0, 1, 42].map((seed) => buildVoiceEvent({}, { seed, history: 6 })),
        entry: buildHistoryEntry({}, { seed: 3 }),
        history: buildHistory(5, { seed: 4, channel: 'voice' }),
        fixtures: [fx.buildSmsEvent(), fx.buildVoiceEvent()],
      }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
    });
    expect(JSON.parse(out)).toEqual(sample());
  });

  it('does not depend on what was built before (order independence)', () => {
    const alone = buildSmsEvent({}, { seed: 123 });
    for (let seed = 0; seed < 200; seed++) {
      buildVoiceEvent({}, { seed });
      buildHistory(seed % 10, { seed });
    }
    buildSmsEvent({ data: { message: 'x' } }, { seed: 5, history: 50 });
    expect(buildSmsEvent({}, { seed: 123 })).toEqual(alone);
  });

  it('never reads the wall clock', () => {
    const before = sample();
    vi.useFakeTimers();
    vi.setSystemTime(new Date('1999-12-31T23:59:59Z'));
    const then = sample();
    vi.setSystemTime(new Date('2087-06-15T08:00:00Z'));
    expect(sample()).toEqual(before);
    expect(then).toEqual(before);
  });

  it('does not touch Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    sample();
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('keeps unrelated fields when an option that feeds others changes', () => {
    // Each field draws from its own (seed, path) stream: a longer history or a new clock leaves
    // identity, phone numbers and the customer untouched.
    const short = buildSmsEvent({}, { seed: 77, history: 1 });
    const long = buildSmsEvent({}, { seed: 77, history: 9, now: '2030-01-01T00:00:00Z' });
    expect(long.agentId).toBe(short.agentId);
    expect(long.data.from).toBe(short.data.from);
    expect(long.data.to).toBe(short.data.to);
    expect(long.data.conversationId).toBe(short.data.conversationId);
    expect(long.conversationState).toEqual(short.conversationState);
  });
});
