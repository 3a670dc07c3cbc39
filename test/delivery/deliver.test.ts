import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSmsEvent } from '../../src/builders/sms.js';
import { buildVoiceEvent } from '../../src/builders/voice.js';
import { deliver } from '../../src/delivery/deliver.js';
import { createSignedDelivery, makeDelivery, type SignedDelivery } from '../../src/delivery/signed-delivery.js';
import { FixtureOptionError, WebhookVerificationError } from '../../src/errors.js';
import { signWebhook } from '../../src/signing/sign.js';
import { verifyWebhook } from '../../src/signing/verify.js';
import { activeResources, closedPort, startServer, tryConnect } from './helpers/net.js';

const SECRET = 'whsec_test_secret';
const OTHER_SECRET = 'whsec_someone_else';

const sms = () => buildSmsEvent({}, { seed: 1 });
const voice = () => buildVoiceEvent({}, { seed: 2 });

/** A delivery whose body is exactly `body`, signed (as-is) with SECRET. */
function signedRaw(body: string): SignedDelivery {
  return makeDelivery('http://localhost/webhook', { 'Content-Type': 'application/json', ...signWebhook({ body, secret: SECRET }), 'X-Webhook-ID': 'raw-1' }, body);
}

/** Reads a Node request's body as bytes. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// Any unhandled rejection during a test fails it (Vitest reports them too, but after the fact).
let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  await new Promise((r) => setTimeout(r, 20));
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Handlers under test, written as users write them

/** Express, verifying with our own verifyWebhook on the raw body: 200 / 401 / 400. */
function expressWithOurVerify() {
  const app = express();
  app.set('env', 'test');
  app.post('/webhook', express.raw({ type: 'application/json' }), (req, res) => {
    try {
      const event = verifyWebhook(req.body as Buffer, req.headers, SECRET);
      res.status(200).type('text/plain').send(`ok ${event.event}/${event.channel}`);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      const status = error.code === 'invalid_json' || error.code === 'invalid_payload' ? 400 : 401;
      res.status(status).type('text/plain').send(error.code);
    }
  });
  return app;
}

/** Express, verifying with a hand-written HMAC check (node:crypto only, none of our code). */
function expressWithHandRolledHmac(secret: string) {
  const app = express();
  app.set('env', 'test');
  app.post('/webhook', express.raw({ type: 'application/json' }), (req, res) => {
    const raw = req.body as Buffer;
    const signature = String(req.headers['x-webhook-signature'] ?? '');
    const timestamp = String(req.headers['x-webhook-timestamp'] ?? '');
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) {
      res.status(401).send('stale');
      return;
    }
    const expected = Buffer.from('sha256=' + createHmac('sha256', secret).update(`${timestamp}.`).update(raw).digest('hex'));
    const got = Buffer.from(signature);
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
      res.status(401).send('bad signature');
      return;
    }
    const event = JSON.parse(raw.toString('utf8')) as { event: string };
    res.status(200).json({ received: event.event });
  });
  return app;
}

/** A Fetch-style handler (Next.js / Hono style): request.text() + verifyWebhook. */
async function fetchHandler(request: Request): Promise<Response> {
  if (new URL(request.url).pathname !== '/webhook') return new Response('not found', { status: 404 });
  let event;
  try {
    event = verifyWebhook(await request.text(), request.headers, SECRET);
  } catch (error) {
    const code = (error as WebhookVerificationError).code;
    return new Response(code, { status: code === 'invalid_json' || code === 'invalid_payload' ? 400 : 401 });
  }
  if (event.channel === 'voice') return Response.json({ text: 'How can I help?' });
  return new Response(null, { status: 200 });
}

// ---------------------------------------------------------------------------------------------

describe('deliver to an Express app (our verifyWebhook on express.raw)', () => {
  it('a signed payload is accepted: 200, and the result has the test-endpoint shape', async () => {
    const result = await deliver(sms(), expressWithOurVerify(), { secret: SECRET });
    expect(result).toMatchObject({
      success: true,
      httpStatus: 200,
      errorMessage: null,
      responseBody: 'ok agent.message/sms',
      attempt: 1,
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.durationMs).toBeLessThan(5000);
    expect(result.deliveryId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result).not.toHaveProperty('voiceReply');
    expect(result).not.toHaveProperty('responseTruncated');
  });

  it('the wrong secret is rejected: 401 reported as "HTTP 401"', async () => {
    const result = await deliver(sms(), expressWithOurVerify(), { secret: OTHER_SECRET });
    expect(result).toMatchObject({ success: false, httpStatus: 401, errorMessage: 'HTTP 401', responseBody: 'signature_mismatch' });
  });

  it('a validly signed body that is not JSON is answered 400', async () => {
    const result = await deliver(signedRaw('{"event":"agent.message",'), expressWithOurVerify());
    expect(result).toMatchObject({ success: false, httpStatus: 400, errorMessage: 'HTTP 400', responseBody: 'invalid_json' });
  });

  it('a validly signed body that is not a valid event is answered 400', async () => {
    const result = await deliver(signedRaw('{"event":"agent.message","channel":"sms"}'), expressWithOurVerify());
    expect(result).toMatchObject({ success: false, httpStatus: 400, responseBody: 'invalid_payload' });
  });

  it('a delivery tampered after signing is sent as-is, so the handler rejects it', async () => {
    const good = createSignedDelivery(sms(), { secret: SECRET });
    const tampered = makeDelivery(good.url, { ...good.headers }, good.body.replace('"sms"', '"mms"'));
    const result = await deliver(tampered, expressWithOurVerify(), { secret: SECRET });
    expect(result).toMatchObject({ httpStatus: 401, responseBody: 'signature_mismatch' });
    // The same delivery untouched passes: the failure is the tampering, not deliver.
    expect((await deliver(good, expressWithOurVerify())).httpStatus).toBe(200);
  });

  it('a signature older than 5 minutes is rejected (timestamp passed through)', async () => {
    const old = Math.floor(Date.now() / 1000) - 301;
    const result = await deliver(sms(), expressWithOurVerify(), { secret: SECRET, timestamp: old });
    expect(result).toMatchObject({ httpStatus: 401, responseBody: 'timestamp_out_of_tolerance' });
  });

  it('deliveryId and seed options reach the X-Webhook-ID header and the result', async () => {
    const seen: string[] = [];
    const app = express();
    app.post('/webhook', (req, res) => {
      seen.push(String(req.headers['x-webhook-id']));
      res.sendStatus(204);
    });
    const a = await deliver(sms(), app, { secret: SECRET, deliveryId: 'dlv_fixed' });
    const b = await deliver(sms(), app, { secret: SECRET, seed: 7 });
    const c = await deliver(sms(), app, { secret: SECRET, seed: 7 });
    expect(a).toMatchObject({ success: true, httpStatus: 204, deliveryId: 'dlv_fixed', responseBody: '' });
    expect(seen).toEqual(['dlv_fixed', b.deliveryId, c.deliveryId]);
    expect(b.deliveryId).toBe(c.deliveryId);
    expect(b.deliveryId).not.toBe((await deliver(sms(), app, { secret: SECRET, seed: 8 })).deliveryId);
  });

  it('options.path routes to the mounted path', async () => {
    const app = express();
    app.post('/api/agentphone', (_req, res) => res.status(202).send('mounted'));
    expect(await deliver(sms(), app, { secret: SECRET, path: '/api/agentphone' })).toMatchObject({ httpStatus: 202, responseBody: 'mounted' });
    // The default path is /webhook, which this app does not serve.
    expect(await deliver(sms(), app, { secret: SECRET })).toMatchObject({ success: false, httpStatus: 404, errorMessage: 'HTTP 404' });
  });
});

describe('deliver to an Express app verifying with an independent hand-written HMAC', () => {
  it('accepts our signature', async () => {
    const result = await deliver(sms(), expressWithHandRolledHmac(SECRET), { secret: SECRET });
    expect(result).toMatchObject({ success: true, httpStatus: 200, responseBody: '{"received":"agent.message"}' });
  });

  it('rejects a delivery signed with another secret', async () => {
    const result = await deliver(sms(), expressWithHandRolledHmac(SECRET), { secret: OTHER_SECRET });
    expect(result).toMatchObject({ success: false, httpStatus: 401, errorMessage: 'HTTP 401', responseBody: 'bad signature' });
  });

  it('accepts our voice deliveries too, and reports the raw voice reply', async () => {
    const result = await deliver(voice(), expressWithHandRolledHmac(SECRET), { secret: SECRET });
    expect(result.success).toBe(true);
    expect(result.voiceReply?.contentType).toMatch(/^application\/json/);
    expect(result.voiceReply?.body).toBe('{"received":"agent.message"}');
  });
});

describe('deliver to a Fetch-style handler (in-process)', () => {
  it('verifies and answers a voice agent.message with a JSON reply', async () => {
    const result = await deliver(voice(), fetchHandler, { secret: SECRET });
    expect(result).toMatchObject({
      success: true,
      httpStatus: 200,
      errorMessage: null,
      responseBody: '{"text":"How can I help?"}',
      voiceReply: { contentType: 'application/json', body: '{"text":"How can I help?"}' },
    });
  });

  it('rejects the wrong secret with 401', async () => {
    expect(await deliver(sms(), fetchHandler, { secret: OTHER_SECRET })).toMatchObject({ success: false, httpStatus: 401, errorMessage: 'HTTP 401', responseBody: 'signature_mismatch' });
  });

  it('the request goes to http://127.0.0.1 + path, with the delivery headers', async () => {
    let seen: Request | undefined;
    const handler = (request: Request) => {
      seen = request;
      return new Response('ok');
    };
    await deliver(sms(), handler, { secret: SECRET, path: '/hooks/ap?x=1' });
    expect(seen?.url).toBe('http://127.0.0.1/hooks/ap?x=1');
    expect(seen?.method).toBe('POST');
  });

  it('the deadline is cleared once the delivery is done (the request is never aborted afterwards)', async () => {
    let signal: AbortSignal | undefined;
    const result = await deliver(sms(), (request: Request) => {
      signal = request.signal;
      return new Response('ok');
    }, { secret: SECRET, timeoutMs: 100 });
    expect(result.success).toBe(true);
    await new Promise((r) => setTimeout(r, 250));
    expect(signal?.aborted).toBe(false);
  });

  it('an object with a fetch method (a Hono app) is a Fetch target', async () => {
    const app = { fetch: fetchHandler };
    expect(await deliver(sms(), app, { secret: SECRET })).toMatchObject({ success: true, httpStatus: 200 });
  });

  it('kind: "fetch" overrides the parameter-count guess (Next.js POST(request, context))', async () => {
    const POST = async (request: Request, context: { params: Promise<Record<string, string>> } | undefined) => {
      void context;
      return fetchHandler(request);
    };
    const result = await deliver(sms(), POST as unknown as (request: Request) => Promise<Response>, { secret: SECRET, kind: 'fetch' });
    expect(result).toMatchObject({ success: true, httpStatus: 200 });
  });

  it('reports a 2xx with a non-JSON voice reply raw, without judging it', async () => {
    const handler = () => new Response('{"text":"a"}\n{"text":"b"}\n', { headers: { 'content-type': 'application/x-ndjson' } });
    const result = await deliver(voice(), handler, { secret: SECRET });
    expect(result.voiceReply).toMatchObject({ contentType: 'application/x-ndjson', body: '{"text":"a"}\n{"text":"b"}\n' });
    // Parsed as AgentPhone would: two final chunks, so the second is never spoken.
    expect(result.voiceReply?.parsed.spoken).toEqual(['a']);
    expect(result.voiceReply?.parsed.problems.map((p) => p.code)).toEqual(['after_final']);
  });

  it('a handler that returns something that is not a Response fails with a reason', async () => {
    const result = await deliver(sms(), (() => ({ ok: true })) as unknown as (r: Request) => Response, { secret: SECRET });
    expect(result).toMatchObject({ success: false, httpStatus: null, responseBody: null, errorMessage: 'handler returned an object instead of a Response' });
  });
});

describe('deliver to a bare Node request listener (served on an ephemeral port)', () => {
  it('receives the delivery and its answer comes back', async () => {
    let localAddress: string | undefined;
    const listener = (req: IncomingMessage, res: ServerResponse) => {
      localAddress = req.socket.localAddress;
      void readBody(req).then((raw) => {
        try {
          verifyWebhook(raw, req.headers, SECRET);
          res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.method} ${req.url}`);
        } catch {
          res.writeHead(401).end();
        }
      });
    };
    const result = await deliver(sms(), listener, { secret: SECRET, path: '/in' });
    expect(result).toMatchObject({ success: true, httpStatus: 200, responseBody: 'POST /in' });
    expect(localAddress).toBe('127.0.0.1');
    expect(await deliver(sms(), listener, { secret: OTHER_SECRET })).toMatchObject({ httpStatus: 401, errorMessage: 'HTTP 401' });
  });

  it('the server is closed after the call', async () => {
    let port = 0;
    const result = await deliver(sms(), (req: IncomingMessage, res: ServerResponse) => {
      port = req.socket.localPort ?? 0;
      res.end('ok');
    }, { secret: SECRET });
    expect(result.success).toBe(true);
    expect(port).toBeGreaterThan(0);
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
  });

  it('a finished delivery leaves no timer, server or socket behind, whatever the target', async () => {
    const srv = await startServer((_req, res) => res.end('ok'));
    try {
      const targets = [srv.url(), fetchHandler, expressWithOurVerify(), (_req: IncomingMessage, res: ServerResponse) => res.end('ok')];
      for (const target of targets) {
        const before = activeResources();
        expect((await deliver(sms(), target, { secret: SECRET })).success).toBe(true);
        const after = activeResources();
        for (const kind of ['Timeout', 'TCPServerWrap']) expect(after[kind] ?? 0, kind).toBeLessThanOrEqual(before[kind] ?? 0);
      }
    } finally {
      await srv.close();
    }
  });

  it('an object with callback() (a Koa app) is served as a Node listener', async () => {
    const koaLike = { callback: () => (_req: IncomingMessage, res: ServerResponse) => res.writeHead(201).end('koa') };
    expect(await deliver(sms(), koaLike, { secret: SECRET })).toMatchObject({ httpStatus: 201, responseBody: 'koa' });
  });
});

describe('deliver to a URL', () => {
  it('posts to that URL (options.path is ignored) and reports the answer', async () => {
    const seen: string[] = [];
    const srv = await startServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      void readBody(req).then((raw) => {
        try {
          verifyWebhook(raw, req.headers, SECRET);
          res.writeHead(200).end('accepted');
        } catch {
          res.writeHead(401).end('rejected');
        }
      });
    });
    try {
      const url = srv.url('/hooks/agentphone?tenant=1');
      expect(await deliver(sms(), url, { secret: SECRET, path: '/ignored' })).toMatchObject({ success: true, httpStatus: 200, responseBody: 'accepted' });
      expect(await deliver(sms(), new URL(url), { secret: OTHER_SECRET })).toMatchObject({ success: false, httpStatus: 401, errorMessage: 'HTTP 401', responseBody: 'rejected' });
      expect(seen).toEqual(['POST /hooks/agentphone?tenant=1', 'POST /hooks/agentphone?tenant=1']);
    } finally {
      await srv.close();
    }
  });

  it('a redirect is reported, not followed (as a webhook sender does)', async () => {
    const srv = await startServer((_req, res) => res.writeHead(301, { location: '/elsewhere' }).end());
    try {
      expect(await deliver(sms(), srv.url(), { secret: SECRET })).toMatchObject({ success: false, httpStatus: 301, errorMessage: 'HTTP 301' });
    } finally {
      await srv.close();
    }
  });

  it('a refused connection is a result, not an exception', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/webhook`;
    const result = await deliver(sms(), url, { secret: SECRET });
    expect(result).toMatchObject({
      success: false,
      httpStatus: null,
      errorMessage: `connection refused (ECONNREFUSED) to ${url}`,
      responseBody: null,
      attempt: 1,
    });
  });

  it('a voice delivery that got no response has an empty voice reply', async () => {
    const port = await closedPort();
    const result = await deliver(voice(), `http://127.0.0.1:${port}/webhook`, { secret: SECRET });
    expect(result.voiceReply).toMatchObject({ contentType: null, body: '' });
    expect(result.voiceReply?.parsed.problems.map((p) => p.code)).toEqual(['empty_body']);
  });

  it('a URL server that never answers times out', async () => {
    const srv = await startServer(() => {});
    try {
      const started = Date.now();
      const result = await deliver(sms(), srv.url(), { secret: SECRET, timeoutMs: 300 });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(result).toMatchObject({ success: false, httpStatus: null, errorMessage: 'no response within 0.3 s' });
    } finally {
      await srv.close();
    }
  });
});

describe('deliveries are byte-identical', () => {
  // Odd but legal bytes: non-ASCII, escapes, unusual whitespace. A re-serialising sender would change them.
  const body = '{ "event":"agent.message",\n\t"channel":"sms", "note":"caf\u00e9 \ud83d\udcde \\u00e9 \\"q\\"" }';
  const delivery = makeDelivery(
    'http://localhost/webhook',
    { 'Content-Type': 'application/json', ...signWebhook({ body, secret: SECRET, timestamp: 1736942400 }), 'X-Webhook-ID': 'dlv_bytes', 'X-Webhook-Event': 'agent.message' },
    body,
  );
  const expectSame = (received: { body: Buffer; headers: (name: string) => string | null }) => {
    expect(received.body.equals(Buffer.from(delivery.body, 'utf8'))).toBe(true);
    for (const [name, value] of Object.entries(delivery.headers)) expect(received.headers(name)).toBe(value);
  };

  it('to a Fetch-style handler', async () => {
    let received: { body: Buffer; headers: (name: string) => string | null } | undefined;
    const result = await deliver(delivery, async (request: Request) => {
      received = { body: Buffer.from(await request.arrayBuffer()), headers: (n) => request.headers.get(n) };
      return new Response('ok');
    });
    expect(result.deliveryId).toBe('dlv_bytes');
    expectSame(received!);
  });

  it('to a Node listener', async () => {
    let received: { body: Buffer; headers: (name: string) => string | null } | undefined;
    await deliver(delivery, (req: IncomingMessage, res: ServerResponse) => {
      void readBody(req).then((raw) => {
        received = { body: raw, headers: (n) => (req.headers[n.toLowerCase()] as string | undefined) ?? null };
        res.end();
      });
    });
    expectSame(received!);
  });

  it('to an Express app with express.raw', async () => {
    let received: { body: Buffer; headers: (name: string) => string | null } | undefined;
    const app = express();
    app.post('/webhook', express.raw({ type: 'application/json' }), (req, res) => {
      received = { body: req.body as Buffer, headers: (n) => req.get(n) ?? null };
      res.sendStatus(200);
    });
    await deliver(delivery, app);
    expectSame(received!);
  });

  it('to a URL', async () => {
    let received: { body: Buffer; headers: (name: string) => string | null } | undefined;
    const srv = await startServer((req, res) => {
      void readBody(req).then((raw) => {
        received = { body: raw, headers: (n) => (req.headers[n.toLowerCase()] as string | undefined) ?? null };
        res.end();
      });
    });
    try {
      await deliver(delivery, srv.url());
    } finally {
      await srv.close();
    }
    expectSame(received!);
  });

  it('a payload is serialised once and signed as sent', async () => {
    let raw: string | undefined;
    const event = sms();
    await deliver(event, async (request: Request) => {
      raw = await request.text();
      return new Response('ok');
    }, { secret: SECRET });
    expect(raw).toBe(JSON.stringify(event));
  });
});

describe('a handler that throws', () => {
  it('Fetch handler, sync throw', async () => {
    const result = await deliver(sms(), (() => {
      throw new Error('sync boom');
    }) as (r: Request) => Response, { secret: SECRET });
    expect(result).toMatchObject({ success: false, httpStatus: null, errorMessage: 'handler threw: sync boom', responseBody: null });
  });

  it('Fetch handler, async rejection', async () => {
    const result = await deliver(sms(), async () => {
      await new Promise((r) => setTimeout(r, 5));
      throw new TypeError('async boom');
    }, { secret: SECRET });
    expect(result).toMatchObject({ success: false, httpStatus: null, errorMessage: 'handler threw: async boom' });
  });

  it('Node listener, sync throw', async () => {
    let port = 0;
    const result = await deliver(sms(), (req: IncomingMessage, _res: ServerResponse) => {
      port = req.socket.localPort ?? 0;
      throw new Error('listener boom');
    }, { secret: SECRET });
    expect(result).toMatchObject({ success: false, httpStatus: null, errorMessage: 'handler threw: listener boom' });
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
  });

  it('Node listener, async rejection', async () => {
    const result = await deliver(sms(), async (_req: IncomingMessage, _res: ServerResponse) => {
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('async listener boom');
    }, { secret: SECRET });
    expect(result).toMatchObject({ success: false, httpStatus: null, errorMessage: 'handler threw: async listener boom' });
  });

  it('Node listener that throws after answering: judged on the answer, error kept', async () => {
    const result = await deliver(sms(), (_req: IncomingMessage, res: ServerResponse) => {
      res.end('done');
      throw new Error('late boom');
    }, { secret: SECRET });
    expect(result).toMatchObject({ success: true, httpStatus: 200, errorMessage: null, responseBody: 'done', handlerError: 'late boom' });
  });

  it('Express answers 500 itself, for sync and async throws', async () => {
    const app = express();
    app.set('env', 'test');
    app.post('/webhook', () => {
      throw new Error('express sync boom');
    });
    app.post('/async', async () => {
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('express async boom');
    });
    expect(await deliver(sms(), app, { secret: SECRET })).toMatchObject({ success: false, httpStatus: 500, errorMessage: 'HTTP 500' });
    expect(await deliver(sms(), app, { secret: SECRET, path: '/async' })).toMatchObject({ success: false, httpStatus: 500, errorMessage: 'HTTP 500' });
  });
});

describe('a handler that never answers', () => {
  it('Node listener: times out quickly, the server is closed, no timer or server left', async () => {
    const before = activeResources();
    let port = 0;
    const started = Date.now();
    const result = await deliver(sms(), (req: IncomingMessage, _res: ServerResponse) => {
      port = req.socket.localPort ?? 0;
    }, { secret: SECRET, timeoutMs: 300 });
    const elapsed = Date.now() - started;
    expect(result).toMatchObject({ success: false, httpStatus: null, errorMessage: 'no response within 0.3 s', responseBody: null });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(port).toBeGreaterThan(0);
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    const after = activeResources();
    expect(after['TCPServerWrap'] ?? 0).toBeLessThanOrEqual(before['TCPServerWrap'] ?? 0);
    expect(after['Timeout'] ?? 0).toBeLessThanOrEqual(before['Timeout'] ?? 0);
  });

  it('Fetch handler: times out, and the request signal tells the handler', async () => {
    let signal: AbortSignal | undefined;
    const started = Date.now();
    const result = await deliver(voice(), (request: Request) => {
      signal = request.signal;
      return new Promise<Response>(() => {});
    }, { secret: SECRET, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ success: false, httpStatus: null, errorMessage: 'no response within 0.3 s', voiceReply: { contentType: null, body: '' } });
    expect(signal?.aborted).toBe(true);
  });

  it('headers sent but the body never ends: cut at the timeout, reported', async () => {
    const result = await deliver(sms(), (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
    }, { secret: SECRET, timeoutMs: 300 });
    expect(result).toMatchObject({ success: false, httpStatus: 200, responseBody: 'partial', errorMessage: 'HTTP 200, response body not complete within 0.3 s' });
  });

  it('a listener answering after the timeout does not break anything', async () => {
    let answered: Promise<void> | undefined;
    const result = await deliver(sms(), (_req: IncomingMessage, res: ServerResponse) => {
      answered = new Promise((resolve) =>
        setTimeout(() => {
          res.end('too late');
          resolve();
        }, 400),
      );
    }, { secret: SECRET, timeoutMs: 200 });
    expect(result.errorMessage).toBe('no response within 0.2 s');
    await answered;
  });

  it('the default timeout (30 s) and the minimum (5 s) let a prompt handler succeed', async () => {
    expect((await deliver(sms(), () => new Response('ok'), { secret: SECRET })).success).toBe(true);
    const result = await deliver(sms(), () => new Response('ok'), { secret: SECRET, timeoutSeconds: 5 });
    expect(result.success).toBe(true);
  });
});

describe('a 50 MB response', () => {
  const MB = 1024 * 1024;

  it('from a Node listener: truncated at 1 MiB, quickly, without sending it all', async () => {
    let produced = 0;
    const started = Date.now();
    const result = await deliver(sms(), (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(MB, 'x');
      Readable.from((function* () {
        for (let i = 0; i < 50; i++) {
          produced++;
          yield chunk;
        }
      })()).pipe(res);
    }, { secret: SECRET });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toMatchObject({ success: true, httpStatus: 200, errorMessage: null, responseTruncated: true });
    expect(result.responseBody).toHaveLength(MB);
    expect(result.responseBody).toBe('x'.repeat(MB));
    expect(produced).toBeLessThan(50);
  });

  it('from a Fetch handler: the stream is cancelled after 1 MiB', async () => {
    let pulled = 0;
    let cancelled = false;
    const handler = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++;
            if (pulled > 50) controller.close();
            else controller.enqueue(new Uint8Array(MB).fill(0x79));
          },
          cancel() {
            cancelled = true;
          },
        }, { highWaterMark: 0 }),
      );
    const result = await deliver(sms(), handler, { secret: SECRET });
    expect(result.responseTruncated).toBe(true);
    expect(result.responseBody).toHaveLength(MB);
    expect(pulled).toBeLessThanOrEqual(3);
    expect(cancelled).toBe(true);
  });

  it('from a URL: truncated, and maxResponseBytes is honoured', async () => {
    const srv = await startServer((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(MB, 'z');
      Readable.from((function* () {
        for (let i = 0; i < 50; i++) yield chunk;
      })()).pipe(res);
    });
    try {
      const started = Date.now();
      const result = await deliver(sms(), srv.url(), { secret: SECRET, maxResponseBytes: 10 });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(result).toMatchObject({ success: true, responseBody: 'z'.repeat(10), responseTruncated: true });
    } finally {
      await srv.close();
    }
  });

  it('a body of exactly maxResponseBytes is not marked truncated; a multi-byte character is not split', async () => {
    const exact = await deliver(sms(), () => new Response('abc'), { secret: SECRET, maxResponseBytes: 3 });
    expect(exact).toMatchObject({ responseBody: 'abc' });
    expect(exact).not.toHaveProperty('responseTruncated');
    const cut = await deliver(sms(), () => new Response('ab\u00e9'), { secret: SECRET, maxResponseBytes: 3 });
    expect(cut).toMatchObject({ responseBody: 'ab', responseTruncated: true });
  });
});

describe('bad input', () => {
  it.each([4, 121, 30.5, 0, Number.NaN])('timeoutSeconds %s is rejected with a clear FixtureOptionError', async (value) => {
    const promise = deliver(sms(), fetchHandler, { secret: SECRET, timeoutSeconds: value });
    await expect(promise).rejects.toBeInstanceOf(FixtureOptionError);
    const error = (await promise.catch((e: unknown) => e)) as FixtureOptionError;
    expect(error.option).toBe('timeoutSeconds');
    expect(error.message).toContain('timeoutSeconds');
    expect(error.message).toMatch(/from 5 to 120/);
    expect(error.message).toContain(`received ${String(value)}`);
  });

  it.each([5, 120])('timeoutSeconds %s is accepted', async (value) => {
    expect((await deliver(sms(), fetchHandler, { secret: SECRET, timeoutSeconds: value })).success).toBe(true);
  });

  it('an empty or missing secret is the invalid_secret error from signing', async () => {
    await expect(deliver(sms(), fetchHandler, { secret: '' })).rejects.toMatchObject({ name: 'WebhookVerificationError', code: 'invalid_secret' });
    await expect(deliver(sms(), fetchHandler)).rejects.toBeInstanceOf(WebhookVerificationError);
  });

  it('a signed delivery needs no secret', async () => {
    const delivery = createSignedDelivery(sms(), { secret: SECRET });
    expect((await deliver(delivery, fetchHandler)).success).toBe(true);
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['an empty object', {}],
    ['a relative URL', '/webhook'],
    ['an ftp URL', 'ftp://example.com/webhook'],
    ['an http.Server-like object', { listen() {} }],
  ])('a target that is %s is a FixtureOptionError naming target', async (_label, target) => {
    await expect(deliver(sms(), target as never, { secret: SECRET })).rejects.toMatchObject({ name: 'FixtureOptionError', option: 'target' });
  });

  it('other bad options are named', async () => {
    await expect(deliver(sms(), fetchHandler, { secret: SECRET, path: 'webhook' })).rejects.toMatchObject({ option: 'path' });
    await expect(deliver(sms(), fetchHandler, { secret: SECRET, kind: 'deno' as never })).rejects.toMatchObject({ option: 'kind' });
    await expect(deliver(sms(), fetchHandler, { secret: SECRET, timeoutMs: -1 })).rejects.toMatchObject({ option: 'timeoutMs' });
    await expect(deliver(sms(), fetchHandler, { secret: SECRET, maxResponseBytes: 1.5 })).rejects.toMatchObject({ option: 'maxResponseBytes' });
    await expect(deliver(undefined, fetchHandler, { secret: SECRET })).rejects.toMatchObject({ option: 'event' });
  });

  it('bad options reject before any server is started', async () => {
    const before = activeResources()['TCPServerWrap'] ?? 0;
    let called = false;
    await expect(deliver(sms(), (_req: IncomingMessage, _res: ServerResponse) => {
      called = true;
    }, { secret: '' })).rejects.toMatchObject({ code: 'invalid_secret' });
    expect(called).toBe(false);
    expect(activeResources()['TCPServerWrap'] ?? 0).toBe(before);
  });
});

describe('deliver in a plain script', () => {
  it('keeps the process alive until the deadline when an in-process handler never answers', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { pathToFileURL } = await import('node:url');
    const { join } = await import('node:path');
    const dist = pathToFileURL(join(import.meta.dirname, '../../dist/index.js')).href;
    const script = `const { deliver, buildSmsEvent } = await import(${JSON.stringify(dist)});
      const result = await deliver(buildSmsEvent(), () => new Promise(() => {}), { secret: 'whsec_x', timeoutMs: 300 });
      console.log(result.errorMessage);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 });
    expect(stdout.trim()).toBe('no response within 0.3 s');
  });
});
