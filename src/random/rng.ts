/**
 * Seeded, path-addressed randomness. Every value a builder draws comes from a stream that depends
 * only on (seed, path): building other fixtures first, or adding a field in a later version, never
 * shifts the values of existing fields. Streams are sfc32 generators whose 128-bit state is
 * derived from a 32-bit FNV-1a hash of the path mixed with the seed through splitmix32: resetting
 * one costs a few dozen integer operations, where re-seeding faker's Mersenne Twister costs
 * hundreds.
 */

/** splitmix32 finaliser: a well-mixed 32-bit value from any 32-bit input. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Hash of a safe-integer seed (negative and > 2^32 seeds included) into 32 bits. */
export function hashSeed(seed: number): number {
  const lo = seed % 0x1_0000_0000;
  const hi = Math.floor(seed / 0x1_0000_0000);
  return mix32(mix32(lo | 0) ^ Math.imul(hi | 0, 0x27d4eb2d));
}

/** FNV-1a over the UTF-16 code units of `text`, starting from `basis`. */
export function hashPath(basis: number, text: string): number {
  let h = (0x811c9dc5 ^ basis) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A small, fast PRNG (sfc32). `next()` returns a float in [0, 1), as faker's `Randomizer` wants.
 */
export class Sfc32 {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(state = 0) {
    this.reset(state);
  }

  /** Re-derives the whole state from one 32-bit value. */
  reset(state: number): void {
    this.a = mix32(state);
    this.b = mix32(state ^ 0x6a09e667);
    this.c = mix32(state ^ 0xbb67ae85);
    this.d = 1;
    // Two rounds spread the derived words across the whole state.
    this.u32();
    this.u32();
  }

  /** Next unsigned 32-bit integer. */
  u32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return t >>> 0;
  }

  /** Next float in [0, 1). */
  next(): number {
    return this.u32() / 0x1_0000_0000;
  }

  /** Faker's `Randomizer.seed`: accepts a number or an array of numbers. */
  seed(seed: number | number[]): void {
    if (Array.isArray(seed)) {
      let h = 0;
      for (const part of seed) h = mix32(h ^ hashSeed(part));
      this.reset(h);
    } else {
      this.reset(hashSeed(seed));
    }
  }
}

/**
 * A stream of random values bound to one path. Cheap helpers for the common draws; use
 * `Random.faker(path)` for anything faker knows better (names, products, places).
 */
export class Stream extends Sfc32 {
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One element, chosen with the given relative weights. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let roll = this.next() * total;
    for (const [item, w] of items) {
      roll -= w;
      if (roll < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }

  /** `length` characters from `alphabet`. */
  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  /** A random permutation of `items` (Fisher–Yates), as a new array. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }
}
