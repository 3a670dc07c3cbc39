import { Faker } from '@faker-js/faker';
import { localeEn } from './locale-en.generated.js';
import { Sfc32, Stream, hashPath, hashSeed } from './rng.js';

// One faker for the whole library, driven by a randomizer we re-point per path. Builders are
// synchronous and draw everything for one path before moving to the next, so sharing is safe.
const randomizer = new Sfc32();
const faker = new Faker({
  locale: [localeEn],
  // Faker calls `next` unbound, so hand it closures.
  randomizer: { next: () => randomizer.next(), seed: (seed: number | number[]) => randomizer.seed(seed) },
});

/** The faker instance type the builders use. */
export type SeededFaker = Faker;

/**
 * Randomness for one fixture: every draw is addressed by a path and depends only on
 * (seed, path). `child(prefix)` scopes paths, so a nested builder (a history entry inside an
 * event) draws from its own region.
 */
export class Random {
  readonly seed: number;
  private readonly basis: number;
  private readonly prefix: string;

  constructor(seed: number, prefix = '', basis = hashSeed(seed)) {
    this.seed = seed;
    this.basis = basis;
    this.prefix = prefix;
  }

  /** A fresh stream for `path`. */
  stream(path: string): Stream {
    return new Stream(hashPath(this.basis, this.prefix + path));
  }

  /** The shared faker, re-seeded for `path`. Use it before asking for another path. */
  faker(path: string): Faker {
    randomizer.reset(hashPath(this.basis, this.prefix + path));
    return faker;
  }

  /** A view whose paths all start with `prefix` (and a separator). */
  child(prefix: string): Random {
    return new Random(this.seed, `${this.prefix}${prefix}/`, this.basis);
  }
}
