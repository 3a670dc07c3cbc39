import { agentMessageEventWith } from '../builders/agent-message.js';
import { callEndedEventWith } from '../builders/call-ended.js';
import type { ResolvedOptions } from '../builders/options.js';
import { reactionEventWith } from '../builders/reaction.js';
import { voiceReplyWith } from '../builders/voice-reply.js';
import { AGENT_MESSAGE_CHANNELS, type AgentMessageChannel } from '../schemas/events.js';

/** Every webhook payload the CLI can build and send: the agent.message channels and the other events. */
export const EVENT_KINDS = [...AGENT_MESSAGE_CHANNELS, 'call-ended', 'reaction'] as const;
/** Everything `generate` can build: the events, and a voice handler's reply. */
export const GENERATE_KINDS = [...EVENT_KINDS, 'voice-reply'] as const;

export type EventKind = (typeof EVENT_KINDS)[number];
export type GenerateKind = (typeof GENERATE_KINDS)[number];

/** Builds fixture `kind` with resolved options; the agent's identity comes from the same seed. */
export function buildKind(kind: GenerateKind, o: ResolvedOptions): unknown {
  switch (kind) {
    case 'call-ended':
      return callEndedEventWith(undefined, o, o.seed, undefined);
    case 'reaction':
      return reactionEventWith(undefined, o, o.seed);
    case 'voice-reply':
      return voiceReplyWith(undefined, o, o.seed);
    default:
      return agentMessageEventWith(kind as AgentMessageChannel, undefined, o, o.seed);
  }
}
