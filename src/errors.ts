/**
 * Error classes. One base class with a machine-readable `code`, one subclass per family.
 * This module imports nothing, so every entry point (including `agentphone-fixtures/schemas`)
 * can use it without loading builder code.
 */

/**
 * One problem found in a payload: the path, what was expected and what came.
 *
 * @example
 * ```ts
 * const lines = error.problems.map((p: PayloadProblem) => `${p.path}: ${p.expected}`);
 * ```
 */
export interface PayloadProblem {
  /** Path into the payload (`data.from`, `recentHistory[0].at`); `(root)` for the payload itself. */
  readonly path: string;
  /** Path as an array of keys and indexes, as Zod reports it. */
  readonly pathSegments: readonly PropertyKey[];
  /** What the schema expected, in words (`an E.164 phone number`). */
  readonly expected: string;
  /** A short rendering of what was found (`"555"`, `null`, `missing`). */
  readonly received: string;
  /** Zod's issue code (`invalid_type`, `invalid_format`, …). */
  readonly code: string;
  /** The full line, `path: expected …, received …`. */
  readonly message: string;
}

/**
 * Base class of every error this library throws. Check `code` to tell them apart, or use
 * {@link isAgentPhoneFixturesError}, which also works across realms and duplicated copies.
 *
 * @example
 * ```ts
 * try { parseWebhookEvent(body); } catch (error) {
 *   if (isAgentPhoneFixturesError(error)) console.error(error.code, error.message);
 * }
 * ```
 */
export class AgentPhoneFixturesError extends Error {
  /** Machine-readable error code. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  override get name(): string {
    return 'AgentPhoneFixturesError';
  }
}

/**
 * Thrown by `parseWebhookEvent` when a payload does not match the AgentPhone webhook schemas.
 * `problems` lists every failing path; the message lists them one per line as
 * `path: expected …, received …`.
 *
 * @example
 * ```ts
 * try { parseWebhookEvent({ event: 'agent.message' }); } catch (error) {
 *   if (error instanceof WebhookPayloadError) console.log(error.problems.map((p) => p.path));
 * }
 * ```
 */
export class WebhookPayloadError extends AgentPhoneFixturesError {
  /** Every problem, in the order the schema found them. */
  readonly problems: readonly PayloadProblem[];

  constructor(problems: readonly PayloadProblem[], code = 'invalid_payload') {
    super(code, formatProblems('Invalid AgentPhone webhook payload', problems));
    this.problems = problems;
  }

  override get name(): string {
    return 'WebhookPayloadError';
  }
}

/**
 * Thrown by a builder when the fixture it built (after your overrides) breaks its schema.
 * Pass `validate: false` to build invalid payloads on purpose.
 *
 * @example
 * ```ts
 * try { buildSmsEvent({ data: { from: '555' } }); } catch (error) {
 *   // FixtureValidationError: buildSmsEvent built an invalid payload:
 *   //   data.from: expected an E.164 phone number, received "555"
 *   if (error instanceof FixtureValidationError) console.log(error.problems[0]?.path);
 * }
 * ```
 */
export class FixtureValidationError extends AgentPhoneFixturesError {
  /** Every problem found in the built fixture. */
  readonly problems: readonly PayloadProblem[];
  /** The builder that produced the fixture. */
  readonly builder: string;

  constructor(builder: string, problems: readonly PayloadProblem[]) {
    super('invalid_fixture', formatProblems(`${builder} built an invalid payload`, problems));
    this.problems = problems;
    this.builder = builder;
  }

  override get name(): string {
    return 'FixtureValidationError';
  }
}

/**
 * Thrown when a builder option is out of range: a seed that is not a safe integer, an invalid
 * `now`, a history count outside 0–50, an unknown channel. `option` names the option.
 *
 * @example
 * ```ts
 * try { buildSmsEvent({}, { history: 51 }); } catch (error) {
 *   if (error instanceof FixtureOptionError) console.log(error.option); // 'history'
 * }
 * ```
 */
export class FixtureOptionError extends AgentPhoneFixturesError {
  /** The option that was rejected (`seed`, `now`, `history`, `channel`, …). */
  readonly option: string;

  constructor(option: string, expected: string, received: unknown) {
    super('invalid_option', `Invalid option "${option}": expected ${expected}, received ${describeValue(received)}`);
    this.option = option;
  }

  override get name(): string {
    return 'FixtureOptionError';
  }
}

/**
 * A user error in the command-line interface (unknown command or flag, bad value, refused
 * overwrite). The CLI prints its message without a stack trace and exits with `exitCode`:
 * 2 for usage errors, 1 for I/O problems. Exported for tools that wrap the CLI.
 *
 * @example
 * ```ts
 * if (isAgentPhoneFixturesError(error) && error instanceof CliError) process.exitCode = error.exitCode;
 * ```
 */
export class CliError extends AgentPhoneFixturesError {
  /** 2 for usage errors, 1 for everything else. */
  readonly exitCode: number;

  constructor(code: 'usage' | 'io', message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.exitCode = code === 'usage' ? 2 : 1;
  }

  override get name(): string {
    return 'CliError';
  }
}

/**
 * One problem in a scenario script: where (`turns[3].wait`) and what is wrong with it.
 *
 * @example
 * ```ts
 * error.problems.map((p: ScenarioProblem) => `${p.path}: ${p.message}`);
 * ```
 */
export interface ScenarioProblem {
  /** Where in the script: `turns[3]`, `turns[3].wait`, `turns[5].call[2].customer`, `contextLimit`. */
  readonly path: string;
  /** What was expected and what came. */
  readonly message: string;
}

/**
 * Thrown by conversations, calls and scenario scripts: `invalid_script` when a script breaks
 * the scenario format (`problems` lists each, naming the turn), `call_ended` when a call is
 * used after `end()`.
 *
 * @example
 * ```ts
 * try { runScenario({ turns: [{ wait: 'soon' }] }); } catch (error) {
 *   if (error instanceof ScenarioError) console.log(error.problems[0]?.path); // 'turns[0].wait'
 * }
 * ```
 */
export class ScenarioError extends AgentPhoneFixturesError {
  /** Every problem found in a script; empty for the other codes. */
  readonly problems: readonly ScenarioProblem[];

  constructor(code: 'invalid_script' | 'call_ended', message: string, problems: readonly ScenarioProblem[] = []) {
    super(code, message);
    this.problems = problems;
  }

  override get name(): string {
    return 'ScenarioError';
  }
}

/** Why a webhook failed verification. */
export type WebhookVerificationCode =
  | 'missing_signature'
  | 'missing_timestamp'
  | 'malformed_signature'
  | 'malformed_timestamp'
  | 'signature_mismatch'
  | 'timestamp_out_of_tolerance'
  | 'body_not_raw'
  | 'invalid_secret'
  | 'invalid_json'
  | 'invalid_payload'
  | 'unknown_event';

/**
 * Thrown by `verifyWebhookSignature` and `verifyWebhook` when a delivery must be rejected. `code`
 * says why; answer 401 for the signature and timestamp codes, 400 for `invalid_json` and
 * `invalid_payload`. For `invalid_payload`, `problems` lists each failing path.
 *
 * @example
 * ```ts
 * try { verifyWebhook(rawBody, req.headers, secret); } catch (error) {
 *   if (error instanceof WebhookVerificationError) return res.status(error.code === 'invalid_payload' ? 400 : 401).end();
 *   throw error;
 * }
 * ```
 */
export class WebhookVerificationError extends AgentPhoneFixturesError {
  declare readonly code: WebhookVerificationCode;
  /** For `invalid_payload`: every failing path of the payload. Empty otherwise. */
  readonly problems: readonly PayloadProblem[];

  constructor(code: WebhookVerificationCode, message: string, options?: { cause?: unknown; problems?: readonly PayloadProblem[] }) {
    super(code, message, options);
    this.problems = options?.problems ?? [];
  }

  override get name(): string {
    return 'WebhookVerificationError';
  }
}

const ERROR_NAMES = new Set([
  'AgentPhoneFixturesError',
  'WebhookPayloadError',
  'FixtureValidationError',
  'FixtureOptionError',
  'CliError',
  'WebhookVerificationError',
]);

/**
 * True for any error thrown by this library. Compares `name` as well as `instanceof`, so it also
 * recognises errors from another copy of the package (an ESM and a CJS copy, another realm).
 *
 * @param error Anything caught.
 * @returns Whether `error` is one of this library's errors.
 * @example
 * ```ts
 * if (isAgentPhoneFixturesError(error)) reply.status(400).send(error.message);
 * ```
 */
export function isAgentPhoneFixturesError(error: unknown): error is AgentPhoneFixturesError {
  if (error instanceof AgentPhoneFixturesError) return true;
  return (
    typeof error === 'object' &&
    error !== null &&
    ERROR_NAMES.has((error as { name?: unknown }).name as string) &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

function formatProblems(title: string, problems: readonly PayloadProblem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `${title} (${count}):\n${problems.map((p) => `  ${p.message}`).join('\n')}`;
}

const MAX_RENDERED = 60;

/** @internal Short, safe rendering of any value for error messages (never throws, never huge). */
export function describeValue(value: unknown): string {
  try {
    if (value === undefined) return 'undefined';
    if (value === null) return 'null';
    if (typeof value === 'string') {
      const shown = value.length > MAX_RENDERED ? `${value.slice(0, MAX_RENDERED)}…` : value;
      const rendered = JSON.stringify(shown);
      return value.length > MAX_RENDERED ? `${rendered} (${value.length} characters)` : rendered;
    }
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (Array.isArray(value)) return `an array of ${value.length}`;
    if (Object.prototype.toString.call(value) === '[object Date]') {
      const ms = Date.prototype.getTime.call(value);
      return Number.isNaN(ms) ? 'an invalid Date' : `Date ${new Date(ms).toISOString()}`;
    }
    if (typeof value === 'object') return 'an object';
    return `a ${typeof value}`;
  } catch {
    return 'an unreadable value';
  }
}
