import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import { GOLDEN_CASES } from './golden/cases.mjs';

// Golden files pin the JSON of a few seeds. A change here changes what users' snapshot tests
// see: it is a breaking change and needs a CHANGELOG entry. Regenerate deliberately with
// `npm run build && node scripts/update-golden.mjs`.
describe('golden fixtures', () => {
  it.each(GOLDEN_CASES)('$name matches test/golden/$name.json byte for byte', ({ name, builder, args }) => {
    const build = (lib as unknown as Record<string, (...a: unknown[]) => unknown>)[builder]!;
    const expected = readFileSync(join(import.meta.dirname, 'golden', `${name}.json`), 'utf8');
    expect(`${JSON.stringify(build(...args), null, 2)}\n`).toBe(expected);
  });
});
