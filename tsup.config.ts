import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig([
  {
    // Library entries. Code splitting in both formats, so `./schemas` and the main entry share one
    // copy of the schemas and error classes (instanceof works across the two subpaths, in ESM and
    // CJS alike) and `./schemas` never pulls in the builder chunk that holds faker.
    // The test-runner entries (`./vitest`, `./jest`) are built here too, so they share those chunks
    // (one copy of the schemas and error classes per process) and reach the seed hash without
    // the builders. The runner itself is always the user's copy: `vitest` and Jest's `expect`
    // types stay external.
    entry: {
      index: 'src/index.ts',
      schemas: 'src/schemas/index.ts',
      signing: 'src/signing/index.ts',
      vitest: 'src/test-runners/vitest.ts',
      jest: 'src/test-runners/jest.ts',
    },
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
    external: ['zod', 'vitest', '@jest/globals', 'expect'],
  },
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    dts: false,
    splitting: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    // The CLI reads YAML scenario scripts; `yaml` is bundled into it so the library has no
    // runtime dependency for it.
    noExternal: ['@faker-js/faker', 'yaml'],
    external: ['zod'],
    // yaml's Node build is CommonJS and requires Node built-ins: give the ESM bundle a require.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
    define: { __VERSION__: JSON.stringify(version) },
  },
]);
