import type { Random } from '../random/random.js';
import type { Stream } from '../random/rng.js';
import type { Direction } from '../schemas/primitives.js';
import { BUSINESSES, EMOJI, MONTHS, TIMES, TOPICS, WEEKDAYS, type StateKey, type Topic } from './corpus.js';

const PRODUCTS = [
  'wireless earbuds', 'standing desk', 'coffee grinder', 'running shoes', 'phone case', 'air purifier',
  'blender', 'yoga mat', 'desk lamp', 'backpack', 'rain jacket', 'espresso machine', 'office chair',
  'smart thermostat', 'baby monitor', 'dog bed', 'cast iron skillet', 'electric toothbrush',
] as const;

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
      case 'lastInitial':
        return this.get('last').charAt(0);
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
        return name;
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
export function pickTopic(rand: Random): Topic {
  return rand.stream('topic').weighted(TOPIC_WEIGHTS);
}

/** Customer texting style: casing, punctuation, an emoji now and then. */
function styleText(text: string, r: Stream): string {
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

/** What kind of line a turn needs. */
export type LineKind = 'open' | 'follow' | 'agent';

/**
 * Draws the text of one turn. Pools are written in the order a conversation runs (greetings
 * first, wrap-ups last), so later turns walk forward through their pool, skipping a line now and
 * then, and wrap around only when a long thread runs out of lines. Openers are picked at random.
 */
export class Lines {
  private readonly cursors = new Map<LineKind, number>();

  constructor(
    private readonly rand: Random,
    private readonly topic: Topic,
    private readonly voice: boolean,
    private readonly slots: Slots,
  ) {}

  private pool(kind: LineKind): readonly string[] {
    const t = this.topic;
    if (this.voice) return kind === 'open' ? t.callerOpen : kind === 'follow' ? t.callerFollow : t.agentSpoken;
    return kind === 'open' ? t.open : kind === 'follow' ? t.follow : t.agent;
  }

  /** The next line of `kind`; `path` names the turn, for its own draws. */
  next(kind: LineKind, path: string): string {
    const pool = this.pool(kind);
    const r = this.rand.stream(path);
    let template: string;
    if (kind === 'open') {
      template = r.pick(pool);
    } else {
      let cursor = this.cursors.get(kind) ?? (kind === 'follow' ? r.int(0, 1) : 0);
      if (r.chance(0.3)) cursor++;
      template = pool[cursor % pool.length] as string;
      this.cursors.set(kind, cursor + 1);
    }
    const text = this.slots.fill(template);
    if (kind === 'agent') return text;
    return this.voice ? styleSpeech(text, r) : styleText(text, r);
  }
}

/**
 * Directions of `count` earlier turns, oldest first, that lead up to an inbound message: the
 * turn right before it is usually the agent's, and turns mostly alternate (customers double-text
 * now and then on messaging channels; opt-out threads are mostly the business's own texts).
 */
export function historyDirections(r: Stream, count: number, topic: Topic, voice: boolean): Direction[] {
  const out: Direction[] = new Array<Direction>(count);
  let next: Direction = 'inbound';
  const repeat = voice ? 0.05 : 0.12;
  for (let i = count - 1; i >= 0; i--) {
    let dir: Direction;
    if (topic.name === 'opt-out' && !voice) dir = r.chance(0.8) ? 'outbound' : 'inbound';
    else if (i === count - 1) dir = r.chance(voice ? 0.95 : 0.85) ? 'outbound' : 'inbound';
    else dir = r.chance(repeat) ? next : next === 'inbound' ? 'outbound' : 'inbound';
    out[i] = dir;
    next = dir;
  }
  return out;
}

/** Seconds between two consecutive turns, given who speaks second. */
export function turnGapSeconds(r: Stream, speaker: Direction, voice: boolean): number {
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
