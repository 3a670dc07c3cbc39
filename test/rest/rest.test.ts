import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildApiError,
  buildFastApiError,
  buildWebhookConfig,
  buildWebhookDelivery,
  buildWebhookDeliveryList,
  buildWebhookDeliveryStats,
  buildWebhookTestResult,
} from '../../src/builders/rest.js';
import {
  agentWebhookDeliveryListSchema,
  apiErrorBodySchema,
  apiErrorSchema,
  webhookConfigSchema,
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookDeliveryStatsSchema,
  webhookTestResultSchema,
} from '../../src/schemas/rest.js';
import { FixtureOptionError, FixtureValidationError, RETRY_SCHEDULE_SECONDS } from '../../src/index.js';

const dir = join(import.meta.dirname, '../fixtures/agentphone-examples');
const read = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));

describe('REST schemas accept AgentPhone’s published examples', () => {
  it.each([
    ['rest.post-webhooks.response.docs-repo-webhooks.json', webhookConfigSchema],
    ['rest.post-agent-webhook.response.agent-webhooks-guide.json', webhookConfigSchema],
    ['rest.webhooks-test.response.testing-guide.json', webhookTestResultSchema],
    ['rest.webhooks-deliveries.response.api-reference.json', webhookDeliveryListSchema],
    ['rest.agent-webhook-deliveries.response.api-reference.json', agentWebhookDeliveryListSchema],
    ['rest.error.validation.error-handling-guide.json', apiErrorSchema],
    ['rest.error.rate-limit.error-handling-guide.json', apiErrorBodySchema],
  ] as const)('%s', (file, schema) => {
    const example = read(file);
    expect(schema.parse(example)).toEqual(example);
  });

  it('rejects out-of-range values with their paths', () => {
    const config = read('rest.post-webhooks.response.docs-repo-webhooks.json') as Record<string, unknown>;
    const result = webhookConfigSchema.safeParse({ ...config, contextLimit: 51, timeout: 4 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['contextLimit', 'timeout']);
    expect(apiErrorBodySchema.safeParse({ message: 'x' }).success).toBe(false);
  });
});

describe('REST builders', () => {
  it('build valid, deterministic shapes for 1,000 seeds', () => {
    for (let seed = 0; seed < 1_000; seed++) {
      webhookConfigSchema.parse(buildWebhookConfig({}, { seed }));
      webhookDeliverySchema.parse(buildWebhookDelivery({}, { seed }));
      webhookDeliveryStatsSchema.parse(buildWebhookDeliveryStats({}, { seed }));
    }
    expect(buildWebhookConfig({}, { seed: 3 })).toEqual(buildWebhookConfig({}, { seed: 3 }));
    expect(buildWebhookConfig({}, { seed: 3 }).secret).not.toBe(buildWebhookConfig({}, { seed: 4 }).secret);
  });

  it('make a webhook config with AgentPhone’s defaults and formats', () => {
    const config = buildWebhookConfig({}, { seed: 1, now: '2026-01-01T00:00:00Z' });
    expect(config).toMatchObject({ status: 'active', contextLimit: 10, timeout: 30 });
    expect(config.id).toMatch(/^wh_[a-z0-9]{12}$/);
    expect(config.secret).toMatch(/^whsec_[A-Za-z0-9]{32}$/);
    expect(config.url).toMatch(/^https:\/\//);
    expect(config.createdAt < '2026-01-01T00:00:00Z').toBe(true);
    expect(() => buildWebhookConfig({ contextLimit: 60 })).toThrow(FixtureValidationError);
  });

  it('keep delivery records consistent with their status and the retry schedule', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    for (let seed = 0; seed < 300; seed++) {
      const delivered = buildWebhookDelivery({}, { seed, status: 'delivered', now: new Date(now) });
      expect(delivered.httpStatus).toBe(200);
      expect(delivered.nextRetryAt).toBeNull();
      const failed = buildWebhookDelivery({}, { seed, status: 'failed', now: new Date(now) });
      expect(failed.attemptCount).toBe(6);
      expect(failed.nextRetryAt).toBeNull();
      expect(failed.errorMessage).not.toBeNull();
      const elapsed = (Date.parse(failed.lastAttemptAt!) - Date.parse(failed.createdAt)) / 1000;
      expect(elapsed).toBe(RETRY_SCHEDULE_SECONDS[5]);
      const pending = buildWebhookDelivery({}, { seed, status: 'pending', now: new Date(now) });
      expect(Date.parse(pending.nextRetryAt!)).toBeGreaterThan(now);
      expect((Date.parse(pending.nextRetryAt!) - Date.parse(pending.createdAt)) / 1000).toBe(RETRY_SCHEDULE_SECONDS[pending.attemptCount]);
    }
    expect(() => buildWebhookDelivery({}, { status: 'lost' as 'failed' })).toThrow(FixtureOptionError);
  });

  it('page deliveries newest first and add up the stats', () => {
    const page = buildWebhookDeliveryList(5, { seed: 2 });
    expect(page.items).toHaveLength(5);
    expect(page.total).toBeGreaterThanOrEqual(5);
    const created = page.items.map((i) => i.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    expect(() => buildWebhookDeliveryList(101)).toThrow(/"count": expected an integer from 0 to 100/);
    const stats = buildWebhookDeliveryStats({}, { seed: 2 });
    expect(stats.success + stats.failed + stats.pending).toBe(stats.total);
    expect(stats.byHour).toHaveLength(24);
    expect(stats.byHour.reduce((n, h) => n + (h['total'] as number), 0)).toBe(stats.total);
  });

  it('build both error body shapes and the test endpoint result', () => {
    expect(buildApiError('rate_limit').error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(buildApiError('validation').error.details?.[0]?.field).toBe('url');
    expect(() => buildApiError('teapot' as 'rate_limit')).toThrow(FixtureOptionError);
    expect(apiErrorBodySchema.parse(buildFastApiError('list'))).toEqual(buildFastApiError('list'));
    expect(buildFastApiError()).toEqual({ detail: 'Webhook not found' });
    expect(buildWebhookTestResult()).toEqual({ success: true, httpStatus: 200, errorMessage: null });
    expect(buildWebhookTestResult({ success: false, httpStatus: null, errorMessage: 'Connection refused' }).httpStatus).toBeNull();
  });
});
