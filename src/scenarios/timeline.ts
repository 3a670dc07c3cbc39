import { FixtureOptionError } from '../errors.js';
import { MAX_HISTORY, type HistoryEntry } from '../schemas/history.js';
import { conversationStateSchema } from '../schemas/primitives.js';
import { DURATION_FORMS, parseDuration } from './duration.js';

/** The latest instant a turn may fall on: ISO-8601 strings end at the year 9999. */
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

/** The default `contextLimit` of an AgentPhone webhook. */
export const DEFAULT_CONTEXT_LIMIT = 10;

/**
 * One turn of a conversation or call, as it shows in the `recentHistory` of later events:
 * who spoke (`inbound` is the customer, `outbound` the agent), on which channel, what was said
 * and when.
 *
 * @example
 * ```ts
 * const chat = conversation({ seed: 1 });
 * chat.inbound('Where is my order?');
 * const turn: ConversationTurn = chat.outbound();
 * turn.direction; // 'outbound'
 * ```
 */
export type ConversationTurn = HistoryEntry & {
  readonly content: string;
  readonly direction: 'inbound' | 'outbound';
};

/** @internal Checks `contextLimit`: an integer from 0 to 50; `null` or absent means 10. */
export function checkContextLimit(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_CONTEXT_LIMIT;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_HISTORY) {
    throw new FixtureOptionError('contextLimit', `an integer from 0 to ${MAX_HISTORY} (AgentPhone's range)`, value);
  }
  return value;
}

/** @internal Checks a conversation state: a JSON object or `null`; returns a private copy. */
export function checkState(value: unknown, option: string): Record<string, unknown> | null {
  if (!conversationStateSchema.safeParse(value).success) throw new FixtureOptionError(option, 'an object or null', value);
  return value === null ? null : (structuredCloneState(value as Record<string, unknown>, option) as Record<string, unknown>);
}

function structuredCloneState(value: Record<string, unknown>, option: string): unknown {
  try {
    return structuredClone(value);
  } catch {
    throw new FixtureOptionError(option, 'an object of plain JSON values', value);
  }
}

/**
 * The shared record of one conversation: its turns in order, the events it produced, the clock
 * and the conversation state. A call placed from a conversation writes into the same timeline,
 * so later messages show the call's turns in their history (and the call shows the messages).
 * @internal
 */
export class Timeline {
  readonly turns: ConversationTurn[] = [];
  readonly events: unknown[] = [];
  /** Milliseconds of the latest turn or event; undefined before the first. */
  private lastMs: number | undefined;
  /** A wait asked for since the latest turn, in seconds; replaces the natural gap. */
  private pendingWait: number | undefined;
  private stateValue: Record<string, unknown> | null;

  constructor(
    private readonly startMs: number,
    readonly contextLimit: number,
    state: Record<string, unknown> | null,
    /** Whether `events` keeps what `emit` gets (a streamed scenario keeps nothing). */
    readonly keepEvents = true,
  ) {
    this.stateValue = state;
  }

  get started(): boolean {
    return this.lastMs !== undefined;
  }

  /** A copy of the current state, for one event (events never share an object). */
  stateForEvent(): Record<string, unknown> | null {
    return this.stateValue === null ? null : (structuredClone(this.stateValue) as Record<string, unknown>);
  }

  setState(state: unknown, option = 'state'): void {
    this.stateValue = checkState(state, option);
  }

  wait(duration: unknown, option = 'wait'): void {
    const seconds = parseDuration(duration);
    if (seconds === undefined || seconds < 1) throw new FixtureOptionError(option, `${DURATION_FORMS}, at least 1 second`, duration);
    const total = (this.pendingWait ?? 0) + seconds;
    // Refused here, at the wait that goes too far, rather than at the turn after it.
    if ((this.lastMs ?? this.startMs) + total * 1000 > MAX_MS) {
      throw new FixtureOptionError(option, 'a wait that keeps the next turn before the year 10000', duration);
    }
    this.pendingWait = total;
  }

  /**
   * The instant of the next turn or event: the start (plus any wait) for the first one, then the
   * latest one plus the wait asked for, or else plus `gapSeconds`; `extraSeconds` (how long a
   * spoken line takes) is added either way. Whole seconds, always later than the latest. Nothing
   * changes until the turn is recorded (`record` or `advance`): a turn that fails (an override
   * that breaks the schema) leaves the wait in place for the next one.
   */
  next(gapSeconds: number, extraSeconds = 0): number {
    const wait = this.pendingWait;
    const at =
      this.lastMs === undefined
        ? Math.floor(this.startMs / 1000) * 1000 + (wait ?? 0) * 1000
        : this.lastMs + Math.max(1, wait ?? gapSeconds) * 1000;
    const ms = at + extraSeconds * 1000;
    if (ms > MAX_MS) throw new FixtureOptionError('now', 'a time that keeps every turn before the year 10000', 'turns past 9999-12-31T23:59:59Z');
    return ms;
  }

  /** Moves the clock to `ms` (a turn or event happened then); any wait is used up. */
  advance(ms: number): void {
    this.lastMs = ms;
    this.pendingWait = undefined;
  }

  /**
   * Records a turn said at `ms`. A streamed timeline keeps only the turns later history can
   * show (the latest `contextLimit`), trimmed in batches so each turn costs O(1).
   */
  record(turn: ConversationTurn, ms: number): void {
    this.turns.push(turn);
    this.advance(ms);
    if (!this.keepEvents && this.turns.length > Math.max(2 * this.contextLimit, 1024)) {
      this.turns.splice(0, this.turns.length - this.contextLimit);
    }
  }

  /** Records an event (kept unless the timeline streams its events). */
  emit(event: unknown): void {
    if (this.keepEvents) this.events.push(event);
  }

  /** The `recentHistory` of the next event: copies of the latest min(contextLimit, n) turns, oldest first. */
  history(): HistoryEntry[] {
    const from = Math.max(0, this.turns.length - this.contextLimit);
    const out: HistoryEntry[] = new Array<HistoryEntry>(this.turns.length - from);
    for (let i = from; i < this.turns.length; i++) out[i - from] = { ...(this.turns[i] as ConversationTurn) };
    return out;
  }
}
