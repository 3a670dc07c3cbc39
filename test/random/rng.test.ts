import { describe, expect, it } from 'vitest';
import { Sfc32, Stream, hashPath, hashSeed } from '../../src/random/rng.js';
import { Random } from '../../src/random/random.js';

describe('hashSeed', () => {
  it('maps distinct safe integers (negative, zero, beyond 2^32) to distinct 32-bit values', () => {
    const seeds = [0, 1, -1, 2, 2 ** 32, 2 ** 32 + 1, -(2 ** 32), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
    const hashes = seeds.map(hashSeed);
    expect(new Set(hashes).size).toBe(seeds.length);
    for (const h of hashes) expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
  });
});

describe('hashPath', () => {
  it('depends on both the basis and the path', () => {
    expect(hashPath(1, 'data.from')).not.toBe(hashPath(2, 'data.from'));
    expect(hashPath(1, 'data.from')).not.toBe(hashPath(1, 'data.to'));
    expect(hashPath(1, 'data.from')).toBe(hashPath(1, 'data.from'));
  });
});

describe('Sfc32', () => {
  it('is reproducible from its state and gives uniform floats in [0, 1)', () => {
    const a = new Sfc32(42);
    const b = new Sfc32(42);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      if (!(x >= 0 && x < 1)) throw new Error(`out of range: ${x}`);
      buckets[Math.floor(x * 10)]!++;
    }
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(600);
  });

  it('accepts faker-style seeds (a number or an array)', () => {
    const a = new Sfc32();
    const b = new Sfc32();
    a.seed([1, 2, 3]);
    b.seed([1, 2, 3]);
    expect(a.next()).toBe(b.next());
    a.seed(7);
    b.seed(8);
    expect(a.next()).not.toBe(b.next());
  });
});

describe('Stream helpers', () => {
  const r = () => new Stream(hashPath(hashSeed(5), 'x'));

  it('int stays within its inclusive bounds and reaches both ends', () => {
    const s = r();
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(s.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('weighted follows the weights', () => {
    const s = r();
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (s.weighted([['a', 9], ['b', 1]] as const) === 'a') heavy++;
    expect(heavy / 10_000).toBeGreaterThan(0.87);
    expect(heavy / 10_000).toBeLessThan(0.93);
  });

  it('shuffle is a permutation and chars uses only its alphabet', () => {
    const s = r();
    expect(s.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(s.chars('ab', 50)).toMatch(/^[ab]{50}$/);
  });
});

describe('Random', () => {
  it('gives each path its own stream, independent of the order of draws', () => {
    const one = new Random(9);
    const first = one.stream('a').next();
    one.stream('b').next();
    const two = new Random(9);
    two.stream('b').next();
    two.stream('zzz').next();
    expect(two.stream('a').next()).toBe(first);
  });

  it('scopes child paths apart from the parent', () => {
    const root = new Random(3);
    expect(root.child('history').stream('a').next()).not.toBe(root.stream('a').next());
    expect(root.child('history').stream('a').next()).toBe(new Random(3).child('history').stream('a').next());
  });

  it('re-seeds the shared faker per path', () => {
    const r = new Random(11);
    const name = r.faker('customer.firstName').person.firstName();
    r.faker('other').person.lastName();
    expect(r.faker('customer.firstName').person.firstName()).toBe(name);
  });
});
