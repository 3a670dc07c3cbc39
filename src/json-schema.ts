import * as z from 'zod';
import { scenarioScriptSchema } from './scenarios/script-schema.js';
import { agentMessageEventSchema, webhookEventSchema } from './schemas/events.js';
import { callEndedEventSchema } from './schemas/call-ended.js';
import { imessageEventSchema, mmsEventSchema, whatsappEventSchema } from './schemas/channels.js';
import { historyEntrySchema } from './schemas/history.js';
import { reactionEventSchema } from './schemas/reaction.js';
import { smsEventSchema } from './schemas/messaging.js';
import {
  agentWebhookDeliveryListSchema,
  apiErrorBodySchema,
  apiErrorSchema,
  fastApiErrorSchema,
  webhookConfigSchema,
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookDeliveryStatsSchema,
  webhookTestResultSchema,
} from './schemas/rest.js';
import { voiceEventSchema } from './schemas/voice.js';
import { voiceReplySchema } from './schemas/voice-reply.js';

/**
 * Every shape published as JSON Schema, by file name (without `.json`), with a title.
 * @internal
 */
export const JSON_SCHEMA_SOURCES: Readonly<Record<string, { readonly schema: z.ZodType; readonly title: string }>> = {
  'webhook-event': { schema: webhookEventSchema, title: 'Any AgentPhone webhook event' },
  'agent.message': { schema: agentMessageEventSchema, title: 'AgentPhone agent.message webhook (any channel)' },
  'agent.message.sms': { schema: smsEventSchema, title: 'AgentPhone agent.message webhook on the sms channel' },
  'agent.message.mms': { schema: mmsEventSchema, title: 'AgentPhone agent.message webhook on the mms channel' },
  'agent.message.imessage': { schema: imessageEventSchema, title: 'AgentPhone agent.message webhook on the imessage channel' },
  'agent.message.whatsapp': { schema: whatsappEventSchema, title: 'AgentPhone agent.message webhook on the whatsapp channel' },
  'agent.message.voice': { schema: voiceEventSchema, title: 'AgentPhone agent.message webhook on the voice channel' },
  'agent.call_ended': { schema: callEndedEventSchema, title: 'AgentPhone agent.call_ended webhook' },
  'agent.reaction': { schema: reactionEventSchema, title: 'AgentPhone agent.reaction webhook' },
  'history-entry': { schema: historyEntrySchema, title: 'One recentHistory entry' },
  'voice-reply': { schema: voiceReplySchema, title: 'A voice handler reply (one JSON object, or one NDJSON chunk)' },
  'rest.webhook-config': { schema: webhookConfigSchema, title: 'Webhook configuration (POST /v1/webhooks response)' },
  'rest.webhook-test-result': { schema: webhookTestResultSchema, title: 'Webhook test endpoint result' },
  'rest.webhook-delivery': { schema: webhookDeliverySchema, title: 'One webhook delivery record' },
  'rest.webhook-delivery-list': { schema: webhookDeliveryListSchema, title: 'GET /v1/webhooks/deliveries page' },
  'rest.agent-webhook-delivery-list': { schema: agentWebhookDeliveryListSchema, title: 'GET /v1/agents/{id}/webhook/deliveries' },
  'rest.webhook-delivery-stats': { schema: webhookDeliveryStatsSchema, title: 'GET /v1/webhooks/deliveries/stats' },
  'rest.error': { schema: apiErrorSchema, title: 'API error body { error: { message, code, type, details } }' },
  'rest.error-detail': { schema: fastApiErrorSchema, title: 'API error body { detail }' },
  'rest.error-body': { schema: apiErrorBodySchema, title: 'Either API error body' },
  'scenario-script': { schema: scenarioScriptSchema, title: 'An agentphone-fixtures scenario script (generate conversation --script)' },
};

/**
 * The JSON Schemas (draft 2020-12) of every event, channel variant and REST shape, and of
 * scenario scripts (`scenario-script`, for editors that validate YAML), generated
 * from the Zod schemas: for handlers in Python, Go or Ruby. The same files ship in the package
 * under `agentphone-fixtures/json-schema/<name>.json`, and `agentphone-fixtures schema --out DIR`
 * writes them. Rules JSON Schema cannot express (cross-field checks) are left out of the files;
 * the Zod schemas still apply them.
 *
 * @returns File name (without `.json`) → JSON Schema document.
 * @example
 * ```ts
 * const schemas = toJsonSchemas();
 * fs.writeFileSync('agent.message.sms.json', JSON.stringify(schemas['agent.message.sms'], null, 2));
 * ```
 */
export function toJsonSchemas(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, { schema, title }] of Object.entries(JSON_SCHEMA_SOURCES)) {
    const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    const { $schema, ...rest } = generated;
    out[name] = { $schema, title, ...rest };
  }
  return out;
}
