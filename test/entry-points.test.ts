// The `./schemas` and `./signing` entries are for production handlers: they must never reach faker's code, in ESM or
// CJS. Checked on the built dist/ (run `npm run build` first; `npm test` does) three ways: the
// static import/require graph, the files Node really loads for `require()`, and the URLs a module
// loader hook sees for `import`. Each check is also run on the main entry, which does contain
// faker, so a check that cannot see faker fails instead of passing vacuously.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');

/**
 * Strings that only faker's bundled code has (string literals, so minification keeps them):
 * the description of faker's locale-proxy symbol and one of its error messages.
 */
const FAKER_MARKERS = ['FakerLocaleProxy', 'You cannot edit the locale data on the faker instance'] as const;

const ENTRIES = {
  esm: { schemas: path.join(DIST, 'schemas.js'), signing: path.join(DIST, 'signing.js'), main: path.join(DIST, 'index.js') },
  cjs: { schemas: path.join(DIST, 'schemas.cjs'), signing: path.join(DIST, 'signing.cjs'), main: path.join(DIST, 'index.cjs') },
} as const;

/**
 * The test-runner entries, loaded from a Vitest or Jest setup file. They cannot be loaded outside
 * their runner (the Jest entry needs Jest's globals, the Vitest entry Vitest's state), so they are
 * checked statically here; test/consumers runs them in real Jest and Vitest projects.
 */
const RUNNER_ENTRIES = {
  esm: { vitest: path.join(DIST, 'vitest.js'), jest: path.join(DIST, 'jest.js') },
  cjs: { vitest: path.join(DIST, 'vitest.cjs'), jest: path.join(DIST, 'jest.cjs') },
} as const;

/** The packages each runner entry may import at run time: zod, and Vitest for the Vitest entry (Jest's come as globals). */
const RUNNER_PACKAGES = { vitest: ['vitest', 'zod'], jest: ['zod'] } as const;

function markersIn(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return FAKER_MARKERS.filter((marker) => text.includes(marker));
}

/** `file (marker, marker)` for every file that holds faker code. */
function fakerFiles(files: Iterable<string>): string[] {
  return [...files].flatMap((file) => {
    const found = markersIn(file);
    return found.length > 0 ? [`${path.relative(ROOT, file)} (${found.join(', ')})`] : [];
  });
}

// `from './x.js'`, `import './x.js'`, `import('./x.js')`, `require('./x.cjs')`, any quote style.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"`])([^'"`\s]+)\1/g;

/**
 * `text` without its comment lines (lines that start with `//`, `/*` or `*`), so a doc comment
 * kept in the bundle ("characters from `alphabet`") is not read as an import.
 */
function codeOf(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
    .join('\n');
}

interface Graph {
  /** Every dist file reachable through relative specifiers, the entry included. */
  files: Set<string>;
  /** Bare specifiers (packages and builtins) imported anywhere in the graph. */
  packages: Set<string>;
  /** Relative specifiers that point at no file. */
  broken: string[];
}

function walk(entry: string): Graph {
  const graph: Graph = { files: new Set(), packages: new Set(), broken: [] };
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (graph.files.has(file)) continue;
    graph.files.add(file);
    for (const [, , specifier] of codeOf(fs.readFileSync(file, 'utf8')).matchAll(SPECIFIER)) {
      if (specifier === undefined) continue;
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(file), specifier);
        if (fs.existsSync(target)) queue.push(target);
        else graph.broken.push(`${path.relative(ROOT, file)} -> ${specifier}`);
      } else {
        graph.packages.add(specifier);
      }
    }
  }
  return graph;
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier);
}

function node(args: readonly string[]): Promise<string> {
  const env = { ...process.env };
  delete env['NODE_OPTIONS']; // no loaders of the outer run in the child
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`node ${args.slice(0, -1).join(' ')} <script> failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/**
 * The files `require(entry)` loads, from `require.cache` in a fresh Node process.
 *
 * Blind spot handled here: since Node 20.19, `require()` of an ES module works, puts only that
 * module's own file in `require.cache` and loads its imports unseen (loader hooks do not run for
 * it either). So require(esm) is switched off where Node allows it (as in Jest's CommonJS world,
 * an ESM-only dependency then fails the require), and every cached file's relative imports are
 * added as well.
 */
async function filesRequiredBy(entry: string): Promise<string[]> {
  const flag = '--no-experimental-require-module';
  const flags = process.allowedNodeEnvironmentFlags.has(flag) ? [flag] : [];
  const script = `require(${JSON.stringify(entry)});
process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const cached = JSON.parse(await node([...flags, '-e', script])) as string[];
  return [...new Set(cached.flatMap((file) => [...walk(file).files]))];
}

// Registered with module.register: records the URL of every module Node loads through the ESM
// loader. Appends synchronously, so the log is complete when the import settles.
const RECORDER_HOOKS = `import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, nextLoad) {
  appendFileSync(log, url + '\\n');
  return nextLoad(url, context);
}
`;

let scratch = '';

/** The file: URLs `import(entry)` loads, as paths, recorded by a loader hook in a fresh process. */
async function filesImportedBy(entry: string): Promise<string[]> {
  const log = path.join(scratch, `loaded-${path.basename(entry)}-${Date.now()}.log`);
  fs.writeFileSync(log, '');
  const hooks = `data:text/javascript,${encodeURIComponent(RECORDER_HOOKS)}`;
  const script = `import { register } from 'node:module';
register(${JSON.stringify(hooks)}, { data: { log: ${JSON.stringify(log)} } });
await import(${JSON.stringify(pathToFileURL(entry).href)});`;
  await node(['--input-type=module', '-e', script]);
  const urls = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return urls.filter((url) => url.startsWith('file:')).map((url) => fileURLToPath(url));
}

beforeAll(() => {
  const missing = [
    ...Object.values(ENTRIES.esm),
    ...Object.values(ENTRIES.cjs),
    ...Object.values(RUNNER_ENTRIES.esm),
    ...Object.values(RUNNER_ENTRIES.cjs),
  ].filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(`dist/ is incomplete (missing ${missing.map((f) => path.relative(ROOT, f)).join(', ')}): run \`npm run build\` first (\`npm test\` does).`);
  }
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'agentphone-fixtures-entry-points-'));
});

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe('the faker markers', () => {
  test.each([ENTRIES.esm.main, ENTRIES.cjs.main].map((file) => [path.relative(ROOT, file), file]))(
    'are all present in the main entry %s (faker is bundled there)',
    (_name, file) => {
    expect(markersIn(file), `update FAKER_MARKERS: faker's bundled code in ${path.relative(ROOT, file)} no longer has them`).toEqual([
      ...FAKER_MARKERS,
    ]);
    },
  );
});

describe.each(['esm', 'cjs'] as const)('%s: the static import graph', (format) => {
  test.each(['schemas', 'signing'] as const)('of the production entry %s reaches no faker code and imports only zod and node builtins', (entry) => {
    const graph = walk(ENTRIES[format][entry]);
    expect(graph.broken, 'relative imports that point at no file').toEqual([]);
    expect(fakerFiles(graph.files), 'files reachable from the schemas entry that contain faker code').toEqual([]);
    const packages = [...graph.packages].filter((specifier) => !isBuiltin(specifier));
    expect(packages, 'the schemas entry may import zod and nothing else').toEqual(
      packages.filter((specifier) => specifier === 'zod' || specifier.startsWith('zod/')),
    );
    expect(packages, 'the schemas entry should import zod').toContain('zod');
  });

  test(`of dist/${path.basename(ENTRIES[format].main)} does reach faker code (the walker can see it)`, () => {
    const graph = walk(ENTRIES[format].main);
    expect(graph.broken).toEqual([]);
    expect(fakerFiles(graph.files).length, 'the main entry graph should contain faker code').toBeGreaterThan(0);
  });
});

describe.each(['esm', 'cjs'] as const)('%s: the static import graph of a test-runner entry', (format) => {
  test.each(['vitest', 'jest'] as const)('%s reaches no faker code and imports only its runner and zod', (entry) => {
    const graph = walk(RUNNER_ENTRIES[format][entry]);
    expect(graph.broken, 'relative imports that point at no file').toEqual([]);
    expect(graph.files.size, `dist/${path.basename(RUNNER_ENTRIES[format][entry])} should share the schemas chunks`).toBeGreaterThan(1);
    expect(fakerFiles(graph.files), `files reachable from agentphone-fixtures/${entry} that contain faker code`).toEqual([]);
    const packages = [...graph.packages].filter((specifier) => !isBuiltin(specifier));
    expect([...new Set(packages)].sort(), `agentphone-fixtures/${entry} may import ${RUNNER_PACKAGES[entry].join(' and ')}`).toEqual([
      ...RUNNER_PACKAGES[entry],
    ]);
  });

  test('no library entry loads a test-runner entry or a test runner', () => {
    const runnerFiles = new Set<string>(Object.values(RUNNER_ENTRIES[format]));
    for (const entry of Object.values(ENTRIES[format])) {
      const graph = walk(entry);
      expect([...graph.files].filter((file) => runnerFiles.has(file)), path.relative(ROOT, entry)).toEqual([]);
      expect([...graph.packages].filter((p) => /^(vitest|expect|jest|@jest\/)/.test(p)), path.relative(ROOT, entry)).toEqual([]);
    }
  });

  test('the test-runner entries share the chunk of ./schemas that holds the error classes (one copy per process)', () => {
    const holding = (entry: string): string[] =>
      [...walk(entry).files].filter((file) => /\bWebhookPayloadError = class\b|\bclass WebhookPayloadError\b/.test(fs.readFileSync(file, 'utf8')));
    const inSchemas = holding(ENTRIES[format].schemas);
    expect(inSchemas, './schemas should reach exactly one copy of WebhookPayloadError').toHaveLength(1);
    for (const entry of ['vitest', 'jest'] as const) {
      expect(holding(RUNNER_ENTRIES[format][entry]), `agentphone-fixtures/${entry}`).toEqual(inSchemas);
    }
  });
});

describe('cjs: require() at runtime', () => {
  test.each(['schemas', 'signing'] as const)('of the production entry %s (.cjs) loads no file with faker code', async (entry) => {
    const loaded = await filesRequiredBy(ENTRIES.cjs[entry]);
    const expected = [...walk(ENTRIES.cjs[entry]).files];
    expect(loaded, 'require.cache should hold the schemas entry and its chunks').toEqual(expect.arrayContaining(expected));
    expect(fakerFiles(loaded), 'files loaded by require("agentphone-fixtures/schemas") that contain faker code').toEqual([]);
  });

  test('of dist/index.cjs does load faker code (the check can see it)', async () => {
    const loaded = await filesRequiredBy(ENTRIES.cjs.main);
    expect(fakerFiles(loaded).length, `no faker code among ${loaded.join(', ')}`).toBeGreaterThan(0);
  });
});

describe('esm: import at runtime (loader hook)', () => {
  test.each(['schemas', 'signing'] as const)('of the production entry %s (.js) loads no file with faker code', async (entry) => {
    const loaded = await filesImportedBy(ENTRIES.esm[entry]);
    const expected = [...walk(ENTRIES.esm[entry]).files];
    expect(expected.length, 'the schemas entry should re-export a shared chunk').toBeGreaterThan(1);
    expect(loaded, 'the hook should have seen the schemas entry and its chunks').toEqual(expect.arrayContaining(expected));
    expect(fakerFiles(loaded), 'files loaded by import("agentphone-fixtures/schemas") that contain faker code').toEqual([]);
  });

  test('of dist/index.js does load faker code (the check can see it)', async () => {
    const loaded = await filesImportedBy(ENTRIES.esm.main);
    expect(fakerFiles(loaded).length, `no faker code among ${loaded.join(', ')}`).toBeGreaterThan(0);
  });
});

describe('the bin', () => {
  test('every package.json bin file exists and starts with #!/usr/bin/env node', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      name: string;
      bin?: string | Record<string, string>;
    };
    const bins = typeof manifest.bin === 'string' ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
    expect(Object.values(bins), 'package.json should declare the CLI bin').toContain('./dist/cli.js');
    for (const [name, file] of Object.entries(bins)) {
      const absolute = path.join(ROOT, file);
      expect(fs.existsSync(absolute), `bin ${name}: ${file} does not exist (build first)`).toBe(true);
      const firstLine = fs.readFileSync(absolute, 'utf8').split('\n', 1)[0];
      expect(firstLine, `bin ${name}: ${file} must start with a node shebang`).toBe('#!/usr/bin/env node');
    }
  });
});
