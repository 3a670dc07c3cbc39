// Entry point of `agentphone-fixtures/vitest`. Importing it (from a Vitest setup file) registers
// the matchers with Vitest's `expect`. Imports vitest, the schemas and the seed hash: no builders.
import * as vitest from 'vitest';
import { expect, onTestFailed, type Matcher, type MatcherState } from 'vitest';
import { createFixtureSeed, type CurrentTest, type RunnerAdapter } from './current-test.js';
import { createMatchers } from './matchers.js';
import type { WebhookEventKind } from './webhook-event-matcher.js';

/** The slice of Vitest's task objects this adapter reads. */
interface TaskLike {
  readonly name: string;
  readonly suite?: TaskLike | undefined;
  readonly file?: { readonly filepath?: string } | undefined;
  readonly result?: { readonly retryCount?: number; readonly repeatCount?: number } | undefined;
  readonly concurrent?: boolean | undefined;
}

/** Describe blocks and test name joined by single spaces: what `vitest -t` matches. */
function fullNameOf(test: TaskLike): string {
  const names: string[] = [];
  for (let task: TaskLike | undefined = test; task !== undefined && task !== test.file; task = task.suite) {
    if (task.name) names.unshift(task.name);
  }
  return names.join(' ');
}

/** A seed notice thrown from `onTestFailed` joins the test's errors; its stack is just its text. */
function noticeError(text: string): Error {
  const error = new Error(text);
  error.name = 'FixtureSeed';
  error.stack = `${error.name}: ${text}`;
  return error;
}

// Vitest 4.1 made `TestRunner.getCurrentTest()` the way to ask (and deprecated `vitest/suite`). Read
// through the namespace, so that an older Vitest without it still loads the matchers.
const TestRunner = (vitest as { TestRunner?: { getCurrentTest?: () => unknown } }).TestRunner;
const getCurrentTest = TestRunner?.getCurrentTest;

const adapter: RunnerAdapter = {
  runner: 'vitest',
  unsupported:
    typeof getCurrentTest === 'function'
      ? undefined
      : 'fixtureSeed() needs Vitest 4.1 or newer, which tells it the running test (TestRunner.getCurrentTest): upgrade Vitest, or pass a fixed seed. The matchers work without it.',
  outsideTestHint: '. In a test.concurrent test, Vitest may no longer know which test is running: pass a fixed seed there too',
  currentTest(): CurrentTest | undefined {
    const test = getCurrentTest?.call(TestRunner) as TaskLike | undefined;
    if (test === undefined) return undefined;
    return {
      key: test,
      attempt: `${test.result?.retryCount ?? 0}:${test.result?.repeatCount ?? 0}`,
      fullName: fullNameOf(test),
      file: test.file?.filepath,
      // Vitest has one current test per worker: under test.concurrent it may be another test's.
      ambiguous: test.concurrent === true,
    };
  },
  onTestFailure(_test, notice) {
    try {
      onTestFailed((context) => {
        const messages = (context.task.result?.errors ?? []).map((e) => `${e.message ?? ''}\n${e.stack ?? ''}`);
        const text = notice(messages);
        if (text !== undefined) throw noticeError(text);
      });
    } catch {
      // Where Vitest takes no more failure hooks (inside onTestFinished/onTestFailed handlers), the
      // seed is still returned; only the notice is lost.
    }
  },
};

/**
 * A seed for the running test, derived from its full name (describe blocks and test name): the
 * same on every run, machine and worker, whatever the test order. `label` draws further
 * independent seeds in one test. `AGENTPHONE_FIXTURES_SEED=<n>` replaces the derived seed (labelled
 * seeds are then derived from it). If the test fails, for any reason, its failure output prints the
 * seed and a command that replays the test with it.
 *
 * @param label Names another independent seed for the same test, such as `'customer'`.
 * @returns An integer seed to pass to the builders (an unsigned 32-bit integer unless
 *   `AGENTPHONE_FIXTURES_SEED` sets another).
 * @throws {AgentPhoneFixturesError} (code `outside_test`) outside a test or beforeEach/afterEach hook;
 *   (code `concurrent_test`) in a `test.concurrent` test, which Vitest cannot tell from the others.
 * @throws {FixtureOptionError} when `AGENTPHONE_FIXTURES_SEED` is not an integer, or `label` is not a non-empty string.
 * @example
 * ```ts
 * import { fixtureSeed } from 'agentphone-fixtures/vitest';
 *
 * it('answers a caller', () => {
 *   const event = buildVoiceEvent({}, { seed: fixtureSeed() });
 *   const other = buildSmsEvent({}, { seed: fixtureSeed('second customer') });
 *   expect(handle(event)).toBeValidVoiceReply();
 * });
 * ```
 */
export const fixtureSeed: (label?: string) => number = createFixtureSeed(adapter);

/**
 * The matchers this entry adds to Vitest's `expect`, typed as `expect.extend` takes them.
 *
 * @example
 * ```ts
 * const matchers: AgentPhoneMatchers = agentPhoneMatchers;
 * ```
 */
export type AgentPhoneMatchers = {
  /** See `expect(value).toBeValidWebhookEvent(kind?)`. */
  toBeValidWebhookEvent: Matcher<MatcherState, [kind?: WebhookEventKind]>;
  /** See `expect(value).toBeValidVoiceReply()`. */
  toBeValidVoiceReply: Matcher<MatcherState, []>;
};

/**
 * The matcher functions, as `expect.extend` takes them. Importing this entry already registers them
 * with Vitest's `expect`; use this object only for another `expect` instance.
 *
 * @example
 * ```ts
 * import { agentPhoneMatchers } from 'agentphone-fixtures/vitest';
 * expect.extend(agentPhoneMatchers); // done for you on import
 * ```
 */
export const agentPhoneMatchers: AgentPhoneMatchers = createMatchers(adapter);

expect.extend(agentPhoneMatchers);

export { FIXTURE_SEED_ENV } from './seed.js';
export { WEBHOOK_EVENT_KINDS } from './webhook-event-matcher.js';
export type { WebhookEventKind } from './webhook-event-matcher.js';

declare module 'vitest' {
  interface Matchers<T = any> {
    /**
     * Passes when the value is an AgentPhone webhook payload that `parseWebhookEvent` accepts
     * and, with `kind`, that kind of event: an event name (`'agent.reaction'`), an
     * `agent.message` channel (`'sms'`, `'voice'`, …) or a CLI kind (`'call-ended'`). The
     * failure message lists each failing path, and the fixture seed when the test drew one.
     *
     * @param kind The event it must be; any event when omitted.
     * @example
     * ```ts
     * expect(buildSmsEvent({}, { seed: fixtureSeed() })).toBeValidWebhookEvent('sms');
     * expect(JSON.parse(body)).not.toBeValidWebhookEvent();
     * ```
     */
    toBeValidWebhookEvent(kind?: WebhookEventKind): T;
    /**
     * Passes when the value is a voice reply AgentPhone can speak without silence or a cut turn:
     * a reply object, a JSON or NDJSON string, or `{ contentType, body }` (`deliver()`'s
     * `voiceReply`). The failure message lists each problem.
     *
     * @example
     * ```ts
     * expect({ text: 'Thanks for calling!', hangup: true }).toBeValidVoiceReply();
     * expect((await deliver(event, app, { secret })).voiceReply).toBeValidVoiceReply();
     * ```
     */
    toBeValidVoiceReply(): T;
  }
  // `expect.not.*` (asymmetric, negated) is typed by this interface alone.
  interface AsymmetricMatchersContaining {
    /** Matches any value `toBeValidWebhookEvent(kind)` accepts (under `expect.not`, any it rejects). */
    toBeValidWebhookEvent(kind?: WebhookEventKind): any;
    /** Matches any value `toBeValidVoiceReply()` accepts (under `expect.not`, any it rejects). */
    toBeValidVoiceReply(): any;
  }
}
