import { WebhookPayloadError, describeValue, type PayloadProblem } from '../errors.js';
import { WEBHOOK_EVENTS, webhookEventSchema, type WebhookEvent } from './events.js';
import { safeParseFast } from './fast-parse.js';
import { toProblems } from './problems.js';

/**
 * What {@link safeParseWebhookEvent} returns: the typed event, or the error it would have thrown.
 *
 * @example
 * ```ts
 * const result: SafeParseWebhookResult = safeParseWebhookEvent(body);
 * if (!result.success) console.error(result.error.problems);
 * ```
 */
export type SafeParseWebhookResult =
  | { readonly success: true; readonly data: WebhookEvent; readonly error?: undefined }
  | { readonly success: false; readonly data?: undefined; readonly error: WebhookPayloadError };

function rootProblem(expectedText: string, received: string): PayloadProblem {
  return {
    path: '(root)',
    pathSegments: [],
    expected: expectedText,
    received,
    code: 'invalid_type',
    message: `(root): expected ${expectedText}, received ${received}`,
  };
}

/**
 * Validates a parsed webhook body without throwing. Never throws, whatever the input.
 *
 * @param input The parsed JSON body (`req.body` after a JSON body parser).
 * @returns `{ success: true, data }` with the typed event, or `{ success: false, error }` with a
 *   {@link WebhookPayloadError} listing every failing path.
 * @example
 * ```ts
 * const result = safeParseWebhookEvent(req.body);
 * if (!result.success) return res.status(400).send(result.error.message);
 * handle(result.data);
 * ```
 */
export function safeParseWebhookEvent(input: unknown): SafeParseWebhookResult {
  try {
    if (typeof input === 'string' || input instanceof Uint8Array) {
      const what = typeof input === 'string' ? describeValue(input) : `${input.byteLength} bytes`;
      return {
        success: false,
        error: new WebhookPayloadError([rootProblem('an object (parse the JSON body first)', what)]),
      };
    }
    if (input === undefined) {
      return {
        success: false,
        error: new WebhookPayloadError([rootProblem('an object (is a JSON body parser installed?)', 'undefined')]),
      };
    }
    // An event newer than this version: its own code, so handlers can acknowledge and ignore it.
    const name = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as { event?: unknown }).event : undefined;
    if (typeof name === 'string' && !(WEBHOOK_EVENTS as readonly string[]).includes(name)) {
      const expectedText = `event ${WEBHOOK_EVENTS.map((e) => `"${e}"`).join(', ')} (this version does not know "${name.slice(0, 60)}")`;
      const received = describeValue(name);
      return {
        success: false,
        error: new WebhookPayloadError(
          [{ path: 'event', pathSegments: ['event'], expected: expectedText, received, code: 'unknown_event', message: `event: expected ${expectedText}, received ${received}` }],
          'unknown_event',
        ),
      };
    }
    const result = safeParseFast(webhookEventSchema, input);
    if (result.success) return { success: true, data: result.data };
    return { success: false, error: new WebhookPayloadError(toProblems(result.error.issues)) };
  } catch (cause) {
    // Only reachable for hostile inputs (throwing getters, revoked proxies, exhausted stack).
    const reason = cause instanceof Error ? cause.message : describeValue(cause);
    return {
      success: false,
      error: new WebhookPayloadError([rootProblem('a readable JSON object', `a value that could not be read (${reason})`)]),
    };
  }
}

/**
 * Validates a parsed webhook body and returns it typed. The result is a discriminated union:
 * narrow on `event.channel`. Unknown extra keys are kept.
 *
 * @param input The parsed JSON body (`req.body` after a JSON body parser).
 * @returns The typed event.
 * @throws {WebhookPayloadError} when the payload does not match; its message lists every problem
 *   as `path: expected …, received …`. Its `code` is `unknown_event` for an `event` this version
 *   does not model (answer 200 and ignore it), `invalid_payload` otherwise. Nothing else is ever
 *   thrown.
 * @example
 * ```ts
 * import { parseWebhookEvent } from 'agentphone-fixtures/schemas';
 * const event = parseWebhookEvent(req.body);
 * if (isVoice(event)) return res.json({ text: `You said ${event.data.transcript}` });
 * res.sendStatus(200);
 * ```
 */
export function parseWebhookEvent(input: unknown): WebhookEvent {
  const result = safeParseWebhookEvent(input);
  if (result.success) return result.data;
  throw result.error;
}
