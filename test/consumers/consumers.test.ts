// The package as users get it: `npm pack` the checkout, install the tarball into fresh projects
// (CommonJS + Jest 30, ESM + TypeScript + Vitest 4), run their tests and `tsc`, and lint the
// tarball with publint and @arethetypeswrong/cli.
//
// dist/ must exist: `npm test` builds it before Vitest starts. The pack uses --ignore-scripts so
// that `prepare` (tsup, clean: true) does not rebuild dist/ while other test files read it.
// Each consumer project is a real one: its package.json declares its own devDependencies (the test
// tools, zod and the tarball), `npm install` installs them, and its tests and tsc run from its own
// node_modules/.bin, so a dependency or peer that a user's install would not provide fails here.
// The tools are pinned to the versions the root package-lock.json resolved, and the install runs
// with --prefer-offline, so it is reproducible and mostly served by the npm cache that the root
// `npm ci` filled. Set KEEP_CONSUMER_DIRS=1 to keep the temp projects for debugging.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  EXPECTED_DECLARATIONS,
  JEST_PROJECT_TOOLS,
  JEST_TESTS,
  VITEST_PROJECT_TOOLS,
  VITEST_TESTS,
  ZOD_RANGE,
  writeJestProject,
  writeVitestProject,
} from './projects.js';
import {
  PACKAGE_ROOT,
  consumerBin,
  describeRun,
  rootLockedVersion,
  run,
  runConsumerBin,
  runRootBin,
  type RunResult,
} from './run.js';

const TIMEOUT = 240_000;

interface PackResult {
  name: string;
  version: string;
  filename: string;
  integrity: string;
  files: { path: string }[];
}

/** The JSON report shape Jest (`--json`) and Vitest (`--reporter=json`) share. */
interface JsonTestReport {
  success: boolean;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { title: string; status: string; failureMessages?: string[] }[];
  }[];
}

interface AttwProblem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
}

let work = '';
let tarball = '';
let pack: PackResult;
let jestDir = '';
let vitestDir = '';
/** Per consumer project: the exact tool versions it pins (from the root lockfile). */
const pinnedTools = new Map<string, Record<string, string>>();
/** Per consumer project: its `npm install` run. */
const installs = new Map<string, RunResult>();

function mustSucceed(result: RunResult, what: string): void {
  if (result.code !== 0) throw new Error(`${what} failed.\n${describeRun(result)}`);
}

/** The tools of `ranges`, each pinned to the version the root lockfile resolved for it. */
function pinToRootLock(ranges: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(ranges).map(([name, range]) => [name, rootLockedVersion(name, range)]));
}

/** A consumer project's devDependencies: its tools, zod for the peer dependency, and the tarball. */
function consumerDevDependencies(dir: string, tools: Record<string, string>): Record<string, string> {
  const tarballSpec = `file:${path.relative(dir, tarball).replaceAll('\\', '/')}`;
  return { [pack.name]: tarballSpec, zod: ZOD_RANGE, ...tools };
}

async function npmInstall(dir: string): Promise<void> {
  // What a user runs in a project that declares its devDependencies. --prefer-offline takes
  // packuments and tarballs from the npm cache without revalidating them, and reaches the registry
  // only for what the cache lacks; so `zod@^4` gets the newest zod 4 the cached packument lists.
  const result = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: dir,
    timeoutMs: 210_000,
  });
  installs.set(dir, result);
  mustSucceed(result, `npm install in ${dir}`);
}

function readReport(file: string, result: RunResult): JsonTestReport {
  if (!fs.existsSync(file)) {
    throw new Error(`The test runner wrote no JSON report at ${file}.\n${describeRun(result)}`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as JsonTestReport;
}

function renderReport(report: JsonTestReport): string {
  return report.testResults
    .map((file) => {
      const lines = file.assertionResults.map((a) =>
        [`  ${a.status}: ${a.title}`, ...(a.failureMessages ?? []).map((m) => `    ${m.split('\n').slice(0, 8).join('\n    ')}`)].join('\n'),
      );
      return [`${file.status} ${file.name}`, file.message ? `  ${file.message.slice(0, 2000)}` : '', ...lines]
        .filter(Boolean)
        .join('\n');
    })
    .join('\n');
}

/** Exit code 0 AND exactly the expected tests reported as passed, in one test file. */
function expectAllPassed(
  report: JsonTestReport,
  result: RunResult,
  expectedTitles: readonly string[],
  expectedFile: string,
): void {
  const context = `${renderReport(report)}\n\n${describeRun(result)}`;
  expect(result.code, `the test run must exit 0\n${context}`).toBe(0);
  expect(report.testResults.map((file) => fs.realpathSync(file.name)), `exactly one test file must run\n${context}`).toEqual([
    expectedFile,
  ]);
  const passed = report.testResults.flatMap((file) =>
    file.assertionResults.filter((a) => a.status === 'passed').map((a) => a.title),
  );
  expect([...passed].sort(), `every expected test must have passed\n${context}`).toEqual([...expectedTitles].sort());
  expect(report.numPassedTests, context).toBe(expectedTitles.length);
  expect(report.numFailedTests, context).toBe(0);
  expect(report.numTotalTests, context).toBe(expectedTitles.length);
}

beforeAll(async () => {
  const missing = ['index.js', 'index.cjs', 'schemas.js', 'schemas.cjs', 'index.d.ts', 'schemas.d.cts'].filter(
    (file) => !fs.existsSync(path.join(PACKAGE_ROOT, 'dist', file)),
  );
  if (missing.length > 0) {
    throw new Error(`dist/ is incomplete (missing ${missing.join(', ')}): run \`npm run build\` first (\`npm test\` does).`);
  }

  work = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'agentphone-fixtures-consumers-'));
  const packDir = path.join(work, 'pack');
  jestDir = path.join(work, 'jest-cjs');
  vitestDir = path.join(work, 'vitest-esm');
  for (const dir of [packDir, jestDir, vitestDir]) fs.mkdirSync(dir);

  const packed = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir, '--json'], {
    cwd: PACKAGE_ROOT,
  });
  mustSucceed(packed, 'npm pack');
  const [info] = JSON.parse(packed.stdout) as PackResult[];
  if (!info) throw new Error(`npm pack --json reported nothing.\n${describeRun(packed)}`);
  pack = info;
  tarball = path.join(packDir, pack.filename);

  pinnedTools.set(jestDir, pinToRootLock(JEST_PROJECT_TOOLS));
  pinnedTools.set(vitestDir, pinToRootLock(VITEST_PROJECT_TOOLS));
  writeJestProject(jestDir, consumerDevDependencies(jestDir, pinnedTools.get(jestDir) ?? {}));
  writeVitestProject(vitestDir, consumerDevDependencies(vitestDir, pinnedTools.get(vitestDir) ?? {}));
  await Promise.all([npmInstall(jestDir), npmInstall(vitestDir)]);
}, TIMEOUT);

afterAll(() => {
  if (work && !process.env['KEEP_CONSUMER_DIRS']) fs.rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  test('ships only dist/ and package metadata, including every file package.json points at', () => {
    const files = pack.files.map((f) => f.path.replaceAll('\\', '/'));
    const stray = files.filter((f) => !/^(package\.json|(README|LICENSE|LICENCE|CHANGELOG)(\.[a-z]+)?|dist\/.+)$/i.test(f));
    expect(stray, `files outside dist/ in the tarball: ${stray.join(', ')}`).toEqual([]);

    const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    const targets = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string') targets.add(value.replace(/^\.\//, ''));
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    for (const field of ['main', 'module', 'types', 'exports', 'bin']) collect(manifest[field]);
    expect(targets.size, 'package.json must point at some files').toBeGreaterThan(0);
    // A wildcard target (`./json-schema/*`) must match at least one shipped file.
    const matches = (target: string): boolean =>
      target.includes('*')
        ? files.some((file) => new RegExp(`^${target.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`).test(file))
        : files.includes(target);
    const absent = [...targets].filter((target) => !matches(target));
    expect(absent, `package.json points at files missing from the tarball: ${absent.join(', ')}`).toEqual([]);
  });

  test('is what both consumer projects installed (lockfile integrity matches the tarball)', () => {
    for (const dir of [jestDir, vitestDir]) {
      const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8')) as {
        packages: Record<string, { version?: string; integrity?: string; resolved?: string }>;
      };
      const entry = lock.packages[`node_modules/${pack.name}`];
      expect(entry, `${dir}/package-lock.json has no node_modules/${pack.name}`).toBeDefined();
      expect(entry?.integrity, `${dir} installed something other than the packed tarball`).toBe(pack.integrity);
      expect(entry?.version).toBe(pack.version);
      expect(fs.lstatSync(path.join(dir, 'node_modules', pack.name)).isSymbolicLink(), 'installed as a link, not a copy').toBe(false);
    }
  });
});

describe("the consumer projects' own installs", () => {
  const readVersion = (dir: string, name: string): string =>
    (JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

  test('each installed its own test tools, at the versions the root lockfile resolved', () => {
    for (const dir of [jestDir, vitestDir]) {
      const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8')) as {
        packages: Record<string, { version?: string; link?: boolean }>;
      };
      for (const [name, version] of Object.entries(pinnedTools.get(dir) ?? {})) {
        const entry = lock.packages[`node_modules/${name}`];
        expect(entry?.version, `${dir} installed another ${name}`).toBe(version);
        expect(entry?.link, `${dir} links ${name} instead of installing it`).toBeUndefined();
        expect(readVersion(dir, name)).toBe(version);
      }
      // ZOD_RANGE is ^4: the zod the project installed for the peer dependency is a zod 4.
      expect(readVersion(dir, 'zod'), `${dir} installed zod outside ${ZOD_RANGE}`).toMatch(/^4\./);
    }
    const bins = [
      [jestDir, 'jest'],
      [vitestDir, 'vitest'],
      [vitestDir, 'tsc'],
    ] as const;
    for (const [dir, name] of bins) {
      const target = fs.realpathSync(consumerBin(dir, name));
      const inside = target.startsWith(path.join(dir, 'node_modules') + path.sep);
      expect(inside, `${name} must run from ${dir}/node_modules, not ${target}`).toBe(true);
    }
  });

  test(
    'npm reports a consistent tree with no peer-dependency conflicts',
    async () => {
      for (const dir of [jestDir, vitestDir]) {
        const install = installs.get(dir);
        if (!install) throw new Error(`no npm install ran in ${dir}`);
        const installOutput = `${install.stdout}\n${install.stderr}`;
        expect(installOutput, `npm install had to override a peer dependency\n${describeRun(install)}`).not.toMatch(/ERESOLVE|peer dep/i);
        // Exits non-zero, and lists `problems`, for any missing, invalid or extraneous package,
        // peers included (unmet optional peers, such as vitest's browser providers, are no problem).
        const ls = await run('npm', ['ls', '--all', '--json'], { cwd: dir });
        const problems = (JSON.parse(ls.stdout || '{}') as { problems?: string[] }).problems ?? [];
        expect(problems, `npm ls in ${dir} reports problems`).toEqual([]);
        expect(ls.code, describeRun(ls)).toBe(0);
      }
    },
    TIMEOUT,
  );
});

describe('consumer projects', () => {
  test(
    'a CommonJS Jest 30 project requires both entries and its tests pass',
    async () => {
      const reportFile = path.join(work, 'jest-report.json');
      const result = await runConsumerBin(jestDir, 'jest', [
        '--ci',
        '--rootDir',
        jestDir,
        '--json',
        '--outputFile',
        reportFile,
        '--cacheDirectory',
        path.join(work, 'jest-cache'),
      ]);
      const report = readReport(reportFile, result);
      expectAllPassed(report, result, Object.values(JEST_TESTS), path.join(jestDir, 'fixtures.test.js'));
    },
    TIMEOUT,
  );

  test(
    'an ESM TypeScript Vitest 4 project imports both entries and its tests pass',
    async () => {
      const reportFile = path.join(work, 'vitest-report.json');
      const result = await runConsumerBin(vitestDir, 'vitest', [
        'run',
        '--root',
        vitestDir,
        '--config',
        path.join(vitestDir, 'vitest.config.mjs'),
        '--reporter=json',
        `--outputFile=${reportFile}`,
      ]);
      const report = readReport(reportFile, result);
      expectAllPassed(report, result, Object.values(VITEST_TESTS), path.join(vitestDir, 'fixtures.test.ts'));
    },
    TIMEOUT,
  );

  test(
    'tsc (NodeNext, strict, skipLibCheck off) accepts the ESM project through the shipped .d.ts and .d.cts',
    async () => {
      const tsconfig = path.join(vitestDir, 'tsconfig.json');
      const result = await runConsumerBin(vitestDir, 'tsc', ['-p', tsconfig, '--listFiles', '--pretty', 'false']);
      const output = `${result.stdout}\n${result.stderr}`;
      const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
      expect(errors, `tsc reported errors:\n${errors.join('\n')}\n\n${describeRun(result)}`).toEqual([]);
      expect(result.code, describeRun(result)).toBe(0);

      const listed = new Set(result.stdout.split('\n').map((line) => line.trim().replaceAll('\\', '/')));
      const installedDist = path.join(vitestDir, 'node_modules', pack.name, 'dist').replaceAll('\\', '/');
      const unresolved = EXPECTED_DECLARATIONS.filter((file) => !listed.has(`${installedDist}/${file}`));
      expect(unresolved, `tsc never loaded these shipped declarations: ${unresolved.join(', ')}\n${describeRun(result)}`).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    'the installed ESM and CJS builds produce identical fixtures for a seed',
    async () => {
      const calls = `[m.buildSmsEvent({}, { seed: 42 }), m.buildVoiceEvent({}, { seed: 42 }), m.buildHistory(3, { seed: 42 }), m.createFixtures({ seed: 9 }).buildSmsEvent()]`;
      const cjs = await run(process.execPath, ['-e', `const m = require('agentphone-fixtures'); process.stdout.write(JSON.stringify(${calls}));`], {
        cwd: jestDir,
      });
      const esm = await run(
        process.execPath,
        ['--input-type=module', '-e', `import * as m from 'agentphone-fixtures'; process.stdout.write(JSON.stringify(${calls}));`],
        { cwd: vitestDir },
      );
      mustSucceed(cjs, 'Building fixtures with require()');
      mustSucceed(esm, 'Building fixtures with import');
      const fromCjs = JSON.parse(cjs.stdout) as unknown[];
      expect(fromCjs).toHaveLength(4);
      expect(JSON.parse(esm.stdout), 'ESM and CJS builds disagree for the same seed').toEqual(fromCjs);
    },
    TIMEOUT,
  );
});

describe('package linters on the tarball', () => {
  test(
    'publint --strict reports nothing (no errors, warnings or suggestions)',
    async () => {
      const result = await runRootBin('publint', ['run', tarball, '--strict'], { cwd: work });
      expect(result.code, describeRun(result)).toBe(0);
      expect(result.stdout, `publint reported messages:\n${describeRun(result)}`).toContain('All good!');
    },
    TIMEOUT,
  );

  test(
    'attw --profile node16 (node16 CJS + ESM, bundler) reports no problems',
    async () => {
      // JSON format lists every problem, including node10 ones the node16 profile ignores (the
      // `./schemas` subpath cannot resolve under node10, which has no `exports` support): the exit
      // code follows the profile, and the check below applies the same filter.
      const result = await runRootBin('attw', [tarball, '--profile', 'node16', '--format', 'json'], { cwd: work });
      let analysis: { types: { kind: string }; entrypoints: Record<string, unknown>; problems: AttwProblem[] };
      try {
        analysis = (JSON.parse(result.stdout) as { analysis: typeof analysis }).analysis;
      } catch (error) {
        throw new Error(`attw printed no JSON (${String(error)}).\n${describeRun(result)}`);
      }
      const problems = analysis.problems.filter((p) => p.resolutionKind !== 'node10');
      const rendered = problems.map((p) => `${p.kind} (${p.entrypoint ?? '?'}, ${p.resolutionKind ?? 'any'})`).join('\n');
      expect(problems, `attw problems:\n${rendered}`).toEqual([]);
      expect(result.code, describeRun(result)).toBe(0);
      expect(analysis.types.kind, 'attw found no bundled types').toBe('included');
      expect(Object.keys(analysis.entrypoints)).toEqual(expect.arrayContaining(['.', './schemas']));
    },
    TIMEOUT,
  );
});
