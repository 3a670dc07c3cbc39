import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { safeParseWebhookEvent } from '../schemas/parse.js';
import { CliError } from '../errors.js';
import { describeFsError } from './fs-errors.js';
import { parseArgs, renderFlags, type FlagSpec } from './args.js';
import { JsonStreamSplitter, type StreamItem } from './json-stream.js';
import { BufferedWriter, Progress, formatCount, type OutputStream } from './output.js';

export const VALIDATE_FLAGS: Record<string, FlagSpec> = {
  quiet: { type: 'boolean', short: 'q', description: 'Print only invalid payloads, no summary' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

export const VALIDATE_HELP = `Usage: agentphone-fixtures validate <file|dir|->... [options]

Checks webhook payloads against the AgentPhone schemas. Reads JSON objects, JSON arrays
(each element is a payload) and NDJSON, streaming (large files use bounded memory).
Directories are searched recursively for *.json, *.ndjson and *.jsonl; "-" reads stdin.

Prints one line per invalid payload to stdout, as
  <file>:<line> [<array index>]: <path>: expected …, received …; <path>: …
and a summary to stderr.

Options:
{flags}

Exit codes: 0 all valid, 1 any payload invalid or any file unreadable, 2 usage error.
`;

const EXTENSIONS = ['.json', '.ndjson', '.jsonl'];

interface ValidateIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: Readable | undefined;
  readonly cwd: string;
  readonly stderrIsTTY: boolean;
}

interface Source {
  readonly label: string;
  readonly open: () => Readable;
}

interface Tally {
  payloads: number;
  invalid: number;
  unreadable: number;
  bytes: number;
}

export async function validate(argv: readonly string[], io: ValidateIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, VALIDATE_FLAGS, 'validate');
  if (flags['help'] === true) {
    io.stdout.write(VALIDATE_HELP.replace('{flags}', renderFlags(VALIDATE_FLAGS)));
    return 0;
  }
  if (positionals.length === 0) {
    throw new CliError('usage', 'validate needs at least one file, directory or "-" (stdin).');
  }
  const out = new BufferedWriter(io.stdout);
  const tally: Tally = { payloads: 0, invalid: 0, unreadable: 0, bytes: 0 };
  const progress = new Progress(io.stderr, io.stderrIsTTY);
  let files = 0;
  if (positionals.filter((arg) => arg === '-').length > 1) {
    throw new CliError('usage', '"-" (stdin) can be given only once.');
  }

  for (const arg of positionals) {
    if (arg === '-') {
      const stdin = io.stdin;
      if (stdin === undefined) throw new CliError('usage', 'No standard input to read for "-".');
      files++;
      await validateSource({ label: '<stdin>', open: () => stdin }, out, tally, progress);
      continue;
    }
    const sources = await expand(arg, io.cwd);
    if (typeof sources === 'string') {
      tally.unreadable++;
      await out.write(`${sources}\n`);
      continue;
    }
    for (const source of sources) {
      files++;
      await validateSource(source, out, tally, progress);
    }
  }
  await out.flush();
  progress.done();
  if (flags['quiet'] !== true) {
    const parts = [`${formatCount(tally.payloads - tally.invalid)} valid`, `${formatCount(tally.invalid)} invalid`];
    if (tally.unreadable > 0) parts.push(`${formatCount(tally.unreadable)} unreadable`);
    io.stderr.write(
      `checked ${formatCount(tally.payloads)} payload${tally.payloads === 1 ? '' : 's'} in ${formatCount(files)} file${files === 1 ? '' : 's'}: ${parts.join(', ')}\n`,
    );
  }
  return tally.invalid > 0 || tally.unreadable > 0 ? 1 : 0;
}

/** Files to read for one argument, or a line explaining why it cannot be read. */
async function expand(arg: string, cwd: string): Promise<Source[] | string> {
  const path = resolve(cwd, arg);
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    return `${arg}: cannot read (${describeFsError(error)})`;
  }
  if (!info.isDirectory()) return [{ label: arg, open: () => createReadStream(path) }];
  const found: string[] = [];
  try {
    await walk(path, found);
  } catch (error) {
    return `${arg}: cannot read directory (${describeFsError(error)})`;
  }
  if (found.length === 0) return `${arg}: no ${EXTENSIONS.map((e) => `*${e}`).join(', ')} files found`;
  return found.map((file) => ({ label: join(arg, relative(path, file)), open: () => createReadStream(file) }));
}

async function walk(dir: string, found: string[], visited = new Set<string>()): Promise<void> {
  // Symbolic links are followed; a directory reached twice (a link loop) is read once.
  const self = await stat(dir);
  const key = `${self.dev}:${self.ino}`;
  if (visited.has(key)) return;
  visited.add(key);
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(full).catch(() => undefined);
      isDir = target?.isDirectory() === true;
      isFile = target?.isFile() === true;
    }
    if (isDir) await walk(full, found, visited);
    else if (isFile && EXTENSIONS.some((ext) => entry.name.endsWith(ext))) found.push(full);
  }
}

async function validateSource(source: Source, out: BufferedWriter, tally: Tally, progress: Progress): Promise<void> {
  const splitter = new JsonStreamSplitter({ ndjson: /\.(ndjson|jsonl)$/i.test(source.label) });
  let seen = 0;
  const handle = async (items: StreamItem[]) => {
    for (const item of items) {
      seen++;
      tally.payloads++;
      const where = `${source.label}:${item.line}${item.index === undefined ? '' : ` [${item.index}]`}`;
      const problem = check(item);
      if (problem !== undefined) {
        tally.invalid++;
        await out.write(`${where}: ${problem}\n`);
      }
    }
  };
  try {
    const stream = source.open();
    stream.setEncoding('utf8');
    for await (const chunk of stream) {
      tally.bytes += (chunk as string).length;
      await handle(splitter.push(chunk as string));
      progress.update(() => `validating ${source.label}: ${formatCount(tally.payloads)} payloads, ${formatMiB(tally.bytes)}`);
    }
    await handle(splitter.end());
  } catch (error) {
    tally.unreadable++;
    await out.write(`${source.label}: cannot read (${describeFsError(error)})\n`);
    return;
  }
  if (seen === 0) {
    tally.unreadable++;
    await out.write(`${source.label}: no JSON payloads found\n`);
  }
}

function check(item: StreamItem): string | undefined {
  if (item.kind === 'error') return `invalid JSON: ${item.message}`;
  if (item.kind === 'too_large') return item.message;
  let value: unknown;
  try {
    value = JSON.parse(item.text);
  } catch (error) {
    return `invalid JSON: ${(error as Error).message}`;
  }
  const result = safeParseWebhookEvent(value);
  if (result.success) return undefined;
  return result.error.problems.map((p) => p.message).join('; ');
}

function formatMiB(chars: number): string {
  return `${(chars / 1024 / 1024).toFixed(1)} MiB`;
}
