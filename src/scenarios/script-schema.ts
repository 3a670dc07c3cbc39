import * as z from 'zod';
import { e164OrEmailSchema } from '../schemas/channels.js';
import { e164PhoneSchema, idSchema, isoTimestampSchema } from '../schemas/primitives.js';
import { CONVERSATION_CHANNELS } from './conversation.js';
import { MAX_WAIT_SECONDS, parseDuration } from './duration.js';

/**
 * The text forms of a wait, as a pattern (the JSON Schema of scripts carries it): seconds,
 * unit parts (`1h30m`, `2 hours`) or ISO-8601 (`PT2H`). The Zod schema also checks, as
 * `parseDuration` does, that the wait is whole seconds and at least one.
 */
const DURATION_PATTERN = new RegExp(
  // JSON Schema patterns carry no flags: letters spell out both cases.
  String.raw`^\s*(?:\d+(?:\.\d+)?|(?:\d+(?:\.\d+)?\s*(?:[sS](?:[eE][cC](?:[sS]|[oO][nN][dD][sS]?)?)?|[mM](?:[iI][nN](?:[sS]|[uU][tT][eE][sS]?)?)?|[hH](?:[rR][sS]?|[oO][uU][rR][sS]?)?|[dD](?:[aA][yY][sS]?)?|[wW](?:[eE][eE][kK][sS]?)?)[ ,]*)+|[pP](?:\d+[dD])?(?:[tT](?:\d+[hH])?(?:\d+[mM])?(?:\d+[sS])?)?)\s*$`,
);

const text = z.string().nullable().describe('What is said; null to generate a line from the seed');
const overrides = z.record(z.string(), z.unknown()).describe('Overrides merged into this event (objects merge, arrays replace)');
const state = z.record(z.string(), z.unknown()).nullable().describe('The conversationState echoed from now on; null clears it');
const wait = z
  .union([
    z.number().int().min(1).max(MAX_WAIT_SECONDS),
    z
      .string()
      .regex(DURATION_PATTERN)
      .refine((value) => (parseDuration(value) ?? 0) >= 1, 'a whole number of seconds, at least 1'),
  ])
  .describe('How long after the previous turn the next one comes: seconds, "45s", "15m", "2h", "1d", "1h30m" or "PT2H"');

const customerTurn = z.strictObject({ customer: text, overrides: overrides.optional() });
const callerTurn = z.strictObject({ caller: text, overrides: overrides.optional() });
const agentTurn = z.strictObject({ agent: text });
const stateTurn = z.strictObject({ state });
const waitTurn = z.strictObject({ wait });

/** One step inside a `call`: the caller speaks (`customer` or `caller`), the agent speaks, time passes, the state changes. */
const callItemSchema = z.union([z.enum(['customer', 'caller', 'agent']), customerTurn, callerTurn, agentTurn, stateTurn, waitTurn]);

const endSchema = z.strictObject({
  disconnectionReason: z.string().nullable().optional(),
  summary: z.string().nullable().optional(),
  userSentiment: z.string().nullable().optional(),
  callSuccessful: z.boolean().nullable().optional(),
});

const callTurn = z.strictObject({
  call: z.array(callItemSchema).describe('The turns of a phone call placed in the conversation'),
  direction: z.enum(['inbound', 'outbound', 'web']).optional(),
  callId: idSchema.optional(),
  end: endSchema.optional().describe('How the call ended; drawn from the seed where absent'),
});

/** One turn of a scenario script. */
const turnSchema = z.union([z.enum(['customer', 'agent']), customerTurn, agentTurn, stateTurn, waitTurn, callTurn]);

const turnsSchema = z.array(turnSchema);

/**
 * The scenario script format as a Zod schema: a bare array of turns, or an object with
 * `turns` and the conversation's settings (`channel`, `seed`, `contextLimit`, `now`, `state`,
 * `agentId`, `numberId`, `agentNumber`, `customer`, `conversationId`). Turns are
 * `{ customer }`, `{ agent }`, `{ state }`, `{ wait }` and `{ call: […], direction?, callId?, end? }`.
 * It accepts exactly what {@link checkScenario} accepts; `checkScenario` gives the messages
 * that name the turn, and `agentphone-fixtures/json-schema/scenario-script.json` is its JSON
 * Schema (for editors: `# yaml-language-server: $schema=…`).
 *
 * @example
 * ```ts
 * import { parse } from 'yaml';
 * const script = scenarioScriptSchema.parse(parse(readFileSync('refund.yaml', 'utf8')));
 * const events = runScenario(script);
 * ```
 */
export const scenarioScriptSchema = z.union([
  turnsSchema,
  z.strictObject({
    channel: z.enum(CONVERSATION_CHANNELS).optional(),
    seed: z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).optional(),
    contextLimit: z.number().int().min(0).max(50).nullable().optional(),
    now: isoTimestampSchema
      .refine((value) => !value.startsWith('0000'), 'a date-time in the years 0001 to 9999')
      .optional(),
    agentId: idSchema.optional(),
    numberId: idSchema.optional(),
    agentNumber: e164PhoneSchema.optional(),
    customer: e164OrEmailSchema.optional(),
    conversationId: idSchema.optional(),
    state: state.optional(),
    turns: turnsSchema,
  })
    // Only iMessage identities may be e-mail addresses.
    .refine((script) => script.customer === undefined || script.channel === 'imessage' || !script.customer.includes('@'), {
      path: ['customer'],
      message: 'an E.164 phone number (an e-mail address only on imessage)',
    }),
]);
