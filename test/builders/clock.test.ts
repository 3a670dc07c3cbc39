import { describe, expect, it } from 'vitest';
import { REFERENCE_NOW, REFERENCE_NOW_MS, isoSeconds } from '../../src/builders/clock.js';

describe('isoSeconds', () => {
  it('matches Date#toISOString truncated to seconds, across centuries, leap days and negatives', () => {
    let state = 7;
    const samples = [0, -1, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, -2_208_988_800_001, 253_402_300_799_999];
    for (let i = 0; i < 20_000; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      samples.push(Math.floor(((state / 2 ** 32) * 2 - 1) * 8e12 + 1e12 * Math.sin(i)));
    }
    for (const ms of samples) {
      const expected = new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
      expect(isoSeconds(ms), String(ms)).toBe(expected);
    }
  });

  it('formats the reference instant', () => {
    expect(isoSeconds(REFERENCE_NOW_MS)).toBe(REFERENCE_NOW);
    expect(REFERENCE_NOW).toBe('2025-01-15T12:00:00Z');
  });
});
