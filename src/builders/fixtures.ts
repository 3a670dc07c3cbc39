import { FixtureOptionError } from '../errors.js';
import type { AgentMessageChannel } from '../schemas/events.js';
import type { HistoryEntry } from '../schemas/history.js';
import type { CallEndedEvent } from '../schemas/call-ended.js';
import type { IMessageEvent, MmsEvent, WhatsAppEvent } from '../schemas/channels.js';
import type { SmsEvent } from '../schemas/messaging.js';
import type { ReactionEvent } from '../schemas/reaction.js';
import type { VoiceReply } from '../schemas/voice-reply.js';
import type { VoiceEvent } from '../schemas/voice.js';
import { callEndedEventWith, checkTurns, type CallEndedOptions } from './call-ended.js';
import {
  imessageEventWith,
  mmsEventWith,
  resolveMessagingOptions,
  whatsappEventWith,
  type MessagingBuildOptions,
  type ResolvedMessagingOptions,
} from './messaging-channels.js';
import { reactionEventWith, type ReactionOptions } from './reaction.js';
import { voiceReplyWith, type VoiceReplyOptions } from './voice-reply.js';
import { agentMessageEventWith, checkAgentMessageChannel, type AgentMessageEventFor } from './agent-message.js';
import { hashPath, hashSeed } from '../random/rng.js';
import { isoSeconds } from './clock.js';
import { checkHistoryChannel, historyEntryWith, historyWith, type HistoryOptions } from './history.js';
import { checkHistory, resolveOptions, type BuildOptions, type ResolvedOptions } from './options.js';
import { mergeOverrides, type Overrides } from './overrides.js';
import { smsEventWith } from './sms.js';
import { voiceEventWith } from './voice.js';
import { agentIdentity } from './event-common.js';
import { Random } from '../random/random.js';
import { conversation, type Conversation, type ConversationChannel, type ConversationOptions } from '../scenarios/conversation.js';
import { voiceCall, type VoiceCall, type VoiceCallOptions } from '../scenarios/voice-call.js';

/**
 * Settings of a fixture set made by {@link createFixtures}.
 *
 * @example
 * ```ts
 * const fx = createFixtures({ seed: 42, now: '2026-03-01T09:00:00Z', defaults: { sms: { agentId: 'agt_mine' } } });
 * ```
 */
export interface FixturesConfig {
  /** Seed of the set: the agent's identity and every build's seed derive from it. @default 0 */
  seed?: number | undefined;
  /** The clock every build uses. @default '2025-01-15T12:00:00Z' */
  now?: Date | string | undefined;
  /** Default history length (0–50) for events. @default a seeded count from 0 to 4 */
  history?: number | undefined;
  /** Validate every build. @default true */
  validate?: boolean | undefined;
  /** Overrides applied under each call's own overrides, per builder. */
  defaults?:
    | {
        sms?: Overrides<SmsEvent> | undefined;
        mms?: Overrides<MmsEvent> | undefined;
        imessage?: Overrides<IMessageEvent> | undefined;
        whatsapp?: Overrides<WhatsAppEvent> | undefined;
        voice?: Overrides<VoiceEvent> | undefined;
        callEnded?: Overrides<CallEndedEvent> | undefined;
        reaction?: Overrides<ReactionEvent> | undefined;
        voiceReply?: Overrides<VoiceReply> | undefined;
        historyEntry?: Overrides<HistoryEntry> | undefined;
      }
    | undefined;
}

/**
 * A set of builders bound to one seed, clock and defaults: one agent (the same `agentId`,
 * `numberId` and phone number on every event) talking to a different customer on each build.
 * Each builder counts its own builds (SMS and voice events count per channel); the k-th build's
 * seed is derived from (set seed, builder, k), unless a call passes its own `seed`. So a set
 * replays the same sequence in every run, and building one kind of fixture never shifts another
 * kind. `reset()` starts every count again.
 *
 * @example
 * ```ts
 * const fx = createFixtures({ seed: 1 });
 * const a = fx.buildSmsEvent();
 * const b = fx.buildSmsEvent();
 * a.agentId === b.agentId; // true: same agent
 * a.data.conversationId === b.data.conversationId; // false: another conversation
 * ```
 */
export interface Fixtures {
  /** The set's seed. */
  readonly seed: number;
  /** The set's clock, as an ISO-8601 string. */
  readonly now: string;
  /** Same as the top-level `buildSmsEvent`, bound to this set. */
  buildSmsEvent(overrides?: Overrides<SmsEvent>, options?: BuildOptions): SmsEvent;
  /** Same as the top-level `buildVoiceEvent`, bound to this set. */
  buildVoiceEvent(overrides?: Overrides<VoiceEvent>, options?: BuildOptions): VoiceEvent;
  /** Same as the top-level `buildMmsEvent`, bound to this set. */
  buildMmsEvent(overrides?: Overrides<MmsEvent>, options?: MessagingBuildOptions): MmsEvent;
  /** Same as the top-level `buildIMessageEvent`, bound to this set. */
  buildIMessageEvent(overrides?: Overrides<IMessageEvent>, options?: MessagingBuildOptions): IMessageEvent;
  /** Same as the top-level `buildWhatsAppEvent`, bound to this set. */
  buildWhatsAppEvent(overrides?: Overrides<WhatsAppEvent>, options?: MessagingBuildOptions): WhatsAppEvent;
  /** Same as the top-level `buildAgentMessageEvent`, bound to this set. */
  buildAgentMessageEvent<C extends AgentMessageChannel>(
    channel: C,
    overrides?: Overrides<AgentMessageEventFor<C>>,
    options?: MessagingBuildOptions,
  ): AgentMessageEventFor<C>;
  /** Same as the top-level `buildCallEndedEvent`, bound to this set (the same agent ends the call). */
  buildCallEndedEvent(overrides?: Overrides<CallEndedEvent>, options?: CallEndedOptions): CallEndedEvent;
  /** Same as the top-level `buildReactionEvent`, bound to this set. */
  buildReactionEvent(overrides?: Overrides<ReactionEvent>, options?: ReactionOptions): ReactionEvent;
  /** Same as the top-level `buildVoiceReply`, bound to this set. */
  buildVoiceReply(overrides?: Overrides<VoiceReply>, options?: VoiceReplyOptions): VoiceReply;
  /** Same as the top-level `buildHistoryEntry`, bound to this set. */
  buildHistoryEntry(overrides?: Overrides<HistoryEntry>, options?: HistoryOptions): HistoryEntry;
  /** Same as the top-level `buildHistory`, bound to this set. */
  buildHistory(count: number, options?: HistoryOptions): HistoryEntry[];
  /**
   * Same as the top-level `conversation`, bound to this set: the set's agent (`agentId`,
   * `numberId`, `agentNumber`) and clock, and the k-th conversation's own seed.
   */
  conversation<C extends ConversationChannel = 'sms'>(options?: ConversationOptions<C>): Conversation<C>;
  /** Same as the top-level `voiceCall`, bound to this set: the set's agent and clock, and the k-th call's own seed. */
  voiceCall(options?: VoiceCallOptions): VoiceCall;
  /** Restarts every builder's count: the next builds repeat the set's first ones. */
  reset(): void;
}

/**
 * Creates builders bound to one seed, clock and defaults. Use one per test (or per `describe`)
 * to get distinct but reproducible fixtures from the same agent.
 *
 * @param config Seed, clock, history length, validation and per-builder default overrides.
 * @returns The bound builders.
 * @throws {FixtureOptionError} when a setting is out of range.
 * @example
 * ```ts
 * const fx = createFixtures({ seed: 7, now: '2026-05-01T12:00:00Z', defaults: { voice: { data: { direction: 'inbound' } } } });
 * const first = fx.buildVoiceEvent();
 * const second = fx.buildVoiceEvent({ data: { transcript: 'Can I talk to a person?' } });
 * ```
 */
export function createFixtures(config: FixturesConfig = {}): Fixtures {
  if (typeof config !== 'object' || config === null) throw new FixtureOptionError('config', 'an object', config);
  const base = resolveOptions({ seed: config.seed, now: config.now, validate: config.validate });
  const history = config.history === undefined ? undefined : checkHistory(config.history);
  const bound: ResolvedOptions = { ...base, history };
  const defaults = config.defaults ?? {};
  // One counter per builder (events count per channel), so building a history entry in a
  // beforeEach does not shift the events after it. The k-th build's seed is a hash of (set seed,
  // builder, k): sets with nearby seeds do not share conversations.
  const counters = new Map<string, number>();
  const basis = hashSeed(bound.seed);
  const next = (builder: string, options: MessagingBuildOptions | undefined): ResolvedMessagingOptions => {
    const o = resolveMessagingOptions(options, bound);
    if (options?.seed !== undefined) return o;
    const k = counters.get(builder) ?? 0;
    counters.set(builder, k + 1);
    return { ...o, seed: hashPath(basis, `${builder}#${k}`) };
  };
  const channelDefaults = (channel: AgentMessageChannel): unknown => defaults[channel];
  // Options as given, without keys set to undefined (they leave the set's value in place).
  const given = <T extends object>(options: T | undefined): Partial<T> =>
    typeof options === 'object' && options !== null
      ? (Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>)
      : ((options ?? {}) as Partial<T>);
  // Conversations and calls take the set's agent and clock; each gets its own seed, counted like a builder.
  const agent = agentIdentity(new Random(bound.seed));
  const threadDefaults = (builder: string, options: { seed?: number | undefined } | undefined) => {
    const seed = options?.seed ?? next(builder, undefined).seed;
    return { ...agent, seed, now: isoSeconds(bound.nowMs), validate: bound.validate };
  };

  return {
    seed: bound.seed,
    now: isoSeconds(bound.nowMs),
    buildSmsEvent: (overrides, options) =>
      smsEventWith(mergeOverrides(defaults.sms, overrides), next('sms', options), bound.seed),
    buildVoiceEvent: (overrides, options) =>
      voiceEventWith(mergeOverrides(defaults.voice, overrides), next('voice', options), bound.seed),
    buildMmsEvent: (overrides, options) => mmsEventWith(mergeOverrides(defaults.mms, overrides), next('mms', options), bound.seed),
    buildIMessageEvent: (overrides, options) =>
      imessageEventWith(mergeOverrides(defaults.imessage, overrides), next('imessage', options), bound.seed),
    buildWhatsAppEvent: (overrides, options) =>
      whatsappEventWith(mergeOverrides(defaults.whatsapp, overrides), next('whatsapp', options), bound.seed),
    buildAgentMessageEvent: (channel, overrides, options) => {
      const checked = checkAgentMessageChannel(channel);
      const layered = mergeOverrides(channelDefaults(checked), overrides);
      return agentMessageEventWith(channel, layered as typeof overrides, next(checked, options), bound.seed);
    },
    buildCallEndedEvent: (overrides, options) => {
      const turns = checkTurns(options?.turns);
      return callEndedEventWith(mergeOverrides(defaults.callEnded, overrides), next('callEnded', options), bound.seed, turns);
    },
    buildReactionEvent: (overrides, options) =>
      reactionEventWith(mergeOverrides(defaults.reaction, overrides), next('reaction', options), bound.seed),
    buildVoiceReply: (overrides, options) =>
      voiceReplyWith(mergeOverrides(defaults.voiceReply, overrides), next('voiceReply', options), bound.seed),
    buildHistoryEntry: (overrides, options) => {
      const channel = checkHistoryChannel(options?.channel);
      return historyEntryWith(mergeOverrides(defaults.historyEntry, overrides), next('historyEntry', options), channel, bound.seed);
    },
    buildHistory: (count, options) => {
      checkHistory(count, 'count');
      const channel = checkHistoryChannel(options?.channel);
      return historyWith(count, next('history', options), channel, bound.seed);
    },
    conversation: <C extends ConversationChannel = 'sms'>(options?: ConversationOptions<C>) =>
      conversation<C>({ ...threadDefaults('conversation', options), ...given(options) } as ConversationOptions<C>),
    voiceCall: (options) => voiceCall({ ...threadDefaults('voiceCall', options), ...given(options) }),
    reset: () => {
      counters.clear();
    },
  };
}
