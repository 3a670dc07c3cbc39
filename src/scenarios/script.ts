import { FixtureOptionError, FixtureValidationError, ScenarioError, describeValue, isAgentPhoneFixturesError, type ScenarioProblem } from '../errors.js';
import type { CallEndedEvent } from '../schemas/call-ended.js';
import type { VoiceEvent } from '../schemas/voice.js';
import type { AgentMessageEventFor } from '../builders/agent-message.js';
import { CONVERSATION_OPTION_KEYS, Conversation, type ConversationChannel, type ConversationOptions } from './conversation.js';
import { DURATION_FORMS, parseDuration } from './duration.js';
import { CALL_END_KEYS, type CallEndOptions, type VoiceCall } from './voice-call.js';

/**
 * One step of a scenario script. Text left out (`null`, or the bare string `"customer"` /
 * `"agent"`) is filled from the seed.
 *
 * @example
 * ```ts
 * const turns: ScenarioTurn[] = [
 *   { customer: 'Hi, where is my order?' },
 *   { agent: null },
 *   { wait: '2h' },
 *   { state: { orderId: 'ORD-1' } },
 *   { call: [{ agent: null }, { customer: null }], end: { callSuccessful: true } },
 * ];
 * ```
 */
export type ScenarioTurn =
  | 'customer'
  | 'agent'
  | { customer: string | null; overrides?: Record<string, unknown> | undefined }
  | { agent: string | null }
  | { state: Record<string, unknown> | null }
  | { wait: string | number }
  | {
      call: ScenarioCallTurn[];
      direction?: 'inbound' | 'outbound' | 'web' | undefined;
      callId?: string | undefined;
      end?: CallEndOptions | undefined;
    };

/**
 * One step inside a `call` of a scenario script: the caller (`customer`, or `caller`) speaks,
 * the agent speaks, time passes, or the state changes.
 *
 * @example
 * ```ts
 * const call: ScenarioCallTurn[] = [{ agent: null }, { caller: 'I need to reschedule' }, { wait: '20s' }, 'agent'];
 * ```
 */
export type ScenarioCallTurn =
  | 'customer'
  | 'caller'
  | 'agent'
  | { customer: string | null; overrides?: Record<string, unknown> | undefined }
  | { caller: string | null; overrides?: Record<string, unknown> | undefined }
  | { agent: string | null }
  | { state: Record<string, unknown> | null }
  | { wait: string | number };

/**
 * A scenario script: the turns, and optionally the conversation's settings. A bare array is
 * the turns alone.
 *
 * @example
 * ```ts
 * const script: ScenarioScript = { channel: 'sms', seed: 7, contextLimit: 5, turns: [{ customer: null }, { agent: null }] };
 * ```
 */
export type ScenarioScript =
  | ScenarioTurn[]
  | (Omit<ConversationOptions, 'validate'> & { turns: ScenarioTurn[] });

/**
 * Options of {@link runScenario}: settings that take precedence over the script's own.
 *
 * @example
 * ```ts
 * runScenario(script, { seed: 3 });
 * ```
 */
export interface RunScenarioOptions {
  /** The seed that fills turns without text (overrides the script's `seed`). */
  seed?: number | undefined;
  /** When the first turn happens (overrides the script's `now`). */
  now?: Date | string | undefined;
}

/**
 * An event a scenario produces: an `agent.message` on the conversation's channel or on voice,
 * or an `agent.call_ended`.
 *
 * @example
 * ```ts
 * const events: ScenarioEvent[] = runScenario(['customer', 'agent', 'customer']);
 * ```
 */
export type ScenarioEvent = AgentMessageEventFor<ConversationChannel> | VoiceEvent | CallEndedEvent;

/** A script's settings: the conversation's options, except `validate` (a script always validates). */
const SETTING_KEYS = CONVERSATION_OPTION_KEYS.filter((key) => key !== 'validate');
const TURN_KINDS = ['customer', 'agent', 'state', 'wait', 'call'];
const CALL_TURN_KINDS = ['customer', 'caller', 'agent', 'state', 'wait'];
const CALL_KEYS = ['call', 'direction', 'callId', 'end'];

/** The largest number of problems reported at once; a broken 100,000-turn script stays readable. */
const MAX_PROBLEMS = 20;

type Problems = ScenarioProblem[];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quoteList(keys: readonly string[]): string {
  return keys.map((k) => `"${k}"`).join(', ');
}

function add(problems: Problems, path: string, expected: string, received: unknown): void {
  if (problems.length < MAX_PROBLEMS) problems.push({ path, message: `expected ${expected}, received ${describeReceived(received)}` });
}

function describeReceived(value: unknown): string {
  return value === undefined ? 'nothing' : describeValue(value);
}

function checkTextValue(problems: Problems, path: string, value: unknown): void {
  if (value === null || typeof value === 'string') return;
  add(problems, path, 'the text as a string, or null to generate it', value);
  // YAML reads `customer: 40245` or `agent: true` as a number or a boolean.
  const last = problems.at(-1);
  if ((typeof value === 'number' || typeof value === 'boolean') && last?.path === path) {
    (last as { message: string }).message += ' (in YAML, quote it to keep it as text)';
  }
}

function checkWait(problems: Problems, path: string, value: unknown): void {
  const seconds = parseDuration(value);
  if (seconds === undefined || seconds < 1) add(problems, path, `${DURATION_FORMS}, at least 1 second`, value);
}

function checkStateValue(problems: Problems, path: string, value: unknown): void {
  if (value !== null && !isPlainObject(value)) add(problems, path, 'an object or null', value);
}

/** Checks a turn that has exactly one of `kinds` as its key (plus the keys `extra` allows). */
function turnKind(
  problems: Problems,
  path: string,
  turn: unknown,
  kinds: readonly string[],
  label: string,
): { kind: string; turn: Record<string, unknown> } | undefined {
  if (typeof turn === 'string') {
    if ((kinds as readonly string[]).includes(turn) && turn !== 'state' && turn !== 'wait' && turn !== 'call') {
      return { kind: turn, turn: { [turn]: null } };
    }
    add(problems, path, `a ${label} object such as { customer: "…" } (or the bare string "customer" or "agent")`, turn);
    return undefined;
  }
  if (!isPlainObject(turn)) {
    add(problems, path, `a ${label} object with one of ${quoteList(kinds)}`, turn);
    return undefined;
  }
  const present = Object.keys(turn).filter((k) => kinds.includes(k));
  if (present.length !== 1) {
    const keys = Object.keys(turn);
    if (present.length === 0) {
      const unknown = keys.filter((k) => !kinds.includes(k));
      if (problems.length < MAX_PROBLEMS) {
        problems.push({
          path,
          message:
            unknown.length > 0
              ? `unknown key ${quoteList(unknown)}: expected one of ${quoteList(kinds)}`
              : `expected one of ${quoteList(kinds)}, received an empty object`,
        });
      }
    } else if (problems.length < MAX_PROBLEMS) {
      problems.push({ path, message: `expected one ${label} kind, received ${quoteList(present)} together: split them into turns` });
    }
    return undefined;
  }
  return { kind: present[0] as string, turn };
}

function checkUnknownKeys(problems: Problems, path: string, turn: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(turn)) {
    if (!allowed.includes(key) && problems.length < MAX_PROBLEMS) {
      problems.push({ path: `${path}.${key}`, message: `unknown key "${key}": expected only ${quoteList(allowed)} here` });
    }
  }
}

function checkSpeechTurn(problems: Problems, path: string, kind: string, turn: Record<string, unknown>): void {
  checkTextValue(problems, `${path}.${kind}`, turn[kind]);
  const withOverrides = kind === 'customer' || kind === 'caller';
  checkUnknownKeys(problems, path, turn, withOverrides ? [kind, 'overrides'] : [kind]);
  if (withOverrides && turn['overrides'] !== undefined && !isPlainObject(turn['overrides'])) {
    add(problems, `${path}.overrides`, 'an object of event overrides', turn['overrides']);
  }
}

function checkCall(problems: Problems, path: string, turn: Record<string, unknown>): void {
  checkUnknownKeys(problems, path, turn, CALL_KEYS);
  const items = turn['call'];
  if (!Array.isArray(items)) add(problems, `${path}.call`, 'an array of call turns', items);
  else {
    items.forEach((item, j) => {
      const itemPath = `${path}.call[${j}]`;
      const found = turnKind(problems, itemPath, item, CALL_TURN_KINDS, 'call turn');
      if (found === undefined) return;
      checkPlainTurn(problems, itemPath, found.kind, found.turn);
    });
  }
  const direction = turn['direction'];
  if (direction !== undefined && direction !== 'inbound' && direction !== 'outbound' && direction !== 'web') {
    add(problems, `${path}.direction`, '"inbound", "outbound" or "web"', direction);
  }
  if (turn['callId'] !== undefined && (typeof turn['callId'] !== 'string' || turn['callId'] === '')) {
    add(problems, `${path}.callId`, 'a non-empty ID string', turn['callId']);
  }
  const end = turn['end'];
  if (end !== undefined) {
    if (!isPlainObject(end)) add(problems, `${path}.end`, `an object with ${quoteList(CALL_END_KEYS)}`, end);
    else {
      checkUnknownKeys(problems, `${path}.end`, end, CALL_END_KEYS);
      for (const key of ['disconnectionReason', 'summary', 'userSentiment']) {
        if (end[key] !== undefined && end[key] !== null && typeof end[key] !== 'string') add(problems, `${path}.end.${key}`, 'a string or null', end[key]);
      }
      const ok = end['callSuccessful'];
      if (ok !== undefined && ok !== null && typeof ok !== 'boolean') add(problems, `${path}.end.callSuccessful`, 'true, false or null', ok);
    }
  }
}

function checkPlainTurn(problems: Problems, path: string, kind: string, turn: Record<string, unknown>): void {
  switch (kind) {
    case 'customer':
    case 'caller':
    case 'agent':
      checkSpeechTurn(problems, path, kind, turn);
      return;
    case 'state':
      checkUnknownKeys(problems, path, turn, ['state']);
      checkStateValue(problems, `${path}.state`, turn['state']);
      return;
    case 'wait':
      checkUnknownKeys(problems, path, turn, ['wait']);
      checkWait(problems, `${path}.wait`, turn['wait']);
      return;
    case 'call':
      checkCall(problems, path, turn);
      return;
  }
}

/** @internal A checked script: its settings and turns. */
export interface CheckedScript {
  readonly settings: Record<string, unknown>;
  readonly turns: readonly unknown[];
}

/**
 * Checks a scenario script (what JSON or YAML parsing gave) without running it: every problem
 * names its turn (`turns[3].wait: expected a duration …, received "soon"`). At most 20 are
 * listed.
 *
 * @param script A bare array of turns, or `{ turns, …settings }`.
 * @returns The problems; empty when the script is valid.
 * @example
 * ```ts
 * checkScenario([{ customer: 'hi' }, { wiat: '2h' }]);
 * // [{ path: 'turns[1]', message: 'unknown key "wiat": expected one of "customer", "agent", "state", "wait", "call"' }]
 * ```
 */
export function checkScenario(script: unknown): ScenarioProblem[] {
  const problems: Problems = [];
  const checked = splitScript(script, problems);
  if (checked !== undefined) checkSettings(checked.settings, problems);
  return problems;
}

/**
 * Checks every setting on its own, so each bad one is reported, not only the first. The
 * customer is checked with the channel (only iMessage allows an e-mail address), and only when
 * the channel itself is fine.
 */
function checkSettings(settings: Record<string, unknown>, problems: Problems): void {
  const channelOk = settings['channel'] === undefined || startConversation({ channel: settings['channel'] }, problems) !== undefined;
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'channel' || !SETTING_KEYS.includes(key) || problems.length >= MAX_PROBLEMS) continue;
    if (key === 'customer') {
      if (channelOk) startConversation({ channel: settings['channel'], customer: value }, problems);
    } else startConversation({ [key]: value }, problems);
  }
}

/** Starts the script's conversation; a setting it refuses becomes a problem at that setting. */
function startConversation(settings: Record<string, unknown>, problems: Problems): Conversation<ConversationChannel> | undefined {
  try {
    return new Conversation(settings, false);
  } catch (error) {
    if (!(error instanceof FixtureOptionError)) throw error;
    problems.push({ path: settingPath(error.option), message: error.message.replace(/^Invalid option "[^"]+": /, '') });
    return undefined;
  }
}

function splitScript(script: unknown, problems: Problems): CheckedScript | undefined {
  let settings: Record<string, unknown> = {};
  let turns: unknown;
  if (Array.isArray(script)) turns = script;
  else if (isPlainObject(script)) {
    ({ turns, ...settings } = script);
    for (const key of Object.keys(settings)) {
      if (!SETTING_KEYS.includes(key)) problems.push({ path: key, message: `unknown setting "${key}": expected "turns" and only ${quoteList(SETTING_KEYS)}` });
    }
    if (turns === undefined) {
      problems.push({ path: 'turns', message: 'expected an array of turns, received nothing' });
      return undefined;
    }
  } else {
    problems.push({ path: '(script)', message: `expected an array of turns or an object with "turns", received ${describeReceived(script)}` });
    return undefined;
  }
  if (!Array.isArray(turns)) {
    add(problems, 'turns', 'an array of turns', turns);
    return undefined;
  }
  // A plain loop: a script may have 100,000 turns.
  for (let i = 0; i < turns.length; i++) {
    const path = `turns[${i}]`;
    const found = turnKind(problems, path, turns[i], TURN_KINDS, 'turn');
    if (found !== undefined) checkPlainTurn(problems, path, found.kind, found.turn);
    if (problems.length >= MAX_PROBLEMS) break;
  }
  return { settings, turns };
}

/** The path of a setting in the script, for the option a FixtureOptionError names. */
function settingPath(option: string): string {
  return SETTING_KEYS.includes(option) ? option : option === 'options' ? '(script)' : option;
}

function scenarioError(problems: readonly ScenarioProblem[]): ScenarioError {
  const lines = problems.map((p) => `  ${p.path}: ${p.message}`);
  const count = problems.length >= MAX_PROBLEMS ? `at least ${problems.length} problems` : `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return new ScenarioError('invalid_script', `Invalid scenario script (${count}):\n${lines.join('\n')}`, problems);
}

/** Wraps an error a turn raised (an invalid override, a wait past the year 9999) so it names the turn. */
function atTurn(path: string, error: unknown): never {
  if (error instanceof ScenarioError && error.code === 'invalid_script') throw error;
  if (isAgentPhoneFixturesError(error)) {
    const message =
      error instanceof FixtureValidationError
        ? `the event it builds is invalid: ${error.problems.map((p) => p.message).join('; ')}`
        : error instanceof FixtureOptionError
          ? error.message.replace(/^Invalid option "[^"]+": /, '')
          : error.message.replace(/\n\s*/g, '; ');
    throw scenarioError([{ path, message }]);
  }
  throw error;
}

/**
 * Runs a scenario script one event at a time, in order: the messages of the customer turns,
 * and for each `call` its voice events and its `agent.call_ended`. Events are not kept, so a
 * script of any length runs in bounded memory.
 *
 * @param script A bare array of turns, or `{ turns, channel, seed, contextLimit, now, state, … }`.
 * @param options A `seed` or `now` that take precedence over the script's.
 * @throws {ScenarioError} `invalid_script` (before any event) when the script is invalid, naming each turn.
 * @example
 * ```ts
 * for (const event of scenarioEvents([{ customer: null }, { agent: null }, { customer: null }], { seed: 4 })) {
 *   await handler(event);
 * }
 * ```
 */
export function* scenarioEvents(script: unknown, options?: RunScenarioOptions): Generator<ScenarioEvent, void, undefined> {
  const { chat, turns } = prepare(script, options);
  for (let i = 0; i < turns.length; i++) {
    const path = `turns[${i}]`;
    const turn = normalise(turns[i]);
    try {
      if ('customer' in turn) {
        yield chat.inbound(textOf(turn['customer']), turn['overrides'] as never);
      } else if ('agent' in turn) chat.outbound(textOf(turn['agent']));
      else if ('state' in turn) chat.setState(turn['state'] as Record<string, unknown> | null);
      else if ('wait' in turn) chat.wait(turn['wait'] as string | number);
      else {
        const call = chat.call({
          ...(turn['direction'] === undefined ? {} : { direction: turn['direction'] as 'inbound' }),
          ...(turn['callId'] === undefined ? {} : { callId: turn['callId'] as string }),
        });
        yield* runCall(call, turn['call'] as unknown[], path);
        yield call.end((turn['end'] ?? {}) as CallEndOptions);
      }
    } catch (error) {
      atTurn(path, error);
    }
  }
}

function* runCall(call: VoiceCall, items: readonly unknown[], path: string): Generator<VoiceEvent, void, undefined> {
  for (let j = 0; j < items.length; j++) {
    const item = normalise(items[j]);
    try {
      if ('customer' in item || 'caller' in item) {
        yield call.caller(textOf(item['customer'] ?? item['caller']), item['overrides'] as never);
      } else if ('agent' in item) call.agent(textOf(item['agent']));
      else if ('state' in item) call.setState(item['state'] as Record<string, unknown> | null);
      else call.wait(item['wait'] as string | number);
    } catch (error) {
      atTurn(`${path}.call[${j}]`, error);
    }
  }
}

/** A checked turn as an object: a bare `"customer"`, `"caller"` or `"agent"` becomes `{ customer: null }` etc. */
function normalise(turn: unknown): Record<string, unknown> {
  return (typeof turn === 'string' ? { [turn === 'caller' ? 'customer' : turn]: null } : turn) as Record<string, unknown>;
}

/** The text of a checked speech turn: a string, or undefined to generate it. */
function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function prepare(script: unknown, options: RunScenarioOptions | undefined): { chat: Conversation<ConversationChannel>; turns: readonly unknown[] } {
  const problems: Problems = [];
  const checked = splitScript(script, problems);
  if (checked !== undefined) checkSettings(checked.settings, problems);
  if (problems.length > 0 || checked === undefined) throw scenarioError(problems);
  if (options !== undefined && !isPlainObject(options)) throw new FixtureOptionError('options', 'an object', options);
  const settings: Record<string, unknown> = { ...checked.settings };
  if (options?.seed !== undefined) settings['seed'] = options.seed;
  if (options?.now !== undefined) settings['now'] = options.now;
  const chat = startConversation(settings, problems);
  if (chat === undefined) throw scenarioError(problems);
  return { chat, turns: checked.turns };
}

/**
 * Runs a scenario script and returns its events in order: an `agent.message` for every customer
 * turn, and for every `call` its voice `agent.message` events and its `agent.call_ended`. The
 * same script and seed give the same events everywhere.
 *
 * @param script A bare array of turns, or `{ turns, channel, seed, contextLimit, now, state, … }`
 *   (what `JSON.parse` or a YAML parser gave for a scenario file).
 * @param options A `seed` or `now` that take precedence over the script's.
 * @returns The events, in the order AgentPhone would deliver them.
 * @throws {ScenarioError} `invalid_script` when the script is invalid; `problems` name each turn.
 * @example
 * ```ts
 * const events = runScenario({
 *   seed: 7,
 *   turns: [{ customer: 'Where is my order?' }, { agent: null }, { wait: '2h' }, { customer: null }],
 * });
 * events[1]?.recentHistory?.length; // 2
 * ```
 */
export function runScenario(script: unknown, options?: RunScenarioOptions): ScenarioEvent[] {
  return [...scenarioEvents(script, options)];
}
