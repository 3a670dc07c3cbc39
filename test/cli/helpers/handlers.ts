import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { WebhookVerificationError, verifyWebhook } from '../../../src/signing/index.js';

/** One request a test server received, as it arrived. */
export interface Received {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The status the handler answered. */
  status: number;
}

/** What a handler under test saw and did. */
export interface HandlerLog {
  readonly received: Received[];
  /** X-Webhook-IDs the handler acted on (once each, for a deduplicating handler). */
  readonly processed: string[];
}

type Answer = { status: number; body?: string; contentType?: string };

function collect(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A listener that records each request and answers with `answer(request, raw body)`. */
export function recording(answer: (req: IncomingMessage, body: Buffer, log: HandlerLog) => Answer): { listener: RequestListener; log: HandlerLog } {
  const log: HandlerLog = { received: [], processed: [] };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    void collect(req).then((body) => {
      const { status, body: text = '', contentType } = answer(req, body, log);
      log.received.push({ path: req.url ?? '', headers: req.headers, body: body.toString('utf8'), status });
      res.writeHead(status, contentType === undefined ? {} : { 'content-type': contentType });
      res.end(text);
    });
  };
  return { listener, log };
}

/**
 * A correct handler, as AgentPhone asks for one: verifies with our `verifyWebhook` (401 for
 * signature and time faults, 400 for a body that is not a valid payload), deduplicates on
 * X-Webhook-ID (answering 200 to every copy, acting once), and answers voice turns with text.
 */
export function correctHandler(secret: string, options: { onDuplicate?: number } = {}) {
  const seen = new Set<string>();
  return recording((req, body, log) => {
    let event;
    try {
      event = verifyWebhook(body, req.headers, secret);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      const status = error.code === 'invalid_json' || error.code === 'invalid_payload' ? 400 : 401;
      return { status, body: error.code };
    }
    const id = String(req.headers['x-webhook-id']);
    if (seen.has(id)) return { status: options.onDuplicate ?? 200 };
    seen.add(id);
    log.processed.push(id);
    if (event.channel === 'voice') {
      return { status: 200, contentType: 'application/json', body: JSON.stringify({ text: `You said: ${event.data.transcript}` }) };
    }
    return { status: 200, body: 'OK' };
  });
}

/** A naive handler: accepts and acts on everything, verifying nothing. */
export function naiveHandler() {
  return recording((req, _body, log) => {
    log.processed.push(String(req.headers['x-webhook-id']));
    return { status: 200, body: 'OK' };
  });
}
