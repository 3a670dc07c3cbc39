// The runner-independent core, driven by a scripted runner adapter: which test is running is
// whatever the script says, and failure notices are captured instead of printed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgentPhoneFixturesError, FixtureOptionError } from '../../src/errors.js';
import { activeSeed, createFixtureSeed, seedNotice, type CurrentTest, type RunnerAdapter } from '../../src/test-runners/current-test.js';
import { seedForLabel, seedFromTestName } from '../../src/test-runners/seed.js';

type Notice = (failureMessages: readonly string[]) => string | undefined;

function scriptedRunner(runner: 'vitest' | 'jest' = 'vitest') {
  let current: CurrentTest | undefined;
  const notices: { test: CurrentTest; notice: Notice }[] = [];
  const adapter: RunnerAdapter = {
    runner,
    currentTest: () => current,
    onTestFailure: (test, notice) => notices.push({ test, notice }),
  };
  const run = (fullName: string, attempt = '0', key: object = {}): CurrentTest => {
    current = { key, attempt, fullName, file: `${process.cwd()}/test/handler.test.ts` };
    return current;
  };
  const leave = (): void => {
    current = undefined;
  };
  return { adapter, notices, run, leave, fixtureSeed: createFixtureSeed(adapter) };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('fixtureSeed (core)', () => {
  it("returns the seed of the running test's full name, and labelled seeds derived from it", () => {
    vi.stubEnv('AGENTPHONE_FIXTURES_SEED', '');
    const { run, fixtureSeed } = scriptedRunner();
    run('handler answers a caller');
    expect(fixtureSeed()).toBe(seedFromTestName('handler answers a caller'));
    expect(fixtureSeed()).toBe(fixtureSeed());
    expect(fixtureSeed('customer')).toBe(seedForLabel(seedFromTestName('handler answers a caller'), 'customer'));
    expect(fixtureSeed('customer')).not.toBe(fixtureSeed('agent'));
  });

  it('does not depend on which tests ran before, or in what order', () => {
    const names = ['a', 'b one', 'c two three', 'd'];
    const seedsInOrder = (order: readonly string[]): Record<string, number> => {
      const { run, fixtureSeed } = scriptedRunner();
      return Object.fromEntries(order.map((name) => (run(name), [name, fixtureSeed()] as const)));
    };
    const forward = seedsInOrder(names);
    expect(seedsInOrder([...names].reverse())).toEqual(forward);
    expect(seedsInOrder([names[2]!, names[0]!])).toEqual({ [names[2]!]: forward[names[2]!], [names[0]!]: forward[names[0]!] });
  });

  it('uses AGENTPHONE_FIXTURES_SEED instead, and derives labelled seeds from it', () => {
    vi.stubEnv('AGENTPHONE_FIXTURES_SEED', '4242');
    const { run, fixtureSeed } = scriptedRunner();
    run('handler answers a caller');
    expect(fixtureSeed()).toBe(4242);
    expect(fixtureSeed('customer')).toBe(seedForLabel(4242, 'customer'));
    run('another test');
    expect(fixtureSeed()).toBe(4242);
  });

  it('reads the environment once per test: a change takes effect in the next test', () => {
    const { run, fixtureSeed } = scriptedRunner();
    vi.stubEnv('AGENTPHONE_FIXTURES_SEED', '1');
    run('first');
    expect(fixtureSeed()).toBe(1);
    vi.stubEnv('AGENTPHONE_FIXTURES_SEED', '2');
    expect(fixtureSeed()).toBe(1);
    run('second');
    expect(fixtureSeed()).toBe(2);
  });

  it('fails the call, naming the variable, when AGENTPHONE_FIXTURES_SEED is not an integer', () => {
    vi.stubEnv('AGENTPHONE_FIXTURES_SEED', 'seven');
    const { run, fixtureSeed } = scriptedRunner();
    run('x');
    expect(() => fixtureSeed()).toThrow(FixtureOptionError);
    expect(() => fixtureSeed()).toThrow(/Invalid option "AGENTPHONE_FIXTURES_SEED": expected an integer seed .*received "seven"/);
  });

  it('refuses a label that is not a non-empty string', () => {
    const { run, fixtureSeed } = scriptedRunner();
    run('x');
    expect(() => fixtureSeed('')).toThrowErrorMatchingInlineSnapshot(
      `[FixtureOptionError: Invalid option "label": expected a non-empty string that names an independent seed, such as "customer", received ""]`,
    );
    expect(() => (fixtureSeed as (label?: unknown) => number)(7)).toThrow('Invalid option "label": expected a non-empty string that names an independent seed, such as "customer", received 7');
  });

  it('throws outside a test, saying where it can be called', () => {
    const { leave, fixtureSeed } = scriptedRunner();
    leave();
    let error: unknown;
    try {
      fixtureSeed();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AgentPhoneFixturesError);
    expect((error as AgentPhoneFixturesError).code).toBe('outside_test');
    expect(error).toMatchInlineSnapshot(
      `[AgentPhoneFixturesError: fixtureSeed() was called outside a test: call it in a test or in a beforeEach/afterEach hook, where the seed is derived from the test's full name (module scope, describe bodies, beforeAll and afterAll have no current test; pass a fixed seed there)]`,
    );
  });
});

describe('a test the runner cannot tell apart (ambiguous)', () => {
  it('makes fixtureSeed throw, naming the test, and gives matcher failures no seed', () => {
    const { adapter } = scriptedRunner();
    const key = {};
    let ambiguous = false;
    const wrapped: RunnerAdapter = {
      ...adapter,
      currentTest: () => ({ key, attempt: '0', fullName: 'runs alongside others', file: undefined, ambiguous }),
    };
    const seedOf = createFixtureSeed(wrapped);
    seedOf(); // drawn while the test was still alone
    ambiguous = true;
    expect(() => seedOf()).toThrow('fixtureSeed() cannot tell which test called it: "runs alongside others" runs concurrently with others, and vitest keeps one current test at a time');
    expect(activeSeed(wrapped)).toBeUndefined();
  });
});

describe('a runner version that cannot say which test runs', () => {
  it('makes fixtureSeed throw its reason, and leaves matcher failures without a seed', () => {
    const { adapter, run } = scriptedRunner();
    run('any test');
    const old: RunnerAdapter = { ...adapter, unsupported: 'fixtureSeed() needs a newer runner' };
    expect(() => createFixtureSeed(old)()).toThrow(expect.objectContaining({ code: 'unsupported_runner', message: 'fixtureSeed() needs a newer runner' }));
    expect(activeSeed(old)).toBeUndefined();
  });
});

describe('the failure notice', () => {
  it('is arranged once per attempt of a test that drew a seed, and never for one that did not', () => {
    const { run, notices, fixtureSeed } = scriptedRunner();
    run('no seed drawn');
    expect(notices).toHaveLength(0);
    const key = {};
    run('drew a seed', '0', key);
    fixtureSeed();
    fixtureSeed('customer');
    expect(notices).toHaveLength(1);
    run('drew a seed', '1', key); // retried
    fixtureSeed();
    expect(notices).toHaveLength(2);
  });

  it('prints the seed and a command that replays the test', () => {
    vi.stubEnv('AGENTPHONE_FIXTURES_SEED', '');
    const { run, notices, fixtureSeed } = scriptedRunner('jest');
    run('handler answers a caller');
    const seed = fixtureSeed();
    const text = notices[0]!.notice(['expect(received).toBe(expected)']);
    expect(text).toBe(
      `This test drew AgentPhone fixture seed ${seed} (fixtureSeed()). Replay it with:\n` +
        `  AGENTPHONE_FIXTURES_SEED=${seed} npx jest test/handler.test.ts -t '^handler answers a caller$'`,
    );
  });

  it('says when the seed came from AGENTPHONE_FIXTURES_SEED', () => {
    vi.stubEnv('AGENTPHONE_FIXTURES_SEED', '99');
    const { run, notices, fixtureSeed } = scriptedRunner();
    run('x');
    fixtureSeed();
    expect(notices[0]!.notice([])).toMatchInlineSnapshot(`
      "This test drew AgentPhone fixture seed 99 (fixtureSeed(), set by AGENTPHONE_FIXTURES_SEED). Replay it with:
        AGENTPHONE_FIXTURES_SEED=99 npx vitest run test/handler.test.ts -t '^x$'"
    `);
  });

  it('is left out when a failure message already carries the replay command (a matcher failure)', () => {
    const { adapter, run, notices, fixtureSeed } = scriptedRunner();
    run('x');
    fixtureSeed();
    const record = activeSeed(adapter)!;
    expect(notices[0]!.notice([`expect(received).toBeValidWebhookEvent()\n\n${seedNotice(record)}`])).toBeUndefined();
    expect(notices[0]!.notice(['some other failure'])).toBe(seedNotice(record));
  });

  it('belongs to the test that drew the seed: activeSeed sees no seed in other tests', () => {
    const { adapter, run, fixtureSeed } = scriptedRunner();
    run('drew');
    fixtureSeed();
    expect(activeSeed(adapter)?.seed).toBe(seedFromTestName('drew'));
    run('did not draw');
    expect(activeSeed(adapter)).toBeUndefined();
  });
});
