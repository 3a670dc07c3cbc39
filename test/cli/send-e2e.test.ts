import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildVoiceEvent } from '../../src/index.js';

// End to end: a real webhook server process (verifying with the built dist/signing.js) and the
// built CLI (dist/cli.js) as another process, talking HTTP over 127.0.0.1.

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli.js');
const serverScript = join(import.meta.dirname, 'helpers/webhook-server.mjs');
const secret = 'whsec_e2e_Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTA';
const masked = `whsec_…${secret.slice(-4)}`;

/** One JSON line the server printed about a request. */
interface Seen {
  route: string;
  id: string | null;
  status: number;
  code: string | null;
  bodyText: string;
  processed?: boolean;
  channel?: string;
}

let server: ChildProcessByStdio<null, Readable, Readable>;
let serverStderr = '';
let port: number;
const seen: Seen[] = [];
let wakeUp: (() => void) | undefined;

/** Resolves once the server has reported `count` requests in all (it reports each before answering). */
function reported(count: number): Promise<Seen[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (seen.length >= count) resolve(seen.slice(0, count));
      else if (server.exitCode !== null) reject(new Error(`the server exited (${server.exitCode}): ${serverStderr}`));
      else wakeUp = check;
    };
    check();
  });
}

/** Runs the built CLI as its own process, with no secret in its environment unless given. */
function runBuilt(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  if (env['AGENTPHONE_WEBHOOK_SECRET'] === undefined) delete childEnv['AGENTPHONE_WEBHOOK_SECRET'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  if (!existsSync(bin) || !readFileSync(bin, 'utf8').includes('agentphone-fixtures send <url>')) {
    throw new Error('dist/cli.js is missing or predates the send command: run `npx tsup` (npm test builds first).');
  }
  server = spawn(process.execPath, [serverScript], {
    env: { ...process.env, WEBHOOK_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stderr.setEncoding('utf8').on('data', (c: string) => (serverStderr += c));
  // Ready when it prints its port: no sleeping, no polling.
  port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: server.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as { listening?: number } & Seen;
      if (message.listening !== undefined) return resolve(message.listening);
      seen.push(message);
      wakeUp?.();
    });
    server.once('error', reject);
    server.once('exit', (code) => {
      reject(new Error(`the server exited (${code}) before listening: ${serverStderr}`));
      wakeUp?.();
    });
  });
});

afterAll(async () => {
  if (server !== undefined && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
});

describe('send, built CLI against a real server process', () => {
  it('delivers 3 signed voice fixtures; the server verifies each and the CLI prints its replies', async () => {
    const url = `http://127.0.0.1:${port}/webhook`;
    const start = seen.length;
    const result = await runBuilt(['send', url, 'voice', '--count', '3', '--seed', '7', '--secret', secret]);
    expect(result.stderr).toBe(`signing with ${masked}\n3 sent: 3 succeeded, 0 failed\n`);
    expect(result.code).toBe(0);

    const events = [7, 8, 9].map((seed) => buildVoiceEvent({}, { seed }));
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    lines.forEach((line, i) => {
      const reply = JSON.stringify({ text: `You said: ${events[i]?.data.transcript}` });
      expect(line).toMatch(new RegExp(`^${i + 1}/3 voice seed ${7 + i} → HTTP 200 in \\d+ ms, reply: (.+)$`));
      expect(line.endsWith(`, reply: ${reply}`)).toBe(true);
    });

    const got = (await reported(start + 3)).slice(start);
    expect(got.map((s) => [s.route, s.status, s.code, s.processed, s.channel])).toEqual(Array(3).fill(['/webhook', 200, null, true, 'voice']));
    expect(got.map((s) => s.bodyText)).toEqual(events.map((e) => JSON.stringify(e)));
    expect(new Set(got.map((s) => s.id)).size).toBe(3);
    expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('--fault stale_timestamp: the verifying server answers 401, so the CLI exits 0', async () => {
    const url = `http://127.0.0.1:${port}/webhook`;
    const start = seen.length;
    const result = await runBuilt(['send', url, 'voice', '--seed', '7', '--fault', 'stale_timestamp', '--secret', secret]);
    expect(result.stdout).toMatch(/^1\/1 voice seed 7 stale_timestamp → HTTP 401 in \d+ ms: ok, rejected as expected \(expected 401, got 401\)\n$/);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`^signing with ${masked}\\nfault stale_timestamp: Signed 301 s before it arrives`));
    expect(result.stderr.endsWith('1 sent with fault stale_timestamp: 1 answered as expected, 0 not\n')).toBe(true);
    const [entry] = (await reported(start + 1)).slice(start);
    expect(entry).toMatchObject({ route: '/webhook', status: 401, code: 'timestamp_out_of_tolerance' });
    expect(entry?.bodyText).toBe(JSON.stringify(buildVoiceEvent({}, { seed: 7 })));
    expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('--fault stale_timestamp against a route that verifies nothing: accepted, so the CLI exits 1', async () => {
    const url = `http://127.0.0.1:${port}/naive`;
    const start = seen.length;
    const result = await runBuilt(['send', url, '--fault', 'stale_timestamp', '--json'], { AGENTPHONE_WEBHOOK_SECRET: secret });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      success: true,
      httpStatus: 200,
      errorMessage: null,
      seed: 0,
      fault: 'stale_timestamp',
      expected: 'reject',
      expectedStatus: 401,
      passed: false,
    });
    const [entry] = (await reported(start + 1)).slice(start);
    expect(entry).toMatchObject({ route: '/naive', status: 200, processed: true });
    expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('a wrong secret is refused by the server (exit 1); usage errors exit 2; neither prints the secret', async () => {
    const url = `http://127.0.0.1:${port}/webhook`;
    const wrong = `${secret}_rotated`;
    const start = seen.length;
    const refused = await runBuilt(['send', url], { AGENTPHONE_WEBHOOK_SECRET: wrong });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^1\/1 sms seed 0 → failed: HTTP 401 in \d+ ms\n$/);
    const [entry] = (await reported(start + 1)).slice(start);
    expect(entry).toMatchObject({ status: 401, code: 'signature_mismatch' });

    const usage = await runBuilt(['send', secret, '--timeout', '4', '--secret', secret]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^agentphone-fixtures: Invalid URL "whsec_…/);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
    for (const r of [refused, usage]) {
      expect(r.stdout + r.stderr).not.toContain(secret);
      expect(r.stdout + r.stderr).not.toContain(wrong);
    }
  });
});
