import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildSmsEvent, buildVoiceEvent, createSignedDelivery } from '../../src/index.js';
import { WebhookVerificationError, signWebhook, verifyWebhook, verifyWebhookSignature, type WebhookVerificationCode } from '../../src/signing/index.js';

const secret = 'whsec_test_secret';
const NOW = 1_800_000_000;

function codeOf(fn: () => unknown): WebhookVerificationCode {
  try {
    fn();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.code;
    throw error;
  }
  throw new Error('expected a WebhookVerificationError');
}

function signed(body: string, timestamp = NOW) {
  return { body, headers: { ...signWebhook({ body, secret, timestamp }), 'X-Webhook-ID': 'd-1' } };
}

describe('verifyWebhookSignature', () => {
  it('accepts what signWebhook signed, returning timestamp, id and scheme', () => {
    const { body, headers } = signed('{"a":1}');
    expect(verifyWebhookSignature({ body, headers, secret, now: NOW })).toEqual({
      timestamp: NOW,
      deliveryId: 'd-1',
      event: undefined,
      scheme: 'timestamped',
    });
  });

  it('looks headers up case-insensitively in plain objects, Node headers and Fetch Headers', () => {
    const { body, headers } = signed('{"a":1}');
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    for (const h of [headers, lower, upper, new Headers(headers), { ...lower, 'x-webhook-id': ['d-1'] }]) {
      expect(verifyWebhookSignature({ body, headers: h, secret, now: NOW }).timestamp).toBe(NOW);
    }
  });

  it('checks the clock boundary at exactly 300 s, in both directions', () => {
    const { body, headers } = signed('{}');
    expect(verifyWebhookSignature({ body, headers, secret, now: NOW + 300 }).timestamp).toBe(NOW);
    expect(verifyWebhookSignature({ body, headers, secret, now: NOW - 300 }).timestamp).toBe(NOW);
    expect(codeOf(() => verifyWebhookSignature({ body, headers, secret, now: NOW + 301 }))).toBe('timestamp_out_of_tolerance');
    expect(codeOf(() => verifyWebhookSignature({ body, headers, secret, now: NOW - 301 }))).toBe('timestamp_out_of_tolerance');
    expect(verifyWebhookSignature({ body, headers, secret, now: new Date((NOW + 1000) * 1000), toleranceSeconds: 1000 }).timestamp).toBe(NOW);
  });

  it('uses the real clock by default', () => {
    const { body, headers } = signed('{}', Math.floor(Date.now() / 1000));
    expect(verifyWebhookSignature({ body, headers, secret }).scheme).toBe('timestamped');
    const old = signed('{}', Math.floor(Date.now() / 1000) - 400);
    expect(codeOf(() => verifyWebhookSignature({ ...old, secret }))).toBe('timestamp_out_of_tolerance');
  });

  it('reports every failure with its code', () => {
    const { body, headers } = signed('{"a":1}');
    const without = (name: string) => Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));
    expect(codeOf(() => verifyWebhookSignature({ body, headers: without('X-Webhook-Signature'), secret, now: NOW }))).toBe('missing_signature');
    expect(codeOf(() => verifyWebhookSignature({ body, headers: without('X-Webhook-Timestamp'), secret, now: NOW }))).toBe('missing_timestamp');
    expect(codeOf(() => verifyWebhookSignature({ body, headers: { ...headers, 'X-Webhook-Signature': 'abc' }, secret, now: NOW }))).toBe('malformed_signature');
    expect(codeOf(() => verifyWebhookSignature({ body, headers: { ...headers, 'X-Webhook-Signature': [headers['X-Webhook-Signature'], headers['X-Webhook-Signature']] }, secret, now: NOW }))).toBe('malformed_signature');
    expect(codeOf(() => verifyWebhookSignature({ body, headers: { ...headers, 'X-Webhook-Timestamp': '17e8' }, secret, now: NOW }))).toBe('malformed_timestamp');
    expect(codeOf(() => verifyWebhookSignature({ body: '{"a":2}', headers, secret, now: NOW }))).toBe('signature_mismatch');
    expect(codeOf(() => verifyWebhookSignature({ body, headers, secret: 'whsec_other', now: NOW }))).toBe('signature_mismatch');
    expect(codeOf(() => verifyWebhookSignature({ body, headers, secret: '', now: NOW }))).toBe('invalid_secret');
  });

  it('explains why a parsed body cannot be verified', () => {
    const { headers } = signed('{"a":1}');
    let error: unknown;
    try {
      verifyWebhookSignature({ body: { a: 1 } as unknown as string, headers, secret, now: NOW });
    } catch (e) {
      error = e;
    }
    expect((error as WebhookVerificationError).code).toBe('body_not_raw');
    expect((error as Error).message).toContain('re-serialised from a parsed object differs');
  });

  it('accepts the older body-only scheme only when asked', () => {
    const body = '{"a":1}';
    const legacy = { 'X-Webhook-Signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` };
    expect(codeOf(() => verifyWebhookSignature({ body, headers: legacy, secret, now: NOW }))).toBe('missing_timestamp');
    expect(verifyWebhookSignature({ body, headers: legacy, secret, now: NOW, allowLegacySignature: true }).scheme).toBe('legacy');
    expect(codeOf(() => verifyWebhookSignature({ body: '{"a":2}', headers: legacy, secret, now: NOW, allowLegacySignature: true }))).toBe('signature_mismatch');
  });
});

describe('verifyWebhook', () => {
  it('round-trips thousands of built events through createSignedDelivery', () => {
    for (let seed = 0; seed < 2_000; seed++) {
      const event = seed % 2 === 0 ? buildSmsEvent({}, { seed }) : buildVoiceEvent({}, { seed, history: seed % 7 });
      const delivery = createSignedDelivery(event, { secret, timestamp: NOW, seed });
      expect(verifyWebhook(delivery.body, delivery.headers, secret, { now: NOW })).toEqual(event);
    }
  });

  it('reports invalid JSON and invalid payloads after a valid signature', () => {
    const bad = signed('{"event":');
    expect(codeOf(() => verifyWebhook(bad.body, bad.headers, secret, { now: NOW }))).toBe('invalid_json');
    const wrong = signed('{"event":"agent.message","channel":"fax"}');
    let error: unknown;
    try {
      verifyWebhook(wrong.body, wrong.headers, secret, { now: NOW });
    } catch (e) {
      error = e;
    }
    expect((error as WebhookVerificationError).code).toBe('invalid_payload');
    expect((error as WebhookVerificationError).problems.map((p) => p.path)).toEqual(['channel']);
  });

  it('tells a signed event newer than this version (unknown_event) from a malformed one', () => {
    const newer = signed('{"event":"agent.contact_shared","channel":"imessage","data":{}}');
    expect(codeOf(() => verifyWebhook(newer.body, newer.headers, secret, { now: NOW }))).toBe('unknown_event');
    const malformed = signed('{"event":"agent.reaction","channel":"imessage","data":{}}');
    expect(codeOf(() => verifyWebhook(malformed.body, malformed.headers, secret, { now: NOW }))).toBe('invalid_payload');
  });

  it('verifies before it parses: a tampered body is a signature error, not a payload error', () => {
    const delivery = createSignedDelivery(buildSmsEvent(), { secret, timestamp: NOW });
    expect(codeOf(() => verifyWebhook(delivery.body.replace('agent.message', 'agent.nope'), delivery.headers, secret, { now: NOW }))).toBe('signature_mismatch');
  });
});
