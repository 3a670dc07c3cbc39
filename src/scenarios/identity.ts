import { FixtureOptionError } from '../errors.js';
import { Random } from '../random/random.js';
import type { Stream } from '../random/rng.js';
import { E164_PATTERN, idSchema } from '../schemas/primitives.js';
import { e164OrEmailSchema } from '../schemas/channels.js';
import { agentIdentity } from '../builders/event-common.js';
import { checkNow, checkSeed } from '../builders/options.js';
import { REFERENCE_NOW_MS } from '../builders/clock.js';
import { customerPhone } from '../builders/phones.js';

/**
 * The options every conversation and call takes: the seed, the clock, the context limit and
 * who takes part. Anything not given is drawn from the seed.
 *
 * @example
 * ```ts
 * const options: ThreadOptions = { seed: 7, contextLimit: 5, customer: '+14155550123' };
 * conversation(options);
 * ```
 */
export interface ThreadOptions {
  /**
   * Seed: any safe integer, 0 included. The same seed and the same calls give the same events.
   * @default 0
   */
  seed?: number | undefined;
  /**
   * How many earlier turns each event's `recentHistory` carries, 0–50, as the webhook's
   * `contextLimit` setting does (`null` means AgentPhone's default, 10).
   * @default 10
   */
  contextLimit?: number | null | undefined;
  /** The agent's ID (`agentId` of every event). @default drawn from the seed */
  agentId?: string | undefined;
  /** The ID of the agent's phone number (`data.numberId`). @default drawn from the seed */
  numberId?: string | undefined;
  /** The agent's phone number, E.164. @default drawn from the seed (a US number) */
  agentNumber?: string | undefined;
  /**
   * The customer's phone number, E.164 (on iMessage also an Apple ID e-mail address).
   * @default drawn from the seed
   */
  customer?: string | undefined;
  /**
   * When the first turn happens: a `Date` or an ISO-8601 date-time with `Z` or an offset.
   * @default '2025-01-15T12:00:00Z'
   */
  now?: Date | string | undefined;
  /**
   * The `conversationState` echoed on events until `setState` changes it.
   * @default null
   */
  state?: Record<string, unknown> | null | undefined;
  /**
   * Validate every event against its schema (after overrides) and throw
   * `FixtureValidationError` if one fails.
   * @default true
   */
  validate?: boolean | undefined;
}

/** @internal The participants and settings of a thread after checking. */
export interface Participants {
  readonly seed: number;
  readonly nowMs: number;
  readonly validate: boolean;
  readonly agentId: string;
  readonly numberId: string;
  readonly agentNumber: string;
  readonly customer: string;
}

function checkId(value: unknown, option: string): string | undefined {
  if (value === undefined) return undefined;
  if (!idSchema.safeParse(value).success) throw new FixtureOptionError(option, 'a non-empty ID string', value);
  return value as string;
}

function checkPhone(value: unknown, option: string, emailToo: boolean): string | undefined {
  if (value === undefined) return undefined;
  const ok = emailToo ? e164OrEmailSchema.safeParse(value).success : typeof value === 'string' && E164_PATTERN.test(value);
  if (!ok) {
    throw new FixtureOptionError(
      option,
      emailToo ? 'an E.164 phone number (+ then up to 15 digits) or an e-mail address' : 'an E.164 phone number (+ then up to 15 digits)',
      value,
    );
  }
  return value as string;
}

/** @internal The keys of {@link ThreadOptions}. */
export const THREAD_OPTION_KEYS = ['seed', 'contextLimit', 'agentId', 'numberId', 'agentNumber', 'customer', 'now', 'state', 'validate'] as const;

/**
 * @internal Checks an options object; with `allowed`, a key outside it (a typo such as
 * `contextlimit`) is an error rather than silently ignored.
 */
export function checkOptionsObject(options: unknown, allowed?: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new FixtureOptionError('options', 'an object', options);
  }
  if (allowed !== undefined) {
    for (const key of Object.keys(options)) {
      if (!allowed.includes(key)) throw new FixtureOptionError(key, `a known option (${allowed.join(', ')})`, (options as Record<string, unknown>)[key]);
    }
  }
  return options as Record<string, unknown>;
}

/**
 * @internal Checks the shared options and fills in the participants, drawn from the seed where
 * not given. `drawCustomer` may turn the drawn phone into another identity (an e-mail address).
 */
export function resolveParticipants(
  o: Record<string, unknown>,
  customerEmailAllowed: boolean,
  drawCustomer?: (phone: string, rand: Random) => string,
): Participants {
  const seed = o['seed'] === undefined ? 0 : checkSeed(o['seed']);
  const nowMs = o['now'] === undefined ? REFERENCE_NOW_MS : checkNow(o['now']);
  const validate = o['validate'] ?? true;
  if (typeof validate !== 'boolean') throw new FixtureOptionError('validate', 'true or false', validate);
  const rand = new Random(seed);
  const agent = agentIdentity(rand);
  const phone = customerPhone(rand.stream('from') as Stream);
  return {
    seed,
    nowMs,
    validate,
    agentId: checkId(o['agentId'], 'agentId') ?? agent.agentId,
    numberId: checkId(o['numberId'], 'numberId') ?? agent.numberId,
    agentNumber: checkPhone(o['agentNumber'], 'agentNumber', false) ?? agent.agentNumber,
    customer: checkPhone(o['customer'], 'customer', customerEmailAllowed) ?? (drawCustomer?.(phone, rand) ?? phone),
  };
}
