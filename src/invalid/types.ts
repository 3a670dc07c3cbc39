/**
 * What kind of rule an invalid variant breaks.
 *
 * - `missing`: a required field is left out.
 * - `null`: a field that may not be `null` is `null`.
 * - `wrong-type`: a field holds a value of another JSON type (a number for a string, a JSON
 *   string for an object, …).
 * - `empty`: a non-empty string (an ID, a status) is `""`.
 * - `format`: a string breaks its format (E.164 phone, https URL, ISO-8601 timestamp), or a
 *   whole number has a fraction.
 * - `range`: a number is below its minimum or above its maximum (`confidence` outside 0–1).
 * - `not-allowed`: a value outside a closed set (`direction`, `reactionType`, `role`, …).
 * - `unknown`: an `event` or `channel` this version doesn't know.
 * - `too-many`: an array longer than allowed (`recentHistory` of 51 entries).
 * - `mismatch`: the event and its `data` or `channel` disagree (an SMS carrying a voice turn).
 * - `cross-field`: two fields disagree (`mediaUrl` is not `mediaUrls[0]`).
 *
 * @example
 * ```ts
 * const wanted: InvalidVariantCategory = 'format';
 * const formats = invalidVariants(event, { only: (v) => v.category === wanted });
 * ```
 */
export type InvalidVariantCategory =
  | 'missing'
  | 'null'
  | 'wrong-type'
  | 'empty'
  | 'format'
  | 'range'
  | 'not-allowed'
  | 'unknown'
  | 'too-many'
  | 'mismatch'
  | 'cross-field';

/**
 * One payload that breaks exactly one documented rule of a webhook event, with what
 * `safeParseWebhookEvent` reports for it: exactly one problem, at `path`, with `code`.
 *
 * @example
 * ```ts
 * for (const variant of invalidVariants(buildSmsEvent({}, { seed: 1 }))) {
 *   const result = safeParseWebhookEvent(variant.payload);
 *   // result.success === false, result.error.code === variant.errorCode,
 *   // result.error.problems is [{ path: variant.path, code: variant.code, … }]
 * }
 * ```
 */
export interface InvalidVariant {
  /** Unique and stable within the event: `data.from.not-e164`, `timestamp.no-zone`, `recentHistory.too-many`. */
  readonly name: string;
  /** Where the problem is reported, formatted as `PayloadProblem.path` is (`recentHistory[0].at`). */
  readonly path: string;
  /** `path` as keys and indexes, as `PayloadProblem.pathSegments` has it. */
  readonly pathSegments: readonly (string | number)[];
  /** The problem's code (`invalid_type`, `invalid_format`, `too_small`, `too_big`, `invalid_value`, `invalid_union`, `custom`, `unknown_event`). */
  readonly code: string;
  /**
   * The `code` of the whole `WebhookPayloadError`: `unknown_event` for an event this version
   * doesn't know (a handler acknowledges it with 200), `invalid_payload` for everything else
   * (a handler answers 400).
   */
  readonly errorCode: 'invalid_payload' | 'unknown_event';
  /** What kind of rule is broken. */
  readonly category: InvalidVariantCategory;
  /** One line saying what is wrong, such as `data.from is "15551234567", not an E.164 phone number`. */
  readonly description: string;
  /**
   * Whether the published JSON Schema files (`agentphone-fixtures/json-schema/*.json`) reject
   * the payload too. `false` only for the `cross-field` rules, which JSON Schema cannot express.
   */
  readonly jsonSchemaRejects: boolean;
  /** The broken payload: a deep copy of the event with one rule broken. */
  readonly payload: Record<string, unknown>;
}

/**
 * Options of `invalidVariants`.
 *
 * @example
 * ```ts
 * invalidVariants(event, { only: ['data.from.missing', 'timestamp.no-zone'] });
 * invalidVariants(event, { only: (variant) => variant.category === 'format' });
 * ```
 */
export interface InvalidVariantsOptions {
  /**
   * Keep only these variants: a list of names (each must be a variant of this event, so a typo
   * throws), or a predicate. The order stays that of the full list.
   * @default every variant
   */
  readonly only?: readonly string[] | ((variant: InvalidVariant) => boolean) | undefined;
}
