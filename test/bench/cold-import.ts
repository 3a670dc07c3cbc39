/**
 * Cold-import cost of the built entry points, against bare `zod` as the baseline.
 *
 * Each sample is a fresh `node` process that measures, in-process, `performance.now()` around
 * `await import(x)` (ESM) or `require(x)` (CJS), so node's own start-up is not counted. Runs are
 * interleaved (zod, schemas, index, …, zod, schemas, index, …) so machine noise hits every
 * target alike; one untimed warm-up round fills the OS file cache first. Prints the median of
 * RUNS samples per target and the delta against zod (ESM rows against `import('zod')`, CJS rows
 * against `require('zod')`).
 *
 * Run: `npx tsx test/bench/cold-import.ts` after `npm run build` (`npm run bench` does both).
 * `--runs N` changes the sample count; `--strict` exits 1 when a target is missed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const argv = process.argv.slice(2);
const runsArg = argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(argv[runsArg + 1]) : 17;
const STRICT = argv.includes('--strict');

interface Target {
  readonly name: string;
  readonly kind: 'esm' | 'cjs';
  /** What to import or require: a bare name (resolved from the package root) or a file. */
  readonly spec: string;
  /** Largest acceptable median delta against the zod baseline of the same kind, in ms. */
  readonly budgetMs?: number;
}

const file = (rel: string): string => fileURLToPath(new URL(rel, pathToFileURL(ROOT)));

const TARGETS: readonly Target[] = [
  { name: "import('zod')", kind: 'esm', spec: 'zod' },
  { name: "import('dist/schemas.js')", kind: 'esm', spec: pathToFileURL(file('dist/schemas.js')).href, budgetMs: 15 },
  { name: "import('dist/index.js')", kind: 'esm', spec: pathToFileURL(file('dist/index.js')).href, budgetMs: 60 },
  { name: "require('zod')", kind: 'cjs', spec: 'zod' },
  { name: "require('dist/schemas.cjs')", kind: 'cjs', spec: file('dist/schemas.cjs') },
  { name: "require('dist/index.cjs')", kind: 'cjs', spec: file('dist/index.cjs') },
];

for (const rel of ['dist/schemas.js', 'dist/index.js', 'dist/schemas.cjs', 'dist/index.cjs']) {
  if (!existsSync(file(rel))) {
    console.error(`cold-import: ${rel} is missing; run \`npm run build\` first.`);
    process.exit(1);
  }
}

function childCode(t: Target): string {
  const spec = JSON.stringify(t.spec);
  return t.kind === 'esm'
    ? `const t0 = performance.now(); await import(${spec}); const t1 = performance.now(); process.stdout.write(String(t1 - t0));`
    : `const t0 = performance.now(); require(${spec}); const t1 = performance.now(); process.stdout.write(String(t1 - t0));`;
}

// The child must be a plain node: no loaders or flags inherited from tsx or the caller.
const env = { ...process.env };
delete env.NODE_OPTIONS;

function sample(t: Target): number {
  const args = t.kind === 'esm' ? ['--input-type=module', '-e', childCode(t)] : ['-e', childCode(t)];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8' });
  const ms = Number(r.stdout);
  if (r.status !== 0 || !Number.isFinite(ms)) {
    throw new Error(`cold-import: ${t.name} failed (exit ${r.status}): ${r.stderr.trim() || r.stdout.trim()}`);
  }
  return ms;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

for (const t of TARGETS) sample(t); // warm-up round, not counted
const samples = new Map<Target, number[]>(TARGETS.map((t) => [t, []]));
for (let run = 0; run < RUNS; run++) {
  for (const t of TARGETS) samples.get(t)?.push(sample(t));
}

const baseline = (kind: Target['kind']): number => median(samples.get(TARGETS.find((t) => t.kind === kind && t.spec === 'zod') as Target) ?? []);

const rows = TARGETS.map((t) => {
  const xs = samples.get(t) ?? [];
  const med = median(xs);
  const isBase = t.spec === 'zod';
  const delta = med - baseline(t.kind);
  const verdict = t.budgetMs === undefined ? '' : delta <= t.budgetMs ? `ok (≤ ${t.budgetMs} ms)` : `MISSED (> ${t.budgetMs} ms)`;
  return {
    target: t.name,
    median: med.toFixed(1),
    min: Math.min(...xs).toFixed(1),
    max: Math.max(...xs).toFixed(1),
    delta: isBase ? 'baseline' : `${delta >= 0 ? '+' : ''}${delta.toFixed(1)}`,
    verdict,
    missed: verdict.startsWith('MISSED'),
  };
});

const header = ['target', 'median ms', 'min', 'max', 'Δ vs zod ms', 'target'];
const table = [header, ...rows.map((r) => [r.target, r.median, r.min, r.max, r.delta, r.verdict])];
const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] as string).length)));
const line = (row: string[]): string => row.map((cell, i) => (i === 0 || i === 5 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  ');

console.log(`\nCold import: median of ${RUNS} fresh node processes each (node ${process.version}, interleaved, in-process performance.now())\n`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table.slice(1)) console.log(line(row));
console.log('');

if (STRICT && rows.some((r) => r.missed)) process.exit(1);
