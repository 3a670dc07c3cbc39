import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig([
  {
    // Library entries. Code splitting in both formats, so `./schemas` and the main entry share one
    // copy of the schemas and error classes (instanceof works across the two subpaths, in ESM and
    // CJS alike) and `./schemas` never pulls in the builder chunk that holds faker.
    entry: { index: 'src/index.ts', schemas: 'src/schemas/index.ts', signing: 'src/signing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    splitting: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    sourcemap: false,
    treeshake: true,
    // faker 10 is ESM-only and Jest cannot require it on Node 20: bundle it (only the English
    // slice in src/random/locale-en.generated.ts), so CJS consumers and seeded output never
    // depend on the user's install.
    noExternal: ['@faker-js/faker'],
    external: ['zod'],
  },
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    dts: false,
    splitting: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    noExternal: ['@faker-js/faker'],
    external: ['zod'],
    banner: { js: '#!/usr/bin/env node' },
    define: { __VERSION__: JSON.stringify(version) },
  },
]);
