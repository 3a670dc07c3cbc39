import { FixtureOptionError } from '../errors.js';
import { AGENT_MESSAGE_CHANNELS, type AgentMessageChannel } from '../schemas/events.js';
import type { IMessageEvent, MmsEvent, WhatsAppEvent } from '../schemas/channels.js';
import type { SmsEvent } from '../schemas/messaging.js';
import type { VoiceEvent } from '../schemas/voice.js';
import {
  imessageEventWith,
  mmsEventWith,
  resolveMessagingOptions,
  whatsappEventWith,
  type MessagingBuildOptions,
  type ResolvedMessagingOptions,
} from './messaging-channels.js';
import type { Overrides } from './overrides.js';
import { smsEventWith } from './sms.js';
import { voiceEventWith } from './voice.js';

/**
 * The event type of an `agent.message` channel: `AgentMessageEventFor<'voice'>` is `VoiceEvent`.
 *
 * @example
 * ```ts
 * type E = AgentMessageEventFor<'sms'>; // SmsEvent
 * ```
 */
export type AgentMessageEventFor<C extends AgentMessageChannel> = {
  sms: SmsEvent;
  mms: MmsEvent;
  imessage: IMessageEvent;
  whatsapp: WhatsAppEvent;
  voice: VoiceEvent;
}[C];

/** @internal Checks the channel argument. */
export function checkAgentMessageChannel(channel: unknown): AgentMessageChannel {
  if (typeof channel === 'string' && (AGENT_MESSAGE_CHANNELS as readonly string[]).includes(channel)) {
    return channel as AgentMessageChannel;
  }
  throw new FixtureOptionError('channel', `one of ${AGENT_MESSAGE_CHANNELS.map((c) => `"${c}"`).join(', ')}`, channel);
}

/** @internal buildAgentMessageEvent with resolved options and a checked channel. */
export function agentMessageEventWith<C extends AgentMessageChannel>(
  channel: C,
  overrides: Overrides<AgentMessageEventFor<C>> | undefined,
  o: ResolvedMessagingOptions,
  identitySeed: number,
): AgentMessageEventFor<C> {
  const on = channel as AgentMessageChannel;
  const event =
    on === 'sms'
      ? smsEventWith(overrides as Overrides<SmsEvent> | undefined, o, identitySeed)
      : on === 'mms'
        ? mmsEventWith(overrides as Overrides<MmsEvent> | undefined, o, identitySeed)
        : on === 'imessage'
          ? imessageEventWith(overrides as Overrides<IMessageEvent> | undefined, o, identitySeed)
          : on === 'whatsapp'
            ? whatsappEventWith(overrides as Overrides<WhatsAppEvent> | undefined, o, identitySeed)
            : voiceEventWith(overrides as Overrides<VoiceEvent> | undefined, o, identitySeed);
  return event as AgentMessageEventFor<C>;
}

/**
 * Builds an `agent.message` webhook for the given channel. The return type narrows by channel:
 * `buildAgentMessageEvent('voice')` is a `VoiceEvent`. Handy in `it.each` over channels.
 *
 * @param channel `'sms'`, `'mms'`, `'imessage'`, `'whatsapp'` or `'voice'`.
 * @param overrides Any part of the event (objects merge, arrays replace, `null` sets null).
 * @param options `seed`, `now`, `history` (0–50 entries), `validate`.
 * @returns The event for that channel.
 * @throws {FixtureOptionError} for an unknown channel or an option out of range.
 * @throws {FixtureValidationError} when overrides make the event invalid (unless `validate: false`).
 * @example
 * ```ts
 * it.each(['sms', 'voice'] as const)('answers %s', async (channel) => {
 *   const event = buildAgentMessageEvent(channel, {}, { seed: 1 });
 *   expect((await post(event)).status).toBe(200);
 * });
 * ```
 */
export function buildAgentMessageEvent<C extends AgentMessageChannel>(
  channel: C,
  overrides?: Overrides<AgentMessageEventFor<C>>,
  options?: MessagingBuildOptions,
): AgentMessageEventFor<C> {
  checkAgentMessageChannel(channel);
  const o = resolveMessagingOptions(options);
  return agentMessageEventWith(channel, overrides, o, o.seed);
}
