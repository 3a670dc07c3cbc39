/**
 * `toBeValidWebhookEvent(kind?)`: passes when `safeParseWebhookEvent` accepts the value and, with a
 * `kind`, when it is that kind of event.
 */
import { FixtureOptionError, describeValue, type PayloadProblem } from '../errors.js';
import { AGENT_MESSAGE_CHANNELS, WEBHOOK_EVENTS, type AgentMessageChannel, type WebhookEvent, type WebhookEventName } from '../schemas/events.js';
import { safeParseWebhookEvent } from '../schemas/parse.js';

/**
 * Every kind `toBeValidWebhookEvent(kind)` accepts: the event names (`'agent.message'`,
 * `'agent.call_ended'`, `'agent.reaction'`), the `agent.message` channels (`'sms'`, `'mms'`,
 * `'imessage'`, `'whatsapp'`, `'voice'`, each meaning an `agent.message` on that channel), and the
 * CLI's names for the other events (`'call-ended'`, `'reaction'`), so `generate`'s kinds work too.
 *
 * @example
 * ```ts
 * const kind = process.env.EVENT_KIND ?? 'sms';
 * if (!(WEBHOOK_EVENT_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown kind ${kind}`);
 * expect(payload).toBeValidWebhookEvent(kind as WebhookEventKind);
 * ```
 */
export const WEBHOOK_EVENT_KINDS = [...WEBHOOK_EVENTS, ...AGENT_MESSAGE_CHANNELS, 'call-ended', 'reaction'] as const;

/**
 * A kind `toBeValidWebhookEvent(kind)` accepts; see {@link WEBHOOK_EVENT_KINDS}.
 *
 * @example
 * ```ts
 * const kind: WebhookEventKind = 'sms'; // an agent.message on the sms channel
 * ```
 */
export type WebhookEventKind = WebhookEventName | AgentMessageChannel | 'call-ended' | 'reaction';

interface KindRule {
  /** The `event` the kind requires. */
  readonly event: WebhookEventName;
  /** The `channel` it requires, for an agent.message channel kind. */
  readonly channel?: AgentMessageChannel;
  /** In words, for messages: `agent.message on sms`, `agent.call_ended event`. */
  readonly label: string;
}

function ruleFor(kind: WebhookEventKind): KindRule {
  switch (kind) {
    case 'call-ended':
      return { event: 'agent.call_ended', label: 'agent.call_ended event' };
    case 'reaction':
      return { event: 'agent.reaction', label: 'agent.reaction event' };
    default:
      if ((WEBHOOK_EVENTS as readonly string[]).includes(kind)) return { event: kind as WebhookEventName, label: `${kind} event` };
      return { event: 'agent.message', channel: kind as AgentMessageChannel, label: `agent.message on ${kind}` };
  }
}

/**
 * The rule for `kind`, checked.
 * @internal
 * @throws {FixtureOptionError} for a kind that is not in {@link WEBHOOK_EVENT_KINDS}.
 */
export function resolveKind(kind: unknown): KindRule | undefined {
  if (kind === undefined) return undefined;
  if (typeof kind !== 'string' || !(WEBHOOK_EVENT_KINDS as readonly string[]).includes(kind)) {
    throw new FixtureOptionError(
      'kind',
      `one of ${WEBHOOK_EVENT_KINDS.map((k) => `"${k}"`).join(', ')} (toBeValidWebhookEvent's optional argument), or nothing for any event`,
      kind,
    );
  }
  return ruleFor(kind as WebhookEventKind);
}

function problem(path: string, expectedText: string, received: unknown): PayloadProblem {
  const receivedText = received === undefined ? 'missing' : describeValue(received);
  return { path, pathSegments: [path], expected: expectedText, received: receivedText, code: 'wrong_kind', message: `${path}: expected ${expectedText}, received ${receivedText}` };
}

function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** The kind problem of an object whose `event` or `channel` is not the one `rule` asks for. */
function kindProblem(value: unknown, rule: KindRule): PayloadProblem | undefined {
  // Not an object at all: the schemas' `(root)` problem says so, a kind problem would only add noise.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const event = field(value, 'event');
  if (event !== rule.event) {
    const why = rule.channel === undefined ? '' : ` (kind "${rule.channel}" is an agent.message on ${rule.channel})`;
    return problem('event', `"${rule.event}"${why}`, event);
  }
  const channel = field(value, 'channel');
  if (rule.channel !== undefined && channel !== rule.channel) return problem('channel', `"${rule.channel}"`, channel);
  return undefined;
}

/** `agent.message on sms`, `agent.call_ended on voice`. */
function describeEvent(event: WebhookEvent): string {
  return `${event.event} on ${event.channel}`;
}

/**
 * What the matcher found: the problems that make `value` fail (empty when it passes), and the
 * parsed event when the schemas accepted it.
 * @internal
 */
export interface WebhookEventCheck {
  readonly problems: readonly PayloadProblem[];
  readonly event: WebhookEvent | undefined;
  /** `webhook event`, `agent.message on sms`, … */
  readonly label: string;
}

/**
 * Checks `value` as `toBeValidWebhookEvent(kind)` does. A kind mismatch comes first (it explains
 * the rest: a voice payload checked as sms fails against the voice schema); a schema problem on the
 * same path is not repeated.
 * @internal
 * @throws {FixtureOptionError} for an unknown `kind`.
 */
export function checkWebhookEvent(value: unknown, kind: unknown): WebhookEventCheck {
  const rule = resolveKind(kind);
  const result = safeParseWebhookEvent(value);
  const problems: PayloadProblem[] = [];
  const mismatch = rule === undefined ? undefined : kindProblem(value, rule);
  if (mismatch !== undefined) problems.push(mismatch);
  if (!result.success) problems.push(...result.error.problems.filter((p) => p.path !== mismatch?.path));
  return { problems, event: result.success ? result.data : undefined, label: rule?.label ?? 'webhook event' };
}

/**
 * The matcher's verdict and message body (without the `expect(…)` line and the seed note).
 * @internal
 */
export function webhookEventVerdict(value: unknown, kind: unknown): { pass: boolean; failure: string; negatedFailure: string } {
  const { problems, event, label } = checkWebhookEvent(value, kind);
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return {
    pass: problems.length === 0,
    failure: `Expected a valid AgentPhone ${label}, but it has ${count}:\n${problems.map((p) => `  ${p.message}`).join('\n')}`,
    negatedFailure: `Expected a value that is not a valid AgentPhone ${label}, but it is one (${event === undefined ? 'valid' : describeEvent(event)}).`,
  };
}
