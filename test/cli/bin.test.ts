import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildVoiceEvent } from '../../src/index.js';
import { tempDir } from '../helpers/io.js';

// The built executable, as `npx agentphone-fixtures` runs it.
const bin = join(import.meta.dirname, '../../dist/cli.js');
const run = (args: string[], opts: { input?: string; nodeArgs?: string[]; cwd?: string } = {}) =>
  spawnSync(process.execPath, [...(opts.nodeArgs ?? []), bin, ...args], {
    input: opts.input,
    encoding: 'utf8',
    cwd: opts.cwd,
    maxBuffer: 512 * 1024 * 1024,
  });

let tmp: { dir: string; cleanup: () => void };
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

describe('built bin', () => {
  it('starts with a node shebang and is executable', () => {
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('generates the same events as the library and validates them through a pipe', () => {
    const generated = run(['generate', 'voice', '--count', '5', '--seed', '42', '--ndjson']);
    expect(generated.status).toBe(0);
    const lines = generated.stdout.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([42, 43, 44, 45, 46].map((seed) => buildVoiceEvent({}, { seed })));
    const validated = run(['validate', '-'], { input: generated.stdout });
    expect(validated.status).toBe(0);
    expect(validated.stderr).toBe('checked 5 payloads in 1 file: 5 valid, 0 invalid\n');
  });

  it('prints the same bytes for the same arguments on machines in other time zones and locales', () => {
    const args = ['generate', 'sms', '--count', '30', '--seed', '5', '--history', '4', '--now', '2026-07-01T18:30:00-04:00'];
    const here = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC', LANG: 'C' } });
    const there = spawnSync(process.execPath, [bin, ...args], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Asia/Kolkata', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
    });
    expect(here.status).toBe(0);
    expect(there.stdout).toBe(here.stdout);
    expect(JSON.parse(here.stdout)[0].timestamp).toBe('2026-07-01T22:30:00Z');
  });

  it('exits 1 on invalid payloads and 2 on usage errors, without stack traces', () => {
    const invalid = run(['validate', '-'], { input: '{"event":"agent.message","channel":"sms"}\n' });
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toMatch(/^<stdin>:1: timestamp: expected an ISO-8601 timestamp, received missing; /);
    const usage = run(['generate', 'sms', '--count', '-3']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Invalid value for --count');
    for (const r of [invalid, usage]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('still exits 1 from validate when the reader goes away before the invalid payload', () => {
    const lines = run(['generate', 'sms', '--count', '2000', '--ndjson']).stdout.trimEnd().split('\n');
    lines[1500] = '{"event":"agent.message"}';
    const file = join(tmp.dir, 'late-error.ndjson');
    writeFileSync(file, lines.join('\n'));
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" validate "${file}" | head -c 0; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(result.stdout.trim()).toBe('1');
  });

  it('reports an output error other than a closed pipe in one line, exit 1', () => {
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" generate sms > /dev/full`], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('agentphone-fixtures: cannot write output: no space left on device\n');
  });

  it('stops quietly when the reader goes away (generate | head -1)', () => {
    const out = execFileSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bin}" generate sms --count 200000 --ndjson | head -n 1`], {
      encoding: 'utf8',
    });
    expect(JSON.parse(out).event).toBe('agent.message');
  });

  it('validates a file far larger than its heap (streaming, bounded memory)', async () => {
    // ~45 MB of NDJSON; the validator runs with a 32 MB old-space limit.
    const sample = run(['generate', 'sms', '--count', '500', '--ndjson', '--history', '3']).stdout;
    const file = join(tmp.dir, 'big.ndjson');
    const stream = createWriteStream(file);
    let bytes = 0;
    let copies = 0;
    while (bytes < 45 * 1024 * 1024) {
      if (!stream.write(sample)) await once(stream, 'drain');
      bytes += sample.length;
      copies++;
    }
    stream.end();
    await once(stream, 'close');
    const limit = ['--max-old-space-size=32'];
    // Control: holding the whole file in memory fails under the same limit.
    const control = spawnSync(process.execPath, [...limit, '-e', `require('fs').readFileSync(${JSON.stringify(file)}, 'utf8').split('\\n')`]);
    expect(control.status).not.toBe(0);
    const result = run(['validate', file], { nodeArgs: limit });
    expect(result.stderr).toBe(`checked ${(500 * copies).toLocaleString('en-US')} payloads in 1 file: ${(500 * copies).toLocaleString('en-US')} valid, 0 invalid\n`);
    expect(result.status).toBe(0);
  }, 120_000);

  it('streams a long generate run in bounded memory', () => {
    const result = run(['generate', 'sms', '--count', '30000', '--ndjson'], { nodeArgs: ['--max-old-space-size=16'] });
    expect(result.status).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(16 * 1024 * 1024);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(30000);
  }, 120_000);
});
