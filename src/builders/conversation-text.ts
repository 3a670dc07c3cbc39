import type { Random } from '../random/random.js';
import type { Stream } from '../random/rng.js';
import type { Direction } from '../schemas/primitives.js';
import { BUSINESSES, EMOJI, MONTHS, PRODUCTS, TIMES, TOPICS, WEEKDAYS, type Exchange, type Script, type StateKey, type Topic } from './corpus.js';


const TOPIC_WEIGHTS = TOPICS.map((topic) => [topic, topic.weight] as const);

/** Slot values for one fixture's texts, drawn lazily from their own paths. */
export class Slots {
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly rand: Random,
    private readonly identity: Random,
  ) {}

  get(name: string): string {
    let value = this.cache.get(name);
    if (value === undefined) {
      value = this.draw(name);
      this.cache.set(name, value);
    }
    return value;
  }

  private draw(name: string): string {
    const path = `slot.${name}`;
    switch (name) {
      case 'first':
        return this.rand.faker('customer.firstName').person.firstName();
      case 'last':
        return this.rand.faker('customer.lastName').person.lastName();
      case 'order':
        return String(this.rand.stream(path).int(10000, 99999));
      case 'product':
        return this.rand.stream(path).pick(PRODUCTS);
      case 'day':
        return this.rand.stream(path).pick(WEEKDAYS);
      case 'time':
        return this.rand.stream(path).pick(TIMES);
      case 'amount': {
        const r = this.rand.stream(path);
        return `$${r.int(5, 480)}.${String(r.int(0, 99)).padStart(2, '0')}`;
      }
      case 'date': {
        const r = this.rand.stream(path);
        return `${r.pick(MONTHS)} ${r.int(1, 28)}`;
      }
      case 'last4':
        return this.rand.stream(path).chars('0123456789', 4);
      case 'ref':
        return `TKT-${this.rand.stream(path).int(1000, 99999)}`;
      case 'business':
        return this.identity.stream('business').pick(BUSINESSES);
      case 'street':
        return this.rand.faker('slot.street').location.streetAddress();
      default:
        // Only a template typo gets here; the corpus test fills every template to catch it.
        throw new Error(`Unknown slot {${name}} in a corpus template`);
    }
  }

  fill(template: string): string {
    const parts = parseTemplate(template);
    if (parts.length === 1) return parts[0] as string;
    let out = '';
    for (let i = 0; i < parts.length; i++) out += i % 2 === 0 ? (parts[i] as string) : this.get(parts[i] as string);
    return out;
  }
}

const parsedTemplates = new Map<string, readonly string[]>();

/** Splits "Hi {first}!" into ['Hi ', 'first', '!']: text at even indexes, slot names at odd. */
function parseTemplate(template: string): readonly string[] {
  let parts = parsedTemplates.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/);
    parsedTemplates.set(template, parts);
  }
  return parts;
}

/** @internal Picks the conversation topic. */
export function pickTopic(rand: Random, path = 'topic', allowed?: (topic: Topic) => boolean): Topic {
  const weights = allowed === undefined ? TOPIC_WEIGHTS : TOPIC_WEIGHTS.filter(([topic]) => allowed(topic));
  return rand.stream(path).weighted(weights);
}

/** Customer texting style: casing, punctuation, an emoji now and then. */
function styleText(text: string, r: Stream): string {
  // Addresses and links are typed (or pasted) as they are.
  if (text.includes('@') || text.includes('://')) return text;
  let out = text;
  const roll = r.next();
  if (roll < 0.12) out = out.toLowerCase();
  else if (roll < 0.2 && /^[A-Z][a-z]/.test(out)) out = out.charAt(0).toLowerCase() + out.slice(1);
  if (r.chance(0.15)) out = out.replace(/[.!]+$/, '');
  if (r.chance(0.05) && out.endsWith('?')) out += '?';
  if (r.chance(0.09) && !/\p{Extended_Pictographic}/u.test(out)) out += ` ${r.pick(EMOJI)}`;
  return out;
}

/** Caller speech as STT returns it: now and then a filler word. */
function styleSpeech(text: string, r: Stream): string {
  if (r.chance(0.12) && !/^(Um|Uh|Yeah|Hi|Hello|Hey)\b/.test(text)) {
    return `${r.pick(['Um', 'Uh', 'Yeah', 'So'])}, ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  }
  return text;
}

/** @internal A customer line in the customer's style: texting (casing, emoji) or speech (fillers). */
export function styleLine(text: string, r: Stream, voice: boolean): string {
  return voice ? styleSpeech(text, r) : styleText(text, r);
}

/** One earlier turn of a planned conversation. */
export interface PlannedTurn {
  readonly direction: Direction;
  readonly content: string;
  /** First turn of an earlier, separate thread (a long gap comes before the next turn). */
  readonly threadStart: boolean;
}

function scriptOf(topic: Topic, voice: boolean): Script {
  return voice ? topic.voice : topic.text;
}

/**
 * Plans a conversation that ends with a customer turn (the event's message): the topic's script
 * up to a step chosen so the history fills naturally, and, when `count` asks for more turns than
 * the script has, earlier threads on other topics before it (on a call: earlier parts of the
 * same call). Customer lines get the customer's texting or speaking style.
 */
export function planConversation(
  rand: Random,
  topic: Topic,
  voice: boolean,
  slots: Slots,
  count: number,
  speaker: Direction = 'inbound',
): { history: PlannedTurn[]; current: string; currentStartsThread: boolean } {
  const customer = (template: string, path: string) => {
    const text = slots.fill(template);
    const r = rand.stream(`${path}.style`);
    return voice ? styleSpeech(text, r) : styleText(text, r);
  };
  const script = scriptOf(topic, voice);
  const agentSpeaks = speaker === 'outbound';
  const step = Math.min(script.steps.length - 1, Math.floor((agentSpeaks ? Math.max(0, count - 1) : count) / 2));
  const turns: PlannedTurn[] = [];
  threadTurns(rand, script, 'thread', step, voice, slots, customer, turns, true);
  const currentPair = rand.stream(`thread.step.${step}`).pick(script.steps[step] as readonly Exchange[]);
  const asked = customer(currentPair[0], 'message');
  // An outbound event is the agent's reply: the customer line it answers is the last turn before it.
  if (agentSpeaks) turns.push({ direction: 'inbound', content: asked, threadStart: turns.length === 0 });
  const current = agentSpeaks ? slots.fill(currentPair[1]) : asked;

  // Not enough turns: earlier threads come first, newest last, until the history is full; never
  // the same topic twice in a row.
  let earlier: PlannedTurn[] = [];
  let following = topic;
  for (let t = 0; turns.length + earlier.length < count; t++) {
    // Reminder calls are placed by the agent: they are never an earlier part of another call; and
    // a call does not come back to its own topic.
    const fitsCall = (x: Topic) => x.outboundCalls !== true && x !== topic;
    let other = pickTopic(rand, `earlier.${t}.topic`, voice ? fitsCall : undefined);
    if (other === following) {
      other = pickTopic(rand, `earlier.${t}.topic.again`, (x) => x !== following && (!voice || fitsCall(x)));
    }
    const otherScript = scriptOf(other, voice);
    const part: PlannedTurn[] = [];
    // Earlier parts of a call leave out their wrap-up (a call does not say goodbye mid-way).
    const steps = voice ? Math.max(1, otherScript.steps.length - 1) : otherScript.steps.length;
    threadTurns(rand, otherScript, `earlier.${t}`, steps, voice, slots, customer, part, !voice);
    earlier = part.concat(earlier);
    following = other;
  }
  // On a call, the greeting stays the first thing said: earlier parts of the call come after it.
  const greeting = voice && script.intro !== undefined && turns.length > 0 && earlier.length > 0;
  const history = greeting ? [turns[0] as PlannedTurn, ...earlier, ...turns.slice(1)] : earlier.concat(turns);
  return {
    history: history.slice(history.length - count),
    current,
    currentStartsThread: !voice && turns.length === 0 && earlier.length > 0,
  };
}

/** Turns of one thread: the intro (sometimes) and the exchanges of its first `steps` steps. */
function threadTurns(
  rand: Random,
  script: Script,
  path: string,
  steps: number,
  voice: boolean,
  slots: Slots,
  customer: (template: string, path: string) => string,
  out: PlannedTurn[],
  allowIntro: boolean,
): void {
  const start = out.length;
  const intro = script.intro;
  if (allowIntro && intro !== undefined && (voice || rand.stream(`${path}.intro`).chance(0.5))) {
    out.push({ direction: 'outbound', content: slots.fill(rand.stream(`${path}.intro.line`).pick(intro)), threadStart: false });
  }
  for (let i = 0; i < steps; i++) {
    const pair = rand.stream(`${path}.step.${i}`).pick(script.steps[i] as readonly Exchange[]);
    out.push({ direction: 'inbound', content: customer(pair[0], `${path}.step.${i}.customer`), threadStart: false });
    out.push({ direction: 'outbound', content: slots.fill(pair[1]), threadStart: false });
  }
  const first = out[start];
  if (first !== undefined) out[start] = { ...first, threadStart: true };
}

/** One line on its own: a customer line (inbound) or an agent reply (outbound) of the topic. */
export function singleLine(rand: Random, topic: Topic, voice: boolean, slots: Slots, direction: Direction): string {
  const script = scriptOf(topic, voice);
  const r = rand.stream('line');
  const pair = r.pick(r.pick(script.steps));
  if (direction === 'outbound') return slots.fill(pair[1]);
  const text = slots.fill(pair[0]);
  return voice ? styleSpeech(text, r) : styleText(text, r);
}

/** Seconds between two consecutive turns, given who speaks second and whether a new thread starts. */
export function turnGapSeconds(r: Stream, speaker: Direction, voice: boolean, newThread = false): number {
  if (newThread && !voice) return r.int(3 * 3600, 5 * 86400);
  if (voice) return speaker === 'outbound' ? r.int(1, 6) : r.int(2, 20);
  if (speaker === 'outbound') return r.weighted([[r.int(3, 60), 6], [r.int(60, 600), 3], [r.int(600, 3600), 1]]);
  return r.weighted([[r.int(20, 300), 5], [r.int(300, 3600), 3], [r.int(3600, 6 * 3600), 2]]);
}

/** conversationState for a messaging thread: null, or what a backend would have stored. */
export function conversationState(rand: Random, topic: Topic, slots: Slots): Record<string, unknown> | null {
  const r = rand.stream('conversationState');
  if (r.chance(0.4)) return null;
  const state: Record<string, unknown> = {};
  for (const key of topic.state) state[key] = stateValue(key, rand, slots, topic);
  return state;
}

function stateValue(key: StateKey, rand: Random, slots: Slots, topic: Topic): unknown {
  switch (key) {
    case 'customerName':
      return `${slots.get('first')} ${slots.get('last')}`;
    case 'orderId':
      return `ORD-${slots.get('order')}`;
    case 'appointmentId':
      return `apt_${rand.stream('state.appointmentId').int(100000, 999999)}`;
    case 'accountId':
      return `acct_${rand.stream('state.accountId').int(100000, 999999)}`;
    case 'ticketId':
      return slots.get('ref');
    case 'optedOut':
      return true;
    case 'intent':
      return topic.name === 'greeting' ? 'general_inquiry' : topic.name.replace('-', '_');
  }
}
