import { createServer, type Server, type ServerResponse } from 'node:http';
import { parseVoiceReply, type VoiceReplyParseResult } from '../schemas/voice-reply.js';
import type { AddressInfo } from 'node:net';
import { FixtureOptionError, describeValue } from '../errors.js';
import { WEBHOOK_HEADERS, headerValues } from '../signing/headers.js';
import { createSignedDelivery, type SignedDelivery } from './signed-delivery.js';

/** AgentPhone's default delivery timeout, in seconds (SPEC §3.4). */
const DEFAULT_TIMEOUT_SECONDS = 30;
/** The range AgentPhone accepts for a webhook's `timeout` field, in seconds. */
const MIN_TIMEOUT_SECONDS = 5;
const MAX_TIMEOUT_SECONDS = 120;
/** How much of a response body is kept by default: 1 MiB. */
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
/** AgentPhone's examples mount the handler here. */
const DEFAULT_PATH = '/webhook';

/**
 * A Fetch-style handler: takes a WHATWG `Request`, returns a `Response` (Hono's `app.fetch`,
 * Next.js route handlers, Remix actions, Cloudflare-style workers).
 *
 * @example
 * ```ts
 * const handler: FetchHandler = async (request) => new Response(null, { status: 200 });
 * ```
 */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * A Node request listener: what `http.createServer` takes (an Express app, Koa's
 * `app.callback()`, a plain `(req, res) => …` function). Its parameters are Node's
 * `IncomingMessage` and `ServerResponse`; they are typed loosely here so that this package's
 * declarations do not require `@types/node` in projects that never use them.
 *
 * @example
 * ```ts
 * const listener: NodeRequestListener = (req: IncomingMessage, res: ServerResponse) => { res.statusCode = 200; res.end(); };
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type NodeRequestListener = (req: any, res: any) => unknown;

/**
 * Where {@link deliver} sends a delivery:
 * - a URL (`string` or `URL`, http or https): a real POST to that address;
 * - a Fetch-style handler (one declared parameter), or an object with a `fetch` method (a Hono
 *   app): called in-process with a `Request`;
 * - a Node request listener (two or more declared parameters, or an Express app), or an object
 *   with a `callback()` method (a Koa app): served on an ephemeral `127.0.0.1` port for the
 *   duration of the call.
 *
 * @example
 * ```ts
 * const targets: DeliveryTarget[] = ['http://localhost:3000/webhook', honoApp.fetch, expressApp];
 * ```
 */
export type DeliveryTarget =
  | string
  | URL
  | FetchHandler
  | NodeRequestListener
  | { fetch(request: Request): Response | Promise<Response> }
  | { callback(): NodeRequestListener };

/**
 * Options of {@link deliver}.
 *
 * @example
 * ```ts
 * const options: DeliverOptions = { secret: 'whsec_test', path: '/api/agentphone', timeoutSeconds: 10 };
 * const result = await deliver(buildSmsEvent(), app, options);
 * ```
 */
export interface DeliverOptions {
  /**
   * The webhook's signing secret (`whsec_…`). Required when a payload is given (it is signed with
   * it); ignored when a ready {@link SignedDelivery} is given (that is sent as-is).
   */
  secret?: string | undefined;
  /** Signing time (Unix seconds or a Date), passed to `createSignedDelivery`. @default the current time */
  timestamp?: number | Date | undefined;
  /** `X-Webhook-ID`, passed to `createSignedDelivery`. @default derived from `seed` and the body */
  deliveryId?: string | undefined;
  /** Seed of the derived delivery ID, passed to `createSignedDelivery`. @default 0 */
  seed?: number | undefined;
  /**
   * The route the handler serves, for handler and listener targets (must start with `/`).
   * Ignored for URL targets, which carry their own path.
   * @default '/webhook'
   */
  path?: string | undefined;
  /**
   * How to call a function target: `'fetch'` (in-process, with a `Request`) or `'node'` (served
   * on a local port). Needed when the guess from the declared parameter count is wrong, e.g. a
   * Next.js route handler declared as `POST(request, context)` is a Fetch handler. Ignored for
   * URL targets.
   * @default guessed: an Express app or a function of 2+ parameters is `'node'`, else `'fetch'`
   */
  kind?: 'fetch' | 'node' | undefined;
  /**
   * How long to wait for the response, in whole seconds, as AgentPhone applies a webhook's
   * `timeout` field: 5–120. Past it the request is cancelled and the result says
   * `no response within N s`.
   * @default 30
   */
  timeoutSeconds?: number | undefined;
  /**
   * For tests only: the timeout in milliseconds, bypassing the 5–120 s range so a test of a
   * handler that never answers stays fast. Takes precedence over `timeoutSeconds`.
   */
  timeoutMs?: number | undefined;
  /**
   * Most bytes of the response body read and kept. Past it, reading stops, the stream is
   * cancelled and the result has `responseTruncated: true`.
   * @default 1048576 (1 MiB)
   */
  maxResponseBytes?: number | undefined;
}

/**
 * The reply to a voice `agent.message`, as received and as AgentPhone would read it.
 *
 * @example
 * ```ts
 * const reply = (await deliver(buildVoiceEvent(), app, { secret })).voiceReply;
 * reply?.parsed.spoken;   // what the caller hears, in order
 * reply?.parsed.problems; // what would be silence or a cut turn
 * ```
 */
export interface VoiceReplyRaw {
  /** The response's `Content-Type` header; null when there was none or no response at all. */
  readonly contentType: string | null;
  /** The response body as received (empty when there was no response). */
  readonly body: string;
  /** The body read by {@link parseVoiceReply}: chunks, what is spoken, and every problem. */
  readonly parsed: VoiceReplyParseResult;
}

/**
 * What happened to one delivery. `success`, `httpStatus` and `errorMessage` are what AgentPhone's
 * test endpoint (`POST /v1/webhooks/test`) reports; the rest is added for local testing.
 *
 * @example
 * ```ts
 * const result: DeliveryResult = await deliver(event, app, { secret });
 * // { success: false, httpStatus: 401, errorMessage: 'HTTP 401', durationMs: 3, responseBody: 'bad signature', … }
 * if (!result.success) throw new Error(result.errorMessage ?? 'delivery failed');
 * ```
 */
export interface DeliveryResult {
  /** True when the handler answered with a 2xx status in time. */
  readonly success: boolean;
  /** The status the handler answered with; null when no response arrived. */
  readonly httpStatus: number | null;
  /**
   * Why the delivery failed; null on success. `HTTP 401`, `connection refused (ECONNREFUSED) to
   * http://127.0.0.1:1/webhook`, `handler threw: boom`, `no response within 30 s`, …
   */
  readonly errorMessage: string | null;
  /** Milliseconds from sending the request to the end of reading the response. */
  readonly durationMs: number;
  /** The response body as text (at most `maxResponseBytes`); null when no response arrived. */
  readonly responseBody: string | null;
  /** Present and true when the body was longer than `maxResponseBytes` and was cut there. */
  readonly responseTruncated?: true;
  /** `X-Webhook-ID` of the delivery (empty when the delivery carried none). */
  readonly deliveryId: string;
  /** Which attempt this was (1: `deliver` makes one attempt). */
  readonly attempt: number;
  /**
   * For a voice `agent.message` only: the raw reply, which AgentPhone would speak. When no
   * response arrived it is `{ contentType: null, body: '' }` (the caller hears silence).
   */
  readonly voiceReply?: VoiceReplyRaw;
  /**
   * Set when a handler (in-process or local listener) threw after it had already sent its whole
   * response; the result is then judged on the response, as AgentPhone would.
   */
  readonly handlerError?: string;
}

type Resolved =
  | { kind: 'url'; url: URL }
  | { kind: 'fetch'; handler: (request: Request) => unknown }
  | { kind: 'node'; listener: NodeRequestListener };

interface Limits {
  timeoutMs: number;
  timeoutLabel: string;
  maxBytes: number;
}

/** What one exchange produced, before it is turned into a {@link DeliveryResult}. */
interface Outcome {
  status: number | null;
  contentType: string | null;
  body: string | null;
  truncated: boolean;
  /** The response did not arrive in time, or its body did not finish in time. */
  timedOut: boolean;
  /** Reading the body failed part-way. */
  bodyError: unknown;
  /** The request failed before any response. */
  requestError: unknown;
  /** The handler threw or rejected (in-process or in the local listener). */
  handlerError: unknown;
  /** The handler returned something that is not a Response. */
  notAResponse: unknown;
  /** The URL the request went to, for error messages. */
  url: string;
  durationMs: number;
}

/**
 * Delivers a signed webhook to a handler the way AgentPhone does, and reports what AgentPhone's
 * test endpoint would: `{ success, httpStatus, errorMessage }`, plus the time taken, the response
 * body and, for a voice `agent.message`, the raw voice reply. No tunnel needed: a Fetch-style
 * handler is called in-process; a Node listener (Express, Koa, `http.createServer` callback) is
 * served on an ephemeral `127.0.0.1` port for the duration of the call and always closed after.
 *
 * A failed delivery is a result, not an exception: refused connections, handlers that throw,
 * never answer or answer 50 MB all resolve. Only bad arguments reject.
 *
 * @param eventOrDelivery A payload (signed here with `options.secret`), or a ready
 *   {@link SignedDelivery} (sent byte for byte as it is, so tampered fault deliveries arrive tampered).
 * @param target A URL, a Fetch-style handler, or a Node request listener (see {@link DeliveryTarget}).
 * @param options The secret, signing options, `path`, `kind`, `timeoutSeconds` (5–120, default 30)
 *   and `maxResponseBytes` (default 1 MiB).
 * @returns The result of the one attempt.
 * @throws {WebhookVerificationError} `invalid_secret` when a payload is given without a secret.
 * @throws {FixtureOptionError} for a target that is none of the above, a `timeoutSeconds` outside
 *   5–120, a `path` not starting with `/`, or another bad option.
 * @example
 * ```ts
 * import express from 'express';
 * import { buildSmsEvent, deliver, verifyWebhook } from 'agentphone-fixtures';
 *
 * const app = express();
 * app.post('/webhook', express.raw({ type: 'application/json' }), (req, res) => {
 *   try { verifyWebhook(req.body, req.headers, 'whsec_test'); } catch { return res.sendStatus(401); }
 *   res.sendStatus(200);
 * });
 *
 * const result = await deliver(buildSmsEvent({}, { seed: 1 }), app, { secret: 'whsec_test' });
 * // { success: true, httpStatus: 200, errorMessage: null, durationMs: 4, responseBody: 'OK', deliveryId: '…', attempt: 1 }
 * ```
 */
export async function deliver(
  eventOrDelivery: unknown,
  target: DeliveryTarget,
  options: DeliverOptions = {},
): Promise<DeliveryResult> {
  const resolved = resolveTarget(target, options.kind);
  const limits = resolveLimits(options);
  const path = resolvePath(options.path);
  const localUrl = `http://127.0.0.1${path}`;
  const delivery = toDelivery(eventOrDelivery, options, resolved.kind === 'url' ? resolved.url.href : localUrl);
  const voice = isVoiceMessage(delivery.body);

  let outcome: Outcome;
  if (resolved.kind === 'url') outcome = await viaFetch(resolved.url.href, delivery, limits);
  else if (resolved.kind === 'fetch') outcome = await viaHandler(resolved.handler, localUrl, delivery, limits);
  else outcome = await viaListener(resolved.listener, path, delivery, limits);

  return toResult(outcome, delivery, voice, limits);
}

// ---------------------------------------------------------------------------------------------
// Arguments

function isSignedDelivery(value: unknown): value is SignedDelivery {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof SignedDelivery, unknown>>;
  return (
    typeof v.body === 'string' &&
    typeof v.headers === 'object' &&
    v.headers !== null &&
    typeof v.toRequest === 'function' &&
    typeof v.method === 'string'
  );
}

function toDelivery(eventOrDelivery: unknown, options: DeliverOptions, url: string): SignedDelivery {
  if (isSignedDelivery(eventOrDelivery)) return eventOrDelivery;
  if (eventOrDelivery === undefined || typeof eventOrDelivery === 'function' || typeof eventOrDelivery === 'symbol') {
    throw new FixtureOptionError('event', 'a webhook payload (any JSON value, usually a built event) or a SignedDelivery', eventOrDelivery);
  }
  const signed = createSignedDelivery(eventOrDelivery, {
    secret: options.secret as string,
    timestamp: options.timestamp,
    deliveryId: options.deliveryId,
    seed: options.seed,
    url,
  });
  return signed;
}

function resolveTarget(target: unknown, kind: unknown): Resolved {
  if (kind !== undefined && kind !== 'fetch' && kind !== 'node') {
    throw new FixtureOptionError('kind', '"fetch" or "node"', kind);
  }
  if (typeof target === 'string' || target instanceof URL) {
    let url: URL;
    try {
      url = new URL(String(target));
    } catch {
      throw new FixtureOptionError('target', 'an absolute http(s) URL, a Fetch-style handler or a Node request listener', target);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FixtureOptionError('target', `an http: or https: URL (got ${url.protocol})`, String(target));
    }
    return { kind: 'url', url };
  }
  if (typeof target === 'function') {
    const fn = target as ((...args: unknown[]) => unknown) & { handle?: unknown; listen?: unknown };
    const looksNode = typeof fn.handle === 'function' || typeof fn.listen === 'function' || fn.length >= 2;
    if ((kind ?? (looksNode ? 'node' : 'fetch')) === 'node') return { kind: 'node', listener: fn as NodeRequestListener };
    return { kind: 'fetch', handler: fn as (request: Request) => unknown };
  }
  if (typeof target === 'object' && target !== null) {
    const obj = target as { fetch?: unknown; callback?: unknown };
    const canFetch = typeof obj.fetch === 'function';
    const canNode = typeof obj.callback === 'function';
    if (canFetch && kind !== 'node') return { kind: 'fetch', handler: (request) => (obj.fetch as (r: Request) => unknown).call(obj, request) };
    if (canNode && kind !== 'fetch') {
      const listener = (obj.callback as () => unknown).call(obj);
      if (typeof listener === 'function') return { kind: 'node', listener: listener as NodeRequestListener };
    }
  }
  throw new FixtureOptionError(
    'target',
    'a URL (string or URL), a Fetch-style handler (request) => Response, or a Node request listener (req, res) => void such as an Express app' +
      (typeof (target as { listen?: unknown } | null)?.listen === 'function' ? ' (pass the request listener, not an http.Server)' : ''),
    target,
  );
}

function resolveLimits(options: DeliverOptions): Limits {
  let timeoutMs: number;
  let timeoutLabel: string;
  if (options.timeoutMs !== undefined) {
    const ms = options.timeoutMs;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
      throw new FixtureOptionError('timeoutMs', 'a positive number of milliseconds (for tests; use timeoutSeconds otherwise)', ms);
    }
    timeoutMs = ms;
    timeoutLabel = String(ms / 1000);
  } else {
    const seconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < MIN_TIMEOUT_SECONDS || seconds > MAX_TIMEOUT_SECONDS) {
      throw new FixtureOptionError(
        'timeoutSeconds',
        `a whole number of seconds from ${MIN_TIMEOUT_SECONDS} to ${MAX_TIMEOUT_SECONDS} (AgentPhone's range for a webhook's timeout)`,
        seconds,
      );
    }
    timeoutMs = seconds * 1000;
    timeoutLabel = String(seconds);
  }
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (typeof maxBytes !== 'number' || !Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new FixtureOptionError('maxResponseBytes', 'a whole number of bytes ≥ 0', maxBytes);
  }
  return { timeoutMs, timeoutLabel, maxBytes };
}

function resolvePath(path: unknown): string {
  if (path === undefined) return DEFAULT_PATH;
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || /[\s#]/.test(path)) {
    throw new FixtureOptionError('path', 'a route starting with "/" (such as "/webhook"), without spaces or "#"', path);
  }
  return path;
}

function isVoiceMessage(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { event?: unknown; channel?: unknown } | null;
    return typeof parsed === 'object' && parsed !== null && parsed.event === 'agent.message' && parsed.channel === 'voice';
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The deadline

const TIMEOUT = Symbol('timeout');

interface Deadline {
  readonly signal: AbortSignal;
  /** Resolves with TIMEOUT when the deadline passes. */
  readonly reached: Promise<typeof TIMEOUT>;
  readonly expired: () => boolean;
  readonly clear: () => void;
}

function startDeadline(ms: number): Deadline {
  const controller = new AbortController();
  let expired = false;
  let resolveReached: (value: typeof TIMEOUT) => void = () => {};
  const reached = new Promise<typeof TIMEOUT>((resolve) => {
    resolveReached = resolve;
  });
  const timer = setTimeout(() => {
    expired = true;
    resolveReached(TIMEOUT);
    controller.abort(new DOMException(`no response within ${ms} ms`, 'TimeoutError'));
  }, ms);
  // Referenced on purpose: a handler that never answers must not let the process exit before the
  // deadline (every path clears the timer when it is done).
  return { signal: controller.signal, reached, expired: () => expired, clear: () => clearTimeout(timer) };
}

function emptyOutcome(url: string): Outcome {
  return {
    status: null,
    contentType: null,
    body: null,
    truncated: false,
    timedOut: false,
    bodyError: undefined,
    requestError: undefined,
    handlerError: undefined,
    notAResponse: undefined,
    url,
    durationMs: 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading a response

interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  body?: ReadableStream<Uint8Array> | null;
  text?: () => Promise<string>;
}

function isResponseLike(value: unknown): value is ResponseLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { status?: unknown }).status === 'number' &&
    typeof (value as { headers?: { get?: unknown } }).headers?.get === 'function'
  );
}

/** Reads status, content type and at most `maxBytes` of the body, stopping at the deadline. */
async function readResponse(response: ResponseLike, outcome: Outcome, deadline: Deadline, maxBytes: number): Promise<void> {
  outcome.status = response.status;
  outcome.contentType = response.headers.get('content-type');
  const stream = response.body;
  if (stream === null || stream === undefined || typeof stream.getReader !== 'function') {
    // A response-like object without a stream: all we can do is text(), then cut.
    if (typeof response.text !== 'function') {
      outcome.body = '';
      return;
    }
    const raced = await Promise.race([response.text(), deadline.reached]).catch((error: unknown) => {
      outcome.bodyError = error;
      return '';
    });
    if (raced === TIMEOUT) {
      outcome.timedOut = true;
      outcome.body = '';
      return;
    }
    const bytes = Buffer.from(raced, 'utf8');
    outcome.truncated = bytes.length > maxBytes;
    outcome.body = outcome.truncated ? new TextDecoder().decode(bytes.subarray(0, maxBytes), { stream: true }) : raced;
    return;
  }

  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let received = 0;
  let complete = false;
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline.reached]);
      if (next === TIMEOUT) {
        outcome.timedOut = true;
        break;
      }
      if (next.done) {
        complete = true;
        break;
      }
      const chunk = next.value;
      const room = maxBytes - received;
      if (chunk.byteLength > room) {
        text += decoder.decode(chunk.subarray(0, room), { stream: true });
        received = maxBytes;
        outcome.truncated = true;
        break;
      }
      received += chunk.byteLength;
      text += decoder.decode(chunk, { stream: true });
    }
  } catch (error) {
    outcome.bodyError = deadline.expired() ? undefined : error;
    if (deadline.expired()) outcome.timedOut = true;
  } finally {
    if (!complete) reader.cancel().catch(() => {});
    else reader.releaseLock();
  }
  // A cut body may end inside a UTF-8 sequence: keep what decoded cleanly, add nothing.
  outcome.body = complete ? text + decoder.decode() : text;
}

// ---------------------------------------------------------------------------------------------
// The three ways to deliver

/** A real HTTP request with fetch (URL targets, and local listeners). */
async function viaFetch(url: string, delivery: SignedDelivery, limits: Limits, handlerError?: () => unknown): Promise<Outcome> {
  const outcome = emptyOutcome(url);
  const deadline = startDeadline(limits.timeoutMs);
  const started = performance.now();
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method: delivery.method,
        headers: delivery.headers,
        body: delivery.body,
        redirect: 'manual',
        signal: deadline.signal,
      });
    } catch (error) {
      if (deadline.expired()) outcome.timedOut = true;
      else outcome.requestError = error;
      return outcome;
    }
    await readResponse(response, outcome, deadline, limits.maxBytes);
    return outcome;
  } finally {
    outcome.durationMs = performance.now() - started;
    deadline.clear();
    if (handlerError !== undefined) outcome.handlerError = handlerError();
  }
}

/** A Fetch-style handler, called in-process. */
async function viaHandler(handler: (request: Request) => unknown, url: string, delivery: SignedDelivery, limits: Limits): Promise<Outcome> {
  const outcome = emptyOutcome(url);
  const deadline = startDeadline(limits.timeoutMs);
  const started = performance.now();
  try {
    // The delivery's own request, re-targeted to the local route; the deadline's signal tells a
    // handler that listens to request.signal that AgentPhone has hung up.
    const request = new Request(url, { method: delivery.method, headers: delivery.headers, body: delivery.body, signal: deadline.signal });
    let answer: unknown;
    try {
      answer = await Promise.race([Promise.resolve(handler(request)), deadline.reached]);
    } catch (error) {
      outcome.handlerError = error;
      return outcome;
    }
    if (answer === TIMEOUT) {
      outcome.timedOut = true;
      return outcome;
    }
    if (!isResponseLike(answer)) {
      outcome.notAResponse = answer;
      return outcome;
    }
    await readResponse(answer, outcome, deadline, limits.maxBytes);
    return outcome;
  } finally {
    outcome.durationMs = performance.now() - started;
    deadline.clear();
  }
}

/** A Node request listener, served on an ephemeral 127.0.0.1 port for this call only. */
async function viaListener(listener: NodeRequestListener, path: string, delivery: SignedDelivery, limits: Limits): Promise<Outcome> {
  let thrown: { error: unknown } | undefined;
  const fail = (error: unknown, res: ServerResponse): void => {
    thrown ??= { error };
    // A real server whose handler throws drops the connection (or crashes): do the former.
    if (!res.writableEnded) res.destroy();
  };
  const server = createServer((req, res) => {
    try {
      const returned = listener(req, res);
      if (typeof (returned as Promise<unknown> | undefined)?.then === 'function') {
        (returned as Promise<unknown>).then(undefined, (error: unknown) => fail(error, res));
      }
    } catch (error) {
      fail(error, res);
    }
  });
  try {
    const port = await listen(server);
    return await viaFetch(`http://127.0.0.1:${port}${path}`, delivery, limits, () => thrown?.error);
  } finally {
    await closeServer(server);
  }
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function closeServer(server: Server): Promise<void> {
  if (server.listening) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // A handler that never answered still holds its connection: cut it so close() completes.
      server.closeAllConnections();
    });
  }
  // 'close' fires before libuv has released the handles; two turns of the loop let it finish,
  // so nothing of this call is left when deliver resolves.
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}

// ---------------------------------------------------------------------------------------------
// The result

function reason(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return describeValue(error);
}

const NETWORK_PHRASES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'connection closed before a response',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
};

/** The system error code in a fetch failure (`TypeError: fetch failed` → cause → code). */
function errorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code !== 'ERR_INVALID_STATE') return code;
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested)) {
    for (const inner of nested) {
      const found = errorCode(inner, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return errorCode((error as { cause?: unknown }).cause, depth + 1);
}

function deepestMessage(error: unknown): string {
  let current = error;
  for (let i = 0; i < 5; i++) {
    const cause = (current as { cause?: unknown } | null)?.cause;
    if (cause === undefined || cause === null) break;
    current = cause;
  }
  return reason(current);
}

function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}

function networkMessage(error: unknown, url: string): string {
  const code = errorCode(error);
  const where = safeUrl(url);
  if (code === undefined) return `request failed: ${deepestMessage(error)} (${where})`;
  if (code.startsWith('ERR_TLS') || code.includes('CERT')) return `TLS error (${code}) to ${where}`;
  const phrase = NETWORK_PHRASES[code] ?? `request failed: ${deepestMessage(error)}`;
  return `${phrase} (${code}) to ${where}`;
}

function toResult(outcome: Outcome, delivery: SignedDelivery, voice: boolean, limits: Limits): DeliveryResult {
  const status = outcome.status;
  const responded = status !== null;
  const cut = outcome.timedOut || outcome.bodyError !== undefined;
  let errorMessage: string | null;
  let handlerErrorAfterResponse: string | undefined;

  if (!responded) {
    if (outcome.timedOut) errorMessage = `no response within ${limits.timeoutLabel} s`;
    else if (outcome.handlerError !== undefined) errorMessage = `handler threw: ${reason(outcome.handlerError)}`;
    else if (outcome.notAResponse !== undefined || outcome.requestError === undefined) {
      errorMessage = `handler returned ${describeValue(outcome.notAResponse)} instead of a Response`;
    } else errorMessage = networkMessage(outcome.requestError, outcome.url);
  } else if (cut) {
    // Headers came, the body did not finish: the handler threw mid-response, the connection
    // dropped, or the body outran the timeout.
    if (outcome.handlerError !== undefined) errorMessage = `handler threw: ${reason(outcome.handlerError)}`;
    else if (outcome.timedOut) errorMessage = `HTTP ${status}, response body not complete within ${limits.timeoutLabel} s`;
    else errorMessage = `HTTP ${status}, response body interrupted: ${deepestMessage(outcome.bodyError)}`;
  } else {
    errorMessage = status >= 200 && status < 300 ? null : `HTTP ${status}`;
    if (outcome.handlerError !== undefined) handlerErrorAfterResponse = reason(outcome.handlerError);
  }

  const result: {
    -readonly [K in keyof DeliveryResult]: DeliveryResult[K];
  } = {
    success: errorMessage === null,
    httpStatus: status,
    errorMessage,
    durationMs: Math.round(outcome.durationMs * 100) / 100,
    responseBody: responded ? (outcome.body ?? '') : null,
    deliveryId: headerValues(delivery.headers, WEBHOOK_HEADERS.id)[0] ?? '',
    attempt: 1,
  };
  if (outcome.truncated) result.responseTruncated = true;
  if (voice) {
    const reply = { contentType: outcome.contentType, body: outcome.body ?? '' };
    result.voiceReply = { ...reply, parsed: parseVoiceReply(reply) };
  }
  if (handlerErrorAfterResponse !== undefined) result.handlerError = handlerErrorAfterResponse;
  return result;
}
