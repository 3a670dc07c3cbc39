// Public surface of `agentphone-fixtures/schemas`. Imports zod and nothing from the builders,
// so a production handler can load it without faker.
export {
  AGENT_MESSAGE_CHANNELS,
  WEBHOOK_EVENTS,
  agentMessageEventSchema,
  isAgentMessage,
  isCallEnded,
  isReaction,
  isVoice,
  webhookEventSchema,
} from './events.js';
export {
  HTTPS_URL_PATTERN,
  e164OrEmailSchema,
  httpsUrlSchema,
  imessageDataSchema,
  imessageEventSchema,
  imessageGroupSchema,
  imessageParticipantSchema,
  mmsDataSchema,
  mmsEventSchema,
  whatsappDataSchema,
  whatsappEventSchema,
  whatsappReplyToSchema,
} from './channels.js';
export { MAX_HISTORY, historyEntrySchema, recentHistorySchema } from './history.js';
export { TRANSCRIPT_ROLES, callEndedDataSchema, callEndedEventSchema, transcriptTurnSchema } from './call-ended.js';
export { REACTION_CHANNELS, REACTION_TYPES, reactionDataSchema, reactionEventSchema, reactionTypeSchema } from './reaction.js';
export { contactSchema, smsDataSchema, smsEventSchema } from './messaging.js';
export { parseWebhookEvent, safeParseWebhookEvent } from './parse.js';
export {
  CHANNELS,
  E164_PATTERN,
  callDirectionSchema,
  channelSchema,
  conversationStateSchema,
  directionSchema,
  e164PhoneSchema,
  idSchema,
  isoTimestampSchema,
} from './primitives.js';
export { voiceDataSchema, voiceEventSchema } from './voice.js';
export {
  DTMF_PATTERN,
  VOICE_REPLY_ACTIONS,
  VOICE_REPLY_LIMITS,
  VOICE_REPLY_PROBLEM_CODES,
  parseVoiceReply,
  voiceReplySchema,
} from './voice-reply.js';
export {
  AgentPhoneFixturesError,
  FixtureOptionError,
  FixtureValidationError,
  WebhookPayloadError,
  isAgentPhoneFixturesError,
} from '../errors.js';

export type { AgentMessageChannel, AgentMessageEvent, WebhookEvent, WebhookEventName } from './events.js';
export type {
  IMessageData,
  IMessageEvent,
  IMessageGroup,
  IMessageParticipant,
  MmsData,
  MmsEvent,
  WhatsAppData,
  WhatsAppEvent,
  WhatsAppReplyTo,
} from './channels.js';
export type { HistoryEntry } from './history.js';
export type { CallEndedData, CallEndedEvent, TranscriptRole, TranscriptTurn } from './call-ended.js';
export type { ReactionChannel, ReactionData, ReactionEvent, ReactionType } from './reaction.js';
export type { Contact, SmsData, SmsEvent } from './messaging.js';
export type { SafeParseWebhookResult } from './parse.js';
export type { CallDirection, Channel, ConversationState, Direction } from './primitives.js';
export type { VoiceData, VoiceEvent } from './voice.js';
export type {
  VoiceReply,
  VoiceReplyInput,
  VoiceReplyParseResult,
  VoiceReplyProblem,
  VoiceReplyProblemCode,
} from './voice-reply.js';
export type { PayloadProblem } from '../errors.js';
