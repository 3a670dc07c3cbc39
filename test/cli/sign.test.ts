import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSmsEvent, verifyWebhook } from '../../src/index.js';
import { cli, tempDir } from '../helpers/io.js';

const secret = 'whsec_cli_secret_0123456789';
let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

function headersOf(text: string): Record<string, string> {
  return Object.fromEntries(text.trimEnd().split('\n').map((line) => line.split(/: (.*)/s).slice(0, 2) as [string, string]));
}

describe('runCli sign', () => {
  it('prints headers that verify against the exact bytes of the file', async () => {
    const body = `${JSON.stringify(buildSmsEvent({}, { seed: 5 }), null, 2)}\n`;
    writeFileSync(join(tmp.dir, 'event.json'), body);
    const { code, stdout, stderr } = await cli(['sign', 'event.json', '--secret', secret, '--timestamp', '1736942400'], { cwd: tmp.dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const headers = headersOf(stdout);
    expect(Object.keys(headers)).toEqual(['Content-Type', 'X-Webhook-Signature', 'X-Webhook-Timestamp', 'X-Webhook-ID', 'X-Webhook-Event']);
    expect(headers['X-Webhook-Timestamp']).toBe('1736942400');
    expect(verifyWebhook(body, headers, secret, { now: 1736942400 })).toEqual(JSON.parse(body));
    expect(stdout).not.toContain(secret);
  });

  it('reads stdin, and takes the secret from AGENTPHONE_WEBHOOK_SECRET', async () => {
    const body = JSON.stringify(buildSmsEvent({}, { seed: 6 }));
    const { code, stdout } = await cli(['sign', '-'], { stdin: body });
    expect(code).toBe(2); // no secret anywhere
    const withEnv = await cli(['sign'], { stdin: body, env: { AGENTPHONE_WEBHOOK_SECRET: secret } });
    expect(withEnv.code).toBe(0);
    expect(() => verifyWebhook(body, headersOf(withEnv.stdout), secret)).not.toThrow();
    expect(stdout).toBe('');
  });

  it.each([
    [['sign', 'a', 'b', '--secret', 's'], 'sign takes one file'],
    [['sign', 'missing.json', '--secret', 's'], 'Cannot read missing.json: no such file or directory'],
    [['sign', '-', '--secret', 's', '--timestamp', 'soon'], 'Invalid value for --timestamp'],
    [['sign', '-', '--secret', 's', '--curl', 'localhost:3000'], 'Invalid value for --curl: expected an http(s) URL'],
  ])('fails clearly for %j', async (argv, message) => {
    const { code, stderr } = await cli(argv, { cwd: tmp.dir, stdin: '{}' });
    expect(code).toBeGreaterThan(0);
    expect(stderr).toContain(message);
  });
});

describe('sign --curl, run by a real shell against a real server', () => {
  let server: Server;
  let received: { status: number; body: string }[];
  beforeEach(async () => {
    received = [];
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        try {
          verifyWebhook(body, req.headers, secret);
          res.statusCode = 200;
        } catch {
          res.statusCode = 401;
        }
        received.push({ status: res.statusCode, body: body.toString('utf8') });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(['file', 'stdin'])('posts the exact signed bytes (body from %s)', async (source) => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
    const body = `${JSON.stringify(buildSmsEvent({ data: { message: "it's 5 o'clock, \"ok\"?" } }, { seed: 7 }), null, 2)}\n`;
    writeFileSync(join(tmp.dir, 'event.json'), body);
    const argv = source === 'file' ? ['sign', 'event.json', '--curl', url] : ['sign', '-', '--curl', url];
    const { code, stdout } = await cli(argv, { cwd: tmp.dir, stdin: body, env: { AGENTPHONE_WEBHOOK_SECRET: secret } });
    expect(code).toBe(0);
    // Asynchronously: the server answering curl lives in this process.
    await promisify(execFile)('sh', ['-c', stdout], { cwd: tmp.dir, timeout: 20_000 });
    expect(received).toEqual([{ status: 200, body }]);
  });
});
