import * as z from 'zod';
import { channelSchema, directionSchema, expected, idSchema, isoTimestampSchema } from './primitives.js';

/**
 * Most entries `recentHistory` may hold (AgentPhone's `contextLimit` is 0–50).
 *
 * @example
 * ```ts
 * buildSmsEvent({}, { history: MAX_HISTORY }).recentHistory.length; // 50
 * ```
 */
export const MAX_HISTORY = 50;

/**
 * One `recentHistory` entry: an earlier message or spoken turn of the same conversation.
 * `messageId` and `senderIdentifier` appear only in some sources, so they are optional.
 * Unknown extra keys are kept.
 *
 * @example
 * ```ts
 * historyEntrySchema.parse({ content: 'Hello', direction: 'inbound', channel: 'sms', at: '2025-01-15T11:59:00Z' });
 * ```
 */
export const historyEntrySchema = z.looseObject(
  {
    content: z.string(expected('a string')),
    direction: directionSchema,
    channel: channelSchema,
    at: isoTimestampSchema,
    messageId: idSchema.optional(),
    senderIdentifier: z.string(expected('a string')).optional(),
  },
  expected('an object'),
);

/**
 * `recentHistory`: up to 50 entries, oldest first.
 *
 * @example
 * ```ts
 * recentHistorySchema.parse([]);
 * ```
 */
export const recentHistorySchema = z
  .array(historyEntrySchema, expected('an array of history entries'))
  .max(MAX_HISTORY, expected(`at most ${MAX_HISTORY} history entries`));

/**
 * One `recentHistory` entry: `content`, `direction`, `channel`, `at`.
 *
 * @example
 * ```ts
 * const last: HistoryEntry | undefined = event.recentHistory.at(-1);
 * ```
 */
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
