// Public surface of `agentphone-fixtures`: everything in `./schemas`, plus the builders.
// Internals (the seeded random streams, the text corpus, option resolution) stay private.
export * from './schemas/index.js';
export * from './signing/index.js';
// REST shapes are for mocking AgentPhone's API in tests: main entry only, not ./schemas.
export {
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
export type {
  ApiError,
  FastApiError,
  WebhookConfig,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookDeliveryStats,
  WebhookTestResult,
} from './schemas/rest.js';


export { CliError, ScenarioError } from './errors.js';
export type { ScenarioProblem } from './errors.js';
export { REFERENCE_NOW } from './builders/clock.js';
export { buildAgentMessageEvent } from './builders/agent-message.js';
export { buildHistory, buildHistoryEntry } from './builders/history.js';
export { buildSmsEvent } from './builders/sms.js';
export { buildVoiceEvent } from './builders/voice.js';
export { buildIMessageEvent, buildMmsEvent, buildWhatsAppEvent } from './builders/messaging-channels.js';
export { buildCallEndedEvent } from './builders/call-ended.js';
export { buildReactionEvent } from './builders/reaction.js';
export { buildVoiceReply, buildVoiceReplyStream } from './builders/voice-reply.js';
export { createFixtures } from './builders/fixtures.js';
export { DEFAULT_WEBHOOK_URL, createSignedDelivery } from './delivery/signed-delivery.js';
export { RETRY_SCHEDULE_SECONDS, deliveryFaults } from './delivery/faults.js';
export { deliver } from './delivery/deliver.js';
export { toJsonSchemas } from './json-schema.js';
// Conversations and calls over time, and scenario scripts (docs/scenarios.md).
export { Conversation, conversation } from './scenarios/conversation.js';
export { VoiceCall, voiceCall } from './scenarios/voice-call.js';
export { checkScenario, runScenario, scenarioEvents } from './scenarios/script.js';
export { parseDuration } from './scenarios/duration.js';
export { scenarioScriptSchema } from './scenarios/script-schema.js';
// Payloads that each break one schema rule, for negative tests (docs/negative-testing.md).
export { invalidVariants } from './invalid/variants.js';
export {
  buildApiError,
  buildFastApiError,
  buildWebhookConfig,
  buildWebhookDelivery,
  buildWebhookDeliveryList,
  buildWebhookDeliveryStats,
  buildWebhookTestResult,
} from './builders/rest.js';

export type { AgentMessageEventFor } from './builders/agent-message.js';
export type { Fixtures, FixturesConfig } from './builders/fixtures.js';
export type { HistoryOptions } from './builders/history.js';
export type { BuildOptions } from './builders/options.js';
export type { Overrides } from './builders/overrides.js';
export type { MessagingBuildOptions } from './builders/messaging-channels.js';
export type { CallEndedOptions } from './builders/call-ended.js';
export type { ReactionOptions } from './builders/reaction.js';
export type { VoiceReplyOptions, VoiceReplyStream, VoiceReplyStreamOptions } from './builders/voice-reply.js';
export type { ApiErrorKind, WebhookDeliveryOptions } from './builders/rest.js';
export type { SignedDelivery, SignedDeliveryOptions } from './delivery/signed-delivery.js';
export type { DeliveryFault, DeliveryFaultName, DeliveryFaultOptions } from './delivery/faults.js';
export type { DeliverOptions, DeliveryResult, DeliveryTarget, FetchHandler, NodeRequestListener, VoiceReplyRaw } from './delivery/deliver.js';
export type { InvalidVariant, InvalidVariantCategory, InvalidVariantsOptions } from './invalid/types.js';
export type { ConversationChannel, ConversationEvent, ConversationOptions } from './scenarios/conversation.js';
export type { CallEndOptions, VoiceCallOptions } from './scenarios/voice-call.js';
export type { ThreadOptions } from './scenarios/identity.js';
export type { ConversationTurn } from './scenarios/timeline.js';
export type { RunScenarioOptions, ScenarioCallTurn, ScenarioEvent, ScenarioScript, ScenarioTurn } from './scenarios/script.js';
