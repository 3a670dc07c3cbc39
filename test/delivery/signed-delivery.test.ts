import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_URL, FixtureOptionError, buildSmsEvent, buildVoiceEvent, createSignedDelivery, verifyWebhook } from '../../src/index.js';

const secret = 'whsec_test_secret';

describe('createSignedDelivery', () => {
  it('serialises once and signs exactly the bytes it returns', () => {
    const event = buildSmsEvent({}, { seed: 3 });
    const delivery = createSignedDelivery(event, { secret, timestamp: 1736942400 });
    expect(delivery.method).toBe('POST');
    expect(delivery.url).toBe(DEFAULT_WEBHOOK_URL);
    expect(delivery.body).toBe(JSON.stringify(event));
    expect(Object.keys(delivery.headers)).toEqual(['Content-Type', 'X-Webhook-Signature', 'X-Webhook-Timestamp', 'X-Webhook-ID', 'X-Webhook-Event']);
    expect(delivery.headers['X-Webhook-Event']).toBe('agent.message');
    expect(delivery.headers['X-Webhook-ID']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(verifyWebhook(delivery.body, delivery.headers, secret, { now: 1736942400 })).toEqual(event);
  });

  it('is deterministic for the same inputs and seed', () => {
    const event = buildVoiceEvent({}, { seed: 4 });
    const a = createSignedDelivery(event, { secret, timestamp: 1736942400, seed: 9 });
    const b = createSignedDelivery(event, { secret, timestamp: 1736942400, seed: 9 });
    const c = createSignedDelivery(event, { secret, timestamp: 1736942400, seed: 10 });
    expect({ ...a.headers, body: a.body }).toEqual({ ...b.headers, body: b.body });
    expect(c.headers['X-Webhook-ID']).not.toBe(a.headers['X-Webhook-ID']);
    expect(createSignedDelivery(event, { secret, deliveryId: 'wh_custom', url: 'https://example.com/hooks/agentphone' })).toMatchObject({
      url: 'https://example.com/hooks/agentphone',
      headers: { 'X-Webhook-ID': 'wh_custom' },
    });
  });

  it('gives a WHATWG Request with the same method, URL, headers and bytes', async () => {
    const delivery = createSignedDelivery(buildSmsEvent(), { secret, url: 'http://127.0.0.1:9/webhook' });
    const request = delivery.toRequest();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('http://127.0.0.1:9/webhook');
    expect(request.headers.get('x-webhook-signature')).toBe(delivery.headers['X-Webhook-Signature']);
    expect(await request.text()).toBe(delivery.body);
    expect(await delivery.toRequest().text()).toBe(delivery.body);
  });

  it('refuses a payload that cannot be serialised, and an empty secret', () => {
    expect(() => createSignedDelivery(undefined, { secret })).toThrow(FixtureOptionError);
    expect(() => createSignedDelivery(buildSmsEvent(), { secret: '' })).toThrow(/non-empty string/);
  });
});
