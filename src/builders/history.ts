import { FixtureOptionError } from '../errors.js';
import type { Random } from '../random/random.js';
import { fixtureRandoms } from './event-common.js';
import { historyEntrySchema, recentHistorySchema, type HistoryEntry } from '../schemas/history.js';
import { CHANNELS, type Channel } from '../schemas/primitives.js';
import { isoSeconds } from './clock.js';
import type { Topic } from './corpus.js';
import { Slots, pickTopic, planConversation, singleLine, turnGapSeconds, type PlannedTurn } from './conversation-text.js';
import { resolveOptions, checkHistory, type BuildOptions, type ResolvedOptions } from './options.js';
import { mergeOverrides, overrideAt, type Overrides } from './overrides.js';
import { validateFixture } from './validate.js';

/**
 * Options of the history builders: the common {@link BuildOptions} and the channel the entries
 * are on.
 *
 * @example
 * ```ts
 * buildHistory(4, { channel: 'voice', seed: 3 });
 * ```
 */
export interface HistoryOptions extends BuildOptions {
  /**
   * Channel of the entries.
   * @default 'sms'
   */
  channel?: Channel | undefined;
}

/**
 * @internal A conversation for an event at `eventMs`: the earlier turns as history entries
 * (oldest first, each a realistic gap before the next, all before the event) and the text of the
 * event's own customer turn.
 */
export function buildThread(
  rand: Random,
  slots: Slots,
  topic: Topic,
  channel: Channel,
  count: number,
  eventMs: number,
  speaker: HistoryEntry['direction'] = 'inbound',
): { entries: HistoryEntry[]; current: string } {
  const voice = channel === 'voice';
  const plan = planConversation(rand, topic, voice, slots, count, speaker);
  const entries: HistoryEntry[] = new Array<HistoryEntry>(count);
  // Times run backwards from the event: each turn comes a realistic gap before the next one.
  let at = eventMs;
  let next: { direction: HistoryEntry['direction']; threadStart: boolean } = {
    direction: speaker,
    threadStart: plan.currentStartsThread,
  };
  for (let i = count - 1; i >= 0; i--) {
    const turn = plan.history[i] as PlannedTurn;
    at -= turnGapSeconds(rand.stream(`history.${i}.gap`), next.direction, voice, next.threadStart) * 1000;
    entries[i] = { content: turn.content, direction: turn.direction, channel, at: isoSeconds(at) };
    next = turn;
  }
  return { entries, current: plan.current };
}

/** @internal Checks the `channel` option of the history builders (any channel; default sms). */
export function checkHistoryChannel(channel: unknown): Channel {
  if (channel === undefined) return 'sms';
  if (typeof channel !== 'string' || !(CHANNELS as readonly string[]).includes(channel)) {
    throw new FixtureOptionError('channel', `one of ${CHANNELS.map((c) => `"${c}"`).join(', ')}`, channel);
  }
  return channel as Channel;
}

/** @internal buildHistory with resolved options. */
export function historyWith(count: number, o: ResolvedOptions, channel: Channel, identitySeed: number): HistoryEntry[] {
  const { rand, identity } = fixtureRandoms(o.seed, identitySeed, 'history');
  const topic = pickTopic(rand);
  const { entries } = buildThread(rand, new Slots(rand, identity), topic, channel, count, o.nowMs);
  return o.validate ? validateFixture('buildHistory', recentHistorySchema, entries) : entries;
}

/** @internal buildHistoryEntry with resolved options. */
export function historyEntryWith(
  overrides: Overrides<HistoryEntry> | undefined,
  o: ResolvedOptions,
  channel: Channel,
  identitySeed: number,
): HistoryEntry {
  const { rand, identity } = fixtureRandoms(o.seed, identitySeed, 'historyEntry');
  const topic = pickTopic(rand);
  const overriddenChannel = overrideAt(overrides, 'channel');
  const entryChannel = typeof overriddenChannel === 'string' ? (overriddenChannel as Channel) : channel;
  const voice = entryChannel === 'voice';
  const overriddenDirection = overrideAt(overrides, 'direction');
  const direction =
    overriddenDirection === 'inbound' || overriddenDirection === 'outbound'
      ? overriddenDirection
      : rand.stream('direction').chance(0.5)
        ? 'inbound'
        : 'outbound';
  const gap = turnGapSeconds(rand.stream('gap'), 'inbound', voice);
  const entry: HistoryEntry = {
    content: singleLine(rand, topic, voice, new Slots(rand, identity), direction),
    direction,
    channel: entryChannel,
    at: isoSeconds(o.nowMs - gap * 1000),
  };
  const merged = mergeOverrides(entry, overrides);
  return o.validate ? validateFixture('buildHistoryEntry', historyEntrySchema, merged) : merged;
}

/**
 * Builds one `recentHistory` entry: a customer text (inbound) or an agent reply (outbound),
 * shortly before `now`.
 *
 * @param overrides Any fields to set; `direction` also picks what kind of text is written.
 * @param options Seed, clock, validation, and the entry's `channel` (default `sms`).
 * @returns A valid history entry.
 * @throws {FixtureValidationError} when overrides make it invalid (unless `validate: false`).
 * @throws {FixtureOptionError} when an option is out of range.
 * @example
 * ```ts
 * const entry = buildHistoryEntry({ direction: 'outbound' }, { seed: 1, channel: 'voice' });
 * entry.content; // e.g. "Of course! What's your order number?"
 * ```
 */
export function buildHistoryEntry(overrides?: Overrides<HistoryEntry>, options?: HistoryOptions): HistoryEntry {
  const o = resolveOptions(options);
  return historyEntryWith(overrides, o, checkHistoryChannel(options?.channel), o.seed);
}

/**
 * Builds `count` history entries of one conversation, oldest first, all before `now`: customer
 * and agent turns that read like a thread, with realistic gaps between them.
 *
 * @param count Number of entries, 0–50.
 * @param options Seed, clock, validation, and the entries' `channel` (default `sms`).
 * @returns The entries, oldest first.
 * @throws {FixtureOptionError} when `count` or an option is out of range.
 * @example
 * ```ts
 * const history = buildHistory(4, { seed: 9, now: '2026-02-01T10:00:00Z' });
 * history.map((h) => h.direction); // e.g. ['inbound', 'outbound', 'inbound', 'outbound']
 * ```
 */
export function buildHistory(count: number, options?: HistoryOptions): HistoryEntry[] {
  checkHistory(count, 'count');
  const o = resolveOptions(options);
  return historyWith(count, o, checkHistoryChannel(options?.channel), o.seed);
}

