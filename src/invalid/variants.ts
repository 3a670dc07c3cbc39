import * as z from 'zod';
import { FixtureOptionError } from '../errors.js';
import { webhookEventSchema } from '../schemas/events.js';
import { safeParseWebhookEvent } from '../schemas/parse.js';
import { walkObject, type Discriminator, type Walk } from './derive.js';
import { cloneJson, isPlainObject, type JsonObject } from './json.js';
import { handWrittenAfter, sampleElement, type RuleContext } from './rules.js';
import { describeNode } from './schema-walk.js';
import type { InvalidVariant, InvalidVariantsOptions } from './types.js';

/** The object schema that accepts `event`, and the unions it was selected through. */
function branchOf(event: JsonObject): { shape: Readonly<Record<string, z.core.$ZodType>>; discriminators: Map<string, Discriminator> } {
  const discriminators = new Map<string, Discriminator>();
  let schema: z.core.$ZodType = webhookEventSchema;
  for (;;) {
    const node = describeNode(schema);
    if (node.kind === 'object') return { shape: node.shape, discriminators };
    if (node.kind !== 'union' || node.discriminator === undefined) break;
    discriminators.set(node.discriminator, { values: node.values });
    const option = node.options.find((candidate) => z.safeParse(candidate, event).success);
    if (option === undefined) break;
    schema = option;
  }
  // Unreachable for an event that safeParseWebhookEvent accepted.
  throw new FixtureOptionError('event', 'an event whose schema is an object', event);
}

/** Checks the options argument. */
function checkOptions(options: unknown): InvalidVariantsOptions['only'] {
  if (options === undefined) return undefined;
  if (!isPlainObject(options)) throw new FixtureOptionError('options', 'an object such as { only: [...] }, or undefined', options);
  const only = options['only'];
  if (only === undefined || typeof only === 'function') return only as InvalidVariantsOptions['only'];
  if (Array.isArray(only) && only.every((name) => typeof name === 'string')) return only as readonly string[];
  throw new FixtureOptionError('only', 'an array of variant names or a function (variant) => boolean', only);
}

/**
 * Payloads that each break exactly one documented rule of a webhook event, labelled with what
 * `safeParseWebhookEvent` reports for them: for every variant, the parse fails with exactly one
 * problem, at `variant.path`, with `variant.code`, and the error's code is `variant.errorCode`.
 *
 * The variants are derived from the schema of the event's kind, field by field, so a field added
 * to a schema gets its variants without a change here:
 *
 * - each required field left out (`data.from.missing`), each field that may not be null set to
 *   `null` (`.null`), each field holding another JSON type (`.wrong-type`: a phone number as a
 *   JSON number, a timestamp as Unix seconds, `data` double-encoded as a JSON string, …);
 * - formats: `.not-e164`, `.not-phone-or-email` (iMessage), `.not-https` (attachments),
 *   timestamps `.no-zone`, `.date-only` and `.no-seconds`, IDs and statuses `.empty`;
 * - ranges: `data.confidence.below-min` / `.above-max`, `data.durationSeconds.not-integer`;
 * - closed sets: `.not-allowed` (`data.direction` is `"INBOUND"`), `event.unknown`
 *   (`agent.contact_shared`, reported as `unknown_event`), `channel.unknown` (`rcs`);
 * - `recentHistory.too-many` (51 entries) and a bad history entry (`recentHistory[0]…`; an
 *   empty history gets one valid entry first, so every entry rule is covered);
 * - by hand: `data.voice-turn` (an SMS-like envelope whose data is a voice turn),
 *   `data.text-message` (the reverse), `data.transcript.utterance` (`agent.call_ended` with a
 *   string transcript), `channel.mismatch` (a reaction on `sms`), and the cross-field rule
 *   `data.mediaUrl.not-first-attachment` / `.without-attachments` where it exists.
 *
 * Fields are covered when the event has them: an optional field the event leaves out gets
 * `.null` and `.wrong-type` only, and an optional object it leaves out (`data.contact`) gets no
 * variants for its own fields; build the event with the field to cover those. Unknown extra keys
 * are kept as they are and never broken (the schemas accept them). The same event always gives
 * the same variants, in the same order (the schema's field order).
 *
 * @param event A valid webhook event: one a builder made, or a captured delivery.
 * @param options `only`: keep the variants with these names, or those a predicate accepts.
 * @returns The variants; each `payload` is a fresh deep copy, and `event` is never changed.
 * @throws {FixtureOptionError} with `option` `event` when `event` is not a valid webhook event
 *   (the message lists its problems) or contains itself; with `option` `only` or `options` when
 *   those are malformed, or `only` names a variant this event does not have.
 * @example
 * ```ts
 * import { buildSmsEvent, deliver, invalidVariants } from 'agentphone-fixtures';
 * import { app } from './server.js'; // answers 400 to a malformed payload, 200 to an unknown event
 *
 * it.each(invalidVariants(buildSmsEvent({}, { seed: 1 })))('$name: answers $errorCode', async ({ payload, errorCode }) => {
 *   const result = await deliver(payload, app, { secret: 'whsec_test_secret' });
 *   expect(result.httpStatus).toBe(errorCode === 'unknown_event' ? 200 : 400);
 * });
 * ```
 */
export function invalidVariants(event: unknown, options?: InvalidVariantsOptions): InvalidVariant[] {
  const only = checkOptions(options);
  const parsed = safeParseWebhookEvent(event);
  if (!parsed.success) {
    const problems = parsed.error.problems;
    const shown = problems.slice(0, 3).map((p) => p.message).join('; ');
    const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
    throw new FixtureOptionError('event', `a valid webhook event to break one rule at a time (this one already fails: ${shown}${more})`, event);
  }
  let base: JsonObject;
  try {
    base = cloneJson(event as JsonObject);
  } catch {
    throw new FixtureOptionError('event', 'plain JSON-like data without cycles (this one contains itself)', event);
  }

  const { shape, discriminators } = branchOf(base);
  const context: RuleContext = { eventSchema: { shape }, channelDiscriminated: discriminators.has('channel') };
  const out: InvalidVariant[] = [];
  const walk: Walk = {
    base,
    out,
    sample: sampleElement,
    after: (segments, current) => handWrittenAfter(segments, current, context),
  };
  walkObject(walk, shape, base, [], discriminators);

  const names = new Set<string>();
  for (const variant of out) {
    // A bug here, not a user error: names are the contract users select by.
    if (names.has(variant.name)) throw new Error(`invalidVariants: duplicate variant name ${variant.name}`);
    names.add(variant.name);
  }
  if (only === undefined) return out;
  if (typeof only === 'function') return out.filter((variant) => only(variant));
  const unknown = only.find((name) => !names.has(name));
  if (unknown !== undefined) {
    const examples = [...names].slice(0, 3).join(', ');
    throw new FixtureOptionError('only', `names of this event's variants (such as ${examples})`, unknown);
  }
  const wanted = new Set(only);
  return out.filter((variant) => wanted.has(variant.name));
}

export type { InvalidVariant, InvalidVariantCategory, InvalidVariantsOptions } from './types.js';
