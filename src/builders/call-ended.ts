import { FixtureOptionError } from '../errors.js';
import type { Random } from '../random/random.js';
import type { Stream } from '../random/rng.js';
import { callEndedEventSchema, type CallEndedEvent, type TranscriptTurn } from '../schemas/call-ended.js';
import { isoTimestampSchema, type CallDirection } from '../schemas/primitives.js';
import { isoSeconds } from './clock.js';
import { Slots, pickTopic, planConversation } from './conversation-text.js';
import { TOPICS, type Topic } from './corpus.js';
import { agentIdentity, eventTime, fixtureRandoms } from './event-common.js';
import { makeId } from './ids.js';
import { resolveOptions, type BuildOptions, type ResolvedOptions } from './options.js';
import { mergeOverrides, overrideAt, type Overrides } from './overrides.js';
import { customerPhone } from './phones.js';
import { validateFixture } from './validate.js';

/** Fewest and most transcript turns the `turns` option allows. */
const MIN_TURNS = 2;
const MAX_TURNS = 60;

/**
 * Options of {@link buildCallEndedEvent}: the common ones except `history` (this event carries no
 * `recentHistory` unless you add one through overrides), and the transcript length.
 *
 * @example
 * ```ts
 * buildCallEndedEvent({}, { seed: 4, turns: 12, now: '2026-03-01T09:05:00Z' });
 * ```
 */
export interface CallEndedOptions extends Omit<BuildOptions, 'history'> {
  /**
   * Turns in `data.transcript`, 2–60: the agent's greeting first, then caller and agent in turn.
   * The whole call is always there (no `contextLimit` applies to this transcript).
   * @default a seeded count: usually the whole script of the call's topic (3–9 turns), sometimes
   *   a call cut short, now and then a long call that runs on to other topics
   */
  turns?: number | undefined;
}

/** @internal Checks the `turns` option. */
export function checkTurns(turns: unknown, option = 'turns'): number | undefined {
  if (turns === undefined) return undefined;
  if (typeof turns !== 'number' || !Number.isInteger(turns) || turns < MIN_TURNS || turns > MAX_TURNS) {
    throw new FixtureOptionError(option, `an integer from ${MIN_TURNS} to ${MAX_TURNS}`, turns);
  }
  return turns;
}

/** Turns of a call that runs the topic's voice script from greeting to goodbye. */
function wholeScriptTurns(topic: Topic): number {
  return 1 + 2 * topic.voice.steps.length;
}

/** A seeded call length: mostly the whole script, sometimes cut short, now and then longer. */
function seededTurns(r: Stream, topic: Topic): number {
  const whole = wholeScriptTurns(topic);
  const roll = r.next();
  if (roll < 0.6) return whole;
  if (roll < 0.9) return r.int(MIN_TURNS, whole - 1);
  return r.int(whole + 1, Math.min(MAX_TURNS, whole + 16));
}

/** A topic's voice script as one call: the greeting, then (caller, agent) pairs, goodbye last. */
function scriptCall(rand: Random, topic: Topic, slots: Slots): { greeting: string; pairs: (readonly [string, string])[] } {
  const steps = topic.voice.steps.length;
  const intro = topic.voice.intro !== undefined;
  // With this count the plan is exactly the script: [greeting,] caller, agent, …, caller; then
  // the agent's last reply as `current`.
  const plan = planConversation(rand, topic, true, slots, 2 * steps - (intro ? 0 : 1), 'outbound');
  const lines = plan.history.map((turn) => turn.content);
  lines.push(plan.current);
  const greeting = intro ? (lines.shift() as string) : 'Hello, how can I help?';
  const pairs: (readonly [string, string])[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) pairs.push([lines[i] as string, lines[i + 1] as string]);
  return { greeting, pairs };
}

/**
 * The whole call as transcript turns: the agent's greeting, then caller and agent in turn from
 * the topic's voice script. A shorter call stops early (an even count ends on the caller: they
 * hung up); a longer one goes through other topics before the wrap-up ("thanks, bye"), each
 * without its own wrap-up, and stops one of them early when the count is reached.
 */
function callTranscript(rand: Random, topic: Topic, slots: Slots, turns: number): TranscriptTurn[] {
  const main = scriptCall(rand, topic, slots);
  const pairCount = Math.floor((turns - 1) / 2);
  const endsWithCaller = turns % 2 === 0;
  let pairs: (readonly [string, string])[];
  let wrapUp = main.pairs[pairCount];
  if (turns <= wholeScriptTurns(topic)) {
    pairs = main.pairs.slice(0, pairCount);
  } else {
    wrapUp = main.pairs.at(-1);
    const extra: (readonly [string, string])[] = [];
    const wanted = pairCount - (main.pairs.length - 1) - (endsWithCaller ? 0 : 1);
    const others = rand.stream('call.topics').shuffle(TOPICS.filter((t) => t !== topic && t.outboundCalls !== true));
    for (let part = 0; extra.length < wanted; part++) {
      const other = others[part % others.length] as Topic;
      const otherPairs = scriptCall(rand.child(`call.part.${part}`), other, slots).pairs;
      // Parts of a call leave out their wrap-up: the call does not say goodbye mid-way.
      extra.push(...otherPairs.slice(0, Math.max(1, otherPairs.length - 1)));
    }
    pairs = [...main.pairs.slice(0, -1), ...extra.slice(0, wanted)];
    if (!endsWithCaller) pairs.push(wrapUp as readonly [string, string]);
  }
  const transcript: TranscriptTurn[] = [{ role: 'agent', content: main.greeting }];
  for (const [user, agent] of pairs) transcript.push({ role: 'user', content: user }, { role: 'agent', content: agent });
  if (endsWithCaller) transcript.push({ role: 'user', content: (wrapUp as readonly [string, string])[0] });
  return transcript;
}

/** Seconds one spoken turn takes, pause included: 8–20, longer for longer lines. */
function turnSeconds(content: unknown, r: Stream): number {
  const words = typeof content === 'string' ? content.split(/\s+/).filter((w) => w !== '').length : 0;
  return Math.min(20, Math.max(8, Math.round(words * 0.4) + r.int(5, 12)));
}

/** Seconds of a call: its turns, plus the moments before the greeting and after the last word. */
function callSeconds(rand: Random, transcript: readonly unknown[]): number {
  let seconds = rand.stream('call.connect').int(1, 4) + rand.stream('call.hangup').int(1, 3);
  transcript.forEach((turn, i) => {
    const content = typeof turn === 'object' && turn !== null ? (turn as Record<string, unknown>)['content'] : undefined;
    seconds += turnSeconds(content, rand.stream(`transcript.${i}.seconds`));
  });
  return seconds;
}

/** One-sentence post-call summaries per topic: what the caller wanted. */
const SUMMARIES: Readonly<Record<string, readonly string[]>> = {
  'order-status': ['Customer asked about order status.', 'Caller asked when their order would arrive.', 'Customer called to check on a delayed order.'],
  appointment: ['Caller asked to book an appointment.', 'Customer wanted to schedule or reschedule an appointment.'],
  billing: ['Customer asked about an unexpected charge on their card.', 'Caller reported being charged twice.'],
  refund: ['Customer asked to return an item.', 'Caller reported a damaged order and asked for a return.'],
  'opt-out': ['Reminder call; the customer asked not to be called again.', 'Customer asked to be removed from the call list.'],
  greeting: ['Caller asked about opening hours and location.', 'Caller had general questions about the business.'],
  support: ['Customer was locked out of their account and asked for help logging in.', 'Caller needed help accessing their account.'],
};

/** @internal How the call ended, read from its last turn. */
export function disconnectionReason(r: Stream, last: TranscriptTurn): string | null {
  if (r.chance(0.04)) return null;
  if (last.role === 'agent' && /\btransfer\b/i.test(last.content)) return 'call_transfer';
  if (last.role === 'user') return 'user_hangup';
  return r.chance(0.6) ? 'agent_hangup' : 'user_hangup';
}

/** @internal Post-call analysis: present on most calls (summary, sentiment, success), all null otherwise. */
export function analysis(
  rand: Random,
  topic: Topic,
  complete: boolean,
): { summary: string | null; userSentiment: string | null; callSuccessful: boolean | null } {
  if (rand.stream('analysis').chance(0.12)) return { summary: null, userSentiment: null, callSuccessful: null };
  const summaries = SUMMARIES[topic.name] ?? ['Caller contacted the business.'];
  const callSuccessful = rand.stream('callSuccessful').chance(complete ? 0.9 : 0.45);
  const userSentiment = rand.stream('userSentiment').weighted<string>(
    callSuccessful
      ? [['Positive', 50], ['Neutral', 42], ['Negative', 8]]
      : [['Positive', 10], ['Neutral', 45], ['Negative', 45]],
  );
  return { summary: rand.stream('summary').pick(summaries), userSentiment, callSuccessful };
}

/** A valid payload timestamp an override gives at `data.<key>`, as milliseconds. */
function overriddenTime(overrides: unknown, key: string): number | undefined {
  const value = overrideAt(overrides, 'data', key);
  return typeof value === 'string' && isoTimestampSchema.safeParse(value).success ? Date.parse(value) : undefined;
}

/** @internal buildCallEndedEvent with resolved options, the seed of the agent's identity and the checked `turns`. */
export function callEndedEventWith(
  overrides: Overrides<CallEndedEvent> | undefined,
  o: ResolvedOptions,
  identitySeed: number,
  turnsOption: number | undefined,
): CallEndedEvent {
  const { rand, identity } = fixtureRandoms(o.seed, identitySeed);
  const { timestamp, ms } = eventTime(overrides, o.nowMs);
  let topic = pickTopic(rand);
  const turns = turnsOption ?? seededTurns(rand.stream('call.turns'), topic);
  // A reminder call is placed by the agent and ends after the reminder: a longer call is one the
  // customer placed.
  if (topic.outboundCalls === true && turns > wholeScriptTurns(topic)) {
    topic = pickTopic(rand, 'topic.inbound', (t) => t.outboundCalls !== true);
  }
  const slots = new Slots(rand, identity);
  const transcript = callTranscript(rand, topic, slots, turns);
  const agent = agentIdentity(identity);

  // Customers call in; the agent calls out where the script has it place the call. An overridden
  // direction decides who is in `from`; a web call has no AgentPhone number.
  const overriddenDirection = overrideAt(overrides, 'data', 'direction');
  const direction: CallDirection =
    overriddenDirection === 'inbound' || overriddenDirection === 'outbound' || overriddenDirection === 'web'
      ? overriddenDirection
      : topic.outboundCalls === true
        ? 'outbound'
        : 'inbound';
  const customer = customerPhone(rand.stream('from'));

  // The call ends when the event is sent. An overridden transcript, end, start or duration moves
  // the others so that durationSeconds stays endedAt − startedAt.
  const endMs = overriddenTime(overrides, 'endedAt') ?? ms;
  const overriddenTranscript = overrideAt(overrides, 'data', 'transcript');
  const overriddenDuration = overrideAt(overrides, 'data', 'durationSeconds');
  const startMs = overriddenTime(overrides, 'startedAt');
  const durationSeconds =
    typeof overriddenDuration === 'number' && Number.isInteger(overriddenDuration) && overriddenDuration >= 0
      ? overriddenDuration
      : startMs !== undefined
        ? Math.max(0, Math.round((endMs - startMs) / 1000))
        : callSeconds(rand, Array.isArray(overriddenTranscript) ? overriddenTranscript : transcript);

  const complete = turns >= wholeScriptTurns(topic);
  const event: CallEndedEvent = {
    event: 'agent.call_ended',
    channel: 'voice',
    timestamp,
    agentId: agent.agentId,
    data: {
      callId: makeId('call', rand.stream('callId')),
      numberId: direction === 'web' ? null : agent.numberId,
      from: direction === 'outbound' ? agent.agentNumber : customer,
      to: direction === 'outbound' ? customer : agent.agentNumber,
      direction,
      status: 'completed',
      startedAt: isoSeconds(endMs - durationSeconds * 1000),
      endedAt: timestamp,
      durationSeconds,
      disconnectionReason: disconnectionReason(rand.stream('disconnectionReason'), transcript.at(-1) as TranscriptTurn),
      transcript,
      ...analysis(rand, topic, complete),
    },
  };
  const merged = mergeOverrides(event, overrides);
  return o.validate ? validateFixture('buildCallEndedEvent', callEndedEventSchema, merged) : merged;
}

/**
 * Builds an `agent.call_ended` webhook (channel `voice`): the whole call as a transcript of
 * `{ role: 'agent' | 'user', content }` turns, starting with the agent's greeting, with
 * `startedAt` and `endedAt` (= `timestamp`) `durationSeconds` apart (about 8–20 s a turn),
 * a `disconnectionReason` that fits how the call ended (`user_hangup`, `agent_hangup`,
 * `call_transfer`, sometimes `null`) and, on most calls, the post-call analysis: a one-sentence
 * `summary`, `userSentiment` (`Positive`, `Neutral`, `Negative`) and `callSuccessful`, all
 * `null` when no analysis ran. Most calls are inbound; reminder calls are outbound (`from` is the
 * agent's number); overriding `direction: 'web'` gives a web call (`numberId: null`).
 * `conversationState`, `recentHistory` and `contact` are absent: add them through overrides.
 *
 * @param overrides Any part of the event; objects merge, arrays replace, `null` sets null. A new
 *   `timestamp` moves `endedAt` and `startedAt`; a new `durationSeconds`, `startedAt` or
 *   `transcript` keeps `durationSeconds = endedAt − startedAt`.
 * @param options `seed`, `now`, `turns` (2–60), `validate`.
 * @returns A valid `CallEndedEvent`.
 * @throws {FixtureValidationError} when overrides make the event invalid (unless `validate: false`).
 * @throws {FixtureOptionError} when an option is out of range.
 * @example
 * ```ts
 * const event = buildCallEndedEvent({ data: { userSentiment: 'Negative', callSuccessful: false } }, { seed: 3, turns: 8 });
 * event.data.transcript[0]?.role; // 'agent'
 * await handler(event); // fire-and-forget: answer 200
 * ```
 */
export function buildCallEndedEvent(overrides?: Overrides<CallEndedEvent>, options?: CallEndedOptions): CallEndedEvent {
  const o = resolveOptions(options);
  return callEndedEventWith(overrides, o, o.seed, checkTurns(options?.turns));
}
