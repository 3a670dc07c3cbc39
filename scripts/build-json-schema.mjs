// Writes dist/json-schema/<name>.json from the built package (run after tsup by `npm run build`).
import { mkdirSync, writeFileSync } from 'node:fs';

const { toJsonSchemas } = await import('../dist/index.js');
const dir = new URL('../dist/json-schema/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(toJsonSchemas())) {
  writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(schema, null, 2)}\n`);
}
