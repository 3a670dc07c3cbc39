// Rewrites test/golden/*.json from the built package. Golden files pin seeded output: changing
// them is a breaking change and needs a CHANGELOG entry. Run: npm run build && node scripts/update-golden.mjs
import { writeFileSync } from 'node:fs';
import { GOLDEN_CASES } from '../test/golden/cases.mjs';

const lib = await import('../dist/index.js');
for (const c of GOLDEN_CASES) {
  const value = lib[c.builder](...c.args);
  writeFileSync(new URL(`../test/golden/${c.name}.json`, import.meta.url), `${JSON.stringify(value, null, 2)}\n`);
  console.log(`wrote test/golden/${c.name}.json`);
}
