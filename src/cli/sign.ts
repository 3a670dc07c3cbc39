import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { derivedDeliveryId } from '../delivery/signed-delivery.js';
import { CliError, isAgentPhoneFixturesError } from '../errors.js';
import { WEBHOOK_HEADERS } from '../signing/headers.js';
import { signWebhook } from '../signing/sign.js';
import { intFlag, parseArgs, renderFlags, type FlagSpec } from './args.js';
import { describeFsError } from './fs-errors.js';
import type { OutputStream } from './output.js';

export const SECRET_ENV = 'AGENTPHONE_WEBHOOK_SECRET';

export const SIGN_FLAGS: Record<string, FlagSpec> = {
  secret: { type: 'string', value: 'S', description: `Signing secret (whsec_…); default: $${SECRET_ENV}` },
  timestamp: { type: 'string', value: 'T', description: 'Unix seconds to sign at (default: now)' },
  curl: { type: 'string', value: 'URL', description: 'Print a curl command that posts the exact bytes to URL' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

export const SIGN_HELP = `Usage: agentphone-fixtures sign [FILE|-] --secret S [options]

Signs a webhook body exactly as AgentPhone does (HMAC-SHA256 of "{timestamp}.{body}") and
prints the headers, or a curl command that posts the same bytes. The body is read as bytes,
never re-serialised. With no FILE, or "-", it is read from stdin.

Options:
{flags}

Examples:
  agentphone-fixtures generate sms --seed 1 > event.json
  agentphone-fixtures sign event.json --secret whsec_test
  agentphone-fixtures sign event.json --curl http://localhost:3000/webhook | sh
`;

interface SignIO {
  readonly stdout: OutputStream;
  readonly stdin: Readable | undefined;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The secret from --secret or the environment; usage error naming both when neither is set. */
export function secretFrom(flags: Record<string, string | boolean | undefined>, env: SignIO['env']): string {
  const secret = typeof flags['secret'] === 'string' ? flags['secret'] : env[SECRET_ENV];
  if (secret === undefined || secret === '') {
    throw new CliError('usage', `A signing secret is needed: pass --secret whsec_… or set ${SECRET_ENV}.`);
  }
  return secret;
}

/** Quotes a string for a POSIX shell. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(parts);
}

export async function sign(argv: readonly string[], io: SignIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, SIGN_FLAGS, 'sign');
  if (flags['help'] === true) {
    io.stdout.write(SIGN_HELP.replace('{flags}', renderFlags(SIGN_FLAGS)));
    return 0;
  }
  if (positionals.length > 1) throw new CliError('usage', `sign takes one file (or "-"), received ${positionals.length}.`);
  const secret = secretFrom(flags, io.env);
  const timestamp = flags['timestamp'] === undefined ? undefined : intFlag(flags, 'timestamp', 0, 0, 99_999_999_999);
  const curl = flags['curl'];
  if (curl !== undefined && !/^https?:\/\/\S+$/.test(String(curl))) {
    throw new CliError('usage', `Invalid value for --curl: expected an http(s) URL, received "${String(curl)}".`);
  }
  const file = positionals[0] ?? '-';
  let body: Buffer;
  if (file === '-') {
    if (io.stdin === undefined) throw new CliError('usage', 'No standard input to read; pass a FILE.');
    body = await readAll(io.stdin);
  } else {
    try {
      body = await readFile(resolve(io.cwd, file));
    } catch (error) {
      throw new CliError('io', `Cannot read ${file}: ${describeFsError(error)}`);
    }
  }
  let headers;
  try {
    headers = signWebhook({ body, secret, timestamp });
  } catch (error) {
    if (isAgentPhoneFixturesError(error)) throw new CliError('usage', error.message);
    throw error;
  }
  const all: [string, string][] = [
    ['Content-Type', 'application/json'],
    [WEBHOOK_HEADERS.signature, headers['X-Webhook-Signature']],
    [WEBHOOK_HEADERS.timestamp, headers['X-Webhook-Timestamp']],
    [WEBHOOK_HEADERS.id, derivedDeliveryId(0, body.toString('utf8'))],
  ];
  let event: unknown;
  try {
    event = (JSON.parse(body.toString('utf8')) as { event?: unknown }).event;
  } catch {
    event = undefined;
  }
  if (typeof event === 'string') all.push([WEBHOOK_HEADERS.event, event]);
  if (curl === undefined) {
    io.stdout.write(all.map(([k, v]) => `${k}: ${v}\n`).join(''));
    return 0;
  }
  // A file is posted from disk (@file keeps its exact bytes); stdin is embedded, quoted.
  const data = file === '-' ? shellQuote(body.toString('utf8')) : `@${shellQuote(resolve(io.cwd, file))}`;
  const lines = [`curl -sS -X POST ${shellQuote(String(curl))}`, ...all.map(([k, v]) => `-H ${shellQuote(`${k}: ${v}`)}`), `--data-binary ${data}`];
  io.stdout.write(`${lines.join(' \\\n  ')}\n`);
  return 0;
}
