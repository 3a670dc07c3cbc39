import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { parseDocument } from 'yaml';
import { CliError, ScenarioError } from '../errors.js';
import { isoSeconds } from '../builders/clock.js';
import { scenarioEvents, type ScenarioEvent } from '../scenarios/script.js';
import { intFlag, nowFlag, outputFlagSpecs, outputFlags, parseArgs, renderFlags, type FlagSpec } from './args.js';
import { describeFsError } from './fs-errors.js';
import { BufferedWriter, Progress, formatCount, writeJsonSeries, type OutputStream } from './output.js';
import { readAll } from './sign.js';
import { writeFilesAtomically } from './write-files.js';

export const CONVERSATION_FLAGS: Record<string, FlagSpec> = {
  script: { type: 'string', value: 'FILE', description: 'Scenario script, JSON or YAML ("-" reads stdin)' },
  seed: { type: 'string', value: 'S', description: "Seed that fills turns without text (default: the script's seed, else 0)" },
  now: { type: 'string', value: 'ISO', description: "Time of the first turn (default: the script's now, else 2025-01-15T12:00:00Z)" },
  ...outputFlagSpecs('Write one pretty-printed file per event into DIR'),
};

export const CONVERSATION_HELP = `Usage: agentphone-fixtures generate conversation --script FILE [options]

Runs a scenario script (JSON or YAML) and prints the webhooks it produces, in order: an
agent.message for every customer turn, and for every call its voice agent.message events and
its agent.call_ended. Every event shares the conversation's IDs and numbers; recentHistory
holds the turns before it, up to contextLimit. Turns without text are filled from the seed.

Script (YAML):
  channel: sms            # sms, mms, imessage, whatsapp (default sms)
  seed: 7                 # optional; --seed takes precedence
  contextLimit: 10        # 0-50
  turns:
    - customer: Hi, where is my order?
    - agent:              # no text: a reply that fits
    - wait: 2h            # 90s, 15m, 2h, 1d, 1h30m, PT2H
    - state: { orderId: ORD-1 }
    - customer:
    - call:
        - agent:
        - customer: I'd rather talk it through
      end: { callSuccessful: true }

Options:
{flags}

Output: a JSON array, or NDJSON with --ndjson. With --out, event i is written to
<script>-seed<S>-<i>-<kind>.json (kinds: sms, mms, imessage, whatsapp, voice, call-ended),
atomically; existing files are never overwritten unless --force is given.

Examples:
  agentphone-fixtures generate conversation --script refund.yaml
  agentphone-fixtures generate conversation --script refund.yaml --seed 3 --out fixtures/
`;

/** The largest script read: far beyond 100,000 turns, well below what would exhaust memory. */
const MAX_SCRIPT_BYTES = 64 * 1024 * 1024;

interface ConversationIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly cwd: string;
  readonly stderrIsTTY: boolean;
  readonly stdin?: Readable | undefined;
  readonly signal?: AbortSignal | undefined;
}

async function readScript(file: string, io: ConversationIO): Promise<string> {
  if (file === '-') {
    if (io.stdin === undefined) throw new CliError('usage', 'No standard input to read for --script -.');
    const bytes = await readAll(io.stdin);
    if (bytes.length > MAX_SCRIPT_BYTES) throw new CliError('io', `The script on stdin is larger than ${MAX_SCRIPT_BYTES / 1048576} MiB.`);
    return bytes.toString('utf8');
  }
  const path = resolve(io.cwd, file);
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError('io', `Cannot read script ${file}: it is a directory.`);
    if (info.size > MAX_SCRIPT_BYTES) throw new CliError('io', `Cannot read script ${file}: larger than ${MAX_SCRIPT_BYTES / 1048576} MiB.`);
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError('io', `Cannot read script ${file}: ${describeFsError(error)}`);
  }
}

/**
 * Parses the script text: JSON for `.json` files, YAML otherwise (YAML also reads JSON). Errors
 * name the line and column.
 */
export function parseScriptText(text: string, label: string, json: boolean): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') throw new CliError('io', `${label} is empty: expected a scenario script (an array of turns, or an object with "turns").`);
  if (json) {
    try {
      return JSON.parse(source) as unknown;
    } catch (error) {
      throw new CliError('io', `${label} is not valid JSON${jsonErrorPosition(source, error)}: ${(error as Error).message}`);
    }
  }
  // Aliases are capped so a small file cannot expand into gigabytes ("billion laughs").
  const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: true });
  const problem = doc.errors[0];
  if (problem !== undefined) {
    const where = problem.linePos?.[0] === undefined ? '' : ` at line ${problem.linePos[0].line}, column ${problem.linePos[0].col}`;
    const first = problem.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? problem.message;
    throw new CliError('io', `${label} is not valid YAML or JSON${where}: ${first}`);
  }
  try {
    return doc.toJS({ maxAliasCount: 1000 }) as unknown;
  } catch (error) {
    throw new CliError('io', `${label} could not be read as YAML: ${(error as Error).message}`);
  }
}

/** Where JSON.parse stopped, as " at line L, column C", when its message gives the offset. */
function jsonErrorPosition(source: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const offset = /at position (\d+)/.exec(message)?.[1] ?? (/Unexpected end of JSON input/.test(message) ? String(source.length) : undefined);
  if (offset === undefined) {
    // Node 20 names the token but not where it is: ask the YAML parser (JSON is YAML) for the spot.
    const spot = parseDocument(source).errors[0]?.linePos?.[0];
    return spot === undefined ? '' : ` at line ${spot.line}, column ${spot.col}`;
  }
  const before = source.slice(0, Number(offset));
  const line = before.split('\n').length;
  return ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

/** The CLI name of an event's kind: its channel, or `call-ended`. */
function eventKind(event: ScenarioEvent): string {
  return event.event === 'agent.call_ended' ? 'call-ended' : event.channel;
}

/** A script's name for output files: its base name without extension, in safe characters. */
function scriptBase(file: string): string {
  if (file === '-') return 'conversation';
  const base = basename(file, extname(file)).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return base === '' ? 'conversation' : base;
}

export async function generateConversation(argv: readonly string[], io: ConversationIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, CONVERSATION_FLAGS, 'generate conversation');
  if (flags['help'] === true) {
    await io.stdout.write(CONVERSATION_HELP.replace('{flags}', renderFlags(CONVERSATION_FLAGS)));
    return 0;
  }
  if (positionals.length > 0) {
    throw new CliError('usage', `generate conversation takes no other arguments, received: ${positionals.join(' ')}. Pass the script with --script FILE.`);
  }
  const file = flags['script'];
  if (typeof file !== 'string' || file === '') {
    throw new CliError('usage', 'generate conversation needs --script FILE (a JSON or YAML scenario script; "-" reads stdin).');
  }
  const { ndjson, pretty, out, force } = outputFlags(flags, 'event');
  const seedFlag = flags['seed'] === undefined ? undefined : intFlag(flags, 'seed', 0, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const now = flags['now'] === undefined ? undefined : isoSeconds(nowFlag(flags, 0));

  const label = file === '-' ? 'The script on stdin' : `Script ${file}`;
  const script = parseScriptText(await readScript(file, io), label, extname(file).toLowerCase() === '.json');
  const options = { ...(seedFlag === undefined ? {} : { seed: seedFlag }), ...(now === undefined ? {} : { now }) };
  const run = () => scenarioEvents(script, options);

  // A dry run first: a script that fails at turn 90,000 (an override that breaks the schema)
  // fails before any byte is printed or any file written. It also counts the events and their
  // kinds for file names. Output is a pure function of the script, so the second run repeats it.
  const kinds: string[] = [];
  try {
    for (const event of run()) kinds.push(eventKind(event));
  } catch (error) {
    if (error instanceof ScenarioError) throw new CliError('io', `${label}: ${error.message}`);
    throw error;
  }
  const progress = new Progress(io.stderr, io.stderrIsTTY);
  const count = kinds.length;
  const report = (i: number) => progress.update(() => `generating conversation: ${formatCount(i)}/${formatCount(count)} events`);

  if (typeof out === 'string') {
    const seed = seedFlag ?? scriptSeed(script);
    const width = Math.max(3, String(count).length);
    const base = `${scriptBase(file)}-seed${seed}`;
    const name = (i: number) => `${base}-${String(i + 1).padStart(width, '0')}-${kinds[i] as string}.json`;
    const dir = resolve(io.cwd, out);
    // Files of an earlier run of this script and seed that this run would not write (the script
    // has changed since): kept, they would mix two runs in one fixture set.
    const names = new Set(kinds.map((_, i) => name(i)));
    const stale = (await existingRunFiles(dir, base)).filter((file) => !names.has(file));
    if (stale.length > 0 && !force) {
      throw new CliError(
        'io',
        `Refusing to mix runs in ${out}: ${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', …' : ''} ${stale.length === 1 ? 'is' : 'are'} from an earlier run of this script with seed ${seed}. Pass --force to replace that run.`,
      );
    }
    const events = run();
    const written = await writeFilesAtomically({
      dir,
      shownDir: out,
      count,
      name,
      // Called once per file, in order.
      content: () => `${JSON.stringify(events.next().value, null, 2)}\n`,
      force,
      report,
    });
    // Only after every new file is in place: the earlier run's files this one replaced.
    for (const file of stale) {
      try {
        await rm(join(dir, file), { force: true });
      } catch (error) {
        throw new CliError('io', `Cannot remove ${join(out, file)} from the earlier run: ${describeFsError(error)}`);
      }
    }
    progress.done();
    const removed = stale.length === 0 ? '' : ` (removed ${formatCount(stale.length)} file${stale.length === 1 ? '' : 's'} of the earlier run)`;
    io.stderr.write(`wrote ${formatCount(written)} file${written === 1 ? '' : 's'} to ${out}${removed}\n`);
    return 0;
  }

  const writer = new BufferedWriter(io.stdout);
  const stopped = () => io.signal?.aborted === true;
  await writeJsonSeries(writer, run(), { ndjson, pretty, stopped, report });
  await writer.flush();
  progress.done();
  return 0;
}

/** Names of event files of a run of this script and seed (`<base>-<NNN>-<kind>.json`) in `dir`. */
async function existingRunFiles(dir: string, base: string): Promise<string[]> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    // No directory yet (or not one: the writer reports that).
    return [];
  }
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${escaped}-\\d{3,}-(?:sms|mms|imessage|whatsapp|voice|call-ended)\\.json$`);
  return files.filter((file) => pattern.test(file)).sort();
}

/** The seed a script sets for itself (0 when it sets none). */
function scriptSeed(script: unknown): number {
  const seed = typeof script === 'object' && script !== null && !Array.isArray(script) ? (script as Record<string, unknown>)['seed'] : undefined;
  return typeof seed === 'number' ? seed : 0;
}
