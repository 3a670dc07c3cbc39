import { RETRY_SCHEDULE_SECONDS } from '../delivery/faults.js';
import { FixtureOptionError } from '../errors.js';
import { Random } from '../random/random.js';
import type { Stream } from '../random/rng.js';
import {
  apiErrorSchema,
  fastApiErrorSchema,
  webhookConfigSchema,
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookDeliveryStatsSchema,
  webhookTestResultSchema,
  type ApiError,
  type FastApiError,
  type WebhookConfig,
  type WebhookDelivery,
  type WebhookDeliveryList,
  type WebhookDeliveryStats,
  type WebhookTestResult,
} from '../schemas/rest.js';
import { isoSeconds } from './clock.js';
import { makeId } from './ids.js';
import { resolveOptions, type BuildOptions } from './options.js';
import { mergeOverrides, type Overrides } from './overrides.js';
import { validateFixture } from './validate.js';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const STATUS_TEXT = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' } as const;
const HOSTS = ['api.brightsmile.dental', 'hooks.northside-auto.com', 'app.lunahair.studio', 'agent.peakfitness.io', 'webhooks.harborpets.com'];

function uuid(r: Stream): string {
  const hex = r.chars('0123456789abcdef', 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[r.int(0, 3)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function finish<T>(name: string, schema: Parameters<typeof validateFixture>[1], built: T, overrides: unknown, validate: boolean): T {
  const merged = mergeOverrides(built, overrides);
  return validate ? validateFixture(name, schema, merged) : merged;
}

/**
 * Builds a webhook configuration as AgentPhone's `POST /v1/webhooks` returns it: `wh_` ID, an
 * https URL, a fresh `whsec_` secret, status `active`, contextLimit 10 and timeout 30 (the
 * defaults), created a few days before `now`.
 *
 * @param overrides Any fields to set (objects merge, arrays replace).
 * @param options `seed`, `now`, `validate`.
 * @returns A valid `WebhookConfig`.
 * @example
 * ```ts
 * server.use(http.post(`${api}/v1/webhooks`, () => HttpResponse.json(buildWebhookConfig({ contextLimit: 20 }))));
 * ```
 */
export function buildWebhookConfig(overrides?: Overrides<WebhookConfig>, options?: BuildOptions): WebhookConfig {
  const o = resolveOptions(options);
  const rand = new Random(o.seed).child('webhookConfig');
  const config: WebhookConfig = {
    id: makeId('wh', rand.stream('id')),
    url: `https://${rand.stream('host').pick(HOSTS)}/webhooks/agentphone`,
    secret: `whsec_${rand.stream('secret').chars(BASE62, 32)}`,
    status: 'active',
    contextLimit: 10,
    timeout: 30,
    createdAt: isoSeconds(o.nowMs - rand.stream('age').int(3600, 30 * 86400) * 1000),
  };
  return finish('buildWebhookConfig', webhookConfigSchema, config, overrides, o.validate);
}

/**
 * Builds the test endpoint's answer. By default the endpoint answered 200; override
 * `success`/`httpStatus`/`errorMessage` (or use the documented failure shapes) for the rest.
 *
 * @param overrides Any fields to set.
 * @param options `validate`.
 * @returns `{ success, httpStatus, errorMessage }`.
 * @example
 * ```ts
 * buildWebhookTestResult({ success: false, httpStatus: null, errorMessage: 'Connection refused' });
 * ```
 */
export function buildWebhookTestResult(overrides?: Overrides<WebhookTestResult>, options?: BuildOptions): WebhookTestResult {
  const o = resolveOptions(options);
  return finish('buildWebhookTestResult', webhookTestResultSchema, { success: true, httpStatus: 200, errorMessage: null }, overrides, o.validate);
}

/** Options of {@link buildWebhookDelivery}. @example `buildWebhookDelivery({}, { status: 'failed' })` */
export interface WebhookDeliveryOptions extends BuildOptions {
  /** The record's status; its other fields follow it (attempts, retry time, error). @default seeded: mostly delivered */
  status?: 'delivered' | 'failed' | 'pending' | undefined;
}

function deliveryRecord(rand: Random, nowMs: number, status: 'delivered' | 'failed' | 'pending' | undefined): WebhookDelivery {
  if (status !== undefined && !['delivered', 'failed', 'pending'].includes(status)) {
    throw new FixtureOptionError('status', '"delivered", "failed" or "pending"', status);
  }
  const picked = status ?? rand.stream('status').weighted([['delivered', 8], ['failed', 1], ['pending', 1]] as const);
  const attempts =
    picked === 'failed' ? RETRY_SCHEDULE_SECONDS.length : picked === 'pending' ? rand.stream('attempts').int(1, 5) : rand.stream('attempts').weighted([[1, 8], [2, 1], [3, 1]] as const);
  const lastOffset = RETRY_SCHEDULE_SECONDS[attempts - 1] as number;
  // The last attempt happened a little before now (for a pending record, less than the wait to
  // its next retry, which is still ahead); the first one, the schedule's offset before it.
  const wait = picked === 'pending' ? (RETRY_SCHEDULE_SECONDS[attempts] as number) - lastOffset : 3600;
  const lastMs = Math.floor(nowMs / 1000) * 1000 - rand.stream('lastAge').int(5, Math.min(3600, wait - 1)) * 1000;
  const createdMs = lastMs - lastOffset * 1000;
  const channel = rand.stream('channel').pick(['sms', 'voice', 'imessage'] as const);
  const failedStatus = rand.stream('failedStatus').pick([500, 502, 503, null] as const);
  return {
    id: uuid(rand.stream('id')),
    messageId: channel === 'voice' ? null : makeId('msg', rand.stream('messageId')),
    eventType: 'agent.message',
    channel,
    status: picked,
    httpStatus: picked === 'delivered' ? 200 : picked === 'failed' ? failedStatus : 503,
    errorMessage:
      picked === 'delivered' ? null : picked === 'failed' && failedStatus === null ? 'Request timed out after 30s' : `HTTP ${picked === 'failed' ? failedStatus : 503}`,
    responseBody:
      picked === 'delivered'
        ? '{"ok":true}'
        : picked === 'failed'
          ? failedStatus === null
            ? null
            : STATUS_TEXT[failedStatus]
          : STATUS_TEXT[503],
    attemptCount: attempts,
    lastAttemptAt: isoSeconds(lastMs),
    nextRetryAt: picked === 'pending' ? isoSeconds(createdMs + (RETRY_SCHEDULE_SECONDS[attempts] as number) * 1000) : null,
    createdAt: isoSeconds(createdMs),
  };
}

/**
 * Builds one delivery-log record whose fields agree with each other and with AgentPhone's retry
 * schedule: a delivered record has status 200 and no next retry; a failed one used all 6
 * attempts; a pending one has its next retry on the schedule.
 *
 * @param overrides Any fields to set.
 * @param options `seed`, `now`, `validate`, and `status`.
 * @returns A valid `WebhookDelivery`.
 * @example
 * ```ts
 * const failed = buildWebhookDelivery({}, { status: 'failed', seed: 2 });
 * failed.attemptCount; // 6
 * ```
 */
export function buildWebhookDelivery(overrides?: Overrides<WebhookDelivery>, options?: WebhookDeliveryOptions): WebhookDelivery {
  const o = resolveOptions(options);
  const record = deliveryRecord(new Random(o.seed).child('webhookDelivery'), o.nowMs, options?.status);
  return finish('buildWebhookDelivery', webhookDeliverySchema, record, overrides, o.validate);
}

/**
 * Builds a page of `GET /v1/webhooks/deliveries`: `count` records, newest first, with `total`,
 * `offset` and `limit` consistent with them.
 *
 * @param count Number of records on the page, 0–100.
 * @param options `seed`, `now`, `validate`.
 * @returns A valid `WebhookDeliveryList`.
 * @example
 * ```ts
 * const page = buildWebhookDeliveryList(3, { seed: 1 });
 * page.items.length; // 3
 * ```
 */
export function buildWebhookDeliveryList(count: number, options?: BuildOptions): WebhookDeliveryList {
  if (!Number.isInteger(count) || count < 0 || count > 100) throw new FixtureOptionError('count', 'an integer from 0 to 100', count);
  const o = resolveOptions(options);
  const rand = new Random(o.seed).child('webhookDeliveryList');
  const items = Array.from({ length: count }, (_, i) => deliveryRecord(rand.child(`item${i}`), o.nowMs, undefined));
  items.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const list: WebhookDeliveryList = { items, total: count + rand.stream('more').int(0, 40), offset: 0, limit: 50 };
  return o.validate ? validateFixture('buildWebhookDeliveryList', webhookDeliveryListSchema, list) : list;
}

/**
 * Builds `GET /v1/webhooks/deliveries/stats` for the last 24 hours: totals that add up
 * (success + failed + pending = total), a success rate in percent, counts per event type and 24
 * hourly buckets.
 *
 * @param overrides Any fields to set.
 * @param options `seed`, `now`, `validate`.
 * @returns A valid `WebhookDeliveryStats`.
 * @example
 * ```ts
 * buildWebhookDeliveryStats({}, { seed: 4 }).successRate; // e.g. 97.9
 * ```
 */
export function buildWebhookDeliveryStats(overrides?: Overrides<WebhookDeliveryStats>, options?: BuildOptions): WebhookDeliveryStats {
  const o = resolveOptions(options);
  const rand = new Random(o.seed).child('webhookDeliveryStats');
  const hourStart = Math.floor(o.nowMs / 3_600_000) * 3_600_000;
  const byHour = Array.from({ length: 24 }, (_, i) => {
    const r = rand.stream(`hour${i}`);
    const total = r.int(0, 40);
    const failed = r.chance(0.15) ? r.int(0, Math.min(3, total)) : 0;
    return { hour: isoSeconds(hourStart - (23 - i) * 3_600_000), total, success: total - failed, failed };
  });
  const total = byHour.reduce((sum, h) => sum + h.total, 0);
  const failed = byHour.reduce((sum, h) => sum + h.failed, 0);
  const pending = Math.min(total - failed, rand.stream('pending').int(0, 2));
  const success = total - failed - pending;
  const stats: WebhookDeliveryStats = {
    total,
    success,
    failed,
    pending,
    successRate: total === 0 ? 0 : Math.round((success / total) * 1000) / 10,
    byEventType: { 'agent.message': { total, success, failed } },
    byHour,
  };
  return finish('buildWebhookDeliveryStats', webhookDeliveryStatsSchema, stats, overrides, o.validate);
}

const API_ERRORS = {
  validation: {
    message: 'Validation error',
    code: 'VALIDATION_ERROR',
    type: 'validation_error',
    details: [{ field: 'url', message: 'URL must use HTTPS', type: 'value_error' }],
  },
  rate_limit: { message: 'Rate limit exceeded. Limit: 10 requests per 60s', code: 'RATE_LIMIT_EXCEEDED', type: 'rate_limit_error' },
  insufficient_balance: { message: 'Insufficient balance to complete this request', code: 'INSUFFICIENT_BALANCE', type: 'payment_error' },
  not_found: { message: 'Phone number not found', code: 'PHONE_NUMBER_NOT_FOUND', type: 'not_found_error' },
  carrier: { message: 'The carrier rejected the request', code: 'CARRIER_ERROR', type: 'api_error' },
} as const;

/** Kinds of documented `{ error }` bodies {@link buildApiError} builds. @example `const kind: ApiErrorKind = 'rate_limit';` */
export type ApiErrorKind = keyof typeof API_ERRORS;

/**
 * Builds a documented `{ error: { message, code, type, details? } }` body for a mock of
 * AgentPhone's API: `validation` (422, with details), `rate_limit` (429), `insufficient_balance`
 * (402), `not_found` (404), `carrier` (502).
 *
 * @param kind Which error.
 * @param overrides Any fields to set.
 * @param options `validate`.
 * @returns A valid `ApiError`.
 * @throws {FixtureOptionError} for an unknown kind.
 * @example
 * ```ts
 * server.use(http.post(`${api}/v1/webhooks/test`, () => HttpResponse.json(buildApiError('rate_limit'), { status: 429 })));
 * ```
 */
export function buildApiError(kind: ApiErrorKind, overrides?: Overrides<ApiError>, options?: BuildOptions): ApiError {
  const o = resolveOptions(options);
  if (!Object.hasOwn(API_ERRORS, kind)) {
    throw new FixtureOptionError('kind', Object.keys(API_ERRORS).map((k) => `"${k}"`).join(', '), kind);
  }
  const body = structuredClone({ error: API_ERRORS[kind] }) as ApiError;
  return finish('buildApiError', apiErrorSchema, body, overrides, o.validate);
}

/**
 * Builds the FastAPI `{ detail }` error body some AgentPhone endpoints answer with: a string, or
 * (for `422`) a list of `{ loc, msg, type }`.
 *
 * @param form `'string'` or `'list'`.
 * @param options `validate`.
 * @returns A valid `FastApiError`.
 * @example
 * ```ts
 * buildFastApiError('list'); // { detail: [{ loc: ['body', 'url'], msg: 'field required', type: 'value_error.missing' }] }
 * ```
 */
export function buildFastApiError(form: 'string' | 'list' = 'string', options?: BuildOptions): FastApiError {
  const o = resolveOptions(options);
  if (form !== 'string' && form !== 'list') throw new FixtureOptionError('form', '"string" or "list"', form);
  const body: FastApiError =
    form === 'string' ? { detail: 'Webhook not found' } : { detail: [{ loc: ['body', 'url'], msg: 'field required', type: 'value_error.missing' }] };
  return o.validate ? validateFixture('buildFastApiError', fastApiErrorSchema, body) : body;
}
