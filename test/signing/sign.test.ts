import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError, signWebhook } from '../../src/signing/index.js';

// SPEC §3.2's test vector: computed with Python's hmac and openssl, not by this library.
const example = readFileSync(join(import.meta.dirname, '../fixtures/agentphone-examples/agent.message.sms.webhooks-guide-current.json'), 'utf8');
const VECTOR = {
  secret: 'whsec_test_secret',
  timestamp: 1736942400,
  body: JSON.stringify(JSON.parse(example)),
  current: 'sha256=92d37c84c78e2e19a4a7c006702351f3bc2d0799b4fc78f942f045f8b2904512',
  legacy: 'sha256=e7fa1996a859314b01491e5859f3547eac8607986dc332482f8fa989bca29018',
};

describe('signWebhook', () => {
  it('reproduces the published test vector exactly', () => {
    expect(Buffer.byteLength(VECTOR.body)).toBe(495);
    expect(signWebhook({ body: VECTOR.body, secret: VECTOR.secret, timestamp: VECTOR.timestamp })).toEqual({
      'X-Webhook-Signature': VECTOR.current,
      'X-Webhook-Timestamp': '1736942400',
    });
    // The legacy scheme of the same vector, by hand (it is what allowLegacySignature accepts).
    expect(`sha256=${createHmac('sha256', VECTOR.secret).update(VECTOR.body).digest('hex')}`).toBe(VECTOR.legacy);
  });

  it('signs bytes and strings identically, and Dates as Unix seconds', () => {
    const fromString = signWebhook({ body: VECTOR.body, secret: VECTOR.secret, timestamp: new Date('2025-01-15T12:00:00.999Z') });
    const fromBytes = signWebhook({ body: Buffer.from(VECTOR.body), secret: VECTOR.secret, timestamp: VECTOR.timestamp });
    const fromArrayBuffer = signWebhook({ body: new TextEncoder().encode(VECTOR.body).buffer as ArrayBuffer, secret: VECTOR.secret, timestamp: VECTOR.timestamp });
    expect(fromString).toEqual(fromBytes);
    expect(fromArrayBuffer).toEqual(fromBytes);
  });

  it('uses the current time by default', () => {
    const before = Math.floor(Date.now() / 1000);
    const ts = Number(signWebhook({ body: '{}', secret: 's' })['X-Webhook-Timestamp']);
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(before + 2);
  });

  it.each([
    [{ body: '{}', secret: '' }, 'invalid_secret'],
    [{ body: '{}', secret: undefined as unknown as string }, 'invalid_secret'],
    [{ body: { a: 1 } as unknown as string, secret: 's' }, 'body_not_raw'],
    [{ body: '{}', secret: 's', timestamp: -1 }, 'malformed_timestamp'],
    [{ body: '{}', secret: 's', timestamp: 1.5 }, 'malformed_timestamp'],
  ])('rejects %j with code %s', (options, code) => {
    let error: unknown;
    try {
      signWebhook(options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect((error as WebhookVerificationError).code).toBe(code);
  });
});
