/**
 * The pure part of `fixtureSeed()`: how a test's full name becomes a seed, how a label derives an
 * independent seed from it, how `AGENTPHONE_FIXTURES_SEED` is read, and the replay command printed
 * when a test fails. Nothing here knows about a test runner.
 */
import { FixtureOptionError } from '../errors.js';
import { hashPath, hashSeed } from '../random/rng.js';

/**
 * The environment variable that replaces every test's derived seed: `AGENTPHONE_FIXTURES_SEED=123456`.
 * The failure output of a test that called `fixtureSeed()` prints a command that sets it.
 *
 * @example
 * ```ts
 * process.env[FIXTURE_SEED_ENV]; // '123456' when a failure is being replayed
 * ```
 */
export const FIXTURE_SEED_ENV = 'AGENTPHONE_FIXTURES_SEED';

// Distinct starting points, so a test named like a label never shares a seed with it.
const NAME_BASIS = 0x5eed_7e57;
const LABEL_BASIS = 0x1abe_15ed;

/**
 * The seed of a test: its full name (describe blocks and test name, joined by single spaces, as
 * both runners' `-t` filter sees it) hashed to an unsigned 32-bit integer. The same on every
 * machine, worker and run, whatever the test order.
 * @internal
 */
export function seedFromTestName(fullName: string): number {
  return hashSeed(hashPath(NAME_BASIS, fullName));
}

/**
 * An independent seed for `label`, derived from a test's base seed (any safe integer, such as one
 * from `AGENTPHONE_FIXTURES_SEED`). An unsigned 32-bit integer.
 * @internal
 */
export function seedForLabel(base: number, label: string): number {
  return hashSeed(hashPath(hashSeed(base) ^ LABEL_BASIS, label));
}

/**
 * The seed set by `AGENTPHONE_FIXTURES_SEED`, or undefined when it is unset or empty. Surrounding
 * whitespace is ignored.
 * @internal
 * @throws {FixtureOptionError} when it is set to anything but a safe integer.
 */
export function seedFromEnvironment(env: Readonly<Record<string, string | undefined>> | undefined): number | undefined {
  const raw = env?.[FIXTURE_SEED_ENV];
  if (raw === undefined || raw.trim() === '') return undefined;
  const text = raw.trim();
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value)) {
    throw new FixtureOptionError(
      FIXTURE_SEED_ENV,
      `an integer seed from the environment, such as ${FIXTURE_SEED_ENV}=123456 (a safe integer; unset it to derive each seed from its test's name)`,
      raw,
    );
  }
  // Number('-0') is -0; a seed is printed and compared as 0.
  return value === 0 ? 0 : value;
}

/**
 * The test runners a replay command can be written for.
 * @internal
 */
export type ReplayRunner = 'vitest' | 'jest';

/**
 * `text` quoted for a POSIX shell, left bare when it holds only safe characters.
 * @internal
 */
export function shellQuote(text: string): string {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Like {@link escapeRegExp} but keeps `.`, which also matches itself: `test/a.test.js` stays readable. */
function escapePathPattern(text: string): string {
  return text.replace(/[*+?^${}()|[\]\\]/g, '\\$&');
}

/** `file` relative to `cwd` with forward slashes when it lies inside it; as given otherwise. */
function relativeFile(file: string, cwd: string | undefined): string {
  const slashed = file.replaceAll('\\', '/');
  if (cwd === undefined || cwd === '') return slashed;
  const base = cwd.replaceAll('\\', '/').replace(/\/+$/, '');
  return slashed.startsWith(`${base}/`) ? slashed.slice(base.length + 1) : slashed;
}

/**
 * What a replay command needs to know about the failed test.
 * @internal
 */
export interface ReplayTarget {
  /** The runner the test ran in. */
  readonly runner: ReplayRunner;
  /** The seed to set. */
  readonly seed: number;
  /** The test's full name (describe blocks and test name joined by single spaces). */
  readonly fullName: string;
  /** The test file, absolute or relative; omitted from the command when unknown. */
  readonly file?: string | undefined;
  /** The directory the command is meant to be run from (the runner's working directory). */
  readonly cwd?: string | undefined;
}

/**
 * A shell command that reruns exactly this test with this seed: the seed in the environment, the
 * test file, and `-t` with the full name as an anchored, escaped regular expression (both runners
 * match `-t` against the full name joined by spaces).
 * @internal
 */
export function replayCommand(target: ReplayTarget): string {
  const pattern = shellQuote(`^${escapeRegExp(target.fullName)}$`);
  const file = target.file === undefined ? undefined : relativeFile(target.file, target.cwd);
  // Jest reads a file argument as a regular expression; Vitest as a plain substring.
  const fileArg = file === undefined ? '' : ` ${shellQuote(target.runner === 'jest' ? escapePathPattern(file) : file)}`;
  const command = target.runner === 'jest' ? 'npx jest' : 'npx vitest run';
  return `${FIXTURE_SEED_ENV}=${target.seed} ${command}${fileArg} -t ${pattern}`;
}
