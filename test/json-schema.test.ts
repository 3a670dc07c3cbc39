import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  buildCallEndedEvent,
  buildIMessageEvent,
  buildMmsEvent,
  buildReactionEvent,
  buildVoiceReply,
  buildVoiceReplyStream,
  buildWhatsAppEvent,
  buildSmsEvent,
  buildVoiceEvent,
  buildWebhookConfig,
  buildWebhookDelivery,
  buildWebhookDeliveryList,
  buildWebhookDeliveryStats,
  historyEntrySchema,
  safeParseWebhookEvent,
  toJsonSchemas,
} from '../src/index.js';
import { JSON_SCHEMA_SOURCES } from '../src/json-schema.js';

// The files users in other languages validate against: the ones shipped in dist/json-schema.
const shipped = join(import.meta.dirname, '../dist/json-schema');
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
const files = Object.fromEntries(
  readdirSync(shipped).map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(shipped, file), 'utf8')) as object]),
);
const validators = Object.fromEntries(Object.entries(files).map(([name, schema]) => [name, ajv.compile(schema)]));

function agree(name: string, value: unknown): void {
  const zodOk = JSON_SCHEMA_SOURCES[name]!.schema.safeParse(value).success;
  const ajvOk = validators[name]!(value);
  if (zodOk !== ajvOk) {
    throw new Error(`${name}: zod says ${zodOk}, Ajv says ${ajvOk} for ${JSON.stringify(value).slice(0, 300)}\n${JSON.stringify(validators[name]!.errors)}`);
  }
}

describe('shipped JSON Schemas', () => {
  it('are exactly what toJsonSchemas() generates, one draft 2020-12 file per shape', () => {
    expect(Object.keys(files).sort()).toEqual(Object.keys(JSON_SCHEMA_SOURCES).sort());
    expect(files).toEqual(toJsonSchemas());
    for (const schema of Object.values(files)) expect((schema as { $schema: string }).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('accept every published example that Zod accepts, and reject the abridged one', () => {
    const dir = join(import.meta.dirname, 'fixtures/agentphone-examples');
    for (const file of readdirSync(dir).filter((f) => f.startsWith('agent.') && f.endsWith('.json'))) {
      const value: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      agree('webhook-event', value);
      agree('agent.message', value);
    }
    const abridged: unknown = JSON.parse(readFileSync(join(dir, 'abridged/agent.message.sms.docs-repo-quickstart.json'), 'utf8'));
    expect(validators['webhook-event']!(abridged)).toBe(false);
    expect(safeParseWebhookEvent(abridged).success).toBe(false);
  });

  it('never disagree with Zod on thousands of built payloads and one-field mutations of them', () => {
    const junk = [null, 5, '', 'x', '+1', [], {}, true, '2025-01-15', 1.5, -1, 51];
    let state = 9;
    const pick = <T>(items: readonly T[]): T => items[(state = (Math.imul(state, 1103515245) + 12345) >>> 0) % items.length]!;
    for (let seed = 0; seed < 2_000; seed++) {
      const sms = buildSmsEvent({}, { seed, history: seed % 4 });
      const voice = buildVoiceEvent({}, { seed, history: seed % 3 });
      for (const [name, event] of [['agent.message.sms', sms], ['agent.message.voice', voice]] as const) {
        agree(name, event);
        agree('agent.message', event);
        agree('webhook-event', event);
        const mutated = structuredClone(event) as Record<string, Record<string, unknown>>;
        const key = pick(Object.keys(mutated['data']!));
        mutated['data']![key] = pick(junk);
        agree(name, mutated);
        agree('webhook-event', mutated);
        const top = structuredClone(event) as Record<string, unknown>;
        top[pick(['event', 'channel', 'timestamp', 'agentId', 'conversationState', 'recentHistory'])] = pick(junk);
        agree('webhook-event', top);
      }
      for (const entry of sms.recentHistory) {
        expect(historyEntrySchema.safeParse(entry).success).toBe(true);
        agree('history-entry', entry);
      }
    }
    for (let seed = 0; seed < 300; seed++) {
      agree('rest.webhook-config', buildWebhookConfig({}, { seed }));
      agree('rest.webhook-delivery', buildWebhookDelivery({}, { seed }));
      agree('rest.webhook-delivery-list', buildWebhookDeliveryList(seed % 5, { seed }));
      agree('rest.webhook-delivery-stats', buildWebhookDeliveryStats({}, { seed }));
      agree('rest.webhook-config', { ...buildWebhookConfig({}, { seed }), contextLimit: pick(junk) });
    }
  });

  it('never disagree on every other event, channel and voice reply (thousands of built payloads)', () => {
    const kinds = [
      ['agent.message.mms', buildMmsEvent],
      ['agent.message.imessage', buildIMessageEvent],
      ['agent.message.whatsapp', buildWhatsAppEvent],
      ['agent.call_ended', buildCallEndedEvent],
      ['agent.reaction', buildReactionEvent],
    ] as const;
    for (let seed = 0; seed < 600; seed++) {
      for (const [name, build] of kinds) {
        const event = build({}, { seed });
        agree(name, event);
        agree('webhook-event', event);
        expect(validators[name]!(event), name).toBe(true);
      }
      agree('voice-reply', buildVoiceReply({}, { seed }));
      for (const chunk of buildVoiceReplyStream({ seed }).chunks) agree('voice-reply', chunk);
      agree('voice-reply', { text: 5 });
      agree('agent.reaction', { ...buildReactionEvent({}, { seed }), channel: 'sms' });
    }
  });
});
