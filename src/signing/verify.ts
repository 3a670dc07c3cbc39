import { timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from '../errors.js';
import { safeParseWebhookEvent } from '../schemas/parse.js';
import type { WebhookEvent } from '../schemas/events.js';
import { WEBHOOK_HEADERS, headerValues, type HeadersInput } from './headers.js';
import { checkSecret, hmacHex, rawBytes, unixSeconds, type RawBody } from './sign.js';

/** AgentPhone's documented window: a delivery older (or newer) than 5 minutes is rejected. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Options of {@link verifyWebhookSignature} and {@link verifyWebhook}. */
export interface VerifyOptions {
  /**
   * Largest accepted difference between `X-Webhook-Timestamp` and `now`, in seconds, in both
   * directions (old deliveries are replays; future ones come from a skewed or forged clock).
   * @default 300
   */
  toleranceSeconds?: number | undefined;
  /** The current time, to pin the clock in tests: Unix seconds or a Date. @default the current time */
  now?: number | Date | undefined;
  /**
   * Also accept the older scheme, a signature over the body alone with no timestamp (AgentPhone's
   * docs before March 2026). Such deliveries carry no replay protection: turn this on only while
   * a webhook may still be signed the old way.
   * @default false
   */
  allowLegacySignature?: boolean | undefined;
}

/** What a verified delivery carried. */
export interface VerifiedSignature {
  /** `X-Webhook-Timestamp` in Unix seconds; undefined for a legacy (body-only) signature. */
  readonly timestamp: number | undefined;
  /** `X-Webhook-ID`, the key to deduplicate retries on, when present. */
  readonly deliveryId: string | undefined;
  /** `X-Webhook-Event`, when present. */
  readonly event: string | undefined;
  /** Which scheme matched. */
  readonly scheme: 'timestamped' | 'legacy';
}

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

/** One header's value (trimmed), undefined when missing or empty; a header sent twice is refused. */
function single(headers: HeadersInput, name: string): string | undefined {
  const values = headerValues(headers, name);
  if (values.length > 1) {
    throw new WebhookVerificationError(
      name === WEBHOOK_HEADERS.signature ? 'malformed_signature' : 'malformed_timestamp',
      `${name} was sent ${values.length} times; a delivery carries it once.`,
    );
  }
  const value = values[0]?.trim();
  return value === '' ? undefined : value;
}

function equalHex(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(received.toLowerCase(), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks a delivery's signature and timestamp as AgentPhone prescribes: HMAC-SHA256 of
 * `{X-Webhook-Timestamp}.{raw body}` keyed by the secret, compared in constant time, and a
 * timestamp within `toleranceSeconds` of now in either direction.
 *
 * @param input The raw body (the exact bytes received, never re-serialised JSON), the request
 *   headers (plain object, Node's `IncomingHttpHeaders` or Fetch `Headers`), the secret and options.
 * @returns The timestamp, delivery ID, event name and the scheme that matched.
 * @throws {WebhookVerificationError} with `code` `missing_signature`, `missing_timestamp`,
 *   `malformed_signature`, `malformed_timestamp`, `signature_mismatch`,
 *   `timestamp_out_of_tolerance`, `body_not_raw` or `invalid_secret`.
 * @example
 * ```ts
 * app.post('/webhook', express.raw({ type: 'application/json' }), (req, res) => {
 *   try {
 *     verifyWebhookSignature({ body: req.body, headers: req.headers, secret: process.env.AGENTPHONE_WEBHOOK_SECRET! });
 *   } catch {
 *     return res.status(401).end();
 *   }
 *   res.sendStatus(200);
 * });
 * ```
 */
export function verifyWebhookSignature(input: {
  body: RawBody;
  headers: HeadersInput;
  secret: string;
} & VerifyOptions): VerifiedSignature {
  const secret = checkSecret(input.secret);
  const bytes = rawBytes(input.body);
  if (bytes === undefined) {
    throw new WebhookVerificationError(
      'body_not_raw',
      `The body must be the raw request body (a string or bytes), received ${input.body === null ? 'null' : typeof input.body}. ` +
        'AgentPhone signs the exact bytes it sent; JSON re-serialised from a parsed object differs in key order, spacing or escaping, so its signature cannot match. ' +
        'Read the raw body (express.raw(), request.text(), Fastify with a raw-body parser) and verify that.',
    );
  }
  const headers = input.headers ?? {};
  const signature = single(headers, WEBHOOK_HEADERS.signature);
  if (signature === undefined) {
    throw new WebhookVerificationError('missing_signature', `The ${WEBHOOK_HEADERS.signature} header is missing: this request was not signed by AgentPhone.`);
  }
  const match = SIGNATURE.exec(signature);
  if (match === null) {
    throw new WebhookVerificationError(
      'malformed_signature',
      `${WEBHOOK_HEADERS.signature} must be "sha256=" and 64 hex digits, received ${JSON.stringify(signature.length > 80 ? `${signature.slice(0, 80)}…` : signature)}.`,
    );
  }
  const digest = match[1] as string;
  const deliveryId = single(headers, WEBHOOK_HEADERS.id);
  const event = single(headers, WEBHOOK_HEADERS.event);
  const rawTimestamp = single(headers, WEBHOOK_HEADERS.timestamp);
  const legacy = input.allowLegacySignature === true;

  if (rawTimestamp === undefined) {
    if (legacy && equalHex(hmacHex(secret, bytes, undefined), digest)) {
      return { timestamp: undefined, deliveryId, event, scheme: 'legacy' };
    }
    throw new WebhookVerificationError(
      legacy ? 'signature_mismatch' : 'missing_timestamp',
      legacy
        ? 'The signature does not match the body (no X-Webhook-Timestamp, so only the older body-only scheme was tried).'
        : `The ${WEBHOOK_HEADERS.timestamp} header is missing; without it the signature cannot be checked or replays refused.`,
    );
  }
  if (!/^\d{1,15}$/.test(rawTimestamp)) {
    throw new WebhookVerificationError(
      'malformed_timestamp',
      `${WEBHOOK_HEADERS.timestamp} must be Unix time in whole seconds, received ${JSON.stringify(rawTimestamp.slice(0, 40))}.`,
    );
  }
  if (!equalHex(hmacHex(secret, bytes, rawTimestamp), digest)) {
    if (legacy && equalHex(hmacHex(secret, bytes, undefined), digest)) {
      return { timestamp: undefined, deliveryId, event, scheme: 'legacy' };
    }
    throw new WebhookVerificationError(
      'signature_mismatch',
      'The signature does not match: the body was changed or re-serialised after signing, or the secret is not this webhook’s (each POST to the webhook endpoint rotates it).',
    );
  }
  const timestamp = Number(rawTimestamp);
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (typeof tolerance !== 'number' || !(tolerance >= 0)) {
    throw new WebhookVerificationError('malformed_timestamp', `toleranceSeconds must be a number of seconds ≥ 0, received ${String(tolerance)}.`);
  }
  const now = unixSeconds(input.now ?? new Date(), 'now');
  const skew = now - timestamp;
  if (Math.abs(skew) > tolerance) {
    throw new WebhookVerificationError(
      'timestamp_out_of_tolerance',
      `The delivery was signed ${Math.abs(skew)} s ${skew > 0 ? 'ago' : 'in the future'}, outside the ${tolerance} s tolerance: a replay, or a clock that is off.`,
    );
  }
  return { timestamp, deliveryId, event, scheme: 'timestamped' };
}

/**
 * Verifies a delivery and returns its payload, parsed and typed: the one call a production
 * handler needs.
 *
 * @param rawBody The exact body received (string or bytes).
 * @param headers The request headers (plain object, `IncomingHttpHeaders` or Fetch `Headers`).
 * @param secret The webhook's signing secret (`whsec_…`).
 * @param options Tolerance, a pinned clock, the legacy scheme.
 * @returns The typed webhook event.
 * @throws {WebhookVerificationError} for every signature and timestamp problem (see
 *   {@link verifyWebhookSignature}), `invalid_json` when the verified body is not JSON,
 *   `unknown_event` for a signed event this version does not model (answer 200 and ignore it),
 *   and `invalid_payload` (with `problems`) when it does not match the schemas.
 * @example
 * ```ts
 * export async function POST(request: Request) {
 *   const event = verifyWebhook(await request.text(), request.headers, process.env.AGENTPHONE_WEBHOOK_SECRET!);
 *   if (isVoice(event)) return Response.json({ text: 'One moment…' });
 *   return new Response(null, { status: 200 });
 * }
 * ```
 */
export function verifyWebhook(rawBody: RawBody, headers: HeadersInput, secret: string, options: VerifyOptions = {}): WebhookEvent {
  verifyWebhookSignature({ ...options, body: rawBody, headers, secret });
  const text = typeof rawBody === 'string' ? rawBody : (rawBytes(rawBody) as Buffer).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new WebhookVerificationError('invalid_json', `The signed body is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const result = safeParseWebhookEvent(json);
  if (!result.success) {
    // A correctly signed event newer than this version: its own code, so the handler can answer
    // 200 and ignore it instead of making AgentPhone retry.
    const code = result.error.code === 'unknown_event' ? 'unknown_event' : 'invalid_payload';
    throw new WebhookVerificationError(code, result.error.message, { cause: result.error, problems: result.error.problems });
  }
  return result.data;
}
