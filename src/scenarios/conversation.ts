import { FixtureOptionError } from '../errors.js';
import { Random } from '../random/random.js';
import type { CallEndedEvent } from '../schemas/call-ended.js';
import { imessageEventSchema, mmsEventSchema, whatsappEventSchema } from '../schemas/channels.js';
import { smsEventSchema } from '../schemas/messaging.js';
import { E164_PATTERN } from '../schemas/primitives.js';
import type { VoiceEvent } from '../schemas/voice.js';
import type { AgentMessageEventFor } from '../builders/agent-message.js';
import { isoSeconds } from '../builders/clock.js';
import { Slots, turnGapSeconds } from '../builders/conversation-text.js';
import { mergeEventOverrides } from '../builders/event-common.js';
import { makeId } from '../builders/ids.js';
import { allowsMedia, imessageIdentity, mediaUrlFrom } from '../builders/messaging-channels.js';
import type { Overrides } from '../builders/overrides.js';
import { validateFixture } from '../builders/validate.js';
import { Dialogue } from './dialogue.js';
import { THREAD_OPTION_KEYS, checkOptionsObject, resolveParticipants, type Participants, type ThreadOptions } from './identity.js';
import { Timeline, checkContextLimit, checkState, type ConversationTurn } from './timeline.js';
import { VoiceCall, checkText, type VoiceCallOptions } from './voice-call.js';
import { idSchema } from '../schemas/primitives.js';

/**
 * The channels a text conversation can run on: every `agent.message` channel except voice
 * (a call is {@link voiceCall}, or `conversation(…).call()` inside a conversation).
 *
 * @example
 * ```ts
 * const channel: ConversationChannel = 'imessage';
 * ```
 */
export type ConversationChannel = 'sms' | 'mms' | 'imessage' | 'whatsapp';

/** @internal The channels a text conversation can run on. */
export const CONVERSATION_CHANNELS = ['sms', 'mms', 'imessage', 'whatsapp'] as const satisfies readonly ConversationChannel[];
/** @internal The keys of {@link ConversationOptions}. */
export const CONVERSATION_OPTION_KEYS: readonly string[] = [...THREAD_OPTION_KEYS, 'channel', 'conversationId'];

/**
 * Options of {@link conversation}: the channel, the context limit, the clock and who takes part.
 *
 * @example
 * ```ts
 * conversation({ seed: 12, channel: 'whatsapp', contextLimit: 3, now: '2026-05-01T09:00:00Z' });
 * ```
 */
export interface ConversationOptions<C extends ConversationChannel = ConversationChannel> extends ThreadOptions {
  /**
   * The channel of every message (and of its history entries).
   * @default 'sms'
   */
  channel?: C | undefined;
  /** The conversation's ID (`data.conversationId`). @default drawn from the seed */
  conversationId?: string | undefined;
}

/**
 * An event a conversation produced: a message on its channel, or a voice event of a call placed
 * from it.
 *
 * @example
 * ```ts
 * for (const event of chat.events as readonly ConversationEvent<'sms'>[]) {
 *   if (event.event === 'agent.call_ended') console.log(event.data.durationSeconds);
 * }
 * ```
 */
export type ConversationEvent<C extends ConversationChannel = ConversationChannel> =
  | AgentMessageEventFor<C>
  | VoiceEvent
  | CallEndedEvent;

const SCHEMAS = {
  sms: smsEventSchema,
  mms: mmsEventSchema,
  imessage: imessageEventSchema,
  whatsapp: whatsappEventSchema,
} as const;

/**
 * One text conversation over time between a customer and an agent, from {@link conversation}.
 * `inbound()` returns the next `agent.message` webhook; `outbound()` records the agent's reply;
 * `setState()` changes the `conversationState` later events echo; `wait()` lets time pass;
 * `call()` places a phone call in the same conversation.
 *
 * @example
 * ```ts
 * const chat = conversation({ seed: 5, contextLimit: 2 });
 * chat.inbound('Hi, where is my order?');
 * chat.outbound();                          // a reply that fits
 * const second = chat.setState({ orderId: 'ORD-1' }).inbound();
 * second.recentHistory.length;             // 2
 * ```
 */
export class Conversation<C extends ConversationChannel = 'sms'> {
  readonly #timeline: Timeline;
  readonly #who: Participants;
  readonly #rand: Random;
  readonly #slots: Slots;
  readonly #dialogue: Dialogue;
  readonly #channel: C;
  readonly #conversationId: string;
  #count = 0;
  #calls = 0;

  /** @internal Use {@link conversation}. */
  constructor(options: Record<string, unknown>, keepEvents: boolean) {
    const channel = options['channel'] ?? 'sms';
    if (typeof channel !== 'string' || !(CONVERSATION_CHANNELS as readonly string[]).includes(channel)) {
      throw new FixtureOptionError(
        'channel',
        `one of ${CONVERSATION_CHANNELS.map((c) => `"${c}"`).join(', ')} (a call is voiceCall() or conversation().call())`,
        channel,
      );
    }
    this.#channel = channel as C;
    const imessage = channel === 'imessage';
    this.#who = resolveParticipants(options, imessage, imessage ? (phone, rand) => imessageIdentity(phone, rand, new Slots(rand, rand)) : undefined);
    this.#rand = new Random(this.#who.seed);
    this.#slots = new Slots(this.#rand, this.#rand);
    this.#dialogue = new Dialogue(this.#rand, this.#slots, false, channel === 'mms' ? allowsMedia : undefined);
    const conversationId = options['conversationId'];
    if (conversationId !== undefined && !idSchema.safeParse(conversationId).success) {
      throw new FixtureOptionError('conversationId', 'a non-empty ID string', conversationId);
    }
    this.#conversationId = (conversationId as string | undefined) ?? makeId('conv', this.#rand.stream('conversationId'));
    this.#timeline = new Timeline(
      this.#who.nowMs,
      checkContextLimit(options['contextLimit']),
      checkState(options['state'] ?? null, 'state'),
      keepEvents,
    );
  }

  /** The channel of the conversation's messages. */
  get channel(): C {
    return this.#channel;
  }

  /** `data.conversationId` of every message. */
  get conversationId(): string {
    return this.#conversationId;
  }

  /** `agentId` of every event. */
  get agentId(): string {
    return this.#who.agentId;
  }

  /** `data.numberId` of every event: the agent's phone number's ID. */
  get numberId(): string {
    return this.#who.numberId;
  }

  /** The agent's phone number (`data.to` of inbound messages). */
  get agentNumber(): string {
    return this.#who.agentNumber;
  }

  /** The customer's phone number or iMessage address (`data.from` of inbound messages). */
  get customer(): string {
    return this.#who.customer;
  }

  /** The `contextLimit` in force: how many earlier turns each event's history carries. */
  get contextLimit(): number {
    return this.#timeline.contextLimit;
  }

  /** The `conversationState` the next event will echo (a copy). */
  get state(): Record<string, unknown> | null {
    return this.#timeline.stateForEvent();
  }

  /** Every webhook so far, in order: messages, and the events of calls placed from it. */
  get events(): readonly ConversationEvent<C>[] {
    return this.#timeline.events as ConversationEvent<C>[];
  }

  /** Every turn so far, oldest first: customer and agent lines, calls' spoken turns included. */
  get turns(): readonly ConversationTurn[] {
    return this.#timeline.turns;
  }

  /**
   * The customer sends a message: returns the `agent.message` webhook AgentPhone delivers for it.
   * Its `recentHistory` holds the previous min(contextLimit, turns so far) turns, oldest first,
   * each with its own direction, channel and `at`; its `timestamp` comes a realistic gap
   * (seconds to hours) after the previous turn, or after the `wait()` asked for.
   *
   * @param text The message. @default the next line of a realistic conversation
   * @param overrides Any part of this event (objects merge, arrays replace). An overridden
   *   `data.message` is what later history shows.
   * @throws {FixtureValidationError} when overrides make the event invalid (unless `validate: false`).
   * @example
   * ```ts
   * const event = conversation({ seed: 1 }).inbound('STOP');
   * event.data.message; // 'STOP'
   * ```
   */
  inbound(text?: string, overrides?: Overrides<AgentMessageEventFor<C>>): AgentMessageEventFor<C> {
    // A turn that fails (an override that breaks the schema) changes nothing: the next one is
    // what it would have been without it.
    const saved = this.#dialogue.save();
    try {
      return this.#inbound(this.#count, text, overrides);
    } catch (error) {
      this.#dialogue.restore(saved);
      throw error;
    }
  }

  #inbound(k: number, text: string | undefined, overrides: Overrides<AgentMessageEventFor<C>> | undefined): AgentMessageEventFor<C> {
    let content: string;
    let newThread = false;
    if (text === undefined) {
      ({ text: content, newThread } = this.#dialogue.customer(k));
    } else {
      content = checkText(text);
      this.#dialogue.customerWrote(content);
    }
    const gap = turnGapSeconds(this.#rand.stream(`turn.${k}.gap`), 'inbound', false, newThread && this.#timeline.started);
    const ms = this.#timeline.next(gap);
    const timestamp = isoSeconds(ms);
    const who = this.#who;
    // Every message of an MMS thread carries a photo; the other channels' messages are text.
    const mediaUrl = this.#channel === 'mms' ? mediaUrlFrom(this.#rand.stream(`turn.${k}.media`)) : null;
    const event = {
      event: 'agent.message',
      channel: this.#channel,
      timestamp,
      agentId: who.agentId,
      data: {
        conversationId: this.#conversationId,
        numberId: who.numberId,
        from: who.customer,
        to: who.agentNumber,
        message: content,
        mediaUrl,
        direction: 'inbound',
        receivedAt: timestamp,
      },
      conversationState: this.#timeline.stateForEvent(),
      recentHistory: this.#timeline.history(),
    } as AgentMessageEventFor<C>;
    const merged = mergeEventOverrides(event, overrides);
    const final = who.validate ? validateFixture(`conversation().inbound`, SCHEMAS[this.#channel], merged) : merged;
    const data = (final as { data?: { message?: unknown } }).data;
    const said = typeof data?.message === 'string' ? data.message : content;
    // An overridden message is what the customer said: the next generated reply answers it.
    if (said !== content) this.#dialogue.customerReplaced(said);
    this.#timeline.record({ content: said, direction: 'inbound', channel: this.#channel, at: timestamp }, ms);
    this.#timeline.emit(final);
    this.#count = k + 1;
    return final;
  }

  /**
   * The agent replies. AgentPhone sends no webhook for it, but it shows in the history of later
   * events. Without `text`, the reply that fits the customer's last message (the scripted answer,
   * or the corpus line closest to what they wrote); as the first turn, an opening line.
   *
   * @param text The reply. @default a seeded reply that answers the last inbound message
   * @returns The turn as later history shows it.
   * @example
   * ```ts
   * const chat = conversation({ seed: 2 });
   * chat.inbound('Can I reschedule my appointment?');
   * chat.outbound().content; // e.g. 'Of course. Does Thursday at 2:15pm work?'
   * ```
   */
  outbound(text?: string): ConversationTurn {
    if (text !== undefined) checkText(text);
    const k = this.#count++;
    const content = text === undefined ? this.#dialogue.agent(k) : text;
    if (text !== undefined) this.#dialogue.agentWrote();
    const ms = this.#timeline.next(turnGapSeconds(this.#rand.stream(`turn.${k}.gap`), 'outbound', false));
    const turn: ConversationTurn = { content, direction: 'outbound', channel: this.#channel, at: isoSeconds(ms) };
    this.#timeline.record(turn, ms);
    return turn;
  }

  /**
   * Changes the `conversationState` echoed on later events (AgentPhone replaces the stored
   * metadata whole; `null` clears it).
   *
   * @example
   * ```ts
   * chat.setState({ orderId: 'ORD-10442', step: 'awaiting_photo' }).inbound();
   * ```
   */
  setState(state: Record<string, unknown> | null): this {
    this.#timeline.setState(state);
    return this;
  }

  /**
   * Lets time pass: the next turn comes exactly this long after the previous one (instead of
   * a seeded gap). Waits add up.
   *
   * @param duration Seconds, or text such as `"90s"`, `"15m"`, `"2h"`, `"1d"`, `"1h30m"`.
   * @throws {FixtureOptionError} when the duration cannot be read or is under a second.
   * @example
   * ```ts
   * chat.inbound('Is my order here yet?');
   * chat.wait('2d').inbound('Hello??');
   * ```
   */
  wait(duration: number | string): this {
    this.#timeline.wait(duration);
    return this;
  }

  /**
   * Places a phone call in this conversation: the same agent, number and customer, and one
   * timeline, so the call's `recentHistory` shows the messages before it and later messages
   * show the call's spoken turns (channel `voice`). Its events join `events`.
   *
   * @param options The call's `direction` (default `inbound`: the customer calls) and `callId`.
   * @throws {FixtureOptionError} when the customer is an e-mail address (a call needs a number).
   * @example
   * ```ts
   * const chat = conversation({ seed: 3 });
   * chat.inbound('Can you call me?');
   * const call = chat.call({ direction: 'outbound' });
   * call.agent('Hi, this is Acme returning your text.');
   * call.caller();
   * call.end();
   * chat.inbound('Thanks for the call!').recentHistory.at(-1)?.channel; // 'voice'
   * ```
   */
  call(options?: Pick<VoiceCallOptions, 'direction' | 'callId'>): VoiceCall {
    const o = checkOptionsObject(options, ['direction', 'callId']);
    if (!E164_PATTERN.test(this.#who.customer)) {
      throw new FixtureOptionError('customer', 'an E.164 phone number to place a call', this.#who.customer);
    }
    const index = this.#calls++;
    return new VoiceCall(
      {
        timeline: this.#timeline,
        participants: this.#who,
        slots: this.#slots,
        rand: this.#rand.child(`call.${index}`),
        topic: this.#dialogue.topicSoFar,
      },
      o,
      true,
    );
  }
}


/**
 * Starts a text conversation over time between one customer and one agent. Every event of it
 * shares `conversationId`, `agentId`, `numberId`, `from` and `to`; timestamps strictly increase
 * with realistic gaps; each event's `recentHistory` holds exactly the previous
 * min(`contextLimit`, n) turns, oldest first. Lines left out come from the same realistic scripts
 * as the builders, and a generated agent reply answers the message before it.
 *
 * @param options `seed`, `channel` (`sms` default, `mms`, `imessage`, `whatsapp`),
 *   `contextLimit` (0–50, default 10), `now`, `state`, and who takes part (`agentId`,
 *   `numberId`, `agentNumber`, `customer`, `conversationId`).
 * @returns The conversation; nothing happens until its first turn.
 * @throws {FixtureOptionError} when an option is invalid (e.g. `contextLimit: 51`).
 * @example
 * ```ts
 * const chat = conversation({ seed: 42, contextLimit: 3 });
 * const first = chat.inbound();                 // a customer text, recentHistory: []
 * chat.outbound();                              // the agent's answer
 * const second = chat.inbound('Thanks! And can I change the address?');
 * second.recentHistory.map((h) => h.direction); // ['inbound', 'outbound']
 * await handler(second);
 * ```
 */
export function conversation<C extends ConversationChannel = 'sms'>(options?: ConversationOptions<C>): Conversation<C> {
  return new Conversation<C>(checkOptionsObject(options, CONVERSATION_OPTION_KEYS), true);
}
