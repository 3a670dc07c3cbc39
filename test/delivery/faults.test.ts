import { describe, expect, it } from 'vitest';
import {
  RETRY_SCHEDULE_SECONDS,
  WebhookVerificationError,
  buildSmsEvent,
  buildVoiceEvent,
  deliveryFaults,
  verifyWebhook,
} from '../../src/index.js';

const secret = 'whsec_test_secret';
const NOW = 1_800_000_000;

describe.each([
  ['sms', buildSmsEvent({}, { seed: 1, history: 2 })],
  ['voice', buildVoiceEvent({}, { seed: 2, history: 2 })],
])('deliveryFaults (%s)', (_channel, event) => {
  const faults = deliveryFaults(event, { secret, now: NOW });

  it('covers every fault the issue names, once each', () => {
    expect(faults.map((f) => f.name)).toEqual([
      'bad_signature',
      'missing_signature',
      'missing_timestamp',
      'wrong_secret',
      'stale_timestamp',
      'future_timestamp',
      'body_changed_after_signing',
      'body_reserialised',
      'malformed_json',
      'duplicate_delivery',
      'retry_sequence',
    ]);
  });

  it.each(faults.filter((f) => f.expected === 'reject'))('$name is rejected by verifyWebhook with its code', (fault) => {
    expect(fault.deliveries).toHaveLength(1);
    const [delivery] = fault.deliveries;
    let error: unknown;
    try {
      verifyWebhook(delivery!.body, delivery!.headers, secret, { now: fault.now });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect((error as WebhookVerificationError).code).toBe(fault.code);
    expect(fault.expectedStatus).toBe(fault.code === 'invalid_json' ? 400 : 401);
  });

  it('makes the duplicate and every retry verify, all with one delivery ID', () => {
    for (const name of ['duplicate_delivery', 'retry_sequence'] as const) {
      const fault = faults.find((f) => f.name === name)!;
      expect(fault.expected).toBe('process_once');
      expect(new Set(fault.deliveries.map((d) => d.headers['X-Webhook-ID'])).size).toBe(1);
      for (const delivery of fault.deliveries) expect(verifyWebhook(delivery.body, delivery.headers, secret, { now: fault.now })).toEqual(event);
    }
    const retries = faults.find((f) => f.name === 'retry_sequence')!;
    expect(retries.deliveries).toHaveLength(RETRY_SCHEDULE_SECONDS.length);
    expect(RETRY_SCHEDULE_SECONDS).toEqual([0, 300, 2100, 9300, 30900, 74100]);
  });

  it('keeps the signature and time faults one step from valid (a 300 s window accepts the originals)', () => {
    const stale = faults.find((f) => f.name === 'stale_timestamp')!.deliveries[0]!;
    expect(verifyWebhook(stale.body, stale.headers, secret, { now: NOW - 1 })).toEqual(event);
    const future = faults.find((f) => f.name === 'future_timestamp')!.deliveries[0]!;
    expect(verifyWebhook(future.body, future.headers, secret, { now: NOW + 1 })).toEqual(event);
    const reserialised = faults.find((f) => f.name === 'body_reserialised')!.deliveries[0]!;
    expect(JSON.parse(reserialised.body)).toEqual(event);
  });
});
