import { createHash } from 'node:crypto';
import { WEBHOOK_HEADERS } from '../signing/headers.js';
import { FixtureOptionError } from '../errors.js';
import { signWebhook } from '../signing/sign.js';

/** Where deliveries go when no URL is given: AgentPhone's examples mount the handler at /webhook. */
export const DEFAULT_WEBHOOK_URL = 'http://localhost/webhook';

/**
 * Options of {@link createSignedDelivery}.
 *
 * @example
 * ```ts
 * const options: SignedDeliveryOptions = { secret: 'whsec_test', timestamp: 1736942400, seed: 1 };
 * ```
 */
export interface SignedDeliveryOptions {
  /** The webhook's signing secret (`whsec_…`). */
  secret: string;
  /**
   * When AgentPhone signs the delivery (Unix seconds or a Date). Pin it for byte-identical
   * deliveries; the default lets a handler that checks freshness against its clock accept it.
   * @default the current time
   */
  timestamp?: number | Date | undefined;
  /** `X-Webhook-ID`. @default derived from `seed` and the body, so the same inputs give the same ID */
  deliveryId?: string | undefined;
  /** Where the delivery is addressed. @default 'http://localhost/webhook' */
  url?: string | undefined;
  /** Seed of the derived delivery ID. @default 0 */
  seed?: number | undefined;
}

/**
 * A signed webhook delivery, ready to send: `body` is the exact string that was signed.
 *
 * @example
 * ```ts
 * const delivery: SignedDelivery = createSignedDelivery(buildSmsEvent(), { secret });
 * await fetch(delivery.url, delivery); // method, headers and body fit fetch's init
 * ```
 */
export interface SignedDelivery {
  readonly method: 'POST';
  readonly url: string;
  /** Content-Type, X-Webhook-Signature, X-Webhook-Timestamp, X-Webhook-ID, X-Webhook-Event. */
  readonly headers: Readonly<Record<string, string>>;
  /** The serialised payload, exactly as signed: send these bytes and nothing else. */
  readonly body: string;
  /** A WHATWG `Request` carrying this delivery (for Fetch-style handlers). */
  toRequest(): Request;
}

/**
 * A delivery ID derived from seed and body, shaped like a UUID as AgentPhone's delivery records.
 * @internal
 */
export function derivedDeliveryId(seed: number, body: string): string {
  const hex = createHash('sha256').update(`${seed}:${body}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex[16] as string, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** @internal Builds a delivery from an already serialised body (faults use it to sign odd bodies). */
export function deliveryFromBody(
  body: string,
  eventName: string | undefined,
  options: SignedDeliveryOptions,
  sign: { body: string; secret: string } = { body, secret: options.secret },
): SignedDelivery {
  const url = options.url ?? DEFAULT_WEBHOOK_URL;
  const signature = signWebhook({ body: sign.body, secret: sign.secret, timestamp: options.timestamp });
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    ...signature,
    [WEBHOOK_HEADERS.id]: options.deliveryId ?? derivedDeliveryId(options.seed ?? 0, sign.body),
  };
  if (eventName !== undefined) headers[WEBHOOK_HEADERS.event] = eventName;
  return makeDelivery(url, headers, body);
}

/** @internal A delivery object from its parts. */
export function makeDelivery(url: string, headers: Record<string, string>, body: string): SignedDelivery {
  const frozen = Object.freeze({ ...headers });
  return Object.freeze({
    method: 'POST' as const,
    url,
    headers: frozen,
    body,
    toRequest: () => new Request(url, { method: 'POST', headers: frozen, body }),
  });
}

/**
 * Serialises an event once, signs exactly that string as AgentPhone does, and returns everything
 * needed to send it: method, URL, headers (Content-Type, X-Webhook-Signature,
 * X-Webhook-Timestamp, X-Webhook-ID, X-Webhook-Event) and the body.
 *
 * @param event The payload, usually from a builder.
 * @param options The secret; optionally the timestamp, delivery ID, URL and seed.
 * @returns The delivery; `.toRequest()` gives a WHATWG `Request`.
 * @throws {WebhookVerificationError} `invalid_secret` for an empty secret.
 * @example
 * ```ts
 * const delivery = createSignedDelivery(buildVoiceEvent({}, { seed: 1 }), { secret: 'whsec_test' });
 * const response = await app.fetch(delivery.toRequest()); // Hono, or any Fetch-style handler
 * ```
 */
export function createSignedDelivery(event: unknown, options: SignedDeliveryOptions): SignedDelivery {
  const body = JSON.stringify(event) as string | undefined;
  if (body === undefined) throw new FixtureOptionError('event', 'a JSON-serialisable payload', event);
  const name = typeof (event as { event?: unknown } | null)?.event === 'string' ? (event as { event: string }).event : undefined;
  return deliveryFromBody(body, name, options);
}
