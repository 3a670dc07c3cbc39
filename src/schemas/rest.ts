import * as z from 'zod';
import { expected, idSchema, isoTimestampSchema } from './primitives.js';

const int = (min: number, max: number, what: string) =>
  z.number(expected(what)).int(expected(what)).min(min, expected(what)).max(max, expected(what));
const nullableString = z.string(expected('a string or null')).nullable();
const nonEmpty = (what: string) => z.string(expected(what)).min(1, expected(what));

/**
 * A webhook's configuration, as `POST /v1/webhooks` and `POST /v1/agents/{id}/webhook` return it
 * (and `GET` on either path). `timeout` is optional: AgentPhone's own examples omit it.
 *
 * @example
 * ```ts
 * webhookConfigSchema.parse(await (await fetch(`${api}/v1/webhooks`)).json());
 * ```
 */
export const webhookConfigSchema = z.looseObject(
  {
    id: idSchema,
    url: nonEmpty('a URL string'),
    secret: nonEmpty('a signing secret (whsec_…)'),
    status: nonEmpty('a non-empty status string'),
    contextLimit: int(0, 50, 'an integer from 0 to 50'),
    timeout: int(5, 120, 'a whole number of seconds from 5 to 120').optional(),
    createdAt: isoTimestampSchema,
  },
  expected('an object'),
);

/**
 * What the test endpoints (`POST /v1/webhooks/test`, `POST /v1/agents/{id}/webhook/test`)
 * answer: your endpoint's status, or `null` when it could not be reached.
 *
 * @example
 * ```ts
 * webhookTestResultSchema.parse({ success: true, httpStatus: 200, errorMessage: null });
 * ```
 */
export const webhookTestResultSchema = z.looseObject(
  {
    success: z.boolean(expected('true or false')),
    httpStatus: int(100, 599, 'an HTTP status code or null').nullable(),
    errorMessage: nullableString,
  },
  expected('an object'),
);

/**
 * One delivery record of the delivery log (every key always present).
 *
 * @example
 * ```ts
 * const delivery: WebhookDelivery = webhookDeliverySchema.parse(item);
 * ```
 */
export const webhookDeliverySchema = z.looseObject(
  {
    id: idSchema,
    messageId: nullableString,
    eventType: nullableString,
    channel: nullableString,
    status: nonEmpty('a non-empty status string'),
    httpStatus: int(100, 599, 'an HTTP status code or null').nullable(),
    errorMessage: nullableString,
    responseBody: nullableString,
    attemptCount: int(1, 6, 'an attempt count from 1 to 6'),
    lastAttemptAt: isoTimestampSchema.nullable(),
    nextRetryAt: isoTimestampSchema.nullable(),
    createdAt: isoTimestampSchema,
  },
  expected('an object'),
);

/**
 * `GET /v1/webhooks/deliveries`: a page of delivery records.
 *
 * @example
 * ```ts
 * const page: WebhookDeliveryList = webhookDeliveryListSchema.parse(body);
 * ```
 */
export const webhookDeliveryListSchema = z.looseObject(
  {
    items: z.array(webhookDeliverySchema, expected('an array of delivery records')),
    total: int(0, Number.MAX_SAFE_INTEGER, 'a count ≥ 0'),
    offset: int(0, Number.MAX_SAFE_INTEGER, 'an offset ≥ 0'),
    limit: int(1, 100, 'a limit from 1 to 100'),
  },
  expected('an object'),
);

/**
 * `GET /v1/agents/{id}/webhook/deliveries`: a bare array of delivery records.
 *
 * @example
 * ```ts
 * agentWebhookDeliveryListSchema.parse(body).length;
 * ```
 */
export const agentWebhookDeliveryListSchema = z.array(webhookDeliverySchema, expected('an array of delivery records'));

/**
 * `GET /v1/webhooks/deliveries/stats`.
 *
 * @example
 * ```ts
 * webhookDeliveryStatsSchema.parse(body).successRate;
 * ```
 */
export const webhookDeliveryStatsSchema = z.looseObject(
  {
    total: int(0, Number.MAX_SAFE_INTEGER, 'a count ≥ 0'),
    success: int(0, Number.MAX_SAFE_INTEGER, 'a count ≥ 0'),
    failed: int(0, Number.MAX_SAFE_INTEGER, 'a count ≥ 0'),
    pending: int(0, Number.MAX_SAFE_INTEGER, 'a count ≥ 0'),
    successRate: z.number(expected('a number')),
    byEventType: z.record(z.string(), z.record(z.string(), z.number()), expected('an object of counts per event')),
    byHour: z.array(z.record(z.string(), z.unknown()), expected('an array of objects')),
  },
  expected('an object'),
);

/**
 * The documented error envelope: `{ error: { message, code, type, details? } }`.
 *
 * @example
 * ```ts
 * apiErrorSchema.parse({ error: { message: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED', type: 'rate_limit_error' } });
 * ```
 */
export const apiErrorSchema = z.looseObject(
  {
    error: z.looseObject(
      {
        message: z.string(expected('a string')),
        code: nonEmpty('an error code such as VALIDATION_ERROR'),
        type: nonEmpty('an error type such as validation_error'),
        details: z
          .array(
            z.looseObject({ field: z.string(expected('a string')), message: z.string(expected('a string')), type: z.string(expected('a string')) }),
            expected('an array of field errors'),
          )
          .optional(),
      },
      expected('an object'),
    ),
  },
  expected('an object'),
);

/**
 * The FastAPI error shape some endpoints answer with: `{ detail: string }` or
 * `{ detail: [{ loc, msg, type }] }`.
 *
 * @example
 * ```ts
 * fastApiErrorSchema.parse({ detail: [{ loc: ['body', 'url'], msg: 'field required', type: 'value_error.missing' }] });
 * ```
 */
export const fastApiErrorSchema = z.looseObject(
  {
    detail: z.union(
      [
        z.string(),
        z.array(
          z.looseObject({
            loc: z.array(z.union([z.string(), z.number()])),
            msg: z.string(),
            type: z.string(),
          }),
        ),
      ],
      expected('a string or an array of { loc, msg, type }'),
    ),
  },
  expected('an object'),
);

/**
 * Either error body AgentPhone's API sends.
 *
 * @example
 * ```ts
 * const body = apiErrorBodySchema.parse(await response.json());
 * const message = 'error' in body ? body.error.message : typeof body.detail === 'string' ? body.detail : body.detail[0]?.msg;
 * ```
 */
export const apiErrorBodySchema = z.union([apiErrorSchema, fastApiErrorSchema], expected('an { error } or a { detail } error body'));

/** A webhook configuration. @example `const config: WebhookConfig = buildWebhookConfig();` */
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;
/** The test endpoint's result. @example `const result: WebhookTestResult = { success: true, httpStatus: 200, errorMessage: null };` */
export type WebhookTestResult = z.infer<typeof webhookTestResultSchema>;
/** One delivery record. @example `const delivery: WebhookDelivery = buildWebhookDelivery();` */
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
/** A page of delivery records. @example `const page: WebhookDeliveryList = buildWebhookDeliveryList(3);` */
export type WebhookDeliveryList = z.infer<typeof webhookDeliveryListSchema>;
/** Delivery statistics. @example `const stats: WebhookDeliveryStats = buildWebhookDeliveryStats();` */
export type WebhookDeliveryStats = z.infer<typeof webhookDeliveryStatsSchema>;
/** The `{ error }` envelope. @example `const body: ApiError = buildApiError('rate_limit');` */
export type ApiError = z.infer<typeof apiErrorSchema>;
/** The `{ detail }` body. @example `const body: FastApiError = { detail: 'Not found' };` */
export type FastApiError = z.infer<typeof fastApiErrorSchema>;
