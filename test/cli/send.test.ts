import { writeFileSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maskSecret, oneLine } from '../../src/cli/send.js';
import { buildSmsEvent, buildVoiceEvent, deliveryFaults, verifyWebhook } from '../../src/index.js';
import { closedPort, startServer } from '../delivery/helpers/net.js';
import { cli, tempDir } from '../helpers/io.js';
import { correctHandler, naiveHandler, recording } from './helpers/handlers.js';

const secret = 'whsec_send_test_secret_0123456789';
const masked = 'whsec_…6789';
const env = { AGENTPHONE_WEBHOOK_SECRET: secret };

const FAULTS = deliveryFaults({}, { secret, now: 1736942400 });
const REJECT = FAULTS.filter((f) => f.expected === 'reject').map((f) => [f.name, f.expectedStatus] as const);
const PROCESS_ONCE = FAULTS.filter((f) => f.expected === 'process_once').map((f) => [f.name, f.deliveries.length] as const);

let tmp: { dir: string; cleanup: () => void };
const servers: { close: () => Promise<void> }[] = [];
beforeEach(() => {
  tmp = tempDir();
});
afterEach(async () => {
  tmp.cleanup();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Starts a real HTTP server on 127.0.0.1 for this test; returns its /webhook URL. */
async function serve(listener: RequestListener, path = '/webhook'): Promise<string> {
  const server = await startServer(listener);
  servers.push(server);
  return server.url(path);
}

const lines = (text: string) => text.trimEnd().split('\n').filter((l) => l !== '');

/** No stack trace and no secret in anything the CLI printed. */
function expectClean(result: { stdout: string; stderr: string }, ...secrets: string[]): void {
  for (const s of [secret, ...secrets]) {
    expect(result.stdout).not.toContain(s);
    expect(result.stderr).not.toContain(s);
  }
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('send: generated fixtures', () => {
  it('signs and posts each fixture (seed S+i), one line per delivery, exit 0', async () => {
    const { listener, log } = correctHandler(secret);
    const url = await serve(listener);
    const before = Math.floor(Date.now() / 1000);
    const result = await cli(['send', url, '--count', '3', '--seed', '42', '--secret', secret]);
    expect(result.stderr).toBe(`signing with ${masked}\n3 sent: 3 succeeded, 0 failed\n`);
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    expect(out).toHaveLength(3);
    out.forEach((line, i) => expect(line).toMatch(new RegExp(`^${i + 1}/3 sms seed ${42 + i} → HTTP 200 in \\d+ ms$`)));

    // What the server saw: the builder's events, compact, signed now, each with its own ID.
    expect(log.received.map((r) => r.body)).toEqual([42, 43, 44].map((seed) => JSON.stringify(buildSmsEvent({}, { seed }))));
    expect(log.processed).toHaveLength(3);
    expect(new Set(log.processed).size).toBe(3);
    for (const r of log.received) {
      expect(r.path).toBe('/webhook');
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['x-webhook-event']).toBe('agent.message');
      expect(Number(r.headers['x-webhook-timestamp'])).toBeGreaterThanOrEqual(before);
      expect(() => verifyWebhook(r.body, r.headers, secret)).not.toThrow();
    }
    expectClean(result);
  });

  it('builds with --now and --history exactly as generate does', async () => {
    const { listener, log } = correctHandler(secret);
    const url = await serve(listener);
    const args = ['--seed', '5', '--count', '2', '--now', '2026-03-01T09:00:00Z', '--history', '3'];
    const result = await cli(['send', url, 'voice', ...args], { env });
    expect(result.code).toBe(0);
    const generated = await cli(['generate', 'voice', ...args, '--ndjson']);
    expect(log.received.map((r) => r.body)).toEqual(lines(generated.stdout));
  });

  it('gives every run new delivery IDs (AgentPhone gives each event its own)', async () => {
    const { listener, log } = correctHandler(secret);
    const url = await serve(listener);
    await cli(['send', url, '--seed', '1'], { env });
    await cli(['send', url, '--seed', '1'], { env });
    expect(log.received[0]?.body).toBe(log.received[1]?.body);
    expect(log.processed).toHaveLength(2);
  });

  it('prints the voice reply on one line, control characters removed, cut at 200 characters', async () => {
    const long = 'word '.repeat(100);
    const replies = [
      { contentType: 'application/json', body: '{"text": "How can I help?"}' },
      { contentType: 'application/x-ndjson', body: '{"text": "One moment.", "interim": true}\n{"text": "Your order\\nshipped."}\n' },
      { contentType: 'application/json', body: `{"text": "${long}"}` },
      { contentType: 'text/plain', body: '' },
      { contentType: 'text/plain', body: 'evil\u001b[2Jterminal\r\ncodes' },
    ];
    let n = 0;
    const { listener } = recording(() => ({ status: 200, ...replies[n++ % replies.length] }));
    const url = await serve(listener);
    const result = await cli(['send', url, 'voice', '--count', '5', '--seed', '7'], { env });
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    expect(out[0]).toMatch(/^1\/5 voice seed 7 → HTTP 200 in \d+ ms, reply: \{"text": "How can I help\?"\}$/);
    expect(out[1]).toMatch(/, reply: \{"text": "One moment.", "interim": true\} \{"text": "Your order\\nshipped."\}$/);
    const reply = (out[2] as string).split(', reply: ')[1] as string;
    expect(reply).toHaveLength(200);
    expect(reply.endsWith('…')).toBe(true);
    expect(out[3]).toMatch(/, reply: \(empty: the caller hears silence\)$/);
    expect(out[4]).toMatch(/, reply: evil \[2Jterminal codes$/);
    expect(result.stdout).not.toContain('\u001b');
  });

  it('exits 1 when the handler answers 401, showing the status and the body it sent', async () => {
    const { listener } = recording(() => ({ status: 401, body: 'bad signature' }));
    const url = await serve(listener);
    const result = await cli(['send', url, '--count', '2'], { env });
    expect(result.code).toBe(1);
    const out = lines(result.stdout);
    expect(out[0]).toMatch(/^1\/2 sms seed 0 → failed: HTTP 401 in \d+ ms, body: bad signature$/);
    expect(out[1]).toMatch(/^2\/2 sms seed 1 → failed: HTTP 401 in \d+ ms, body: bad signature$/);
    expect(result.stderr).toBe(`signing with ${masked}\n2 sent: 0 succeeded, 2 failed\n`);
    expectClean(result);
  });

  it('exits 1 when only one delivery of several fails', async () => {
    let n = 0;
    const { listener } = recording(() => ({ status: n++ === 1 ? 500 : 200 }));
    const url = await serve(listener);
    const result = await cli(['send', url, '--count', '3'], { env });
    expect(result.code).toBe(1);
    expect(lines(result.stdout)[1]).toMatch(/^2\/3 sms seed 1 → failed: HTTP 500 in \d+ ms$/);
    expect(result.stderr).toContain('3 sent: 2 succeeded, 1 failed');
  });

  it('reports a refused connection in one clear line per delivery, exit 1', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/webhook`;
    const result = await cli(['send', url, '--count', '2', '--secret', secret]);
    expect(result.code).toBe(1);
    expect(lines(result.stdout)).toEqual([
      `1/2 sms seed 0 → failed: connection refused (ECONNREFUSED) to ${url}`,
      `2/2 sms seed 1 → failed: connection refused (ECONNREFUSED) to ${url}`,
    ]);
    expect(result.stderr).toBe(`signing with ${masked}\n2 sent: 0 succeeded, 2 failed\n`);
    expectClean(result);
  });

  it('gives up on a handler that never answers after --timeout seconds, exit 1', async () => {
    const url = await serve(() => {});
    const started = Date.now();
    const result = await cli(['send', url, 'voice', '--timeout', '5'], { env });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(result.code).toBe(1);
    expect(lines(result.stdout)).toEqual(['1/1 voice seed 0 → failed: no response within 5 s']);
  }, 15_000);
});

describe('send --json', () => {
  it('prints one object per delivery with the test endpoint fields, durationMs, deliveryId and seed', async () => {
    const { listener, log } = correctHandler(secret);
    const url = await serve(listener);
    const result = await cli(['send', url, '--count', '2', '--seed', '3', '--json'], { env });
    expect(result.code).toBe(0);
    const objects = lines(result.stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects).toHaveLength(2);
    objects.forEach((o, i) => {
      expect(Object.keys(o)).toEqual(['success', 'httpStatus', 'errorMessage', 'durationMs', 'deliveryId', 'seed']);
      expect(o).toMatchObject({ success: true, httpStatus: 200, errorMessage: null, seed: 3 + i, deliveryId: log.processed[i] });
      expect(typeof o['durationMs']).toBe('number');
    });
    expect(result.stderr).toBe(`signing with ${masked}\n2 sent: 2 succeeded, 0 failed\n`);
  });

  it('adds voiceReply for voice, and reports failures with httpStatus null', async () => {
    const { listener } = correctHandler(secret);
    const url = await serve(listener);
    const voice = await cli(['send', url, 'voice', '--seed', '7', '--json'], { env });
    const [reply] = lines(voice.stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(reply ?? {})).toEqual(['success', 'httpStatus', 'errorMessage', 'durationMs', 'deliveryId', 'seed', 'voiceReply']);
    expect(reply?.["voiceReply"]).toMatchObject({
      contentType: 'application/json',
      body: JSON.stringify({ text: `You said: ${buildVoiceEvent({}, { seed: 7 }).data.transcript}` }),
    });

    const url2 = `http://127.0.0.1:${await closedPort()}/webhook`;
    const refused = await cli(['send', url2, '--json'], { env });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      success: false,
      httpStatus: null,
      errorMessage: `connection refused (ECONNREFUSED) to ${url2}`,
      seed: 0,
    });
  });
});

describe('send --file', () => {
  const events = [buildSmsEvent({}, { seed: 1 }), buildVoiceEvent({}, { seed: 2 }), buildSmsEvent({}, { seed: 3 })];

  it('sends every element of a JSON array (pretty-printed), compact, labelled by line and index', async () => {
    const { listener, log } = correctHandler(secret);
    const url = await serve(listener);
    writeFileSync(join(tmp.dir, 'events.json'), JSON.stringify(events, null, 2));
    const result = await cli(['send', url, '--file', 'events.json'], { cwd: tmp.dir, env });
    expect(result.code).toBe(0);
    expect(log.received.map((r) => r.body)).toEqual(events.map((e) => JSON.stringify(e)));
    const out = lines(result.stdout);
    expect(out[0]).toMatch(/^1\/3 events\.json:2 \[0\] → HTTP 200 in \d+ ms$/);
    expect(out[1]).toMatch(/^2\/3 events\.json:\d+ \[1\] → HTTP 200 in \d+ ms, reply: \{"text":"You said: /);
    expect(out[2]).toMatch(/^3\/3 events\.json:\d+ \[2\] → HTTP 200 in \d+ ms$/);
  });

  it('sends NDJSON from a file and from stdin; --json reports the index in the file', async () => {
    const { listener, log } = correctHandler(secret);
    const url = await serve(listener);
    const ndjson = `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;
    writeFileSync(join(tmp.dir, 'events.ndjson'), ndjson);
    const fromFile = await cli(['send', url, '--file', 'events.ndjson', '--json'], { cwd: tmp.dir, env });
    expect(fromFile.code).toBe(0);
    const objects = lines(fromFile.stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects.map((o) => o['index'])).toEqual([0, 1, 2]);
    expect(objects.every((o) => !('seed' in o))).toBe(true);
    expect(Object.keys(objects[1] ?? {})).toContain('voiceReply');

    const fromStdin = await cli(['send', url, '--file', '-'], { stdin: ndjson, env });
    expect(fromStdin.code).toBe(0);
    expect(lines(fromStdin.stdout).map((l) => l.replace(/ in \d+ ms.*/, ''))).toEqual([
      '1/3 <stdin>:1 → HTTP 200',
      '2/3 <stdin>:2 → HTTP 200',
      '3/3 <stdin>:3 → HTTP 200',
    ]);
    expect(log.received.map((r) => r.body)).toEqual([...events, ...events].map((e) => JSON.stringify(e)));
  });

  it('sends nothing when the file has invalid JSON, is missing, or is empty (exit 1)', async () => {
    const { listener, log } = correctHandler(secret);
    const url = await serve(listener);
    writeFileSync(join(tmp.dir, 'broken.ndjson'), `${JSON.stringify(events[0])}\n{"event": \n`);
    writeFileSync(join(tmp.dir, 'empty.json'), '\n');
    const broken = await cli(['send', url, '--file', 'broken.ndjson'], { cwd: tmp.dir, env });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^agentphone-fixtures: broken\.ndjson:2: invalid JSON: .*\. Nothing was sent\.\n$/);
    const missing = await cli(['send', url, '--file', 'missing.json'], { cwd: tmp.dir, env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('agentphone-fixtures: Cannot read missing.json: no such file or directory\n');
    const empty = await cli(['send', url, '--file', 'empty.json'], { cwd: tmp.dir, env });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe('agentphone-fixtures: empty.json: no JSON payloads found. Nothing was sent.\n');
    expect(log.received).toEqual([]);
    for (const r of [broken, missing, empty]) expect(r.stdout).toBe('');
  });
});

describe('send --fault', () => {
  it.each(REJECT)('%s: a correct handler rejects it (expected %i), exit 0, nothing processed', async (name, status) => {
    const { listener, log } = correctHandler(secret);
    const url = await serve(listener);
    const result = await cli(['send', url, '--fault', name, '--seed', '4'], { env });
    expect(result.stdout).toMatch(
      new RegExp(`^1/1 sms seed 4 ${name} → HTTP ${status} in \\d+ ms: ok, rejected as expected \\(expected ${status}, got ${status}\\)\\n$`),
    );
    expect(result.code).toBe(0);
    expect(log.received.map((r) => r.status)).toEqual([status]);
    expect(log.processed).toEqual([]);
    expect(result.stderr).toContain(`fault ${name}: `);
    expect(result.stderr).toContain(`1 sent with fault ${name}: 1 answered as expected, 0 not\n`);
    expectClean(result);
  });

  it.each(REJECT)('%s: a naive handler accepts it, exit 1', async (name, status) => {
    const { listener, log } = naiveHandler();
    const url = await serve(listener);
    const result = await cli(['send', url, 'voice', '--fault', name], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      // A body that is not JSON is no voice message: no reply is shown for malformed_json.
      new RegExp(`^1/1 voice seed 0 ${name} → HTTP 200 in \\d+ ms${name === 'malformed_json' ? '' : ', reply: OK'}: FAIL, accepted: a correct handler rejects this \\(expected ${status}, got 200\\)\\n$`),
    );
    expect(log.processed).toHaveLength(1);
    expect(result.stderr).toContain(`1 sent with fault ${name}: 0 answered as expected, 1 not\n`);
  });

  it.each(PROCESS_ONCE)('%s: a correct handler answers 200 to all %i copies and acts once, exit 0', async (name, copies) => {
    const { listener, log } = correctHandler(secret);
    const url = await serve(listener);
    const result = await cli(['send', url, '--fault', name, '--count', '2'], { env });
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    expect(out).toHaveLength(2 * copies);
    const word = name === 'retry_sequence' ? 'attempt' : 'copy';
    expect(out[0]).toMatch(new RegExp(`^1/${2 * copies} sms seed 0 ${name} \\(${word} 1/${copies}\\) → HTTP 200 in \\d+ ms: ok, accepted as expected \\(expected 200, got 200\\)$`));
    expect(out[2 * copies - 1]).toMatch(new RegExp(`^${2 * copies}/${2 * copies} sms seed 1 ${name} \\(${word} ${copies}/${copies}\\) → HTTP 200`));
    expect(log.received.map((r) => r.status)).toEqual(Array(2 * copies).fill(200));
    // Each event's copies share one ID: acted on once per event.
    expect(log.processed).toHaveLength(2);
    expect(new Set(log.received.map((r) => r.headers['x-webhook-id'])).size).toBe(2);
  });

  it.each(PROCESS_ONCE)('%s: a handler that refuses repeats (409) fails, exit 1', async (name, copies) => {
    const { listener } = correctHandler(secret, { onDuplicate: 409 });
    const url = await serve(listener);
    const result = await cli(['send', url, '--fault', name], { env });
    expect(result.code).toBe(1);
    expect(lines(result.stdout)[1]).toMatch(/→ HTTP 409 in \d+ ms: FAIL: a correct handler answers 2xx to every copy and acts once \(expected 200, got 409\)$/);
    expect(result.stderr).toContain(`${copies} sent with fault ${name}: 1 answered as expected, ${copies - 1} not\n`);
  });

  it.each(PROCESS_ONCE)('%s: a naive handler passes (send sees status codes only)', async (name) => {
    const { listener, log } = naiveHandler();
    const url = await serve(listener);
    expect((await cli(['send', url, '--fault', name], { env })).code).toBe(0);
    expect(log.processed.length).toBeGreaterThan(1); // it acted on every copy: only the handler's own test can see that
  });

  it('passes any 4xx for a reject fault, reporting the expected status and what came', async () => {
    const { listener } = recording(() => ({ status: 403 }));
    const url = await serve(listener);
    const result = await cli(['send', url, '--fault', 'bad_signature'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/→ HTTP 403 in \d+ ms: ok, rejected as expected \(expected 401, got 403\)\n$/);
  });

  it('fails a reject fault answered with 5xx or not at all', async () => {
    const { listener } = recording(() => ({ status: 500, body: 'crash' }));
    const url = await serve(listener);
    const crashed = await cli(['send', url, '--fault', 'malformed_json'], { env });
    expect(crashed.code).toBe(1);
    expect(crashed.stdout).toMatch(/→ HTTP 500 in \d+ ms, body: crash: FAIL, not rejected with a 4xx \(expected 400, got 500\)\n$/);
    const refused = await cli(['send', `http://127.0.0.1:${await closedPort()}/webhook`, '--fault', 'wrong_secret'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/→ failed: connection refused \(ECONNREFUSED\) to .*: FAIL, not rejected with a 4xx \(expected 401, got no response\)\n$/);
  });

  it('reports fault, expected, expectedStatus and passed with --json', async () => {
    const { listener } = correctHandler(secret);
    const url = await serve(listener);
    const result = await cli(['send', url, '--fault', 'stale_timestamp', '--json'], { env });
    expect(result.code).toBe(0);
    const o = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(o)).toEqual(['success', 'httpStatus', 'errorMessage', 'durationMs', 'deliveryId', 'seed', 'fault', 'expected', 'expectedStatus', 'passed']);
    expect(o).toMatchObject({ success: false, httpStatus: 401, errorMessage: 'HTTP 401', fault: 'stale_timestamp', expected: 'reject', expectedStatus: 401, passed: true });
  });
});

describe('send: the secret', () => {
  it('comes from AGENTPHONE_WEBHOOK_SECRET, and --secret wins over it', async () => {
    const { listener, log } = correctHandler(secret);
    const url = await serve(listener);
    const fromEnv = await cli(['send', url], { env });
    expect(fromEnv.code).toBe(0);
    const other = 'whsec_another_secret_abcdefghij';
    const overridden = await cli(['send', url, '--secret', other], { env });
    expect(overridden.code).toBe(1); // signed with the other secret: the handler says 401
    expect(overridden.stderr).toMatch(/^signing with whsec_…ghij\n/);
    expect(log.received.map((r) => r.status)).toEqual([200, 401]);
    expectClean(overridden, other);
  });

  it('is needed: a usage error naming --secret and the variable', async () => {
    const result = await cli(['send', 'http://127.0.0.1:9/webhook']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'agentphone-fixtures: A signing secret is needed: pass --secret whsec_… or set AGENTPHONE_WEBHOOK_SECRET.\nRun with --help for usage.\n',
    );
  });

  it('never appears in output, even when the handler echoes it or the URL or an error message carries it', async () => {
    const echo = recording((req) => ({ status: req.url?.includes('fail') ? 500 : 200, body: `your secret is ${secret} "${JSON.stringify(secret)}"` }));
    const url = await serve(echo.listener, '/webhook');
    const runs = [
      await cli(['send', url, '--secret', secret]),
      await cli(['send', url, 'voice', '--secret', secret]),
      await cli(['send', url, 'voice', '--json'], { env }),
      await cli(['send', `${url}?fail=${secret}`, '--secret', secret]),
      await cli(['send', `http://127.0.0.1:${await closedPort()}/${secret}`, '--json'], { env }),
      await cli(['send', url, '--fault', 'wrong_secret', '--secret', secret]),
      await cli(['send', url, '--fault', 'retry_sequence', '--json'], { env }),
      await cli(['send', secret, '--secret', secret]),
      await cli(['send', secret], { env }),
      await cli(['send', url, secret, `--secret=${secret}`]),
      await cli(['send', url, '--fault', secret], { env }),
      await cli(['send', url, '--timeout', secret], { env }),
      await cli(['send', url, '--json=yes', '--secret', secret]),
    ];
    for (const run of runs) expectClean(run);
    const all = runs.map((r) => r.stdout + r.stderr).join('\n');
    expect(all).toContain(`your secret is ${masked}`);
    expect(all).toContain(`Invalid URL "${masked}"`);
    expect(all).toContain(`Unknown kind "${masked}"`);
  });

  it.each([
    ['whsec_send_test_secret_0123456789', 'whsec_…6789'],
    ['whsec_short', 'whsec_…'],
    ['whsec_12345678901', 'whsec_…'],
    ['whsec_123456789012', 'whsec_…9012'],
    ['plain-secret-without-prefix', '…efix'],
    ['s', '…'],
    ['whsec_', '…'],
  ])('is masked: %s → %s', (input, output) => {
    expect(maskSecret(input)).toBe(output);
    expect(maskSecret(input)).not.toContain(input);
  });
});

describe('send: usage errors (exit 2, nothing sent)', () => {
  it.each([
    [['send'], 'send needs the URL of your webhook handler, such as http://localhost:3000/webhook.'],
    [['send', 'localhost:3000/webhook'], 'Invalid URL "localhost:3000/webhook": expected an http(s) URL such as http://localhost:3000/webhook.'],
    [['send', 'ftp://127.0.0.1/webhook'], 'Invalid URL "ftp://127.0.0.1/webhook": expected an http(s) URL'],
    [['send', 'not a url'], 'Invalid URL "not a url"'],
    [['send', 'voice', '{url}'], 'Invalid URL "voice": expected an http(s) URL such as http://localhost:3000/webhook (the URL comes first: send <url> [kind]).'],
    [['send', '{url}', 'fax'], 'Unknown kind "fax". Expected one of: sms, mms, imessage, whatsapp, voice, call-ended, reaction.'],
    [['send', '{url}', 'sms', 'voice'], 'send takes a URL and at most one kind, received 3 arguments'],
    [['send', '{url}', '--fault', 'nope'], `Unknown fault "nope". Expected one of: ${FAULTS.map((f) => f.name).join(', ')}.`],
    [['send', '{url}', '--timeout', '4'], 'Invalid value for --timeout: expected an integer from 5 to 120, received "4".'],
    [['send', '{url}', '--timeout', '121'], 'Invalid value for --timeout: expected an integer from 5 to 120, received "121".'],
    [['send', '{url}', 'sms', '--file', 'events.json'], 'A kind ("sms") and --file cannot be combined'],
    [['send', '{url}', '--file', 'events.json', '--count', '2'], '--count applies to generated fixtures only, not to --file.'],
    [['send', '{url}', '--file', 'events.json', '--seed', '2'], '--seed applies to generated fixtures only'],
    [['send', '{url}', '--count', '0'], 'Invalid value for --count: expected an integer from 1 to 10000, received "0".'],
    [['send', '{url}', '--count', '10001'], 'Invalid value for --count: expected an integer from 1 to 10000'],
    [['send', '{url}', '--seed', '9007199254740991', '--count', '2'], 'with --count 2 the seed must be at most 9007199254740990'],
    [['send', '{url}', '--now', 'tomorrow'], 'Invalid value for --now: expected an ISO-8601 date-time'],
    [['send', '{url}', '--history', '51'], 'Invalid value for --history: expected an integer from 0 to 50'],
    [['send', '{url}', '--secret', ''], 'A signing secret is needed: pass --secret whsec_… or set AGENTPHONE_WEBHOOK_SECRET.'],
    [['send', '{url}', '--ndjson'], 'Unknown flag --ndjson for "send". Valid flags: --file, --secret,'],
  ])('%j', async (argv, message) => {
    const { listener, log } = correctHandler(secret);
    const url = await serve(listener);
    const result = await cli(
      argv.map((a) => a.replace('{url}', url)),
      { cwd: tmp.dir, env },
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^agentphone-fixtures: [^\n]+\nRun with --help for usage\.\n$/);
    expect(result.stderr).toContain(message);
    expect(log.received).toEqual([]);
    expectClean(result);
  });

  it('prints help with exit 0, and is listed in the top-level help', async () => {
    const help = await cli(['send', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: agentphone-fixtures send <url> \[sms\|mms\|imessage\|whatsapp\|voice\|call-ended\|reaction\] \[options\]/);
    for (const name of FAULTS.map((f) => f.name)) expect(help.stdout).toContain(name);
    for (const flag of ['--file F', '--secret S', '--seed S', '--count N', '--now ISO', '--history N', '--fault NAME', '--timeout S', '--json']) {
      expect(help.stdout).toContain(flag);
    }
    expect((await cli(['help', 'send'])).stdout).toBe(help.stdout);
    expect((await cli(['--help'])).stdout).toContain('send <url> [kind]');
  });
});

describe('oneLine', () => {
  it('flattens whitespace and control characters and cuts at the limit without splitting a surrogate pair', () => {
    expect(oneLine('  a\n\tb\r\nc  ')).toBe('a b c');
    expect(oneLine('x'.repeat(9) + '😀', 10)).toBe(`${'x'.repeat(9)}…`);
    expect(oneLine('x'.repeat(8) + '😀y', 10)).toBe(`${'x'.repeat(8)}…`);
    expect(oneLine('ab\u202ecd')).toBe('ab cd');
  });
});
