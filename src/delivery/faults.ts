import { FixtureOptionError, type WebhookVerificationCode } from '../errors.js';
import { WEBHOOK_HEADERS } from '../signing/headers.js';
import { unixSeconds } from '../signing/sign.js';
import { deliveryFromBody, derivedDeliveryId, makeDelivery, type SignedDelivery } from './signed-delivery.js';

/** AgentPhone's retry schedule: seconds after the first attempt (6 attempts, then failed). */
export const RETRY_SCHEDULE_SECONDS = [0, 5 * 60, 35 * 60, (2 * 60 + 35) * 60, (8 * 60 + 35) * 60, (20 * 60 + 35) * 60] as const;

/** Names of the faults {@link deliveryFaults} returns. */
export type DeliveryFaultName =
  | 'bad_signature'
  | 'missing_signature'
  | 'missing_timestamp'
  | 'wrong_secret'
  | 'stale_timestamp'
  | 'future_timestamp'
  | 'body_changed_after_signing'
  | 'body_reserialised'
  | 'malformed_json'
  | 'duplicate_delivery'
  | 'retry_sequence';

/**
 * One labelled fault: the deliveries to send and what a correct handler must do with them.
 *
 * @example
 * ```ts
 * it.each(deliveryFaults(buildSmsEvent(), { secret }))('$name: $expected', async (fault) => { … });
 * ```
 */
export interface DeliveryFault {
  readonly name: DeliveryFaultName;
  /** What is wrong, in a sentence. */
  readonly description: string;
  /**
   * What a correct handler does: `reject` (answer 4xx, act on nothing) or `process_once` (answer
   * 2xx to every delivery, act on the event once, keyed on X-Webhook-ID).
   */
  readonly expected: 'reject' | 'process_once';
  /** The status a correct handler answers: 401 for signature and time faults, 400 for bad JSON, 200 otherwise. */
  readonly expectedStatus: 401 | 400 | 200;
  /** The `code` `verifyWebhook` throws for it (for `reject` faults). */
  readonly code?: WebhookVerificationCode;
  /** The deliveries, in order (one for most faults; two for a duplicate; six for the retry sequence). */
  readonly deliveries: readonly SignedDelivery[];
  /** The clock to verify against, in Unix seconds (the time the deliveries arrive). */
  readonly now: number;
}

/**
 * Options of {@link deliveryFaults}.
 *
 * @example
 * ```ts
 * deliveryFaults(event, { secret: 'whsec_test', now: 1736942400 });
 * ```
 */
export interface DeliveryFaultOptions {
  /** The webhook's signing secret. */
  secret: string;
  /** When the deliveries arrive: Unix seconds or a Date. @default the current time */
  now?: number | Date | undefined;
  /** Where they are addressed. @default 'http://localhost/webhook' */
  url?: string | undefined;
  /** Seed of the derived delivery IDs. @default 0 */
  seed?: number | undefined;
}

function withHeaders(delivery: SignedDelivery, change: (headers: Record<string, string>) => void, body = delivery.body): SignedDelivery {
  const headers = { ...delivery.headers };
  change(headers);
  return makeDelivery(delivery.url, headers, body);
}

/**
 * The deliveries a webhook handler must refuse (or take only once), each labelled with what a
 * correct handler does: a bad signature, a missing signature or timestamp, another secret, a
 * timestamp 301 s old or 301 s ahead, a body changed after signing, a body re-serialised with
 * other whitespace, malformed JSON with a valid signature, the same X-Webhook-ID twice, and a
 * retry sequence on AgentPhone's schedule (6 attempts, same ID, time compressed: each attempt is
 * signed a second after the one before, with the real schedule noted in its description).
 * Ready for `it.each`.
 *
 * @param event The payload the faults are made from (usually a builder's output).
 * @param options The secret; optionally the arrival time, URL and seed.
 * @returns The labelled faults.
 * @throws {WebhookVerificationError} `invalid_secret` for an empty secret.
 * @example
 * ```ts
 * it.each(deliveryFaults(buildSmsEvent({}, { seed: 1 }), { secret }))('$name is handled', async (fault) => {
 *   for (const delivery of fault.deliveries) {
 *     const response = await app.fetch(delivery.toRequest());
 *     expect(response.status).toBe(fault.expectedStatus);
 *   }
 * });
 * ```
 */
export function deliveryFaults(event: unknown, options: DeliveryFaultOptions): DeliveryFault[] {
  const now = unixSeconds(options.now ?? new Date(), 'now');
  const base = { secret: options.secret, url: options.url, seed: options.seed, timestamp: now };
  const body = JSON.stringify(event) as string | undefined;
  if (body === undefined) throw new FixtureOptionError('event', 'a JSON-serialisable payload', event);
  const name = typeof (event as { event?: unknown } | null)?.event === 'string' ? (event as { event: string }).event : undefined;
  const good = deliveryFromBody(body, name, base);
  const signature = good.headers[WEBHOOK_HEADERS.signature] as string;
  const flipped = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
  const reject = (
    fault: DeliveryFaultName,
    description: string,
    code: WebhookVerificationCode,
    delivery: SignedDelivery,
    status: 401 | 400 = 401,
  ): DeliveryFault => ({ name: fault, description, expected: 'reject', expectedStatus: status, code, deliveries: [delivery], now });

  const retryId = derivedDeliveryId((options.seed ?? 0) + 1, body);
  const retries = RETRY_SCHEDULE_SECONDS.map((_, attempt) =>
    deliveryFromBody(body, name, { ...base, deliveryId: retryId, timestamp: now + attempt }),
  );
  const changed = body.replace(/"(message|transcript)":"/, '"$1":"[changed] ');

  return [
    reject('bad_signature', 'The signature is off by one hex digit.', 'signature_mismatch', withHeaders(good, (h) => (h[WEBHOOK_HEADERS.signature] = flipped))),
    reject('missing_signature', 'No X-Webhook-Signature header.', 'missing_signature', withHeaders(good, (h) => delete h[WEBHOOK_HEADERS.signature])),
    reject('missing_timestamp', 'No X-Webhook-Timestamp header (the signature is still there).', 'missing_timestamp', withHeaders(good, (h) => delete h[WEBHOOK_HEADERS.timestamp])),
    reject('wrong_secret', 'Signed with another secret (an old one after rotation, or an attacker’s).', 'signature_mismatch', deliveryFromBody(body, name, { ...base, secret: `${options.secret}_other` })),
    reject('stale_timestamp', 'Signed 301 s before it arrives: one second past the 5-minute window (a replay).', 'timestamp_out_of_tolerance', deliveryFromBody(body, name, { ...base, timestamp: now - 301 })),
    reject('future_timestamp', 'Signed 301 s after it arrives: a skewed or forged clock.', 'timestamp_out_of_tolerance', deliveryFromBody(body, name, { ...base, timestamp: now + 301 })),
    reject('body_changed_after_signing', 'The body was edited after it was signed.', 'signature_mismatch', makeDelivery(good.url, { ...good.headers }, changed === body ? `${body} ` : changed)),
    reject('body_reserialised', 'The same JSON, re-serialised with other whitespace: the signed bytes are gone.', 'signature_mismatch', makeDelivery(good.url, { ...good.headers }, JSON.stringify(event, null, 2))),
    reject('malformed_json', 'A body that is not JSON, correctly signed.', 'invalid_json', deliveryFromBody(body.slice(0, Math.max(1, body.length - 1)), name, base), 400),
    {
      name: 'duplicate_delivery',
      description: 'The same delivery twice, with the same X-Webhook-ID: answer 200 both times, act once.',
      expected: 'process_once',
      expectedStatus: 200,
      deliveries: [good, good],
      now,
    },
    {
      name: 'retry_sequence',
      description: `Six attempts with one X-Webhook-ID, as AgentPhone retries (real schedule: ${RETRY_SCHEDULE_SECONDS.map((s) => `+${s / 60} min`).join(', ')}), compressed to a second apart: answer 200 each time, act once.`,
      expected: 'process_once',
      expectedStatus: 200,
      deliveries: retries,
      now: now + RETRY_SCHEDULE_SECONDS.length - 1,
    },
  ];
}
