import * as z from 'zod';
import { recentHistorySchema } from './history.js';
import { contactSchema } from './messaging.js';
import {
  callDirectionSchema,
  conversationStateSchema,
  e164PhoneSchema,
  expected,
  idSchema,
  isoTimestampSchema,
} from './primitives.js';

/**
 * Who speaks a turn of an `agent.call_ended` transcript: `agent` (the AI agent) or `user` (the
 * person on the phone).
 *
 * @example
 * ```ts
 * TRANSCRIPT_ROLES.includes('agent'); // true
 * ```
 */
export const TRANSCRIPT_ROLES = ['agent', 'user'] as const;

/**
 * One turn of the whole-call transcript of `agent.call_ended`: `{ role: 'agent' | 'user', content }`.
 * Unknown extra keys are kept.
 *
 * @example
 * ```ts
 * transcriptTurnSchema.parse({ role: 'user', content: 'Where is my order?' });
 * ```
 */
export const transcriptTurnSchema = z.looseObject(
  {
    role: z.enum(TRANSCRIPT_ROLES, expected('"agent" or "user"')),
    content: z.string(expected('a string')),
  },
  expected('an object'),
);

/**
 * `data` of an `agent.call_ended` webhook: the finished call with its whole transcript (an
 * array of turns, never capped by `contextLimit`; unlike voice `agent.message`, where
 * `transcript` is one utterance as a string), its timing and, when AgentPhone ran post-call
 * analysis, `summary`, `userSentiment` and `callSuccessful`. `numberId` is `null` on calls
 * without a phone number (web calls). Only field types are checked: the timing fields are not
 * cross-checked (builders keep `durationSeconds = endedAt − startedAt`), because a handler must
 * not reject a real delivery over a second of rounding. Unknown extra keys are kept.
 *
 * @example
 * ```ts
 * const data = callEndedDataSchema.parse(event.data);
 * data.transcript.filter((turn) => turn.role === 'user').length;
 * ```
 */
export const callEndedDataSchema = z.looseObject(
    {
      callId: idSchema,
      numberId: z
        .string(expected('a non-empty ID string or null'))
        .min(1, expected('a non-empty ID string or null'))
        .nullable(),
      from: e164PhoneSchema,
      to: e164PhoneSchema,
      contact: contactSchema.nullable().optional(),
      direction: callDirectionSchema,
      status: z.string(expected('a non-empty status string')).min(1, expected('a non-empty status string')),
      startedAt: isoTimestampSchema,
      endedAt: isoTimestampSchema,
      durationSeconds: z
        .number(expected('a whole number of seconds, 0 or more'))
        .int(expected('a whole number of seconds, 0 or more'))
        .min(0, expected('a whole number of seconds, 0 or more')),
      disconnectionReason: z.string(expected('a string or null')).nullable().optional(),
      transcript: z.array(
        transcriptTurnSchema,
        expected('an array of { role, content } turns (a string transcript belongs to voice agent.message)'),
      ),
      summary: z.string(expected('a string or null')).nullable().optional(),
      userSentiment: z.string(expected('a string or null')).nullable().optional(),
      callSuccessful: z.boolean(expected('true, false or null')).nullable().optional(),
    },
    expected('an object'),
);

/**
 * A whole `agent.call_ended` webhook (channel `voice`), sent once when a call finishes; the
 * handler's answer is ignored. `conversationState` and `recentHistory` are optional here: the
 * official adapter's types leave them out of this event.
 *
 * @example
 * ```ts
 * const event = callEndedEventSchema.parse(JSON.parse(rawBody));
 * await saveCall(event.data.callId, event.data.transcript, event.data.summary ?? null);
 * ```
 */
export const callEndedEventSchema = z.looseObject(
  {
    event: z.literal('agent.call_ended', expected('"agent.call_ended"')),
    channel: z.literal('voice', expected('"voice" (agent.call_ended is only sent for calls)')),
    timestamp: isoTimestampSchema,
    agentId: idSchema,
    data: callEndedDataSchema,
    conversationState: conversationStateSchema.optional(),
    recentHistory: recentHistorySchema.optional(),
  },
  expected('an object'),
);

/**
 * Who speaks a transcript turn: `'agent' | 'user'`.
 *
 * @example
 * ```ts
 * const role: TranscriptRole = 'user';
 * ```
 */
export type TranscriptRole = (typeof TRANSCRIPT_ROLES)[number];
/**
 * One `{ role, content }` turn of a call transcript.
 *
 * @example
 * ```ts
 * const lines = event.data.transcript.map((turn: TranscriptTurn) => `${turn.role}: ${turn.content}`);
 * ```
 */
export type TranscriptTurn = z.infer<typeof transcriptTurnSchema>;
/**
 * `data` of an `agent.call_ended` webhook.
 *
 * @example
 * ```ts
 * const { durationSeconds, transcript }: CallEndedData = event.data;
 * ```
 */
export type CallEndedData = z.infer<typeof callEndedDataSchema>;
/**
 * An `agent.call_ended` webhook.
 *
 * @example
 * ```ts
 * const event: CallEndedEvent = buildCallEndedEvent({ data: { userSentiment: 'Negative' } });
 * ```
 */
export type CallEndedEvent = z.infer<typeof callEndedEventSchema>;
