import { randomInt, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { EVENT_KINDS, buildKind, type EventKind } from './kinds.js';
import { deliver, type DeliveryResult } from '../delivery/deliver.js';
import { deliveryFaults, type DeliveryFault, type DeliveryFaultName } from '../delivery/faults.js';
import { createSignedDelivery, type SignedDelivery } from '../delivery/signed-delivery.js';
import { CliError, isAgentPhoneFixturesError } from '../errors.js';
import { intFlag, parseArgs, renderFlags, type FlagSpec } from './args.js';
import { describeFsError } from './fs-errors.js';
import { GENERATE_FLAGS, seriesFlags } from './generate.js';
import { JsonStreamSplitter, type StreamItem } from './json-stream.js';
import { BufferedWriter, formatCount, type OutputStream } from './output.js';
import { SECRET_ENV, SIGN_FLAGS, secretFrom } from './sign.js';

/** Most deliveries' payloads one run sends (generated with --count, or read with --file). */
export const MAX_SEND_COUNT = 10_000;

/** AgentPhone's default delivery timeout and its range for a webhook's `timeout` field (SPEC §3.4). */
const DEFAULT_TIMEOUT_SECONDS = 30;
const MIN_TIMEOUT_SECONDS = 5;
const MAX_TIMEOUT_SECONDS = 120;

/** Longest response body or voice reply shown on a text line. */
const MAX_SHOWN_CHARS = 200;

/** Secrets shorter than this are not searched for in other text (they would match by chance). */
const MIN_REDACTED_LENGTH = 8;

export const SEND_FLAGS: Record<string, FlagSpec> = {
  file: { type: 'string', value: 'F', description: 'Send the payloads in F instead (JSON, JSON array or NDJSON; - is stdin)' },
  secret: SIGN_FLAGS['secret'] as FlagSpec,
  seed: GENERATE_FLAGS['seed'] as FlagSpec,
  count: { type: 'string', value: 'N', description: `Number of fixtures, 1 to ${formatCount(MAX_SEND_COUNT)} (default 1)` },
  now: { type: 'string', value: 'ISO', description: 'Event time in the payloads (default 2025-01-15T12:00:00Z); signed at send time' },
  history: GENERATE_FLAGS['history'] as FlagSpec,
  fault: { type: 'string', value: 'NAME', description: 'Send the deliveries of this fault instead (see Faults below)' },
  timeout: {
    type: 'string',
    value: 'S',
    description: `Seconds to wait for each response, ${MIN_TIMEOUT_SECONDS}-${MAX_TIMEOUT_SECONDS} (default ${DEFAULT_TIMEOUT_SECONDS}, as AgentPhone)`,
  },
  json: { type: 'boolean', description: 'One JSON result per delivery (NDJSON) instead of text lines' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

export const SEND_HELP = `Usage: agentphone-fixtures send <url> [${EVENT_KINDS.join('|')}] [options]

Signs webhook payloads exactly as AgentPhone does and POSTs them to your handler: a server on
localhost needs no tunnel. Prints one line per delivery with what AgentPhone's test endpoint
reports (and, for voice, the reply your handler gave). Payloads are generated (fixture i uses
seed S+i, as in "generate"; the default kind is sms) or read with --file. Each delivery is
signed when it is sent, with a new X-Webhook-ID. The secret comes from --secret or
$${SECRET_ENV} and is never printed in full.

Options:
{flags}

Faults (--fault NAME), for testing that your handler refuses what it must:
{faults}
send checks the status codes only; whether the handler acted once is for your own test to see.

Exit codes: 0 every delivery succeeded (with --fault: was answered as a correct handler must),
1 otherwise, 2 usage error.

Examples:
  export ${SECRET_ENV}=whsec_…
  agentphone-fixtures send http://localhost:3000/webhook
  agentphone-fixtures send http://localhost:3000/webhook voice --count 3 --seed 7
  agentphone-fixtures send http://localhost:3000/webhook --file events.ndjson --json
  agentphone-fixtures send http://localhost:3000/webhook --fault stale_timestamp
`;

interface SendIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: Readable | undefined;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** One payload to send, and how it is named in the output. */
interface Payload {
  /** `sms seed 42`, or `events.ndjson:3`, `events.json:1 [2]`. */
  readonly label: string;
  /** `{ seed }` for generated fixtures, `{ index }` (0-based, in the file) for --file. */
  readonly origin: { readonly seed: number } | { readonly index: number };
  readonly event: unknown;
}

interface Source {
  readonly count: number;
  get(i: number): Payload;
}

/** The faults `deliveryFaults` makes, in its order (made from a stand-in event, so always in step with it). */
function faultTemplates(): DeliveryFault[] {
  return deliveryFaults({}, { secret: 'whsec_template', now: 1_736_942_400 });
}

/**
 * The secret with everything but its prefix and last four characters hidden: `whsec_…6789`.
 * The tail is shown only when at least 12 characters follow the prefix, so a short secret is
 * never revealed (nor most of it).
 */
export function maskSecret(secret: string): string {
  const underscore = secret.indexOf('_');
  const prefix = underscore >= 0 && underscore < secret.length - 1 ? secret.slice(0, underscore + 1) : '';
  const rest = secret.slice(prefix.length);
  return `${prefix}…${rest.length >= 12 ? rest.slice(-4) : ''}`;
}

/**
 * A function that replaces every secret that could be in play (the value of --secret, even
 * when parsing fails later, and the environment variable) by its masked form, in any text, raw
 * or JSON-escaped: whatever a handler echoes or a URL carries, output never holds a secret.
 */
function redactor(argv: readonly string[], env: SendIO['env']): (text: string) => string {
  const candidates = new Set<string>();
  const fromEnv = env[SECRET_ENV];
  if (fromEnv !== undefined) candidates.add(fromEnv);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--secret' && argv[i + 1] !== undefined) candidates.add(argv[i + 1] as string);
    else if (arg.startsWith('--secret=')) candidates.add(arg.slice('--secret='.length));
  }
  const pairs: [string, string][] = [];
  for (const secret of candidates) {
    if (secret.length < MIN_REDACTED_LENGTH) continue;
    const masked = maskSecret(secret);
    pairs.push([secret, masked]);
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) pairs.push([escaped, masked]);
  }
  pairs.sort((a, b) => b[0].length - a[0].length);
  if (pairs.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const [secret, masked] of pairs) if (out.includes(secret)) out = out.split(secret).join(masked);
    return out;
  };
}

/** The same error with the secret masked in its message (the CLI prints messages as they are). */
function redactError(error: unknown, redact: (text: string) => string): unknown {
  if (isAgentPhoneFixturesError(error)) {
    const message = redact(error.message);
    if (message === error.message) return error;
    return new CliError(error.code === 'usage' ? 'usage' : 'io', message);
  }
  if (error instanceof Error) {
    const message = redact(error.message);
    return message === error.message ? error : new Error(message);
  }
  return new Error(redact(String(error)));
}

/**
 * `agentphone-fixtures send <url> [kind]`: generates (or reads) payloads, signs each as
 * AgentPhone does, POSTs it with `deliver` and prints one result per delivery.
 */
export async function send(argv: readonly string[], io: SendIO): Promise<number> {
  const redact = redactor(argv, io.env);
  try {
    return await run(argv, io, redact);
  } catch (error) {
    throw redactError(error, redact);
  }
}

async function run(argv: readonly string[], io: SendIO, redact: (text: string) => string): Promise<number> {
  const { positionals, flags } = parseArgs(argv, SEND_FLAGS, 'send');
  const templates = faultTemplates();
  if (flags['help'] === true) {
    const faults = (['reject', 'process_once'] as const)
      .map((expected) => {
        const names = templates.filter((f) => f.expected === expected);
        return expected === 'reject'
          ? `  a correct handler rejects these with a 4xx (401; 400 for ${names.filter((f) => f.expectedStatus === 400).map((f) => f.name).join(', ')}):\n${wrapNames(names)}`
          : `  and answers 2xx to every copy of these, acting once per X-Webhook-ID:\n${wrapNames(names)}`;
      })
      .join('\n');
    await io.stdout.write(SEND_HELP.replace('{flags}', renderFlags(SEND_FLAGS)).replace('{faults}', faults));
    return 0;
  }

  // <url> [kind]
  const kinds = EVENT_KINDS.join(', ');
  if (positionals.length === 0) {
    throw new CliError('usage', 'send needs the URL of your webhook handler, such as http://localhost:3000/webhook.');
  }
  if (positionals.length > 2) {
    throw new CliError('usage', `send takes a URL and at most one kind, received ${positionals.length} arguments: ${positionals.join(' ')}.`);
  }
  const [rawUrl, rawKind] = positionals as [string, string | undefined];
  const url = checkUrl(rawUrl);
  const file = flags['file'];
  if (rawKind !== undefined && file !== undefined) {
    throw new CliError('usage', `A kind ("${rawKind}") and --file cannot be combined: send either generates ${kinds} fixtures or reads them from --file.`);
  }
  let kind: EventKind = 'sms';
  if (rawKind !== undefined) {
    if (!(EVENT_KINDS as readonly string[]).includes(rawKind)) {
      throw new CliError('usage', `Unknown kind "${rawKind}". Expected one of: ${kinds}.`);
    }
    kind = rawKind as EventKind;
  }
  if (file !== undefined) {
    for (const name of ['seed', 'count', 'now', 'history']) {
      if (flags[name] !== undefined) throw new CliError('usage', `--${name} applies to generated fixtures only, not to --file.`);
    }
    if (file === '') throw new CliError('usage', '--file needs a file name (or "-" for stdin), received "".');
  }

  const fault = flags['fault'] === undefined ? undefined : checkFault(String(flags['fault']), templates);
  const timeoutSeconds = intFlag(flags, 'timeout', DEFAULT_TIMEOUT_SECONDS, MIN_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS);
  const json = flags['json'] === true;
  const source = typeof file === 'string' ? undefined : generatedSource(kind, flags);
  const secret = secretFrom(flags, io.env);
  const payloads = source ?? (await fileSource(String(file), io));

  const out = new BufferedWriter(redactingStream(io.stdout, redact), 0);
  const err = (text: string) => io.stderr.write(redact(text));

  const perPayload = fault === undefined ? 1 : fault.deliveries.length;
  const total = payloads.count * perPayload;
  err(`signing with ${maskSecret(secret)}\n`);
  if (fault !== undefined) {
    const must =
      fault.expected === 'reject'
        ? `a correct handler rejects it with ${fault.expectedStatus} (any 4xx passes)`
        : 'a correct handler answers 2xx to every copy and acts on it once';
    err(`fault ${fault.name}: ${fault.description} Expected: ${must}.\n`);
  }

  // A fresh X-Webhook-ID for every run (AgentPhone gives each event its own); with a fault, the
  // copies of one delivery share theirs, as the fault says.
  const runSeed = randomInt(0, 2 ** 40);
  let n = 0;
  let passed = 0;
  for (let i = 0; i < payloads.count; i++) {
    const payload = payloads.get(i);
    let deliveries: readonly SignedDelivery[];
    let made: DeliveryFault | undefined;
    if (fault === undefined) {
      deliveries = [createSignedDelivery(payload.event, { secret, url, deliveryId: randomUUID() })];
    } else {
      // Made just before sending, so the timestamps are what the fault says (301 s old, …) on arrival.
      made = deliveryFaults(payload.event, { secret, url, seed: runSeed + 2 * i }).find((f) => f.name === fault.name) as DeliveryFault;
      deliveries = made.deliveries;
    }
    for (const [copy, delivery] of deliveries.entries()) {
      n++;
      const result = await deliver(delivery, url, { timeoutSeconds });
      const verdict = made === undefined ? undefined : judge(made, result);
      if (verdict === undefined ? result.success : verdict.passed) passed++;
      if (json) {
        await out.write(`${JSON.stringify(jsonLine(result, payload, made, verdict))}\n`);
      } else {
        const position = deliveries.length > 1 ? ` (${made?.name === 'retry_sequence' ? 'attempt' : 'copy'} ${copy + 1}/${deliveries.length})` : '';
        const label = `${formatCount(n)}/${formatCount(total)} ${payload.label}${made === undefined ? '' : ` ${made.name}${position}`}`;
        await out.write(`${label} → ${textOutcome(result, verdict)}\n`);
      }
    }
  }
  await out.flush();
  const failed = n - passed;
  err(
    fault === undefined
      ? `${formatCount(n)} sent: ${formatCount(passed)} succeeded, ${formatCount(failed)} failed\n`
      : `${formatCount(n)} sent with fault ${fault.name}: ${formatCount(passed)} answered as expected, ${formatCount(failed)} not\n`,
  );
  return failed === 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------
// Arguments

/** Fault names for --help, comma-separated, wrapped at about 92 columns. */
function wrapNames(faults: readonly DeliveryFault[]): string {
  const lines: string[] = [];
  let line = '';
  for (const [i, fault] of faults.entries()) {
    const word = `${fault.name}${i < faults.length - 1 ? ',' : ''}`;
    if (line !== '' && line.length + 1 + word.length > 88) {
      lines.push(line);
      line = '';
    }
    line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => `    ${l}`).join('\n');
}

function checkUrl(raw: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    const hint = (EVENT_KINDS as readonly string[]).includes(raw) ? ' (the URL comes first: send <url> [kind])' : '';
    throw new CliError('usage', `Invalid URL "${raw}": expected an http(s) URL such as http://localhost:3000/webhook${hint}.`);
  }
  return url.href;
}

function checkFault(name: string, templates: readonly DeliveryFault[]): DeliveryFault {
  const found = templates.find((f) => f.name === (name as DeliveryFaultName));
  if (found === undefined) {
    throw new CliError('usage', `Unknown fault "${name}". Expected one of: ${templates.map((f) => f.name).join(', ')}.`);
  }
  return found;
}

/** Fixture i built with seed S+i, exactly as `generate` builds it. */
function generatedSource(kind: EventKind, flags: Record<string, string | boolean | undefined>): Source {
  const { count, seed, history, nowMs } = seriesFlags(flags, MAX_SEND_COUNT);
  return {
    count,
    get(i) {
      const o = { nowMs, history, validate: true, seed: seed + i };
      return { label: `${kind} seed ${o.seed}`, origin: { seed: o.seed }, event: buildKind(kind, o) };
    },
  };
}

/** Every payload of --file, read as `validate` reads (JSON object, JSON array or NDJSON), before anything is sent. */
async function fileSource(file: string, io: SendIO): Promise<Source> {
  const label = file === '-' ? '<stdin>' : file;
  let stream: Readable;
  if (file === '-') {
    if (io.stdin === undefined) throw new CliError('usage', 'No standard input to read for --file -.');
    stream = io.stdin;
  } else {
    stream = createReadStream(resolve(io.cwd, file));
  }
  const splitter = new JsonStreamSplitter({ ndjson: /\.(ndjson|jsonl)$/i.test(file) });
  const payloads: Payload[] = [];
  const take = (items: StreamItem[]) => {
    for (const item of items) {
      const where = `${label}:${item.line}${item.index === undefined ? '' : ` [${item.index}]`}`;
      if (item.kind !== 'value') {
        throw new CliError('io', `${where}: ${item.kind === 'error' ? `invalid JSON: ${item.message}` : item.message}. Nothing was sent.`);
      }
      let event: unknown;
      try {
        event = JSON.parse(item.text);
      } catch (error) {
        throw new CliError('io', `${where}: invalid JSON: ${(error as Error).message}. Nothing was sent.`);
      }
      if (payloads.length === MAX_SEND_COUNT) {
        throw new CliError('io', `${label} holds more than ${formatCount(MAX_SEND_COUNT)} payloads, the most one run sends. Nothing was sent.`);
      }
      payloads.push({ label: where, origin: { index: payloads.length }, event });
    }
  };
  try {
    stream.setEncoding('utf8');
    for await (const chunk of stream) take(splitter.push(chunk as string));
    take(splitter.end());
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError('io', `Cannot read ${label}: ${describeFsError(error)}`);
  }
  if (payloads.length === 0) throw new CliError('io', `${label}: no JSON payloads found. Nothing was sent.`);
  return { count: payloads.length, get: (i) => payloads[i] as Payload };
}

// ---------------------------------------------------------------------------------------------
// Results

interface Verdict {
  readonly passed: boolean;
  readonly note: string;
}

/** Whether the handler answered a fault delivery as a correct handler must. */
function judge(fault: DeliveryFault, result: DeliveryResult): Verdict {
  const status = result.httpStatus;
  const got = status === null ? 'no response' : String(status);
  const expected = `expected ${fault.expectedStatus}, got ${got}`;
  if (fault.expected === 'reject') {
    if (status !== null && status >= 400 && status < 500) return { passed: true, note: `ok, rejected as expected (${expected})` };
    if (status !== null && status >= 200 && status < 300) {
      return { passed: false, note: `FAIL, accepted: a correct handler rejects this (${expected})` };
    }
    return { passed: false, note: `FAIL, not rejected with a 4xx (${expected})` };
  }
  if (result.success) return { passed: true, note: `ok, accepted as expected (${expected})` };
  return { passed: false, note: `FAIL: a correct handler answers 2xx to every copy and acts once (${expected})` };
}

/** One line of text: printable, no control characters, at most `max` characters. */
export function oneLine(text: string, max = MAX_SHOWN_CHARS): string {
  // Control and bidirectional-override characters could rewrite the terminal: spaces instead.
  const flat = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= max) return flat;
  let cut = flat.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function textOutcome(result: DeliveryResult, verdict: Verdict | undefined): string {
  const ms = `${Math.round(result.durationMs)} ms`;
  const status = result.httpStatus;
  let text: string;
  if (status === null) text = `failed: ${result.errorMessage ?? 'no response'}`;
  else if (result.success) text = `HTTP ${status} in ${ms}`;
  // With a fault, a 4xx is what is hoped for: the verdict says whether it passed, not "failed".
  else if (result.errorMessage === `HTTP ${status}`) text = `${verdict === undefined ? 'failed: ' : ''}HTTP ${status} in ${ms}`;
  else text = `failed: ${result.errorMessage ?? `HTTP ${status}`} (after ${ms})`;

  const ok = verdict === undefined ? result.success : verdict.passed;
  const body = result.responseBody ?? '';
  if (result.voiceReply !== undefined && status !== null && status >= 200 && status < 300) {
    const reply = oneLine(result.voiceReply.body);
    text += `, reply: ${reply === '' ? '(empty: the caller hears silence)' : reply}`;
  } else if (!ok && status !== null && (status < 200 || status >= 300) && body.trim() !== '') {
    text += `, body: ${oneLine(body)}`;
  }
  if (verdict !== undefined) text += `: ${verdict.note}`;
  return text;
}

function jsonLine(result: DeliveryResult, payload: Payload, fault: DeliveryFault | undefined, verdict: Verdict | undefined): Record<string, unknown> {
  const line: Record<string, unknown> = {
    success: result.success,
    httpStatus: result.httpStatus,
    errorMessage: result.errorMessage,
    durationMs: result.durationMs,
    deliveryId: result.deliveryId,
    ...payload.origin,
  };
  if (fault !== undefined && verdict !== undefined) {
    line['fault'] = fault.name;
    line['expected'] = fault.expected;
    line['expectedStatus'] = fault.expectedStatus;
    line['passed'] = verdict.passed;
  }
  if (result.voiceReply !== undefined) line['voiceReply'] = result.voiceReply;
  return line;
}

function redactingStream(stream: OutputStream, redact: (text: string) => string): OutputStream {
  const wrapped: OutputStream = { write: (chunk) => stream.write(redact(chunk)), isTTY: stream.isTTY };
  if (stream.once !== undefined) wrapped.once = (event, listener) => stream.once?.(event, listener);
  return wrapped;
}
