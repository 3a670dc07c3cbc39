import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScenario, safeParseWebhookEvent } from '../../src/index.js';
import { cli, tempDir } from '../helpers/io.js';

const BIN = resolve('dist/cli.js');

const YAML_SCRIPT = `# A refund over two days, with a call in between.
channel: sms
seed: 7
contextLimit: 3
turns:
  - customer: Hi, my blender arrived cracked
  - agent:
  - wait: 2h
  - state: { orderId: ORD-1, stage: awaiting_photo }
  - customer:
  - agent
  - call:
      - agent:
      - caller: I'd rather talk it through
      - wait: 20s
      - agent:
    end: { callSuccessful: true, userSentiment: Positive }
  - wait: 1d
  - customer:
`;

/** The same script as JSON (what a YAML parser gives for YAML_SCRIPT). */
const SCRIPT = {
  channel: 'sms',
  seed: 7,
  contextLimit: 3,
  turns: [
    { customer: 'Hi, my blender arrived cracked' },
    { agent: null },
    { wait: '2h' },
    { state: { orderId: 'ORD-1', stage: 'awaiting_photo' } },
    { customer: null },
    'agent',
    {
      call: [{ agent: null }, { caller: "I'd rather talk it through" }, { wait: '20s' }, { agent: null }],
      end: { callSuccessful: true, userSentiment: 'Positive' },
    },
    { wait: '1d' },
    { customer: null },
  ],
};

let dir = '';
let cleanup = () => {};
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  writeFileSync(join(dir, 'refund.yaml'), YAML_SCRIPT);
  writeFileSync(join(dir, 'refund.json'), JSON.stringify(SCRIPT, null, 2));
});
afterEach(() => cleanup());

describe('generate conversation', () => {
  it('prints the events of a YAML script as a JSON array, the same as runScenario', async () => {
    const result = await cli(['generate', 'conversation', '--script', 'refund.yaml'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const events = JSON.parse(result.stdout) as unknown[];
    expect(events).toEqual(JSON.parse(JSON.stringify(runScenario(SCRIPT))));
    expect(events.map((e) => (e as { event: string }).event)).toEqual([
      'agent.message',
      'agent.message',
      'agent.message',
      'agent.call_ended',
      'agent.message',
    ]);
    for (const event of events) expect(safeParseWebhookEvent(event).success).toBe(true);
  });

  it('reads JSON scripts and stdin, with the same result', async () => {
    const yaml = await cli(['generate', 'conversation', '--script', 'refund.yaml', '--ndjson'], { cwd: dir });
    const json = await cli(['generate', 'conversation', '--script', 'refund.json', '--ndjson'], { cwd: dir });
    const stdin = await cli(['generate', 'conversation', '--script', '-', '--ndjson'], { cwd: dir, stdin: YAML_SCRIPT });
    expect(json.stdout).toBe(yaml.stdout);
    expect(stdin.stdout).toBe(yaml.stdout);
    expect(yaml.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('prints the same bytes as JSON.stringify with --pretty, and [] for a script without customer turns', async () => {
    const pretty = await cli(['generate', 'conversation', '--script', 'refund.yaml', '--pretty'], { cwd: dir });
    expect(pretty.stdout).toBe(`${JSON.stringify(runScenario(SCRIPT), null, 2)}\n`);
    writeFileSync(join(dir, 'quiet.yaml'), 'turns:\n  - agent\n  - wait: 1h\n');
    for (const flags of [[], ['--pretty']]) {
      const empty = await cli(['generate', 'conversation', '--script', 'quiet.yaml', ...flags], { cwd: dir });
      expect(empty.stdout).toBe('[]\n');
    }
  });

  it('fills turns without text from --seed, which takes precedence over the script', async () => {
    const seeded = await cli(['generate', 'conversation', '--script', 'refund.yaml', '--seed', '3', '--ndjson'], { cwd: dir });
    expect(seeded.stdout).toBe(runScenario(SCRIPT, { seed: 3 }).map((e) => `${JSON.stringify(e)}\n`).join(''));
    const plain = await cli(['generate', 'conversation', '--script', 'refund.yaml', '--ndjson'], { cwd: dir });
    expect(seeded.stdout).not.toBe(plain.stdout);
    const now = await cli(['generate', 'conversation', '--script', 'refund.yaml', '--now', '2026-06-01T08:00:00Z'], { cwd: dir });
    expect((JSON.parse(now.stdout) as { timestamp: string }[])[0]?.timestamp).toBe('2026-06-01T08:00:00Z');
  });

  it('writes one file per event with --out, and never overwrites without --force', async () => {
    const first = await cli(['generate', 'conversation', '--script', 'refund.yaml', '--out', 'out'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('wrote 5 files to out\n');
    const files = readdirSync(join(dir, 'out')).sort();
    expect(files).toEqual([
      'refund-seed7-001-sms.json',
      'refund-seed7-002-sms.json',
      'refund-seed7-003-voice.json',
      'refund-seed7-004-call-ended.json',
      'refund-seed7-005-sms.json',
    ]);
    const events = runScenario(SCRIPT);
    files.forEach((file, i) => expect(readFileSync(join(dir, 'out', file), 'utf8')).toBe(`${JSON.stringify(events[i], null, 2)}\n`));
    writeFileSync(join(dir, 'out', files[0] as string), 'mine');
    const again = await cli(['generate', 'conversation', '--script', 'refund.yaml', '--out', 'out'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Refusing to overwrite existing files in out \(refund-seed7-001-sms\.json/);
    expect(readFileSync(join(dir, 'out', files[0] as string), 'utf8')).toBe('mine');
    const forced = await cli(['generate', 'conversation', '--script', 'refund.yaml', '--out', 'out', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'out', files[0] as string), 'utf8')).toBe(`${JSON.stringify(events[0], null, 2)}\n`);
  });

  it('replaces an earlier run of a changed script only with --force, and never touches other files', async () => {
    const first = await cli(['generate', 'conversation', '--script', 'refund.yaml', '--out', 'out'], { cwd: dir });
    expect(first.code).toBe(0);
    writeFileSync(join(dir, 'out', 'notes.json'), 'mine');
    writeFileSync(join(dir, 'out', 'refund-seed8-001-sms.json'), 'another seed');
    // The script loses its call and last turns: a run of it writes two files, not five.
    writeFileSync(join(dir, 'refund.yaml'), YAML_SCRIPT.slice(0, YAML_SCRIPT.indexOf('  - agent\n')));
    const refused = await cli(['generate', 'conversation', '--script', 'refund.yaml', '--out', 'out'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Refusing to mix runs in out: refund-seed7-003-voice\.json, refund-seed7-004-call-ended\.json, refund-seed7-005-sms\.json are from an earlier run of this script with seed 7\. Pass --force/);
    expect(readdirSync(join(dir, 'out'))).toHaveLength(7);
    const forced = await cli(['generate', 'conversation', '--script', 'refund.yaml', '--out', 'out', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(forced.stderr).toBe('wrote 2 files to out (removed 3 files of the earlier run)\n');
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['notes.json', 'refund-seed7-001-sms.json', 'refund-seed7-002-sms.json', 'refund-seed8-001-sms.json']);
    expect(readFileSync(join(dir, 'out', 'notes.json'), 'utf8')).toBe('mine');
  });

  it.each([
    ['turns:\n  - customer: hi\n  - wiat: 2h\n', /turns\[1\]: unknown key "wiat": expected one of "customer", "agent", "state", "wait", "call"/],
    ['turns:\n  - wait: soon\n', /turns\[0\]\.wait: expected a duration such as 90 \(seconds\).*received "soon"/],
    ['contextLimit: 51\nturns: []\n', /contextLimit: expected an integer from 0 to 50/],
    ['turns:\n  - call:\n      - customer: hi\n      - shout: HEY\n', /turns\[0\]\.call\[1\]: unknown key "shout"/],
    ['turns:\n  - customer: "unclosed\n', /is not valid YAML or JSON at line \d+, column \d+/],
    ['turns: [\n', /is not valid YAML or JSON/],
    ['turns:\n  - customer: a\n  - customer: b\nturns: []\n', /is not valid YAML or JSON at line 4, column 1: Map keys must be unique/],
    ['', /is empty: expected a scenario script/],
    ['just words\n', /\(script\): expected an array of turns or an object with "turns", received "just words"/],
  ])('reports a bad script with the turn named, exit 1, nothing printed: %j', async (text, message) => {
    writeFileSync(join(dir, 'bad.yaml'), text);
    const result = await cli(['generate', 'conversation', '--script', 'bad.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^agentphone-fixtures: (Script bad\.yaml)/);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports invalid JSON in a .json script with the position', async () => {
    writeFileSync(join(dir, 'bad.json'), '{"turns": [}');
    const result = await cli(['generate', 'conversation', '--script', 'bad.json'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Script bad\.json is not valid JSON at line 1, column 12: Unexpected token/);
    writeFileSync(join(dir, 'cut.json'), '{\n  "turns": [\n    {"customer": "hi"},\n');
    const cut = await cli(['generate', 'conversation', '--script', 'cut.json'], { cwd: dir });
    expect(cut.stderr).toMatch(/Script cut\.json is not valid JSON at line 4, column 1: /);
  });

  it('fails before printing or writing anything when a late turn breaks the schema', async () => {
    const turns = [...Array.from({ length: 40 }, () => 'customer'), { customer: null, overrides: { data: { from: '555' } } }];
    writeFileSync(join(dir, 'late.json'), JSON.stringify({ turns }));
    const printed = await cli(['generate', 'conversation', '--script', 'late.json'], { cwd: dir });
    expect(printed.code).toBe(1);
    expect(printed.stdout).toBe('');
    expect(printed.stderr).toMatch(/turns\[40\]: the event it builds is invalid: data\.from: expected an E\.164 phone number/);
    const written = await cli(['generate', 'conversation', '--script', 'late.json', '--out', 'late'], { cwd: dir });
    expect(written.code).toBe(1);
    expect(existsSync(join(dir, 'late')) ? readdirSync(join(dir, 'late')) : []).toEqual([]);
  });

  it.each([
    [['generate', 'conversation'], /needs --script FILE/],
    [['generate', 'conversation', '--script', 'refund.yaml', 'extra'], /takes no other arguments, received: extra/],
    [['generate', 'conversation', '--script', 'refund.yaml', '--ndjson', '--pretty'], /cannot be combined/],
    [['generate', 'conversation', '--script', 'refund.yaml', '--ndjson', '--out', 'x'], /cannot be combined/],
    [['generate', 'conversation', '--script', 'refund.yaml', '--force'], /--force only applies with --out/],
    [['generate', 'conversation', '--script', 'refund.yaml', '--seed', 'x'], /--seed/],
    [['generate', 'conversation', '--script', 'refund.yaml', '--now', 'tomorrow'], /Invalid value for --now/],
    [['generate', 'conversation', '--script', 'refund.yaml', '--count', '3'], /--count/],
  ])('refuses %j with exit 2', async (argv, message) => {
    const result = await cli(argv, { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('reports a missing script file and a directory with exit 1', async () => {
    const missing = await cli(['generate', 'conversation', '--script', 'nope.yaml'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read script nope\.yaml: no such file or directory/);
    const directory = await cli(['generate', 'conversation', '--script', '.'], { cwd: dir });
    expect(directory.code).toBe(1);
    expect(directory.stderr).toMatch(/it is a directory/);
  });

  it('shows its help', async () => {
    const result = await cli(['generate', 'conversation', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: agentphone-fixtures generate conversation --script FILE/);
    expect(result.stdout).toContain('--seed S');
  });
});

describe('generate conversation (built CLI)', () => {
  it('runs a YAML script through dist/cli.js, yaml bundled in', () => {
    const out = execFileSync(process.execPath, [BIN, 'generate', 'conversation', '--script', 'refund.yaml', '--ndjson'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(out).toBe(runScenario(SCRIPT).map((e) => `${JSON.stringify(e)}\n`).join(''));
  });

  it('runs a 100,000-turn script in a 48 MB heap (linear memory, events streamed)', () => {
    const turns = Array.from({ length: 100_000 }, (_, i) => (i % 2 === 0 ? 'customer' : 'agent'));
    writeFileSync(join(dir, 'long.json'), JSON.stringify({ seed: 2, contextLimit: 50, turns }));
    const result = spawnSync(process.execPath, ['--max-old-space-size=48', BIN, 'generate', 'conversation', '--script', 'long.json', '--ndjson'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(50_000);
    const last = JSON.parse(lines.at(-1) as string) as { recentHistory: unknown[] };
    expect(last.recentHistory).toHaveLength(50);
  }, 120_000);
});
