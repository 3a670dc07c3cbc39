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
import { buildVoiceEvent } from '../../src/builders/voice.js';
import { seedForLabel, seedFromTestName } from '../../src/test-runners/seed.js';
import {
  EXPECTED_DECLARATIONS,
  JEST_EXPECTED_DECLARATIONS,
  JEST_PROJECT_TOOLS,
  JEST_TESTS,
  VITEST_PROJECT_TOOLS,
  VITEST_TESTS,
  ZOD_RANGE,
  writeJestProject,
  writeVitestProject,
} from './projects.js';
import {
  FAILING_DESCRIBE,
  FAILING_PATH_LINE,
  FAILING_TESTS,
  RUNNER_TESTS,
  SEED_LABEL,
  SEED_LOG_PREFIX,
  SEED_TEST_FULL_NAME,
} from './runner-files.js';
import {
  PACKAGE_ROOT,
  childEnv,
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

/** Exit code 0 AND exactly the expected tests reported as passed, in exactly the expected test files. */
function expectAllPassed(
  report: JsonTestReport,
  result: RunResult,
  expectedTitles: readonly string[],
  expectedFiles: readonly string[],
): void {
  const context = `${renderReport(report)}\n\n${describeRun(result)}`;
  expect(result.code, `the test run must exit 0\n${context}`).toBe(0);
  expect(report.testResults.map((file) => fs.realpathSync(file.name)).sort(), `exactly the expected test files must run\n${context}`).toEqual(
    [...expectedFiles].sort(),
  );
  const passed = report.testResults.flatMap((file) =>
    file.assertionResults.filter((a) => a.status === 'passed').map((a) => a.title),
  );
  expect([...passed].sort(), `every expected test must have passed\n${context}`).toEqual([...expectedTitles].sort());
  expect(report.numPassedTests, context).toBe(expectedTitles.length);
  expect(report.numFailedTests, context).toBe(0);
  expect(report.numTotalTests, context).toBe(expectedTitles.length);
}

type Runner = 'jest' | 'vitest';

/** The seeds the runners file's seed test printed (one line per run of it). */
function printedSeeds(result: RunResult, runner: Runner): { seed: number; customer: number }[] {
  const lines = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => line.includes(SEED_LOG_PREFIX));
  return lines
    .map((line) => JSON.parse(line.slice(line.indexOf(SEED_LOG_PREFIX) + SEED_LOG_PREFIX.length)) as { runner: string; seed: number; customer: number })
    .filter((entry) => entry.runner === runner);
}

/**
 * The seed test drew the seed of its full name, and its labelled seed from that: the same values in
 * Jest and Vitest (both are checked against this package's own derivation).
 */
function expectDerivedSeeds(result: RunResult, runner: Runner): void {
  const seed = seedFromTestName(SEED_TEST_FULL_NAME);
  expect(printedSeeds(result, runner), `the ${runner} seed test must print its seeds once\n${describeRun(result)}`).toEqual([
    { runner, seed, customer: seedForLabel(seed, SEED_LABEL) },
  ]);
}

const FAILING_FILE: Record<Runner, string> = { jest: 'failing/replay.test.js', vitest: 'failing/replay.test.ts' };
const REPLAY_COMMAND: Record<Runner, string> = { jest: 'npx jest', vitest: 'npx vitest run' };

/** The replay line a failed test that drew its derived seed must print (file relative to the project). */
function replayLine(runner: Runner, title: string): string {
  const fullName = `${FAILING_DESCRIBE} ${title}`;
  return `AGENTPHONE_FIXTURES_SEED=${seedFromTestName(fullName)} ${REPLAY_COMMAND[runner]} ${FAILING_FILE[runner]} -t '^${fullName}$'`;
}

const occurrences = (text: string, part: string): number => text.split(part).length - 1;

/**
 * The deliberately failing run: each test failed; the matcher failure lists the failing path; both
 * tests that drew a seed carry their replay command exactly once (in the report and in what the
 * user reads), the test that drew none carries none.
 */
function expectFailingRun(report: JsonTestReport, result: RunResult, runner: Runner): void {
  const context = `${renderReport(report)}\n\n${describeRun(result)}`;
  expect(result.code, `the failing run must exit 1\n${context}`).toBe(1);
  expect(report.numFailedTests, context).toBe(3);
  const failures = new Map(
    report.testResults.flatMap((file) => file.assertionResults.map((a) => [a.title, (a.failureMessages ?? []).join('\n')] as const)),
  );
  const printed = `${result.stdout}\n${result.stderr}`;
  for (const title of [FAILING_TESTS.matcher, FAILING_TESTS.other]) {
    const line = replayLine(runner, title);
    expect(occurrences(failures.get(title) ?? '', line), `${title}: the replay command, once\n${context}`).toBe(1);
    expect(printed, `${runner}'s output must show the replay command of "${title}"`).toContain(line);
  }
  expect(failures.get(FAILING_TESTS.matcher), context).toContain(FAILING_PATH_LINE);
  expect(printed).toContain(FAILING_PATH_LINE);
  expect(failures.get(FAILING_TESTS.other), context).toContain(
    `This test drew AgentPhone fixture seed ${seedFromTestName(`${FAILING_DESCRIBE} ${FAILING_TESTS.other}`)} (fixtureSeed()). Replay it with:`,
  );
  expect(failures.get(FAILING_TESTS.noSeed), context).toBeDefined();
  expect(failures.get(FAILING_TESTS.noSeed), context).not.toContain('AGENTPHONE_FIXTURES_SEED');
}

/**
 * Runs a printed replay line as a user pastes it into a shell (through npx), in the project, with
 * the failing tests selected. It must rerun that one test, fail it the same way, with the same seed.
 */
async function expectReplayReproduces(dir: string, runner: Runner, firstRun: RunResult, report: JsonTestReport): Promise<void> {
  const printed = `${firstRun.stdout}\n${firstRun.stderr}`.split('\n').map((line) => line.trim());
  const line = printed.find((candidate) => candidate.startsWith('AGENTPHONE_FIXTURES_SEED=') && candidate.includes(FAILING_TESTS.other));
  if (line === undefined) throw new Error(`no replay line for "${FAILING_TESTS.other}" in the output\n${describeRun(firstRun)}`);
  expect(line).toBe(replayLine(runner, FAILING_TESTS.other));
  const replay = await run('sh', ['-c', line], { cwd: dir, env: childEnv({ CONSUMER_FAILING: '1' }) });
  const output = `${replay.stdout}\n${replay.stderr}`;
  expect(replay.code, describeRun(replay)).toBe(1);
  expect(output, describeRun(replay)).toMatch(runner === 'jest' ? /Tests:\s+1 failed, 2 skipped, 3 total/ : /Tests\s+1 failed \| 2 skipped \(3\)/);
  // The same seed again, now from the variable, and the same command to rerun it.
  expect(output).toContain(`(fixtureSeed(), set by AGENTPHONE_FIXTURES_SEED). Replay it with:`);
  expect(output).toContain(line);
  // The same fixture both times: the transcript this package builds for the derived seed.
  const seed = seedFromTestName(`${FAILING_DESCRIBE} ${FAILING_TESTS.other}`);
  const transcript = buildVoiceEvent({}, { seed }).data.transcript;
  const probe = (transcript.split(/["'\\]/)[0] ?? '').slice(0, 24);
  expect(probe.length, `a transcript to look for: ${transcript}`).toBeGreaterThan(8);
  const failure = report.testResults.flatMap((file) => file.assertionResults).find((a) => a.title === FAILING_TESTS.other);
  expect((failure?.failureMessages ?? []).join('\n'), 'the first run received the transcript of the derived seed').toContain(probe);
  expect(output, 'the replay received the same transcript').toContain(probe);
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
      [jestDir, 'tsc'],
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
    'a CommonJS Jest 30 project requires the entries, loads agentphone-fixtures/jest from setupFilesAfterEnv, and its tests pass',
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
      expectAllPassed(report, result, [...Object.values(JEST_TESTS), ...Object.values(RUNNER_TESTS)], [
        path.join(jestDir, 'fixtures.test.js'),
        path.join(jestDir, 'runners.test.js'),
      ]);
      expectDerivedSeeds(result, 'jest');
    },
    TIMEOUT,
  );

  test(
    'an ESM TypeScript Vitest 4 project imports the entries, loads agentphone-fixtures/vitest from a setup file, and its tests pass',
    async () => {
      const reportFile = path.join(work, 'vitest-report.json');
      const result = await runConsumerBin(vitestDir, 'vitest', [
        'run',
        '--root',
        vitestDir,
        '--config',
        path.join(vitestDir, 'vitest.config.mjs'),
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${reportFile}`,
      ]);
      const report = readReport(reportFile, result);
      expectAllPassed(report, result, [...Object.values(VITEST_TESTS), ...Object.values(RUNNER_TESTS)], [
        path.join(vitestDir, 'fixtures.test.ts'),
        path.join(vitestDir, 'runners.test.ts'),
      ]);
      expectDerivedSeeds(result, 'vitest');
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

describe('test-runner helpers in the consumer projects', () => {
  test(
    'Jest: a failed test prints its failing paths and a replay command that reruns it with the same seed',
    async () => {
      const reportFile = path.join(work, 'jest-failing-report.json');
      const result = await runConsumerBin(jestDir, 'jest', ['--ci', '--json', '--outputFile', reportFile, '--cacheDirectory', path.join(work, 'jest-cache')], {
        env: childEnv({ CONSUMER_FAILING: '1' }),
      });
      const report = readReport(reportFile, result);
      expectFailingRun(report, result, 'jest');
      await expectReplayReproduces(jestDir, 'jest', result, report);
    },
    TIMEOUT,
  );

  test(
    'Vitest: a failed test prints its failing paths and a replay command that reruns it with the same seed',
    async () => {
      const reportFile = path.join(work, 'vitest-failing-report.json');
      const result = await runConsumerBin(
        vitestDir,
        'vitest',
        ['run', '--root', vitestDir, '--config', path.join(vitestDir, 'vitest.config.mjs'), '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`],
        { env: childEnv({ CONSUMER_FAILING: '1' }) },
      );
      const report = readReport(reportFile, result);
      expectFailingRun(report, result, 'vitest');
      await expectReplayReproduces(vitestDir, 'vitest', result, report);
    },
    TIMEOUT,
  );

  test(
    'AGENTPHONE_FIXTURES_SEED replaces the derived seed in both runners, and labelled seeds follow it',
    async () => {
      const env = childEnv({ AGENTPHONE_FIXTURES_SEED: '4242' });
      const pattern = `^${SEED_TEST_FULL_NAME}$`;
      const [jestRun, vitestRun] = await Promise.all([
        runConsumerBin(jestDir, 'jest', ['--ci', '--rootDir', jestDir, '--cacheDirectory', path.join(work, 'jest-cache'), '-t', pattern], { env }),
        runConsumerBin(vitestDir, 'vitest', ['run', '--root', vitestDir, '--config', path.join(vitestDir, 'vitest.config.mjs'), '--reporter=default', '-t', pattern], {
          env,
        }),
      ]);
      for (const [runner, result] of [['jest', jestRun], ['vitest', vitestRun]] as const) {
        expect(result.code, describeRun(result)).toBe(0);
        expect(printedSeeds(result, runner), describeRun(result)).toEqual([{ runner, seed: 4242, customer: seedForLabel(4242, SEED_LABEL) }]);
      }
    },
    TIMEOUT,
  );

  test(
    "tsc accepts the Jest project's matchers through @jest/globals, from the shipped .d.cts and .d.ts",
    async () => {
      const result = await runConsumerBin(jestDir, 'tsc', ['-p', path.join(jestDir, 'tsconfig.json'), '--listFiles', '--pretty', 'false']);
      const errors = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => /error TS\d+/.test(line));
      expect(errors, `tsc reported errors:\n${errors.join('\n')}\n\n${describeRun(result)}`).toEqual([]);
      expect(result.code, describeRun(result)).toBe(0);
      const listed = new Set(result.stdout.split('\n').map((line) => line.trim().replaceAll('\\', '/')));
      const installedDist = path.join(jestDir, 'node_modules', pack.name, 'dist').replaceAll('\\', '/');
      const unresolved = JEST_EXPECTED_DECLARATIONS.filter((file) => !listed.has(`${installedDist}/${file}`));
      expect(unresolved, `tsc never loaded these shipped declarations: ${unresolved.join(', ')}\n${describeRun(result)}`).toEqual([]);
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
      expect(Object.keys(analysis.entrypoints)).toEqual(expect.arrayContaining(['.', './schemas', './signing', './vitest', './jest']));
    },
    TIMEOUT,
  );
});
