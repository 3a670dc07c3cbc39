import type { Stream } from '../random/rng.js';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A docs-style ID: `prefix_` and 12 lowercase letters and digits (`conv_8k2m4x9q1z7p`). */
export function makeId(prefix: string, r: Stream): string {
  return `${prefix}_${r.chars(ID_ALPHABET, 12)}`;
}
