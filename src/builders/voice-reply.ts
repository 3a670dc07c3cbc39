import { FixtureOptionError } from '../errors.js';
import type { Random } from '../random/random.js';
import type { Stream } from '../random/rng.js';
import { voiceReplySchema, type VoiceReply } from '../schemas/voice-reply.js';
import { TOPICS, type Topic } from './corpus.js';
import { Slots, pickTopic } from './conversation-text.js';
import { fixtureRandoms } from './event-common.js';
import { resolveOptions, type ResolvedOptions } from './options.js';
import { mergeOverrides, overrideAt, type Overrides } from './overrides.js';
import { validateFixture } from './validate.js';

/**
 * Options of {@link buildVoiceReply}.
 *
 * @example
 * ```ts
 * buildVoiceReply({}, { seed: 7 });
 * ```
 */
export interface VoiceReplyOptions {
  /**
   * Seed: any safe integer, 0 included. The same seed (with the same overrides) gives the same
   * reply on every run, machine, worker and test order.
   * @default 0
   */
  seed?: number | undefined;
  /**
   * Validate the built reply (after overrides) against `voiceReplySchema` and throw
   * `FixtureValidationError` if it fails. Turn off to build invalid replies on purpose.
   * @default true
   */
  validate?: boolean | undefined;
}

/**
 * Options of {@link buildVoiceReplyStream}.
 *
 * @example
 * ```ts
 * buildVoiceReplyStream({ seed: 3, interim: 2, final: { text: 'Your order shipped today.' } });
 * ```
 */
export interface VoiceReplyStreamOptions extends VoiceReplyOptions {
  /**
   * Number of interim chunks (`"interim": true`) before the final one, 0–5.
   * @default a seeded count from 1 to 3 (mostly 1)
   */
  interim?: number | undefined;
  /** Overrides for the final chunk, merged as in {@link buildVoiceReply}. */
  final?: Overrides<VoiceReply> | undefined;
}

/**
 * A streamed voice reply as a handler sends it: the content type, the NDJSON body (one chunk per
 * line, each ending in `\n`) and the chunks it holds.
 *
 * @example
 * ```ts
 * const { contentType, body }: VoiceReplyStream = buildVoiceReplyStream({ seed: 1 });
 * res.type(contentType).send(body);
 * ```
 */
export interface VoiceReplyStream {
  /** Always `application/x-ndjson`. */
  readonly contentType: 'application/x-ndjson';
  /** The body: `JSON.stringify(chunk) + '\n'` for each chunk. */
  readonly body: string;
  /** The chunks: the interim ones, then the final one. */
  readonly chunks: VoiceReply[];
}

/** Most interim chunks a stream may be built with. */
const MAX_INTERIM = 5;

type Kind = 'text' | 'hangup' | 'transfer' | 'digits';

/** A single JSON reply: mostly an answer, sometimes a goodbye, a transfer or IVR keys. */
const REPLY_KINDS: readonly (readonly [Kind, number])[] = [
  ['text', 70],
  ['hangup', 12],
  ['transfer', 10],
  ['digits', 8],
];

/** The final chunk after "Let me check…": what the lookup found, now and then a transfer. */
const STREAM_FINAL_KINDS: readonly (readonly [Kind, number])[] = [
  ['text', 88],
  ['transfer', 12],
];

const TRANSFER = /transfer/i;
const CLOSING = /\b(?:bye|goodbye)\b|great day|good day/i;

/**
 * Agent replies of a topic's call script from step `from` on (not the greeting: that is the
 * agent's first message, not a reply).
 */
function agentLines(topic: Topic, from = 0): string[] {
  return topic.voice.steps.slice(from).flatMap((step) => step.map((exchange) => exchange[1]));
}

const isAnswer = (line: string) => !TRANSFER.test(line) && !CLOSING.test(line);

/** Per topic: the agent lines that answer without ending or handing off the call. */
const ANSWERS = new Map<Topic, readonly string[]>(TOPICS.map((topic) => [topic, agentLines(topic).filter(isAnswer)]));

/**
 * Per topic: answers that follow a lookup (from the second step on, once the caller has given
 * an order number, a date, an email), to come after "Let me check that for you." in a stream.
 */
const LOOKUP_ANSWERS = new Map<Topic, readonly string[]>(TOPICS.map((topic) => [topic, agentLines(topic, 1).filter(isAnswer)]));

/** Goodbyes from the call scripts, and a few more (the docs' own among them). */
const GOODBYES: readonly string[] = [
  ...new Set([
    ...TOPICS.flatMap((topic) => agentLines(topic).filter((line) => CLOSING.test(line) && !TRANSFER.test(line))),
    'Thanks for calling! Goodbye.',
    'Thanks for calling {business}. Goodbye!',
    'Goodbye!',
    "You're all set, {first}. Have a great day!",
    'Thanks, {first}. Take care, bye!',
  ]),
];

/** What the agent says before a cold transfer. */
const TRANSFERS: readonly string[] = [
  ...new Set([
    ...TOPICS.flatMap((topic) => agentLines(topic).filter((line) => TRANSFER.test(line))),
    'Let me connect you with our team.',
    'One moment, let me transfer you to a specialist.',
    "Sure, I'll transfer you to someone who can help with that.",
    'Please hold while I transfer you to our front desk.',
    "I'm transferring you to our billing team now. Please stay on the line.",
  ]),
];

/** First interim chunk: said at once while the handler works. */
const FILLERS = [
  'Let me check that for you.',
  'One moment.',
  'Sure, one second.',
  'Let me look that up.',
  'Okay, let me pull up your account.',
  'Give me just a moment.',
  'Let me see what I can find.',
  'Sure, let me check.',
] as const;

/** Later interim chunks: the lookup is taking a while. */
const STILL_WORKING = [
  'Still looking, thanks for your patience.',
  'Almost there.',
  'Thanks for waiting.',
  'Just a few more seconds.',
  "I'm still checking on that.",
  'Bear with me for a moment.',
] as const;

/** The kind an override asks for: transferring, hanging up or pressing keys decide what is said. */
function overriddenKind(overrides: unknown): Kind | undefined {
  const action = overrideAt(overrides, 'action');
  if (action === 'transfer') return 'transfer';
  if (action === 'hangup' || overrideAt(overrides, 'hangup') === true) return 'hangup';
  for (const key of ['digits', 'press_digit', 'dtmf']) {
    if (overrideAt(overrides, key) !== undefined) return 'digits';
  }
  return undefined;
}

/** IVR keys an agent presses: a menu choice, an account or extension number and `#`, `*` then keys. */
function dtmfKeys(r: Stream): string {
  switch (r.weighted<'menu' | 'number' | 'star' | 'pound'>([['menu', 6], ['number', 3], ['star', 1], ['pound', 1]])) {
    case 'menu':
      return r.chars('1234567890', 1);
    case 'number':
      return `${r.chars('123456789', 1)}${r.chars('0123456789', r.int(3, 7))}#`;
    case 'star':
      return `*${r.chars('0123456789', r.int(1, 3))}`;
    case 'pound':
      return '#';
  }
}

/** A reply drawn from `rand`; `kinds` weighs what it does. */
function replyFrom(
  rand: Random,
  identity: Random,
  overrides: Overrides<VoiceReply> | undefined,
  kinds: readonly (readonly [Kind, number])[],
  answers: ReadonlyMap<Topic, readonly string[]>,
): VoiceReply {
  const kind = overriddenKind(overrides) ?? rand.stream('kind').weighted(kinds);
  const slots = new Slots(rand, identity);
  switch (kind) {
    case 'text': {
      const topic = pickTopic(rand, 'topic', (t) => (answers.get(t) ?? []).length > 0);
      return { text: slots.fill(rand.stream('text').pick(answers.get(topic) as readonly string[])) };
    }
    case 'hangup': {
      const text = slots.fill(rand.stream('text').pick(GOODBYES));
      // Most handlers set `hangup`; some use the `action` form.
      if (overrideAt(overrides, 'action') === 'hangup') return { text, action: 'hangup' };
      if (overrideAt(overrides, 'hangup') !== true && rand.stream('hangup.style').chance(0.15)) return { text, action: 'hangup' };
      return { text, hangup: true };
    }
    case 'transfer':
      return { text: slots.fill(rand.stream('text').pick(TRANSFERS)), action: 'transfer' };
    case 'digits': {
      // Navigating a phone menu: the agent presses keys and says nothing. An overridden alias
      // (`press_digit`, `dtmf`) is the only key field, not a second one beside `digits`.
      const keys = dtmfKeys(rand.stream('digits'));
      if (overrideAt(overrides, 'digits') === undefined) {
        if (overrideAt(overrides, 'press_digit') !== undefined) return { press_digit: keys };
        if (overrideAt(overrides, 'dtmf') !== undefined) return { dtmf: keys };
      }
      return { digits: keys };
    }
  }
}

/** @internal buildVoiceReply with resolved options and the seed of the agent's identity. */
export function voiceReplyWith(overrides: Overrides<VoiceReply> | undefined, o: ResolvedOptions, identitySeed: number): VoiceReply {
  const { rand, identity } = fixtureRandoms(o.seed, identitySeed, 'voiceReply');
  const reply = mergeOverrides(replyFrom(rand, identity, overrides, REPLY_KINDS, ANSWERS), overrides);
  return o.validate ? validateFixture('buildVoiceReply', voiceReplySchema, reply) : reply;
}

/** @internal Checks the `interim` option: an integer from 0 to 5, or undefined. */
export function checkInterim(interim: unknown): number | undefined {
  if (interim === undefined) return undefined;
  if (typeof interim !== 'number' || !Number.isInteger(interim) || interim < 0 || interim > MAX_INTERIM) {
    throw new FixtureOptionError('interim', `an integer from 0 to ${MAX_INTERIM}`, interim);
  }
  return interim;
}

/** @internal Checks the `final` option: an object of overrides, or undefined. */
export function checkFinal(final: unknown): Overrides<VoiceReply> | undefined {
  if (final === undefined) return undefined;
  if (typeof final !== 'object' || final === null || Array.isArray(final)) {
    throw new FixtureOptionError('final', 'an object of overrides for the final chunk', final);
  }
  return final as Overrides<VoiceReply>;
}

/** @internal buildVoiceReplyStream with resolved options and the seed of the agent's identity. */
export function voiceReplyStreamWith(
  o: ResolvedOptions,
  interim: number | undefined,
  final: Overrides<VoiceReply> | undefined,
  identitySeed: number,
): VoiceReplyStream {
  const { rand, identity } = fixtureRandoms(o.seed, identitySeed, 'voiceReplyStream');
  // Most handlers send one filler; a slow lookup sends a second or third.
  const count = interim ?? rand.stream('interim.count').weighted([[1, 6], [2, 3], [3, 1]]);
  const chunks: VoiceReply[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const r = rand.stream(`interim.${i}`);
    const pool = i === 0 ? FILLERS : STILL_WORKING;
    // Never the same filler twice in one stream (the pools are larger than MAX_INTERIM - 1).
    const fresh = pool.filter((line) => !used.has(line));
    const text = r.pick(fresh.length > 0 ? fresh : pool);
    used.add(text);
    chunks.push({ text, interim: true });
  }
  const last = mergeOverrides(replyFrom(rand.child('final'), identity, final, STREAM_FINAL_KINDS, LOOKUP_ANSWERS), final);
  chunks.push(o.validate ? validateFixture('buildVoiceReplyStream', voiceReplySchema, last) : last);
  let body = '';
  for (const chunk of chunks) body += `${JSON.stringify(chunk)}\n`;
  return { contentType: 'application/x-ndjson', body, chunks };
}

/**
 * Builds a handler's reply to a voice `agent.message` (SPEC §4.1), as one JSON object: mostly
 * `{ text }` with a spoken answer from the call scripts; sometimes a goodbye with
 * `hangup: true` (or `action: 'hangup'`), a "Let me transfer you…" with `action: 'transfer'`,
 * and now and then `digits` to press in a phone menu. Overriding `action`, `hangup` or
 * `digits` picks the matching kind of reply, so the text fits what the reply does.
 *
 * @param overrides Any field of the reply; unknown keys are kept (through a cast).
 * @param options `seed` and `validate`.
 * @returns A valid `VoiceReply` that {@link parseVoiceReply} reads without problems.
 * @throws {FixtureValidationError} when overrides make the reply invalid (unless `validate: false`).
 * @throws {FixtureOptionError} when an option is out of range.
 * @example
 * ```ts
 * const reply = buildVoiceReply({}, { seed: 0 }); // { text: "I'm sorry to hear that. What’s the order number?" }
 * const transfer = buildVoiceReply({ action: 'transfer' }); // { text: "Sure, I'll transfer you to someone…", action: 'transfer' }
 * mockHandler.mockResolvedValue(reply);
 * ```
 */
export function buildVoiceReply(overrides?: Overrides<VoiceReply>, options?: VoiceReplyOptions): VoiceReply {
  const o = resolveOptions(options);
  return voiceReplyWith(overrides, o, o.seed);
}

/**
 * Builds a streamed reply to a voice `agent.message`: `interim` filler chunks
 * (`{"text": "Let me check that for you.", "interim": true}`), then exactly one final chunk
 * (an answer, sometimes a transfer or a goodbye), as the NDJSON body a handler sends with
 * `Content-Type: application/x-ndjson`.
 *
 * @param options `seed`, `validate`, `interim` (0–5 interim chunks; default 1–3, mostly 1) and `final`
 *   (overrides for the final chunk).
 * @returns `{ contentType, body, chunks }`; {@link parseVoiceReply} reads it without problems.
 * @throws {FixtureValidationError} when `final` makes the last chunk invalid (unless `validate: false`).
 * @throws {FixtureOptionError} when an option is out of range.
 * @example
 * ```ts
 * const stream = buildVoiceReplyStream({ seed: 2, interim: 1, final: { text: 'Your order shipped today.' } });
 * stream.body;
 * // {"text":"Okay, let me pull up your account.","interim":true}
 * // {"text":"Your order shipped today."}
 * parseVoiceReply(stream).problems; // []
 * ```
 */
export function buildVoiceReplyStream(options?: VoiceReplyStreamOptions): VoiceReplyStream {
  const o = resolveOptions(options);
  return voiceReplyStreamWith(o, checkInterim(options?.interim), checkFinal(options?.final), o.seed);
}
