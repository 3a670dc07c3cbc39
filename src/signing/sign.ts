import { createHmac } from 'node:crypto';
import { WebhookVerificationError } from '../errors.js';
import { WEBHOOK_HEADERS } from './headers.js';

/** A raw request body: the exact bytes AgentPhone sent (a string is taken as UTF-8). */
export type RawBody = string | Uint8Array | ArrayBuffer;

/** @internal The body as bytes, or undefined when it is not a raw body. */
export function rawBytes(body: unknown): Buffer | undefined {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  return undefined;
}

/** @internal Throws unless `secret` is a non-empty string. */
export function checkSecret(secret: unknown): string {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new WebhookVerificationError(
      'invalid_secret',
      `The webhook secret must be a non-empty string (the whsec_… value AgentPhone returned when the webhook was created), received ${secret === '' ? 'an empty string' : typeof secret}.`,
    );
  }
  return secret;
}

/**
 * The HMAC-SHA256 hex digest of `{timestamp}.{body}` (or of the body alone, for the older scheme),
 * keyed by the secret's UTF-8 bytes, `whsec_` prefix included.
 * @internal
 */
export function hmacHex(secret: string, body: Buffer, timestamp: string | undefined): string {
  const hmac = createHmac('sha256', secret);
  if (timestamp !== undefined) hmac.update(`${timestamp}.`, 'utf8');
  hmac.update(body);
  return hmac.digest('hex');
}

/** @internal Unix seconds from a number of seconds or a Date. */
export function unixSeconds(value: number | Date, name: string): number {
  const seconds = value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
  if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds < 0) {
    throw new WebhookVerificationError(
      'malformed_timestamp',
      `${name} must be Unix time in whole seconds (or a Date), received ${String(value)}.`,
    );
  }
  return seconds;
}

/** Options of {@link signWebhook}. */
export interface SignWebhookOptions {
  /** The exact body that will be sent: a string (UTF-8) or bytes. */
  body: RawBody;
  /** The webhook's signing secret (`whsec_…`), used as-is as the HMAC key. */
  secret: string;
  /** When the delivery is signed: Unix seconds or a Date. @default the current time */
  timestamp?: number | Date | undefined;
}

/** The signature headers AgentPhone sends with each delivery. */
export interface SignatureHeaders {
  'X-Webhook-Signature': string;
  'X-Webhook-Timestamp': string;
}

/**
 * Signs a body exactly as AgentPhone does: `X-Webhook-Signature` is `sha256=` and the hex
 * HMAC-SHA256 of `{timestamp}.{body}` keyed by the secret; `X-Webhook-Timestamp` is the Unix time
 * in seconds.
 *
 * @param options The body (raw string or bytes), the secret and, optionally, the timestamp.
 * @returns The two signature headers.
 * @throws {WebhookVerificationError} `invalid_secret` for an empty secret, `body_not_raw` for a
 *   body that is not a string or bytes, `malformed_timestamp` for a bad timestamp.
 * @example
 * ```ts
 * const body = JSON.stringify(event);
 * const headers = signWebhook({ body, secret: 'whsec_test_secret', timestamp: 1736942400 });
 * await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
 * ```
 */
export function signWebhook(options: SignWebhookOptions): SignatureHeaders {
  const secret = checkSecret(options.secret);
  const bytes = rawBytes(options.body);
  if (bytes === undefined) {
    throw new WebhookVerificationError(
      'body_not_raw',
      'signWebhook needs the exact body to send (a string or bytes): serialise the event once with JSON.stringify, sign that string, and send the same string.',
    );
  }
  const timestamp = String(unixSeconds(options.timestamp ?? new Date(), 'timestamp'));
  return {
    [WEBHOOK_HEADERS.signature]: `sha256=${hmacHex(secret, bytes, timestamp)}`,
    [WEBHOOK_HEADERS.timestamp]: timestamp,
  } as SignatureHeaders;
}
