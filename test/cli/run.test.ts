import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSmsEvent, buildVoiceEvent, smsEventSchema, voiceEventSchema } from '../../src/index.js';
import { cli, tempDir } from '../helpers/io.js';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('runCli: top level', () => {
  it('prints help with exit 0 for --help and exit 2 with no command', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: agentphone-fixtures <command>');
    expect(help.stdout).toContain('generate <kind>');
    const bare = await cli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toContain('Usage: agentphone-fixtures <command>');
    expect((await cli(['help', 'validate'])).stdout).toContain('Usage: agentphone-fixtures validate');
  });

  it('prints the version', async () => {
    const { code, stdout } = await cli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version);
  });

  it('rejects unknown commands and options with exit 2 and the valid choices', async () => {
    const unknown = await cli(['genrate', 'sms']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'agentphone-fixtures: unknown command "genrate". Expected one of: generate, validate, sign, send, schema, --help, --version.\nRun with --help for usage.\n',
    );
    expect((await cli(['--verbose'])).stderr).toContain('unknown option --verbose');
  });
});

describe('runCli generate', () => {
  it('prints one object for count 1, valid against the schema, equal to the builder', async () => {
    const { code, stdout, stderr } = await cli(['generate', 'sms', '--seed', '42']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const event = JSON.parse(stdout);
    expect(smsEventSchema.parse(event)).toEqual(event);
    expect(event).toEqual(buildSmsEvent({}, { seed: 42 }));
    expect(stdout.endsWith('}\n')).toBe(true);
    expect(stdout.split('\n')).toHaveLength(2);
  });

  it('prints a JSON array for count > 1, fixture i built with seed S+i', async () => {
    const { stdout } = await cli(['generate', 'voice', '--count', '3', '--seed', '10', '--history', '2', '--now', '2026-01-02T03:04:05Z']);
    const events = JSON.parse(stdout) as unknown[];
    expect(events).toEqual([10, 11, 12].map((seed) => buildVoiceEvent({}, { seed, history: 2, now: '2026-01-02T03:04:05Z' })));
  });

  it('prints the same bytes as JSON.stringify with --pretty', async () => {
    const { stdout } = await cli(['generate', 'sms', '--count', '2', '--pretty']);
    const expected = JSON.stringify([0, 1].map((seed) => buildSmsEvent({}, { seed })), null, 2);
    expect(stdout).toBe(`${expected}\n`);
    const compact = await cli(['generate', 'sms', '--count', '2']);
    expect(compact.stdout).toBe(`${JSON.stringify(JSON.parse(expected))}\n`);
  });

  it('prints NDJSON, one compact object per line', async () => {
    const { stdout } = await cli(['generate', 'voice', '--count', '5', '--seed', '42', '--ndjson']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    lines.forEach((line, i) => expect(JSON.parse(line)).toEqual(buildVoiceEvent({}, { seed: 42 + i })));
    for (const line of lines) voiceEventSchema.parse(JSON.parse(line));
  });

  it('gives the same bytes for the same arguments', async () => {
    const args = ['generate', 'sms', '--count', '20', '--seed', '7', '--ndjson'];
    expect((await cli(args)).stdout).toBe((await cli(args)).stdout);
  });

  it.each([
    [['generate'], 'generate needs a kind. Expected one of: sms, mms, imessage, whatsapp, voice, call-ended, reaction, voice-reply.'],
    [['generate', 'fax'], 'Unknown kind "fax". Expected one of: sms, mms, imessage, whatsapp, voice, call-ended, reaction, voice-reply.'],
    [['generate', 'sms', 'voice'], 'generate takes one kind'],
    [['generate', 'sms', '--count', '0'], 'Invalid value for --count: expected an integer from 1 to 100000000, received "0".'],
    [['generate', 'sms', '--count', 'many'], 'Invalid value for --count'],
    [['generate', 'sms', '--seed', '1.5'], 'Invalid value for --seed: expected an integer'],
    [['generate', 'sms', '--seed', '99999999999999999999'], 'Invalid value for --seed'],
    [['generate', 'sms', '--history', '51'], 'Invalid value for --history: expected an integer from 0 to 50, received "51".'],
    [['generate', 'sms', '--now', 'tomorrow'], 'Invalid value for --now: expected an ISO-8601 date-time'],
    [['generate', 'sms', '--count'], 'Flag --count needs a value (N).'],
    [['generate', 'sms', '--cout', '3'], 'Unknown flag --cout for "generate". Valid flags: --count, --seed,'],
    [['generate', 'sms', '--ndjson', '--pretty'], '--ndjson and --pretty cannot be combined'],
    [['generate', 'sms', '--ndjson', '--out', 'x'], '--ndjson and --out cannot be combined'],
    [['generate', 'sms', '--force'], '--force only applies with --out DIR.'],
    [['generate', 'sms', '--seed', '1', '--seed', '2'], 'Flag --seed was given more than once.'],
    [['generate', 'sms', '--pretty=yes'], 'Flag --pretty takes no value'],
    [['generate', 'sms', '--out', ''], '--out needs a directory name, received "".'],
    [['generate', 'sms', '--out='], '--out needs a directory name, received "".'],
    [['generate', 'sms', '--seed', '9007199254740991', '--count', '2'], 'with --count 2 the seed must be at most 9007199254740990'],
    [['validate', 'a.json', '-', '-'], '"-" (stdin) can be given only once.'],
  ])('exits 2 for %j with a message naming the problem', async (argv, message) => {
    const { code, stdout, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('writes one pretty file per fixture with --out, each named after its own seed', async () => {
    const { code, stderr } = await cli(['generate', 'sms', '--count', '3', '--seed', '42', '--out', 'fixtures'], { cwd: tmp.dir });
    expect(code).toBe(0);
    expect(stderr).toBe('wrote 3 files to fixtures\n');
    const dir = join(tmp.dir, 'fixtures');
    expect(readdirSync(dir)).toEqual(['sms-seed42.json', 'sms-seed43.json', 'sms-seed44.json']);
    expect(readFileSync(join(dir, 'sms-seed43.json'), 'utf8')).toBe(`${JSON.stringify(buildSmsEvent({}, { seed: 43 }), null, 2)}\n`);
    // Another run that covers the same seeds refuses: the same fixture always has the same name.
    const again = await cli(['generate', 'sms', '--count', '1001', '--seed', '0', '--out', 'fixtures'], { cwd: tmp.dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('sms-seed42.json');
    expect(readdirSync(dir)).toHaveLength(3);
  });

  it('refuses to overwrite existing files unless --force, and leaves them untouched', async () => {
    const dir = join(tmp.dir, 'out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'voice-seed1.json'), 'my own file');
    const refused = await cli(['generate', 'voice', '--count', '2', '--out', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Refusing to overwrite existing files');
    expect(refused.stderr).toContain('voice-seed1.json');
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(join(dir, 'voice-seed1.json'), 'utf8')).toBe('my own file');
    expect(existsSync(join(dir, 'voice-seed0.json'))).toBe(false);

    const forced = await cli(['generate', 'voice', '--count', '2', '--out', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'voice-seed1.json'), 'utf8'))).toEqual(buildVoiceEvent({}, { seed: 1 }));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reports an output directory it cannot create, without a stack trace', async () => {
    writeFileSync(join(tmp.dir, 'file'), '');
    const { code, stderr } = await cli(['generate', 'sms', '--out', join(tmp.dir, 'file', 'sub')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^agentphone-fixtures: Cannot use .*file\/sub as the output directory: it \(or a parent\) is a file\./);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('shows progress on a TTY stderr only, and keeps stdout clean', async () => {
    const tty = await cli(['generate', 'sms', '--count', '3000', '--ndjson'], { stderrIsTTY: true });
    expect(tty.stderr).toMatch(/^\r\u001b\[2Kgenerating sms: [\d,]+\/3,000/);
    expect(tty.stderr.endsWith('\r\u001b[2K')).toBe(true);
    expect(tty.stdout.trimEnd().split('\n')).toHaveLength(3000);
    expect(tty.stdout).not.toContain('generating');
    const pipe = await cli(['generate', 'sms', '--count', '3000', '--ndjson']);
    expect(pipe.stderr).toBe('');
  });
});

describe('runCli validate', () => {
  const write = (name: string, text: string) => {
    const path = join(tmp.dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };

  it('accepts valid JSON objects, arrays and NDJSON and exits 0', async () => {
    write('a/one.json', JSON.stringify(buildSmsEvent({}, { seed: 1 }), null, 2));
    write('a/many.json', JSON.stringify([buildSmsEvent({}, { seed: 2 }), buildVoiceEvent({}, { seed: 3 })]));
    write('a/b/lines.ndjson', [4, 5, 6].map((seed) => JSON.stringify(buildVoiceEvent({}, { seed }))).join('\n'));
    write('a/ignored.txt', 'not json');
    const { code, stdout, stderr } = await cli(['validate', 'a'], { cwd: tmp.dir });
    expect(stdout).toBe('');
    expect(stderr).toBe('checked 6 payloads in 3 files: 6 valid, 0 invalid\n');
    expect(code).toBe(0);
  });

  it('prints one line per invalid payload with file, line, index and each failing path; exits 1', async () => {
    const good = buildSmsEvent({}, { seed: 1 });
    const bad = { ...good, data: { ...good.data, from: '555', direction: 'up' } };
    write('x.ndjson', [good, bad, good].map((e) => JSON.stringify(e)).join('\n') + '\n{oops}\n');
    write('y.json', JSON.stringify([good, { ...good, channel: 'fax' }], null, 2));
    const { code, stdout, stderr } = await cli(['validate', 'x.ndjson', 'y.json'], { cwd: tmp.dir });
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'x.ndjson:2: data.from: expected an E.164 phone number (+ then up to 15 digits), received "555"; data.direction: expected "inbound" or "outbound", received "up"',
    );
    expect(lines[1]).toMatch(/^x\.ndjson:4: invalid JSON: /);
    expect(lines[2]).toMatch(/^y\.json:\d+ \[1\]: channel: expected channel "sms", "mms", "imessage", "whatsapp" or "voice", received "fax"$/);
    expect(lines).toHaveLength(3);
    expect(stderr).toBe('checked 6 payloads in 2 files: 3 valid, 3 invalid\n');
  });

  it('reads stdin for "-"', async () => {
    const input = JSON.stringify(buildVoiceEvent({}, { seed: 9 }));
    const ok = await cli(['validate', '-'], { stdin: input });
    expect(ok.code).toBe(0);
    const bad = await cli(['validate', '-'], { stdin: '{"event":"agent.message"}' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^<stdin>:1: channel: expected channel/);
  });

  it('exits 1 for unreadable, missing and empty inputs, and keeps checking the rest', async () => {
    write('good.json', JSON.stringify(buildSmsEvent()));
    write('empty.json', '');
    write('emptydir/readme.md', '# nothing');
    const { code, stdout, stderr } = await cli(['validate', 'missing.json', 'empty.json', 'emptydir', 'good.json'], { cwd: tmp.dir });
    expect(code).toBe(1);
    expect(stdout).toContain('missing.json: cannot read (no such file or directory)');
    expect(stdout).toContain('empty.json: no JSON payloads found');
    expect(stdout).toContain('emptydir: no *.json, *.ndjson, *.jsonl files found');
    expect(stderr).toContain('1 valid, 0 invalid, 3 unreadable');
  });

  it('exits 2 without inputs or with an unknown flag', async () => {
    expect((await cli(['validate'])).code).toBe(2);
    const flag = await cli(['validate', '--strict', 'x']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('Unknown flag --strict for "validate". Valid flags: --quiet, --help.');
  });

  it('round-trips what generate writes', async () => {
    await cli(['generate', 'voice', '--count', '25', '--out', 'gen'], { cwd: tmp.dir });
    const ndjson = await cli(['generate', 'sms', '--count', '25', '--ndjson']);
    write('gen/all.ndjson', ndjson.stdout);
    const { code, stderr } = await cli(['validate', 'gen', '--quiet'], { cwd: tmp.dir });
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});

describe('runCli generate: every kind', () => {
  it.each(['sms', 'mms', 'imessage', 'whatsapp', 'voice', 'call-ended', 'reaction'])('%s events validate', async (kind) => {
    const generated = await cli(['generate', kind, '--count', '20', '--ndjson', '--seed', '3']);
    expect(generated.code).toBe(0);
    const checked = await cli(['validate', '-'], { stdin: generated.stdout });
    expect(checked.stderr).toBe('checked 20 payloads in 1 file: 20 valid, 0 invalid\n');
  });

  it('builds voice replies that AgentPhone would speak without problems', async () => {
    const { parseVoiceReply } = await import('../../src/index.js');
    const generated = await cli(['generate', 'voice-reply', '--count', '50', '--ndjson']);
    for (const line of generated.stdout.trimEnd().split('\n')) {
      expect(parseVoiceReply({ contentType: 'application/json', body: line }).problems).toEqual([]);
    }
  });
});
