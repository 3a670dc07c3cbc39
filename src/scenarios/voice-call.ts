import { FixtureOptionError, ScenarioError } from '../errors.js';
import { Random } from '../random/random.js';
import type { Stream } from '../random/rng.js';
import { callEndedEventSchema, type CallEndedEvent, type TranscriptTurn } from '../schemas/call-ended.js';
import { idSchema, type CallDirection } from '../schemas/primitives.js';
import { voiceEventSchema, type VoiceEvent } from '../schemas/voice.js';
import { isoSeconds } from '../builders/clock.js';
import { analysis, disconnectionReason } from '../builders/call-ended.js';
import { Slots } from '../builders/conversation-text.js';
import type { Topic } from '../builders/corpus.js';
import { mergeEventOverrides } from '../builders/event-common.js';
import { makeId } from '../builders/ids.js';
import type { Overrides } from '../builders/overrides.js';
import { validateFixture } from '../builders/validate.js';
import { sttConfidence } from '../builders/voice.js';
import { Dialogue } from './dialogue.js';
import { THREAD_OPTION_KEYS, checkOptionsObject, resolveParticipants, type Participants, type ThreadOptions } from './identity.js';
import { Timeline, checkContextLimit, checkState, type ConversationTurn } from './timeline.js';

/**
 * Options of {@link voiceCall}: who takes part, the clock, the context limit, and the call's
 * direction and ID.
 *
 * @example
 * ```ts
 * const call = voiceCall({ seed: 3, direction: 'outbound', contextLimit: 4 });
 * ```
 */
export interface VoiceCallOptions extends ThreadOptions {
  /**
   * Who placed the call: `inbound` (the customer called the agent's number; `from` is the
   * customer), `outbound` (the agent called; `from` is the agent's number) or `web` (a browser
   * call: `numberId` is `null` on `agent.call_ended`).
   * @default 'inbound'
   */
  direction?: CallDirection | undefined;
  /** The call's ID, shared by every event of the call. @default drawn from the seed */
  callId?: string | undefined;
}

/**
 * How a call ended, for {@link VoiceCall.end}. Anything not given is drawn from the seed: the
 * disconnection reason from who spoke last, and the post-call analysis from the call's topic.
 *
 * @example
 * ```ts
 * call.end({ disconnectionReason: 'agent_hangup', userSentiment: 'Positive', callSuccessful: true });
 * ```
 */
export interface CallEndOptions {
  /** `user_hangup`, `agent_hangup`, `call_transfer`, … or `null`. */
  disconnectionReason?: string | null | undefined;
  /** The post-call summary, or `null` when no analysis ran. */
  summary?: string | null | undefined;
  /** `Positive`, `Neutral`, `Negative`, … or `null`. */
  userSentiment?: string | null | undefined;
  /** Whether the call achieved what the caller wanted, or `null`. */
  callSuccessful?: boolean | null | undefined;
}

/** @internal The keys of {@link CallEndOptions}. */
export const CALL_END_KEYS = ['disconnectionReason', 'summary', 'userSentiment', 'callSuccessful'] as const;

/** Seconds a spoken line takes: about 2.5 words a second, at least one. */
function speakingSeconds(text: string): number {
  let words = 0;
  for (const part of text.split(/\s+/)) if (part !== '') words += 1;
  return Math.max(1, Math.round(words / 2.5));
}

/** @internal What a call shares with the conversation it was placed from. */
export interface CallHost {
  readonly timeline: Timeline;
  readonly participants: Participants;
  readonly slots: Slots;
  readonly rand: Random;
  /** The topic the conversation is on: a call placed from it carries on with it, where calls fit it. */
  readonly topic?: Topic | undefined;
}

/** How the agent opens a call it places about a conversation (the topic's greetings are for calls it answers). */
const CALL_BACK_OPENERS = [
  'Hi {first}, this is {business} returning your message. Is now a good time?',
  "Hi {first}, it's {business} calling about your messages. Do you have a minute?",
];

/** Topics a call of this direction may run through (the agent calls out only with a reminder). */
const customerCallTopic = (topic: Topic): boolean => topic.outboundCalls !== true;
const agentCallTopic = (topic: Topic): boolean => topic.outboundCalls === true;

/**
 * One phone call over time, from {@link voiceCall} or `conversation(…).call()`: each caller
 * utterance is a voice `agent.message` webhook, the agent's spoken replies are recorded, and
 * `end()` gives the `agent.call_ended` webhook with the whole transcript.
 *
 * @example
 * ```ts
 * const call = voiceCall({ seed: 4 });
 * call.agent(); // the greeting
 * const event = call.caller('Hi, I need to move my appointment');
 * const ended = call.end({ userSentiment: 'Positive' });
 * ended.data.transcript.length; // 2
 * ```
 */
export class VoiceCall {
  readonly #timeline: Timeline;
  readonly #who: Participants;
  readonly #rand: Random;
  readonly #dialogue: Dialogue;
  readonly #direction: CallDirection;
  readonly #callId: string;
  readonly #bound: boolean;
  readonly #turns: ConversationTurn[] = [];
  readonly #transcript: TranscriptTurn[] = [];
  readonly #events: (VoiceEvent | CallEndedEvent)[] = [];
  #startMs: number | undefined;
  #ended = false;
  #count = 0;

  /**
   * @internal Use {@link voiceCall} or `conversation(…).call()`. The parameters are typed loosely
   * so the public declarations do not name internal types.
   */
  constructor(internal: unknown, options: Record<string, unknown>, bound: boolean) {
    const host = internal as CallHost;
    this.#timeline = host.timeline;
    this.#who = host.participants;
    this.#rand = host.rand;
    this.#bound = bound;
    const direction = options['direction'] ?? 'inbound';
    if (direction !== 'inbound' && direction !== 'outbound' && direction !== 'web') {
      throw new FixtureOptionError('direction', '"inbound", "outbound" or "web"', direction);
    }
    this.#direction = direction;
    const callId = options['callId'];
    if (callId !== undefined && !idSchema.safeParse(callId).success) throw new FixtureOptionError('callId', 'a non-empty ID string', callId);
    this.#callId = (callId as string | undefined) ?? makeId('call', this.#rand.stream('callId'));
    // A call from a conversation carries on with its topic (the agent calling back about the
    // order, or the customer calling about it); a call on its own is a customer's call, or, placed
    // by the agent, a reminder.
    const topic = host.topic;
    const carriesOn = topic !== undefined && customerCallTopic(topic);
    const first = carriesOn ? (t: Topic) => t === topic : direction === 'outbound' ? agentCallTopic : customerCallTopic;
    this.#dialogue = new Dialogue(this.#rand, host.slots, true, customerCallTopic, first, carriesOn && direction === 'outbound' ? CALL_BACK_OPENERS : undefined);
  }

  /** The call's ID, shared by every event of the call. */
  get callId(): string {
    return this.#callId;
  }

  /** Who placed the call: `inbound`, `outbound` or `web`. */
  get direction(): CallDirection {
    return this.#direction;
  }

  /** `agentId` of every event. */
  get agentId(): string {
    return this.#who.agentId;
  }

  /** The agent's phone number (`from` on outbound calls, `to` on inbound ones). */
  get agentNumber(): string {
    return this.#who.agentNumber;
  }

  /** The customer's phone number (`from` on inbound calls, `to` on outbound ones). */
  get customer(): string {
    return this.#who.customer;
  }

  /** Whether `end()` was called. */
  get ended(): boolean {
    return this.#ended;
  }

  /** The events of this call so far: a voice `agent.message` per caller turn, then `agent.call_ended`. */
  get events(): readonly (VoiceEvent | CallEndedEvent)[] {
    return this.#events;
  }

  /** Every turn of this call, as history entries (channel `voice`), oldest first. */
  get turns(): readonly ConversationTurn[] {
    return this.#turns;
  }

  /** The whole call so far as `agent.call_ended` will carry it: `{ role, content }` turns. */
  get transcript(): readonly TranscriptTurn[] {
    return this.#transcript;
  }

  #open(what: string): void {
    if (this.#ended) throw new ScenarioError('call_ended', `${what}: the call ${this.#callId} has already ended.`);
    if (this.#startMs === undefined) {
      // A call placed from a conversation comes a while after its last message.
      // 30 s to 15 min: a call follows the texts about it; wait() before the call for longer.
      const gap = this.#rand.stream('call.gap').int(30, 900);
      this.#startMs = this.#timeline.next(gap);
      this.#timeline.advance(this.#startMs);
    }
  }

  #say(direction: 'inbound' | 'outbound', text: string, r: Stream, first: boolean): number {
    // Before the first line: the seconds it takes to connect; later: a pause between speakers.
    const pause = first ? r.int(1, 4) : direction === 'outbound' ? r.int(1, 3) : r.int(0, 2);
    return this.#timeline.next(pause, speakingSeconds(text));
  }

  /**
   * The caller says something: returns the voice `agent.message` webhook AgentPhone sends for
   * it. `data.transcript` is `text`, or (without it) the next line of a realistic call;
   * `recentHistory` holds the turns before it, up to `contextLimit`.
   *
   * @param text What the caller said. @default the next line of a seeded call
   * @param overrides Any part of this event (objects merge, arrays replace). An overridden
   *   `data.transcript` is what later history shows.
   * @throws {ScenarioError} after `end()`.
   * @throws {FixtureValidationError} when overrides make the event invalid.
   * @example
   * ```ts
   * const event = voiceCall({ seed: 1 }).caller('I want to cancel', { data: { confidence: 0.41 } });
   * ```
   */
  caller(text?: string, overrides?: Overrides<VoiceEvent>): VoiceEvent {
    this.#open('caller()');
    // A turn that fails (an override that breaks the schema) changes nothing but the call's start.
    const saved = this.#dialogue.save();
    try {
      return this.#caller(this.#count, text, overrides);
    } catch (error) {
      this.#dialogue.restore(saved);
      throw error;
    }
  }

  #caller(k: number, text: string | undefined, overrides: Overrides<VoiceEvent> | undefined): VoiceEvent {
    const content = text === undefined ? this.#dialogue.customer(k).text : checkText(text);
    if (text !== undefined) this.#dialogue.customerWrote(content);
    const ms = this.#say('inbound', content, this.#rand.stream(`turn.${k}.pause`), this.#turns.length === 0);
    const who = this.#who;
    const outbound = this.#direction === 'outbound';
    const timestamp = isoSeconds(ms);
    const event: VoiceEvent = {
      event: 'agent.message',
      channel: 'voice',
      timestamp,
      agentId: who.agentId,
      data: {
        callId: this.#callId,
        numberId: who.numberId,
        from: outbound ? who.agentNumber : who.customer,
        to: outbound ? who.customer : who.agentNumber,
        status: 'in-progress',
        transcript: content,
        confidence: sttConfidence(this.#rand.stream(`turn.${k}.confidence`)),
        direction: this.#direction,
      },
      conversationState: this.#timeline.stateForEvent(),
      recentHistory: this.#timeline.history(),
    };
    const merged = mergeEventOverrides(event, overrides);
    const final = who.validate ? validateFixture('voiceCall().caller', voiceEventSchema, merged) : merged;
    const said = typeof final.data?.transcript === 'string' ? final.data.transcript : content;
    if (said !== content) this.#dialogue.customerReplaced(said);
    this.#record({ content: said, direction: 'inbound', channel: 'voice', at: timestamp }, ms);
    this.#emit(final);
    this.#count = k + 1;
    return final;
  }

  /**
   * The agent says something: recorded for later history and the transcript (AgentPhone sends
   * no webhook for it). Without `text`, the reply that fits the caller's last line (or, first
   * thing on the call, a greeting).
   *
   * @param text What the agent said. @default a seeded reply
   * @returns The turn as later history shows it.
   * @throws {ScenarioError} after `end()`.
   * @example
   * ```ts
   * const call = voiceCall({ seed: 2 });
   * call.agent('Thanks for calling Acme Dental, how can I help?');
   * ```
   */
  agent(text?: string): ConversationTurn {
    this.#open('agent()');
    if (text !== undefined) checkText(text);
    const k = this.#count++;
    const content = text === undefined ? this.#dialogue.agent(k) : text;
    if (text !== undefined) this.#dialogue.agentWrote();
    const ms = this.#say('outbound', content, this.#rand.stream(`turn.${k}.pause`), this.#turns.length === 0);
    const turn: ConversationTurn = { content, direction: 'outbound', channel: 'voice', at: isoSeconds(ms) };
    this.#record(turn, ms);
    return turn;
  }

  /**
   * A silence before the next line (the caller looks something up, is on hold): the next line
   * comes exactly this long after the previous one. Before the first line, the call itself
   * connects this much later (`startedAt` moves). Waits add up.
   *
   * @param duration Seconds, or text such as `"45s"`, `"2m"`.
   * @example
   * ```ts
   * call.caller('Let me find my card');
   * call.wait('40s').caller("Okay, it's 4417");
   * ```
   */
  wait(duration: number | string): this {
    if (this.#ended) throw new ScenarioError('call_ended', `wait(): the call ${this.#callId} has already ended.`);
    this.#timeline.wait(duration);
    return this;
  }

  /**
   * Changes the `conversationState` echoed on the next events (`null` clears it).
   *
   * @example
   * ```ts
   * call.setState({ verified: true }).caller('My date of birth is May 2nd');
   * ```
   */
  setState(state: Record<string, unknown> | null): this {
    if (this.#ended) throw new ScenarioError('call_ended', `setState(): the call ${this.#callId} has already ended.`);
    this.#timeline.setState(state);
    return this;
  }

  /**
   * Hangs up: returns the `agent.call_ended` webhook with the whole transcript (never cut by
   * `contextLimit`), `startedAt` (when the call connected), `endedAt` (= `timestamp`, a moment
   * after the last word) and `durationSeconds` between them.
   *
   * @param options The disconnection reason and post-call analysis; drawn from the seed when absent.
   * @throws {ScenarioError} when the call has already ended.
   * @example
   * ```ts
   * const ended = call.end({ summary: 'Caller rescheduled to Friday.', callSuccessful: true });
   * ```
   */
  end(options?: CallEndOptions): CallEndedEvent {
    const o = checkOptionsObject(options, CALL_END_KEYS);
    for (const key of ['disconnectionReason', 'summary', 'userSentiment'] as const) {
      if (o[key] !== undefined && o[key] !== null && typeof o[key] !== 'string') throw new FixtureOptionError(key, 'a string or null', o[key]);
    }
    if (o['callSuccessful'] !== undefined && o['callSuccessful'] !== null && typeof o['callSuccessful'] !== 'boolean') {
      throw new FixtureOptionError('callSuccessful', 'true, false or null', o['callSuccessful']);
    }
    this.#open('end()');
    const startMs = this.#startMs as number;
    const endMs = this.#timeline.next(this.#rand.stream('call.hangup').int(1, 3));
    this.#timeline.advance(endMs);
    this.#ended = true;
    const who = this.#who;
    const outbound = this.#direction === 'outbound';
    const last = this.#transcript.at(-1);
    // A call where nobody spoke has nothing to analyse.
    const drawn =
      this.#transcript.length === 0
        ? { summary: null, userSentiment: null, callSuccessful: null }
        : analysis(this.#rand, this.#dialogue.currentTopic, this.#transcript.length >= 5);
    const reason = last === undefined ? 'user_hangup' : disconnectionReason(this.#rand.stream('disconnectionReason'), last);
    const endedAt = isoSeconds(endMs);
    const event: CallEndedEvent = {
      event: 'agent.call_ended',
      channel: 'voice',
      timestamp: endedAt,
      agentId: who.agentId,
      data: {
        callId: this.#callId,
        numberId: this.#direction === 'web' ? null : who.numberId,
        from: outbound ? who.agentNumber : who.customer,
        to: outbound ? who.customer : who.agentNumber,
        direction: this.#direction,
        status: 'completed',
        startedAt: isoSeconds(startMs),
        endedAt,
        durationSeconds: Math.round((endMs - startMs) / 1000),
        disconnectionReason: o['disconnectionReason'] === undefined ? reason : (o['disconnectionReason'] as string | null),
        transcript: this.#transcript.map((turn) => ({ ...turn })),
        summary: o['summary'] === undefined ? drawn.summary : (o['summary'] as string | null),
        userSentiment: o['userSentiment'] === undefined ? drawn.userSentiment : (o['userSentiment'] as string | null),
        callSuccessful: o['callSuccessful'] === undefined ? drawn.callSuccessful : (o['callSuccessful'] as boolean | null),
      },
    };
    const final = who.validate ? validateFixture('voiceCall().end', callEndedEventSchema, event) : event;
    this.#emit(final);
    return final;
  }

  #record(turn: ConversationTurn, ms: number): void {
    this.#turns.push(turn);
    this.#transcript.push({ role: turn.direction === 'inbound' ? 'user' : 'agent', content: turn.content });
    this.#timeline.record(turn, ms);
  }

  #emit(event: VoiceEvent | CallEndedEvent): void {
    if (this.#timeline.keepEvents) this.#events.push(event);
    if (this.#bound) this.#timeline.emit(event);
  }
}

/** @internal A turn's text: a string. */
export function checkText(text: unknown): string {
  if (typeof text !== 'string') throw new FixtureOptionError('text', 'a string (or nothing, for a seeded line)', text);
  return text;
}

/**
 * Starts a phone call over time. Each `caller()` returns the voice `agent.message` webhook for
 * one utterance (the same `callId` every time, a confidence per utterance, and the call's
 * earlier turns in `recentHistory` up to `contextLimit`); `agent()` records what the agent said;
 * `end()` returns `agent.call_ended` with the whole transcript and consistent
 * `startedAt`/`endedAt`/`durationSeconds`. Lines left out come from the same realistic scripts
 * as the builders, and a generated agent line answers the caller's line before it.
 *
 * @param options Seed, clock, `contextLimit` (0–50, default 10), `direction`, and who takes part.
 * @returns The call; nothing happens until its first turn.
 * @throws {FixtureOptionError} when an option is invalid.
 * @example
 * ```ts
 * const call = voiceCall({ seed: 8, contextLimit: 4 });
 * call.agent();                       // "Thanks for calling …, how can I help you today?"
 * const first = call.caller();        // voice agent.message, recentHistory: [greeting]
 * call.agent();                       // the reply that fits it
 * const ended = call.end();           // agent.call_ended with all three turns
 * ```
 */
export function voiceCall(options?: VoiceCallOptions): VoiceCall {
  const o = checkOptionsObject(options, [...THREAD_OPTION_KEYS, 'direction', 'callId']);
  const participants = resolveParticipants(o, false);
  const rand = new Random(participants.seed);
  const timeline = new Timeline(participants.nowMs, checkContextLimit(o['contextLimit']), checkState(o['state'] ?? null, 'state'));
  return new VoiceCall({ timeline, participants, rand, slots: new Slots(rand, rand) }, o, false);
}
