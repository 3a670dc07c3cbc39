// A webhook handler as a user would write one, run as its own process by send-e2e.test.ts.
// It verifies signatures with the BUILT package (dist/signing.js), listens on an ephemeral
// 127.0.0.1 port, prints {"listening": port} once ready, then one JSON line per request it
// received (before answering it), so the test knows exactly what arrived.
//
//   POST /webhook  verifies (401 for signature and time faults, 400 for a body that is not a
//                  valid payload), dedupes on X-Webhook-ID, answers voice turns with text
//   POST /naive    accepts everything, verifies nothing
//
// The secret comes from WEBHOOK_SECRET. Stops on SIGTERM.
import { createServer } from 'node:http';

const { verifyWebhook, WebhookVerificationError } = await import(new URL('../../../dist/signing.js', import.meta.url).href);

const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  process.stderr.write('webhook-server: WEBHOOK_SECRET is not set\n');
  process.exit(2);
}

const seen = new Set();
const report = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const id = req.headers['x-webhook-id'] ?? null;
    const route = new URL(req.url ?? '/', 'http://localhost').pathname;
    const answer = (status, entry, reply) => {
      report({ route, id, status, bodyText: body.toString('utf8'), ...entry });
      res.writeHead(status, reply === undefined ? {} : { 'content-type': 'application/json' });
      res.end(reply === undefined ? '' : JSON.stringify(reply));
    };
    if (req.method !== 'POST') return answer(405, { code: 'method' });
    if (route === '/naive') return answer(200, { code: null, processed: true });
    if (route !== '/webhook') return answer(404, { code: 'route' });
    let event;
    try {
      event = verifyWebhook(body, req.headers, secret);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      const status = error.code === 'invalid_json' || error.code === 'invalid_payload' ? 400 : 401;
      return answer(status, { code: error.code });
    }
    const duplicate = seen.has(id);
    seen.add(id);
    const entry = { code: null, processed: !duplicate, event: event.event, channel: event.channel };
    if (event.channel === 'voice') return answer(200, entry, { text: `You said: ${event.data.transcript}` });
    return answer(200, entry);
  });
});

server.listen(0, '127.0.0.1', () => report({ listening: server.address().port }));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
