import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildMmsEvent, buildSmsEvent, invalidVariants, safeParseWebhookEvent } from '../../src/index.js';
import { EVENT_KINDS } from '../../src/cli/kinds.js';
import { cli, tempDir } from '../helpers/io.js';

interface Manifest {
  kind: string;
  seed: number;
  now: string;
  history: number | null;
  variants: { name: string; file: string; path: string; pathSegments: (string | number)[]; code: string; errorCode: string; category: string; description: string; jsonSchemaRejects: boolean }[];
}

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir('apf-invalid-');
});
afterEach(() => tmp.cleanup());

const readJson = (...parts: string[]): unknown => JSON.parse(readFileSync(join(...parts), 'utf8'));
/** Every file in `dir` with its bytes, to prove a refused run changed nothing. */
const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
const kinds = EVENT_KINDS.join(', ');

describe('generate invalid --out', () => {
  it('writes one file per variant and then index.json, each file failing validation exactly as the manifest says', async () => {
    const run = await cli(['generate', 'invalid', 'sms', '--seed', '42', '--out', 'neg/sms'], { cwd: tmp.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const dir = join(tmp.dir, 'neg/sms');
    const manifest = readJson(dir, 'index.json') as Manifest;
    const variants = invalidVariants(buildSmsEvent({}, { seed: 42 }));
    expect(run.stderr).toBe(`wrote ${variants.length} invalid sms payloads and index.json to neg/sms\n`);
    expect(manifest).toMatchObject({ kind: 'sms', seed: 42, now: '2025-01-15T12:00:00Z', history: null });
    expect(manifest.variants.map((v) => v.name)).toEqual(variants.map((v) => v.name));
    expect(readdirSync(dir).sort()).toEqual([...manifest.variants.map((v) => v.file), 'index.json'].sort());
    for (const [i, entry] of manifest.variants.entries()) {
      const variant = variants[i]!;
      expect(entry.file).toBe(`sms-seed42.${variant.name}.json`);
      const { payload, ...label } = variant;
      expect(entry).toEqual({ ...label, file: entry.file });
      const text = readFileSync(join(dir, entry.file), 'utf8');
      expect(text).toBe(`${JSON.stringify(payload, null, 2)}\n`);
      const result = safeParseWebhookEvent(JSON.parse(text));
      expect(result.success).toBe(false);
      expect(result.error?.code).toBe(entry.errorCode);
      expect(result.error?.problems.map((p) => [p.path, p.code])).toEqual([[entry.path, entry.code]]);
    }
  });

  it('refuses to overwrite existing files without --force, writing nothing, and overwrites them with it', async () => {
    const dir = join(tmp.dir, 'neg');
    expect((await cli(['generate', 'invalid', 'voice', '--seed', '1', '--out', 'neg'], { cwd: tmp.dir })).code).toBe(0);
    const clash = 'voice-seed1.data.confidence.above-max.json';
    writeFileSync(join(dir, clash), 'my own edits\n');
    const before = snapshot(dir);

    // The same seed again, and another seed whose index.json alone clashes: both refused, nothing written.
    for (const seed of ['1', '2']) {
      const refused = await cli(['generate', 'invalid', 'voice', '--seed', seed, '--out', 'neg'], { cwd: tmp.dir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^agentphone-fixtures: Refusing to overwrite existing files in neg \(.+\)\. Pass --force to overwrite them\.\n$/);
      expect(refused.stderr).not.toContain('Run with --help');
      expect(snapshot(dir)).toEqual(before);
    }
    expect((await cli(['generate', 'invalid', 'voice', '--seed', '2', '--out', 'neg'], { cwd: tmp.dir })).stderr).toContain('(index.json)');

    const forced = await cli(['generate', 'invalid', 'voice', '--seed', '1', '--out', 'neg', '--force'], { cwd: tmp.dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, clash), 'utf8')).not.toBe('my own edits\n');
    expect(snapshot(dir)).toEqual({ ...before, [clash]: snapshot(dir)[clash] });
  });

  it('fails with exit 1 when DIR is a file', async () => {
    writeFileSync(join(tmp.dir, 'taken'), 'x');
    const run = await cli(['generate', 'invalid', 'sms', '--out', 'taken'], { cwd: tmp.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('agentphone-fixtures: Cannot use taken as the output directory: it (or a parent) is a file.\n');
  });
});

describe('generate invalid to stdout', () => {
  it('prints, for every event kind, the variants of the event "generate <kind>" prints with the same flags', async () => {
    for (const kind of EVENT_KINDS) {
      const flags = ['--seed', '3', '--now', '2026-03-01T10:00:00+01:00', '--history', '2'];
      const event: unknown = JSON.parse((await cli(['generate', kind, ...flags])).stdout);
      const run = await cli(['generate', 'invalid', kind, ...flags]);
      expect(run.code, kind).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(`${JSON.stringify(invalidVariants(event))}\n`);
    }
  });

  it('prints NDJSON with --ndjson and indented JSON with --pretty, the same variants either way', async () => {
    const compact = JSON.parse((await cli(['generate', 'invalid', 'whatsapp', '--seed', '9'])).stdout) as unknown[];
    const ndjson = (await cli(['generate', 'invalid', 'whatsapp', '--seed', '9', '--ndjson'])).stdout;
    expect(ndjson.endsWith('\n')).toBe(true);
    expect(ndjson.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual(compact);
    const pretty = (await cli(['generate', 'invalid', 'whatsapp', '--seed', '9', '--pretty'])).stdout;
    expect(pretty).toBe(`${JSON.stringify(compact, null, 2)}\n`);
    expect(compact.length).toBeGreaterThan(50);
  });

  it('keeps --now and --history in the manifest, and breaks the history it was given', async () => {
    const run = await cli(['generate', 'invalid', 'mms', '--seed', '5', '--history', '0', '--now', '2026-03-01T09:00:00Z', '--out', 'mms'], { cwd: tmp.dir });
    expect(run.code).toBe(0);
    const manifest = readJson(tmp.dir, 'mms', 'index.json') as Manifest;
    expect(manifest).toMatchObject({ kind: 'mms', seed: 5, now: '2026-03-01T09:00:00Z', history: 0 });
    const names = manifest.variants.map((v) => v.name);
    expect(names).toEqual(invalidVariants(buildMmsEvent({}, { seed: 5, history: 0, now: '2026-03-01T09:00:00Z' })).map((v) => v.name));
    expect(names).toContain('recentHistory.too-many');
    expect(names).toContain('recentHistory[0].at.no-zone');
    expect(manifest.variants.filter((v) => !v.jsonSchemaRejects).map((v) => v.name)).toEqual([
      'data.mediaUrl.not-first-attachment',
      'data.mediaUrl.without-attachments',
    ]);
  });
});

describe('generate invalid: usage errors', () => {
  it.each([
    [[], `agentphone-fixtures: generate invalid needs an event kind. Expected one of: ${kinds}.`],
    [['fax'], `agentphone-fixtures: Unknown kind "fax" for generate invalid. Expected one of: ${kinds}.`],
    [['voice-reply'], `agentphone-fixtures: Unknown kind "voice-reply" for generate invalid (a voice reply is a handler's answer, not a webhook event). Expected one of: ${kinds}.`],
    [['sms', 'voice'], 'agentphone-fixtures: generate invalid takes one kind, received 2: sms voice.'],
    [['sms', '--out'], 'agentphone-fixtures: Flag --out needs a value (DIR).'],
    [['sms', '--out', ''], 'agentphone-fixtures: --out needs a directory name, received "".'],
    [['sms', '--ndjson', '--out', 'x'], 'agentphone-fixtures: --ndjson and --out cannot be combined: --out writes one file per variant.'],
    [['sms', '--ndjson', '--pretty'], 'agentphone-fixtures: --ndjson and --pretty cannot be combined: NDJSON is one compact object per line.'],
    [['sms', '--force'], 'agentphone-fixtures: --force only applies with --out DIR.'],
    [['sms', '--seed', 'abc'], `agentphone-fixtures: Invalid value for --seed: expected an integer from ${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}, received "abc".`],
    [['sms', '--history', '51'], 'agentphone-fixtures: Invalid value for --history: expected an integer from 0 to 50, received "51".'],
    [['sms', '--now', '2026-03-01T09:00:00'], 'agentphone-fixtures: Invalid value for --now: expected an ISO-8601 date-time with Z or an offset, such as 2025-01-15T12:00:00Z, received "2026-03-01T09:00:00".'],
    [['sms', '--count', '3'], 'agentphone-fixtures: Unknown flag --count for "generate invalid". Valid flags: --seed, --now, --history, --ndjson, --pretty, --out, --force, --help.'],
  ])('generate invalid %j exits 2 with a clear message', async (args, message) => {
    const run = await cli(['generate', 'invalid', ...args], { cwd: tmp.dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${message}\nRun with --help for usage.\n`);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('documents itself in --help and in the top-level help', async () => {
    const help = await cli(['generate', 'invalid', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`Usage: agentphone-fixtures generate invalid <${EVENT_KINDS.join('|')}> [options]`);
    for (const flag of ['--seed S', '--now ISO', '--history N', '--ndjson', '--pretty', '--out DIR', '--force']) expect(help.stdout).toContain(flag);
    expect((await cli(['--help'])).stdout).toContain('generate invalid <kind>');
  });
});

describe('generate invalid: the built CLI', () => {
  const bin = join(import.meta.dirname, '../../dist/cli.js');
  const node = (args: string[], cwd: string) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });

  it('writes the variants, and validate reports each file at the path its manifest names', () => {
    const written = node(['generate', 'invalid', 'mms', '--seed', '7', '--out', 'neg'], tmp.dir);
    expect(written.status).toBe(0);
    const dir = join(tmp.dir, 'neg');
    const manifest = readJson(dir, 'index.json') as Manifest;
    expect(written.stderr).toBe(`wrote ${manifest.variants.length} invalid mms payloads and index.json to neg\n`);

    const files = manifest.variants.map((v) => v.file);
    const checked = node(['validate', ...files], dir);
    expect(checked.status).toBe(1);
    expect(checked.stderr).toBe(`checked ${files.length} payloads in ${files.length} files: 0 valid, ${files.length} invalid\n`);
    const lines = checked.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(files.length);
    for (const entry of manifest.variants) {
      const line = lines.find((l) => l.startsWith(`${entry.file}:1: `));
      expect(line, entry.name).toBeDefined();
      expect(line!.slice(`${entry.file}:1: `.length).startsWith(`${entry.path}: expected `), line).toBe(true);
      expect(line!.split(': expected ')).toHaveLength(2); // exactly one problem
    }
  });

  it('exits 2 without a stack trace on a usage error', () => {
    const run = node(['generate', 'invalid', 'voice-reply'], tmp.dir);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^agentphone-fixtures: Unknown kind "voice-reply" for generate invalid/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
