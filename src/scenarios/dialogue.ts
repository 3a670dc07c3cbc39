import type { Random } from '../random/random.js';
import { pickTopic, styleLine, type Slots } from '../builders/conversation-text.js';
import { TOPICS, type Exchange, type Script, type Topic } from '../builders/corpus.js';

/**
 * The text side of a conversation over time: which topic the thread is on, which step of its
 * script comes next, and what the agent would answer. Lines come from the same scripts as the
 * builders (paired exchanges, so a generated reply always fits the customer line it answers).
 * A customer line written by the caller is matched against the corpus to find a reply that fits
 * it, and the thread carries on from there.
 * @internal
 */
export class Dialogue {
  private topic: Topic | undefined;
  private thread = -1;
  private step = 0;
  /**
   * What the agent's next reply answers: the exchange of the customer's last line (generated,
   * or the corpus line closest to one the user wrote), or `null` when a written line matched
   * nothing (a neutral acknowledgement).
   */
  private pending: Exchange | null | undefined;
  /** The thread as it was before the last generated customer line, to take it back if it is replaced. */
  private beforeLast: { topic: Topic | undefined; thread: number; step: number; introduced: boolean } | undefined;
  private introduced = false;
  private lastClosing: Exchange | undefined;

  /**
   * @param slots The conversation's slot values (one customer name, one order number, …),
   *   shared with any call placed from it.
   * @param allowTopic Which topics threads may take.
   * @param firstTopic Which topics the first thread may take (an outbound call starts with the
   *   reminder the agent calls about).
   * @param openers The agent's first line when it speaks first, instead of the topic's own.
   */
  constructor(
    private readonly rand: Random,
    private readonly slots: Slots,
    private readonly voice: boolean,
    private readonly allowTopic: (topic: Topic) => boolean = () => true,
    private readonly firstTopic: (topic: Topic) => boolean = allowTopic,
    private readonly openers?: readonly string[] | undefined,
  ) {}

  /** The thread's state, to put back when a turn fails (an override that breaks the schema). */
  save(): unknown {
    return { topic: this.topic, thread: this.thread, step: this.step, pending: this.pending, introduced: this.introduced, beforeLast: this.beforeLast, lastClosing: this.lastClosing };
  }

  /** Puts back a state from {@link save}. */
  restore(saved: unknown): void {
    Object.assign(this, saved);
  }

  /** The slot values of this conversation (customer name, order number, …). */
  get values(): Slots {
    return this.slots;
  }

  /** The topic the thread is on, if a line has set one yet. */
  get topicSoFar(): Topic | undefined {
    return this.topic;
  }

  /** The topic the thread is on now (its script drives generated lines). */
  get currentTopic(): Topic {
    return this.topic ?? this.startThread();
  }

  private script(topic: Topic): Script {
    return this.voice ? topic.voice : topic.text;
  }

  private startThread(): Topic {
    this.thread += 1;
    const previous = this.topic;
    const path = `thread.${this.thread}.topic`;
    const allowed = this.thread === 0 ? this.firstTopic : this.allowTopic;
    let topic = pickTopic(this.rand, path, allowed);
    if (topic === previous) topic = pickTopic(this.rand, `${path}.again`, (t) => t !== previous && allowed(t));
    this.topic = topic;
    this.step = 0;
    this.introduced = false;
    return topic;
  }

  /**
   * The next customer line of the script; `newThread` when the thread's script had run out and a
   * new topic starts (a long gap fits before it on a text thread).
   */
  customer(turn: number): { text: string; newThread: boolean } {
    let newThread = false;
    this.beforeLast = { topic: this.topic, thread: this.thread, step: this.step, introduced: this.introduced };
    if (this.topic === undefined) this.startThread();
    else if (this.step >= this.script(this.topic).steps.length) {
      // A call whose script is done is wrapping up: callers do not open a new topic mid-call.
      if (this.voice) {
        // A caller who keeps talking does not say the same goodbye twice in a row.
        const closing = this.rand.stream(`turn.${turn}.closing`).pick(CALL_CLOSINGS.filter((c) => c !== this.lastClosing));
        this.lastClosing = closing;
        this.pending = closing;
        return { text: closing[0], newThread: false };
      }
      this.startThread();
      newThread = true;
    }
    const topic = this.topic as Topic;
    const steps = this.script(topic).steps;
    const exchange = this.rand.stream(`thread.${this.thread}.step.${this.step}`).pick(steps[this.step] as readonly Exchange[]);
    this.step += 1;
    this.pending = exchange;
    this.introduced = true;
    const text = styleLine(this.slots.fill(exchange[0]), this.rand.stream(`turn.${turn}.style`), this.voice);
    return { text, newThread };
  }

  /**
   * Records a customer line the user wrote. It is read in context: the corpus exchange whose
   * customer line shares the most telling words with it (rarer words count more), with a lead
   * for the step the thread expects next (the answer to the agent's last question). The thread
   * moves to that exchange's topic and step, so the next generated reply answers it and later
   * generated lines carry on from it. With nothing to go on, the reply is a neutral
   * acknowledgement.
   */
  customerWrote(text: string): void {
    this.beforeLast = undefined;
    const topic = this.topic;
    const expects = topic !== undefined && this.step < this.script(topic).steps.length;
    const match = bestMatch(text, this.voice, this.allowTopic, expects ? { topic, step: this.step } : undefined);
    if (match === undefined) {
      this.pending = null;
      return;
    }
    if (match.topic !== this.topic) {
      this.topic = match.topic;
      this.thread += 1;
    }
    this.step = match.step + 1;
    this.introduced = true;
    this.pending = match.exchange;
  }

  /**
   * The generated customer line was replaced (an override of the message): the thread goes back
   * to where it was before that line, and the replacement is read as a written line.
   */
  customerReplaced(text: string): void {
    const before = this.beforeLast;
    if (before !== undefined) {
      this.topic = before.topic;
      this.thread = before.thread;
      this.step = before.step;
      this.introduced = before.introduced;
    }
    this.customerWrote(text);
  }

  /** Records an agent line the user wrote: nothing is left to answer. */
  agentWrote(): void {
    this.pending = undefined;
    this.introduced = true;
  }

  /** The agent's next line: the reply to what the customer said, an opening line, or a follow-up. */
  agent(turn: number): string {
    const pending = this.pending;
    this.pending = undefined;
    if (pending === null) {
      return this.slots.fill(this.rand.stream(`turn.${turn}.acknowledge`).pick(this.voice ? CALL_ACKS : TEXT_ACKS));
    }
    if (pending !== undefined) return this.slots.fill(pending[1]);
    const topic = this.currentTopic;
    const intro = this.script(topic).intro;
    if (!this.introduced) {
      this.introduced = true;
      const lines = this.openers ?? intro ?? (this.voice ? CALL_OPENERS : TEXT_OPENERS);
      return this.slots.fill(this.rand.stream(`turn.${turn}.opener`).pick(lines));
    }
    return this.slots.fill(this.rand.stream(`turn.${turn}.follow-up`).pick(this.voice ? CALL_FOLLOW_UPS : TEXT_FOLLOW_UPS));
  }
}

/** What a caller says once the call's business is done, and the agent's goodbye. */
const CALL_CLOSINGS: readonly Exchange[] = [
  ["No, that's everything. Thanks!", "You're welcome! Have a great day."],
  ['That’s all, thank you.', 'Thanks for calling. Goodbye!'],
  ["Nope, that's it. Bye!", 'Take care, bye!'],
  ['Okay, thanks. Bye.', 'Bye now!'],
];

const TEXT_OPENERS = [
  'Hi {first}, this is {business}. How can we help today?',
  'Hi {first}! {business} here. Just checking in: anything we can help with?',
];
const CALL_OPENERS = ['Hello, how can I help?', 'Thanks for calling {business}, how can I help you today?'];
const TEXT_FOLLOW_UPS = ['Is there anything else I can help with?', 'Anything else I can do for you, {first}?', 'Just following up: did that solve it?'];
const CALL_FOLLOW_UPS = ['Is there anything else I can help you with?', 'Are you still there?', 'Is there anything else today?'];
const TEXT_ACKS = [
  'Thanks for reaching out! Let me look into that for you.',
  'Got it, thanks. Give me a moment to check.',
  'Thanks, {first}. I’m checking on that now.',
];
const CALL_ACKS = ['Okay, let me check on that for you.', 'Sure, one moment while I look into that.', 'I see. Let me find that for you.'];

/** Words that say nothing about what a message is about. */
const STOP_WORDS = new Set(
  (
    "a about again all also am an and any are as at be been but by can could did do does for from get got had has have " +
    "hey hi hello how i i'd i'll i'm i've if im in is it it's its just let let's me my no not now of ok okay on or our out " +
    'please so some still than that the then there they this to too um uh up us very was we were what when where which ' +
    'who why will with would yeah yes you your'
  ).split(' '),
);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\{\w+\}/g, ' ')
    .split(/[^a-z0-9']+/)
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w));
}

interface IndexedExchange {
  readonly topic: Topic;
  readonly step: number;
  readonly exchange: Exchange;
  readonly words: ReadonlySet<string>;
}

const indexes = new Map<boolean, { entries: IndexedExchange[]; weight: Map<string, number> }>();

/** Every customer line of the corpus (text or voice) by its words, with a rarity weight per word. */
function corpusIndex(voice: boolean): { entries: IndexedExchange[]; weight: Map<string, number> } {
  let index = indexes.get(voice);
  if (index === undefined) {
    const entries: IndexedExchange[] = [];
    const count = new Map<string, number>();
    for (const topic of TOPICS) {
      const steps = (voice ? topic.voice : topic.text).steps;
      steps.forEach((alternatives, step) => {
        for (const exchange of alternatives) {
          const set = new Set(words(exchange[0]));
          for (const w of set) count.set(w, (count.get(w) ?? 0) + 1);
          entries.push({ topic, step, exchange, words: set });
        }
      });
    }
    const weight = new Map<string, number>();
    for (const [w, n] of count) weight.set(w, Math.log(1 + entries.length / n));
    index = { entries, weight };
    indexes.set(voice, index);
  }
  return index;
}

/** What a line the user wrote most likely answers: the thread's topic and the step it expects next. */
export interface MatchContext {
  readonly topic: Topic | undefined;
  readonly step: number;
}

/** Score a line of the thread's own topic gets on top of its words. */
const SAME_TOPIC_BONUS = 1;
/**
 * Score the step the thread expects next gets even without a shared word: a customer usually
 * answers what the agent just asked ("Order 40245, the blender" after "What's the order
 * number?"). A line of another topic wins only with clearly more telling words.
 */
const EXPECTED_STEP_PRIOR = 2;

/**
 * @internal The corpus exchange whose customer line best matches `text`: the most telling shared
 * words (rarer words count more), with a lead for the thread's own topic and the step it expects
 * next. Undefined when nothing scores.
 */
export function bestMatch(
  text: string,
  voice: boolean,
  allowTopic: (topic: Topic) => boolean = () => true,
  context?: MatchContext,
): { topic: Topic; step: number; exchange: Exchange } | undefined {
  const { entries, weight } = corpusIndex(voice);
  const wanted = new Set(words(text.slice(0, 2000)));
  let best: IndexedExchange | undefined;
  let bestScore = 0;
  for (const entry of entries) {
    if (!allowTopic(entry.topic)) continue;
    let score = 0;
    for (const w of wanted) if (entry.words.has(w)) score += weight.get(w) ?? 0;
    if (context?.topic === entry.topic) {
      if (entry.step === context.step) score += EXPECTED_STEP_PRIOR + SAME_TOPIC_BONUS;
      else if (score > 0) score += SAME_TOPIC_BONUS;
    }
    // Ties go to the earlier entry: the earlier step, the first alternative.
    if (score > bestScore) {
      best = entry;
      bestScore = score;
    }
  }
  return best;
}
