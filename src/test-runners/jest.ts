// Entry point of `agentphone-fixtures/jest`. Load it from Jest's `setupFilesAfterEnv`: it registers
// the matchers with the global `expect` and adds one `afterEach` that prints the fixture seed of a
// failed test. It imports nothing from Jest (Jest provides `expect` and `afterEach` as globals in
// CommonJS and ESM projects alike), only the schemas and the seed hash: no builders.
import { AgentPhoneFixturesError } from '../errors.js';
import { createFixtureSeed, type CurrentTest, type RunnerAdapter } from './current-test.js';
import { createMatchers } from './matchers.js';
// Types only (erased from the JavaScript): the `expect` package's matcher type, which also brings
// its declarations into a TypeScript program so the augmentation at the end has a module to augment.
import type { MatcherFunction } from 'expect';
import type { WebhookEventKind } from './webhook-event-matcher.js';

/** The slice of Jest's `expect.getState()` this adapter reads (all of it public in Jest 30's types). */
interface JestExpectState {
  readonly currentTestName?: string | undefined;
  readonly testPath?: string | undefined;
  /** Jest 30: the running test's own object (jest-circus's test entry); undefined outside a test. */
  readonly currentTestIdentity?: (() => object | undefined) | undefined;
  /** Jest 30: the running test's full name, right for concurrent tests too. */
  readonly currentConcurrentTestName?: (() => string | undefined) | undefined;
}

interface JestExpectLike {
  extend(matchers: object): void;
  getState(): JestExpectState;
}

/** The fields of jest-circus's test entry read here; absent ones are treated as unknown. */
interface CircusTestEntry {
  readonly errors?: unknown;
  readonly failing?: boolean;
  readonly invocations?: number;
}

interface JestGlobals {
  readonly expect?: JestExpectLike;
  readonly afterEach?: (fn: () => void) => void;
}

const globals = globalThis as JestGlobals;
const jestExpect = globals.expect;
const jestAfterEach = globals.afterEach;

if (typeof jestExpect?.extend !== 'function' || typeof jestExpect.getState !== 'function' || typeof jestAfterEach !== 'function') {
  throw new AgentPhoneFixturesError(
    'no_test_framework',
    'agentphone-fixtures/jest needs Jest\'s global expect and afterEach: list it in "setupFilesAfterEnv" in your Jest config (not in "setupFiles", which runs before they exist), and keep "injectGlobals" on. In Vitest, import agentphone-fixtures/vitest instead.',
  );
}
const expect: JestExpectLike = jestExpect;

/** jest-circus keeps its state on the test global under a private symbol; used when `currentTestIdentity` is missing. */
function circusRunningTest(): object | null | undefined {
  const symbol = Object.getOwnPropertySymbols(globalThis).find((s) => s.description === 'JEST_STATE_SYMBOL');
  if (symbol === undefined) return undefined;
  const state = (globalThis as Record<symbol, { currentlyRunningTest?: object | null } | undefined>)[symbol];
  return state?.currentlyRunningTest ?? null;
}

// Without any test identity (another test runner behind Jest's globals): one key per full name.
const keysByName = new Map<string, object>();

/** Per test that drew a seed: the notice its failure gets, read by the afterEach hook below. */
const pending = new WeakMap<object, (failureMessages: readonly string[]) => string | undefined>();

const adapter: RunnerAdapter = {
  runner: 'jest',
  currentTest(): CurrentTest | undefined {
    const state = expect.getState();
    let entry: object | null | undefined;
    if (typeof state.currentTestIdentity === 'function') entry = state.currentTestIdentity() ?? null;
    else entry = circusRunningTest();
    // null: the runner says no test is running (describe bodies, beforeAll, afterAll), whatever
    // stale currentTestName the previous test left behind.
    if (entry === null) return undefined;
    const fullName = (typeof state.currentConcurrentTestName === 'function' ? state.currentConcurrentTestName() : undefined) ?? state.currentTestName;
    if (fullName === undefined) return undefined;
    let key = entry;
    if (key === undefined) {
      const id = `${state.testPath ?? ''}\u0000${fullName}`;
      key = keysByName.get(id) ?? {};
      keysByName.set(id, key);
    }
    return { key, attempt: String((entry as CircusTestEntry | undefined)?.invocations ?? 1), fullName, file: state.testPath };
  },
  onTestFailure(test, notice) {
    pending.set(test.key, notice);
  },
};

function messageOf(failure: unknown): string {
  const error = Array.isArray(failure) ? (failure as unknown[])[0] : failure;
  if (error instanceof Error) return `${error.message}\n${error.stack ?? ''}`;
  try {
    return String(error);
  } catch {
    return '';
  }
}

/** The notice joins the test's failures as one more error, whose stack is just its text. */
function noticeError(text: string): Error {
  const error = new Error(text);
  error.name = 'FixtureSeed';
  error.stack = `${error.name}: ${text}`;
  return error;
}

// Runs after the test and the afterEach hooks of its describe blocks, and sees the errors they
// failed with. (Concurrent tests run no afterEach hooks: their matcher failures still carry the seed.)
jestAfterEach(() => {
  const test = adapter.currentTest();
  if (test === undefined) return;
  const notice = pending.get(test.key);
  if (notice === undefined) return;
  pending.delete(test.key);
  const entry = test.key as CircusTestEntry;
  if (!Array.isArray(entry.errors) || entry.errors.length === 0 || entry.failing === true) return;
  const text = notice(entry.errors.map(messageOf));
  if (text !== undefined) throw noticeError(text);
});

/**
 * A seed for the running test, derived from its full name (describe blocks and test name): the
 * same on every run, machine and worker, whatever the test order. `label` draws further
 * independent seeds in one test. `AGENTPHONE_FIXTURES_SEED=<n>` replaces the derived seed (labelled
 * seeds are then derived from it). If the test fails, its failure output prints the seed and a
 * command that replays the test with it.
 *
 * @param label Names another independent seed for the same test, such as `'customer'`.
 * @returns An integer seed to pass to the builders (an unsigned 32-bit integer unless
 *   `AGENTPHONE_FIXTURES_SEED` sets another).
 * @throws {AgentPhoneFixturesError} (code `outside_test`) outside a test or beforeEach/afterEach hook.
 * @throws {FixtureOptionError} when `AGENTPHONE_FIXTURES_SEED` is not an integer, or `label` is not a non-empty string.
 * @example
 * ```js
 * const { fixtureSeed } = require('agentphone-fixtures/jest');
 *
 * test('answers a caller', () => {
 *   const event = buildVoiceEvent({}, { seed: fixtureSeed() });
 *   const other = buildSmsEvent({}, { seed: fixtureSeed('second customer') });
 *   expect(handle(event)).toBeValidVoiceReply();
 * });
 * ```
 */
export const fixtureSeed: (label?: string) => number = createFixtureSeed(adapter);

/**
 * The matchers this entry adds to Jest's `expect`, typed as `expect.extend` takes them.
 *
 * @example
 * ```ts
 * const matchers: AgentPhoneMatchers = agentPhoneMatchers;
 * ```
 */
export type AgentPhoneMatchers = {
  /** See `expect(value).toBeValidWebhookEvent(kind?)`. */
  toBeValidWebhookEvent: MatcherFunction<[kind?: WebhookEventKind]>;
  /** See `expect(value).toBeValidVoiceReply()`. */
  toBeValidVoiceReply: MatcherFunction;
};

/**
 * The matcher functions, as `expect.extend` takes them. Loading this entry already registers them
 * with Jest's global `expect`; use this object only for another `expect` instance.
 *
 * @example
 * ```js
 * const { agentPhoneMatchers } = require('agentphone-fixtures/jest');
 * expect.extend(agentPhoneMatchers); // done for you when the entry loads
 * ```
 */
export const agentPhoneMatchers: AgentPhoneMatchers = createMatchers(adapter);

expect.extend(agentPhoneMatchers);

export { FIXTURE_SEED_ENV } from './seed.js';
export { WEBHOOK_EVENT_KINDS } from './webhook-event-matcher.js';
export type { WebhookEventKind } from './webhook-event-matcher.js';

/** The matchers' signatures, shared by the declarations below. */
interface AgentPhoneMatcherSignatures<R> {
  /**
   * Passes when the value is an AgentPhone webhook payload that `parseWebhookEvent` accepts
   * and, with `kind`, that kind of event: an event name (`'agent.reaction'`), an
   * `agent.message` channel (`'sms'`, `'voice'`, …) or a CLI kind (`'call-ended'`). The failure
   * message lists each failing path, and the fixture seed when the test drew one.
   *
   * @param kind The event it must be; any event when omitted.
   * @example
   * ```js
   * expect(buildSmsEvent({}, { seed: fixtureSeed() })).toBeValidWebhookEvent('sms');
   * ```
   */
  toBeValidWebhookEvent(kind?: WebhookEventKind): R;
  /**
   * Passes when the value is a voice reply AgentPhone can speak without silence or a cut turn:
   * a reply object, a JSON or NDJSON string, or `{ contentType, body }` (`deliver()`'s
   * `voiceReply`). The failure message lists each problem.
   *
   * @example
   * ```js
   * expect({ text: 'Thanks for calling!', hangup: true }).toBeValidVoiceReply();
   * ```
   */
  toBeValidVoiceReply(): R;
}

declare global {
  // For @types/jest (the global `expect`); its declarations use exactly these type parameters.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Matchers<R, T = {}> extends AgentPhoneMatcherSignatures<R> {}
    interface Expect extends AgentPhoneMatcherSignatures<any> {}
    interface InverseAsymmetricMatchers extends AgentPhoneMatcherSignatures<any> {}
  }
}

// For `import { expect } from '@jest/globals'`, whose types come from the `expect` package.
declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends AgentPhoneMatcherSignatures<R> {}
  interface AsymmetricMatchers extends AgentPhoneMatcherSignatures<void> {}
}
