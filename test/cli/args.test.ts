import { describe, expect, it } from 'vitest';
import { intFlag, parseArgs, renderFlags, type FlagSpec } from '../../src/cli/args.js';
import { CliError } from '../../src/errors.js';

const specs: Record<string, FlagSpec> = {
  count: { type: 'string', value: 'N', description: 'How many' },
  pretty: { type: 'boolean', description: 'Indent' },
  help: { type: 'boolean', short: 'h', description: 'Help' },
};

describe('parseArgs', () => {
  it('reads --flag value, --flag=value, booleans, short flags, "-" and "--"', () => {
    const parsed = parseArgs(['sms', '--count', '3', '--pretty', '-', '-h', '--', '--count'], specs, 'generate');
    expect(parsed).toEqual({ positionals: ['sms', '-', '--count'], flags: { count: '3', pretty: true, help: true } });
    expect(parseArgs(['--count=-5'], specs, 'generate').flags['count']).toBe('-5');
    expect(parseArgs(['--count', '-5'], specs, 'generate').flags['count']).toBe('-5');
  });

  it('rejects unknown, repeated and valueless flags as usage errors', () => {
    const fail = (argv: string[]) => {
      try {
        parseArgs(argv, specs, 'generate');
      } catch (error) {
        expect(error).toBeInstanceOf(CliError);
        expect((error as CliError).exitCode).toBe(2);
        return (error as Error).message;
      }
      throw new Error('expected a usage error');
    };
    expect(fail(['--nope'])).toBe('Unknown flag --nope for "generate". Valid flags: --count, --pretty, --help.');
    expect(fail(['-x'])).toContain('Unknown flag -x');
    expect(fail(['--count'])).toBe('Flag --count needs a value (N).');
    expect(fail(['--count', '--pretty'])).toBe('Flag --count needs a value (N).');
    expect(fail(['--pretty', '--pretty'])).toBe('Flag --pretty was given more than once.');
    expect(fail(['--constructor'])).toContain('Unknown flag --constructor');
  });
});

describe('intFlag', () => {
  it('reads integers within bounds and names the flag otherwise', () => {
    expect(intFlag({ n: '42' }, 'n', 1, 0, 50)).toBe(42);
    expect(intFlag({}, 'n', 7, 0, 50)).toBe(7);
    for (const bad of ['51', '-1', '1e3', '0x10', '', ' ', '2.0', 'NaN']) {
      expect(() => intFlag({ n: bad }, 'n', 1, 0, 50)).toThrow(`Invalid value for --n: expected an integer from 0 to 50, received "${bad}".`);
    }
  });
});

describe('renderFlags', () => {
  it('lines up flags and descriptions', () => {
    expect(renderFlags(specs)).toMatchInlineSnapshot(`
      "      --count N  How many
            --pretty   Indent
        -h, --help     Help"
    `);
  });
});
