import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FixtureOptionError } from '../../src/errors.js';
import {
  FIXTURE_SEED_ENV,
  replayCommand,
  seedForLabel,
  seedFromEnvironment,
  seedFromTestName,
  shellQuote,
} from '../../src/test-runners/seed.js';

const isUint32 = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff;

/** What a POSIX shell makes of `words`: each word, unquoted, one per line. */
function shellWords(words: string): string[] {
  const out = execFileSync('sh', ['-c', `for w in ${words}; do printf '%s\\0' "$w"; done`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('seedFromTestName', () => {
  it('is an unsigned 32-bit integer, the same on every call', () => {
    for (const name of ['', 'a', 'handler answers a caller', 'ünïcödé 🚀 name', 'x'.repeat(10_000)]) {
      const seed = seedFromTestName(name);
      expect(isUint32(seed), `${seed} for ${name.slice(0, 20)}`).toBe(true);
      expect(seedFromTestName(name)).toBe(seed);
    }
  });

  it('keeps the seeds users already replay: a published name has a published seed', () => {
    // Changing the derivation would change every test's fixtures: a breaking change.
    expect(seedFromTestName('handler answers a caller')).toBe(2639527563);
  });

  it('gives 5,000 similar names 5,000 different seeds, spread over the whole range', () => {
    const seeds = Array.from({ length: 5000 }, (_, i) => seedFromTestName(`handler answers caller ${i}`));
    expect(new Set(seeds).size).toBe(5000);
    // Every eighth of the 32-bit range gets about an eighth of them.
    const buckets = new Array<number>(8).fill(0);
    for (const seed of seeds) buckets[Math.floor(seed / 2 ** 29)]! += 1;
    for (const count of buckets) expect(count).toBeGreaterThan(500);
  });

  it('tells apart names that differ only in case or spacing', () => {
    const names = ['outer inner test', 'outer  inner test', 'Outer inner test', 'outer inner test '];
    expect(new Set(names.map(seedFromTestName)).size).toBe(names.length);
  });
});

describe('seedForLabel', () => {
  it('derives a different unsigned 32-bit seed per label, stable for a base and label', () => {
    const base = seedFromTestName('two customers text at once');
    const first = seedForLabel(base, 'first');
    const second = seedForLabel(base, 'second');
    expect([first, second].every(isUint32)).toBe(true);
    expect(new Set([base, first, second]).size).toBe(3);
    expect(seedForLabel(base, 'first')).toBe(first);
  });

  it('depends on the base seed, including negative and large ones from the environment', () => {
    const bases = [0, 1, -1, 42, 2 ** 32, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
    const seeds = bases.map((base) => seedForLabel(base, 'customer'));
    expect(seeds.every(isUint32)).toBe(true);
    expect(new Set(seeds).size).toBe(bases.length);
  });

  it('never equals the seed of a test with the label as its name', () => {
    expect(seedForLabel(0, 'customer')).not.toBe(seedFromTestName('customer'));
  });
});

describe('seedFromEnvironment', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['   ', undefined],
    ['42', 42],
    [' 42\n', 42],
    ['0', 0],
    ['-0', 0],
    ['-7', -7],
    ['4294967295', 4294967295],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('reads %j as %j', (raw, seed) => {
    const env = raw === undefined ? {} : { [FIXTURE_SEED_ENV]: raw };
    expect(Object.is(seedFromEnvironment(env), seed)).toBe(true);
  });

  it('reads nothing without an environment (a browser)', () => {
    expect(seedFromEnvironment(undefined)).toBeUndefined();
  });

  it.each(['12.5', 'abc', '1e3', '0x10', '42abc', '+5', '9007199254740992', '4 2'])('rejects %j, naming the variable', (raw) => {
    const error = (() => {
      try {
        seedFromEnvironment({ [FIXTURE_SEED_ENV]: raw });
      } catch (caught) {
        return caught;
      }
      throw new Error('expected a throw');
    })();
    expect(error).toBeInstanceOf(FixtureOptionError);
    expect((error as FixtureOptionError).option).toBe('AGENTPHONE_FIXTURES_SEED');
    expect((error as FixtureOptionError).message).toContain(`received ${JSON.stringify(raw)}`);
  });

  it('says what it expected', () => {
    expect(() => seedFromEnvironment({ [FIXTURE_SEED_ENV]: '12.5' })).toThrowErrorMatchingInlineSnapshot(
      `[FixtureOptionError: Invalid option "AGENTPHONE_FIXTURES_SEED": expected an integer seed from the environment, such as AGENTPHONE_FIXTURES_SEED=123456 (a safe integer; unset it to derive each seed from its test's name), received "12.5"]`,
    );
  });
});

describe('shellQuote', () => {
  it.each(['plain', 'test/a.test.ts', "it's", 'a b', '$HOME', '^x \\(y\\)$', '`cmd`', '"q"', '', 'new\nline'])(
    'quotes %j so that sh reads it back unchanged',
    (text) => {
      expect(shellWords(shellQuote(text))).toEqual([text]);
    },
  );
});

describe('replayCommand', () => {
  it('writes a Vitest command with the seed, the file relative to the working directory and an anchored -t', () => {
    expect(
      replayCommand({ runner: 'vitest', seed: 123, fullName: 'handler answers a caller', file: '/repo/test/handler.test.ts', cwd: '/repo' }),
    ).toMatchInlineSnapshot(`"AGENTPHONE_FIXTURES_SEED=123 npx vitest run test/handler.test.ts -t '^handler answers a caller$'"`);
  });

  it('writes a Jest command, whose file argument is a regular expression', () => {
    expect(
      replayCommand({ runner: 'jest', seed: 7, fullName: 'sms (STOP) opts out', file: '/repo/test/c++/sms.test.js', cwd: '/repo/' }),
    ).toMatchInlineSnapshot(`"AGENTPHONE_FIXTURES_SEED=7 npx jest 'test/c\\+\\+/sms.test.js' -t '^sms \\(STOP\\) opts out$'"`);
  });

  it('keeps a file outside the working directory absolute, and leaves it out when unknown', () => {
    expect(replayCommand({ runner: 'vitest', seed: 1, fullName: 'x', file: '/elsewhere/x.test.ts', cwd: '/repo' })).toBe(
      "AGENTPHONE_FIXTURES_SEED=1 npx vitest run /elsewhere/x.test.ts -t '^x$'",
    );
    expect(replayCommand({ runner: 'jest', seed: -5, fullName: 'x', file: undefined, cwd: '/repo' })).toBe("AGENTPHONE_FIXTURES_SEED=-5 npx jest -t '^x$'");
  });

  it("gives -t a pattern that matches exactly the test's full name", () => {
    const names = ["it's $5 (cheap) [sale] {a|b} 1.5*2+3? ^x\\y", 'plain name', 'ünïcödé 🚀'];
    for (const fullName of names) {
      const command = replayCommand({ runner: 'vitest', seed: 1, fullName, file: undefined, cwd: undefined });
      const words = shellWords(command.slice(command.indexOf(' -t ') + 4));
      expect(words).toHaveLength(1);
      const pattern = new RegExp(words[0]!);
      expect(pattern.test(fullName)).toBe(true);
      expect(pattern.test(`${fullName} again`)).toBe(false);
      expect(pattern.test(`before ${fullName}`)).toBe(false);
    }
  });
});
