/**
 * The runner-independent core of `fixtureSeed()`: which test is running (asked of a runner
 * adapter), the seed it drew, and the replay notice its failure output gets. Each entry point
 * (`vitest.ts`, `jest.ts`) supplies an adapter; nothing here imports a test runner.
 */
import { AgentPhoneFixturesError, FixtureOptionError } from '../errors.js';
import {
  FIXTURE_SEED_ENV,
  replayCommand,
  seedForLabel,
  seedFromEnvironment,
  seedFromTestName,
  type ReplayRunner,
} from './seed.js';

/**
 * The running test, as a runner adapter reports it.
 * @internal
 */
export interface CurrentTest {
  /** The runner's object for this test: seeds are recorded per test. */
  readonly key: object;
  /** Which run of the test this is (retries and repeats run it again); failure hooks are set once per attempt. */
  readonly attempt: string;
  /** Describe blocks and test name, joined by single spaces (what `-t` matches). */
  readonly fullName: string;
  /** The test file (absolute), when the runner says. */
  readonly file: string | undefined;
  /**
   * True when the runner cannot tell this test from others running at the same time (Vitest's
   * `test.concurrent`): `fixtureSeed()` refuses to guess, and matcher failures carry no seed.
   */
  readonly ambiguous?: boolean;
}

/**
 * What a test runner must provide.
 * @internal
 */
export interface RunnerAdapter {
  readonly runner: ReplayRunner;
  /** Set when this runner version cannot say which test is running at all: `fixtureSeed()` throws it. */
  readonly unsupported?: string | undefined;
  /** Added to the "outside a test" error: where else this runner cannot say which test is running. */
  readonly outsideTestHint?: string;
  /** The running test; undefined outside one (module scope, describe bodies, beforeAll, afterAll). */
  currentTest(): CurrentTest | undefined;
  /**
   * Arrange for `notice()` to be added to the failure output if `test` fails. Called once per
   * attempt of a test that draws a seed. `notice` receives the messages of the errors the test
   * failed with, and returns undefined when they already carry the replay command.
   */
  onTestFailure(test: CurrentTest, notice: (failureMessages: readonly string[]) => string | undefined): void;
}

/**
 * The seed a test drew, and where from.
 * @internal
 */
export interface SeedRecord {
  /** The base seed: `AGENTPHONE_FIXTURES_SEED` when set, else derived from the test's full name. */
  readonly seed: number;
  /** True when the seed came from `AGENTPHONE_FIXTURES_SEED`. */
  readonly fromEnvironment: boolean;
  /** The shell command that reruns the test with this seed. */
  readonly replay: string;
}

const records = new WeakMap<object, SeedRecord>();
const noticed = new WeakMap<object, string>();

function environment(): Readonly<Record<string, string | undefined>> | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
}

function workingDirectory(): string | undefined {
  try {
    return (globalThis as { process?: { cwd?: () => string } }).process?.cwd?.();
  } catch {
    return undefined;
  }
}

/**
 * The lines a failure gets: the seed, where it came from, and the command that replays the test.
 * @internal
 */
export function seedNotice(record: SeedRecord): string {
  const source = record.fromEnvironment ? `fixtureSeed(), set by ${FIXTURE_SEED_ENV}` : 'fixtureSeed()';
  return `This test drew AgentPhone fixture seed ${record.seed} (${source}). Replay it with:\n  ${record.replay}`;
}

/**
 * The seed record of the running test, if it has drawn a seed.
 * @internal
 */
export function activeSeed(adapter: RunnerAdapter): SeedRecord | undefined {
  const test = adapter.currentTest();
  return test === undefined || test.ambiguous === true ? undefined : records.get(test.key);
}

function recordFor(adapter: RunnerAdapter, test: CurrentTest): SeedRecord {
  let record = records.get(test.key);
  if (record === undefined) {
    const fromEnv = seedFromEnvironment(environment());
    const seed = fromEnv ?? seedFromTestName(test.fullName);
    const replay = replayCommand({ runner: adapter.runner, seed, fullName: test.fullName, file: test.file, cwd: workingDirectory() });
    record = { seed, fromEnvironment: fromEnv !== undefined, replay };
    records.set(test.key, record);
  }
  if (noticed.get(test.key) !== test.attempt) {
    noticed.set(test.key, test.attempt);
    const drawn = record;
    adapter.onTestFailure(test, (messages) => (messages.some((m) => m.includes(drawn.replay)) ? undefined : seedNotice(drawn)));
  }
  return record;
}

/**
 * The function an entry point exports as `fixtureSeed`, bound to its runner.
 * @internal
 */
export function createFixtureSeed(adapter: RunnerAdapter): (label?: string) => number {
  return function fixtureSeed(label?: string): number {
    if (label !== undefined && (typeof label !== 'string' || label === '')) {
      throw new FixtureOptionError('label', 'a non-empty string that names an independent seed, such as "customer"', label);
    }
    if (adapter.unsupported !== undefined) throw new AgentPhoneFixturesError('unsupported_runner', adapter.unsupported);
    const test = adapter.currentTest();
    if (test === undefined) {
      throw new AgentPhoneFixturesError(
        'outside_test',
        `fixtureSeed() was called outside a test: call it in a test or in a beforeEach/afterEach hook, where the seed is derived from the test's full name (module scope, describe bodies, beforeAll and afterAll have no current test; pass a fixed seed there)${adapter.outsideTestHint ?? ''}`,
      );
    }
    if (test.ambiguous === true) {
      throw new AgentPhoneFixturesError(
        'concurrent_test',
        `fixtureSeed() cannot tell which test called it: "${test.fullName}" runs concurrently with others, and ${adapter.runner} keeps one current test at a time. Pass a fixed seed in concurrent tests, or run this one sequentially`,
      );
    }
    const record = recordFor(adapter, test);
    return label === undefined ? record.seed : seedForLabel(record.seed, label);
  };
}
