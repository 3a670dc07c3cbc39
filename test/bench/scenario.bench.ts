/**
 * Scenario scripts stay linear: ten runs of a 1,000-turn script against one run of a
 * 10,000-turn script, and ten of 10,000 against one of 100,000 (the same number of turns in
 * each pair). With history copied per event (bounded by contextLimit), each pair runs at about
 * the same speed; copying the whole past per event would make the long script ~10× slower.
 * Measured against the BUILT package (`npm run bench` builds first).
 */
import { bench, describe } from 'vitest';

type Main = typeof import('../../src/index.js');
const { scenarioEvents } = (await import('../../dist/index.js' as string)) as Main;

function script(turns: number) {
  return { seed: 1, contextLimit: 50, turns: Array.from({ length: turns }, (_, i) => (i % 2 === 0 ? 'customer' : 'agent')) };
}

function drain(s: unknown): number {
  let n = 0;
  for (const event of scenarioEvents(s)) n += event.recentHistory?.length ?? 0;
  return n;
}

const short = script(1_000);
const medium = script(10_000);
const long = script(100_000);

describe('10,000 turns', () => {
  bench('10 × a 1,000-turn script', () => {
    for (let i = 0; i < 10; i++) drain(short);
  }, { time: 2000, warmupTime: 300 });
  bench('1 × a 10,000-turn script', () => {
    drain(medium);
  }, { time: 2000, warmupTime: 300 });
});

describe('100,000 turns', () => {
  bench('10 × a 10,000-turn script', () => {
    for (let i = 0; i < 10; i++) drain(medium);
  }, { iterations: 3, time: 0, warmupIterations: 1 });
  bench('1 × a 100,000-turn script', () => {
    drain(long);
  }, { iterations: 3, time: 0, warmupIterations: 1 });
});
