// The `agentphone-fixtures/jest` entry against scripted Jest globals: what it registers on load,
// how it finds the running test, and the afterEach hook that adds the seed to a failed test.
// (test/consumers runs it in a real Jest 30 project.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seedForLabel, seedFromTestName } from '../../src/test-runners/seed.js';

type JestEntry = typeof import('../../src/test-runners/jest.js');

interface ScriptedTest {
  errors: unknown[];
  invocations: number;
  failing?: boolean;
}

const TEST_FILE = `${process.cwd()}/test/handler.test.js`;

/** A scripted Jest: its expect state says which test runs; `afterEach` hooks are collected. */
function scriptedJest(options: { identity?: 'expect-state' | 'circus-state' | 'none' } = {}) {
  const identity = options.identity ?? 'expect-state';
  let running: { test: ScriptedTest; name: string } | undefined;
  const state: Record<string, unknown> = { currentTestName: undefined, testPath: TEST_FILE };
  if (identity === 'expect-state') {
    state['currentTestIdentity'] = () => running?.test;
    state['currentConcurrentTestName'] = () => running?.name;
  }
  const circus = { currentlyRunningTest: null as ScriptedTest | null };
  const extended: Record<string, unknown>[] = [];
  const afterEachHooks: (() => void)[] = [];
  const globals = {
    expect: { extend: (matchers: Record<string, unknown>) => extended.push(matchers), getState: () => state },
    afterEach: (fn: () => void) => afterEachHooks.push(fn),
  };
  const start = (name: string): ScriptedTest => {
    const test: ScriptedTest = { errors: [], invocations: 1 };
    running = { test, name };
    circus.currentlyRunningTest = test;
    state['currentTestName'] = name;
    return test;
  };
  /** Runs the afterEach hooks as Jest does, and returns what they threw. */
  const finish = (): unknown[] => {
    const thrown: unknown[] = [];
    for (const hook of afterEachHooks) {
      try {
        hook();
      } catch (error) {
        thrown.push(error);
      }
    }
    running = undefined;
    circus.currentlyRunningTest = null;
    // Jest leaves the last test's name in the expect state: a stale name must not count as a test.
    return thrown;
  };
  const circusSymbol = Symbol('JEST_STATE_SYMBOL');
  const load = async (): Promise<JestEntry> => {
    vi.resetModules();
    vi.stubGlobal('expect', globals.expect);
    vi.stubGlobal('afterEach', globals.afterEach);
    if (identity === 'circus-state') (globalThis as Record<symbol, unknown>)[circusSymbol] = circus;
    return import('../../src/test-runners/jest.js');
  };
  const cleanup = (): void => {
    delete (globalThis as Record<symbol, unknown>)[circusSymbol];
  };
  return { load, start, finish, extended, afterEachHooks, cleanup };
}

let cleanups: (() => void)[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function jest(options?: Parameters<typeof scriptedJest>[0]) {
  const scripted = scriptedJest(options);
  cleanups.push(scripted.cleanup);
  return scripted;
}

describe('loading agentphone-fixtures/jest', () => {
  it('without Jest globals (setupFiles, or another runner) throws an error that says where to load it', async () => {
    vi.resetModules();
    expect((globalThis as { expect?: unknown }).expect).toBeUndefined();
    await expect(import('../../src/test-runners/jest.js')).rejects.toMatchObject({
      name: 'AgentPhoneFixturesError',
      code: 'no_test_framework',
      message: expect.stringContaining('list it in "setupFilesAfterEnv" in your Jest config (not in "setupFiles"'),
    });
  });

  it('registers both matchers with expect.extend and adds one afterEach hook', async () => {
    const scripted = jest();
    const entry = await scripted.load();
    expect(scripted.extended).toEqual([entry.agentPhoneMatchers]);
    expect(Object.keys(entry.agentPhoneMatchers).sort()).toEqual(['toBeValidVoiceReply', 'toBeValidWebhookEvent']);
    expect(scripted.afterEachHooks).toHaveLength(1);
  });
});

describe.each(['expect-state', 'circus-state'] as const)('fixtureSeed in Jest (test identity from the %s)', (identity) => {
  it("returns the seed of the running test's full name", async () => {
    vi.stubEnv('AGENTPHONE_FIXTURES_SEED', '');
    const scripted = jest({ identity });
    const { fixtureSeed } = await scripted.load();
    scripted.start('handler opts out on STOP');
    expect(fixtureSeed()).toBe(seedFromTestName('handler opts out on STOP'));
    expect(fixtureSeed('customer')).toBe(seedForLabel(seedFromTestName('handler opts out on STOP'), 'customer'));
  });

  it('throws between tests, although Jest keeps the last test name in its state', async () => {
    const scripted = jest({ identity });
    const { fixtureSeed } = await scripted.load();
    scripted.start('first');
    scripted.finish();
    expect(() => fixtureSeed()).toThrow(/^fixtureSeed\(\) was called outside a test/);
  });

  it('adds the seed and the replay command to a failed test, from afterEach', async () => {
    vi.stubEnv('AGENTPHONE_FIXTURES_SEED', '');
    const scripted = jest({ identity });
    const { fixtureSeed } = await scripted.load();
    const test = scripted.start('handler opts out on STOP');
    const seed = fixtureSeed();
    test.errors.push([new Error('expect(received).toEqual(expected)'), new Error()]);
    const [notice, ...more] = scripted.finish();
    expect(more).toEqual([]);
    expect(notice).toBeInstanceOf(Error);
    expect((notice as Error).name).toBe('FixtureSeed');
    expect((notice as Error).message).toBe(
      `This test drew AgentPhone fixture seed ${seed} (fixtureSeed()). Replay it with:\n` +
        `  AGENTPHONE_FIXTURES_SEED=${seed} npx jest test/handler.test.js -t '^handler opts out on STOP$'`,
    );
    // No stack frames: Jest prints the notice as it is.
    expect((notice as Error).stack).toBe(`FixtureSeed: ${(notice as Error).message}`);
  });
});

describe('the afterEach hook stays quiet', () => {
  it('for a test that passed, or drew no seed, or is expected to fail', async () => {
    const scripted = jest();
    const { fixtureSeed } = await scripted.load();
    scripted.start('passes');
    fixtureSeed();
    expect(scripted.finish()).toEqual([]);

    scripted.start('fails without a seed').errors.push(new Error('boom'));
    expect(scripted.finish()).toEqual([]);

    const failing = scripted.start('test.failing');
    failing.failing = true;
    fixtureSeed();
    failing.errors.push(new Error('expected'));
    expect(scripted.finish()).toEqual([]);
  });

  it('when the failure already carries the replay command (a failed matcher)', async () => {
    const scripted = jest();
    const { fixtureSeed, agentPhoneMatchers } = await scripted.load();
    const test = scripted.start('matcher failure');
    const seed = fixtureSeed();
    const result = agentPhoneMatchers.toBeValidWebhookEvent.call({ isNot: false, promise: '' } as never, { event: 'agent.message' }, 'sms');
    const message = (result as { pass: boolean; message: () => string }).message();
    expect(message).toContain(`AGENTPHONE_FIXTURES_SEED=${seed} npx jest test/handler.test.js -t '^matcher failure$'`);
    test.errors.push(new Error(message));
    expect(scripted.finish()).toEqual([]);
  });

  it('on the next attempt of a retried test only if it draws the seed again', async () => {
    const scripted = jest();
    const { fixtureSeed } = await scripted.load();
    const test = scripted.start('flaky');
    fixtureSeed();
    test.errors.push(new Error('first attempt'));
    expect(scripted.finish()).toHaveLength(1);
    const retry = scripted.start('flaky');
    retry.invocations = 2;
    retry.errors.push(new Error('second attempt, before any seed'));
    expect(scripted.finish()).toEqual([]);
  });
});

describe('without any test identity (neither expect state nor circus state)', () => {
  it('falls back to the test name, and still throws when there is none', async () => {
    const scripted = jest({ identity: 'none' });
    const { fixtureSeed } = await scripted.load();
    expect(() => fixtureSeed()).toThrow(/outside a test/);
    scripted.start('named test');
    expect(fixtureSeed()).toBe(fixtureSeed());
  });
});
