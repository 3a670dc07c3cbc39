import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { generateConversation } from './generate-conversation.js';
import { generateInvalid } from './generate-invalid.js';
import { GENERATE_KINDS, buildKind, type GenerateKind } from './kinds.js';
import { REFERENCE_NOW_MS } from '../builders/clock.js';
import { CliError } from '../errors.js';
import { writeFilesAtomically } from './write-files.js';
import { intFlag, nowFlag, outputFlagSpecs, outputFlags, parseArgs, renderFlags, type FlagSpec } from './args.js';
import { BufferedWriter, Progress, formatCount, writeJsonSeries, type OutputStream } from './output.js';

export const GENERATE_FLAGS: Record<string, FlagSpec> = {
  count: { type: 'string', value: 'N', description: 'Number of fixtures (default 1)' },
  seed: { type: 'string', value: 'S', description: 'Seed of the first fixture; fixture i uses seed S+i (default 0)' },
  now: { type: 'string', value: 'ISO', description: 'Event time, ISO-8601 with Z or an offset (default 2025-01-15T12:00:00Z)' },
  history: { type: 'string', value: 'N', description: 'recentHistory entries per event, 0-50 (default: seeded 0-4)' },
  ...outputFlagSpecs('Write one pretty-printed file per fixture into DIR'),
};

export const GENERATE_HELP = `Usage: agentphone-fixtures generate <${GENERATE_KINDS.join('|')}> [options]
       agentphone-fixtures generate conversation --script FILE [options]   (see generate conversation --help)
       agentphone-fixtures generate invalid <kind> [options]              (see generate invalid --help)

Builds realistic, seeded AgentPhone webhook payloads (every event and channel) and voice
replies. --history applies to agent.message events. The same arguments always print the
same bytes.

Options:
{flags}

Output: one JSON object for --count 1, a JSON array otherwise, or NDJSON with --ndjson.
With --out, fixture i (seed S+i) is written to <kind>-seed<S+i>.json, atomically; existing
files are never overwritten unless --force is given.

Examples:
  agentphone-fixtures generate sms --seed 42
  agentphone-fixtures generate voice --count 5 --seed 42 --ndjson > fixtures.ndjson
  agentphone-fixtures generate sms --count 20 --history 3 --out fixtures/
`;

const MAX_COUNT = 100_000_000;

interface GenerateIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly cwd: string;
  readonly stderrIsTTY: boolean;
  readonly stdin?: Readable | undefined;
  readonly signal?: AbortSignal | undefined;
}

export async function generate(argv: readonly string[], io: GenerateIO): Promise<number> {
  // Subcommands with flags of their own.
  if (argv[0] === 'conversation') return generateConversation(argv.slice(1), io);
  if (argv[0] === 'invalid') return generateInvalid(argv.slice(1), io);
  const { positionals, flags } = parseArgs(argv, GENERATE_FLAGS, 'generate');
  if (flags['help'] === true) {
    await io.stdout.write(GENERATE_HELP.replace('{flags}', renderFlags(GENERATE_FLAGS)));
    return 0;
  }
  const choices = GENERATE_KINDS.join(', ');
  if (positionals.length === 0) throw new CliError('usage', `generate needs a kind. Expected one of: ${choices}.`);
  if (positionals.length > 1) {
    throw new CliError('usage', `generate takes one kind, received ${positionals.length}: ${positionals.join(' ')}.`);
  }
  const kind = positionals[0] as string;
  if (!(GENERATE_KINDS as readonly string[]).includes(kind)) {
    throw new CliError('usage', `Unknown kind "${kind}". Expected one of: ${choices}.`);
  }

  const { count, seed, history, nowMs } = seriesFlags(flags, MAX_COUNT);
  const { ndjson, pretty, out, force } = outputFlags(flags, 'fixture');

  const generateKind = kind as GenerateKind;
  const build = (i: number): unknown => {
    const o = { nowMs, history, validate: true, seed: seed + i };
    return buildKind(generateKind, o);
  };
  const stopped = () => io.signal?.aborted === true;
  const progress = new Progress(io.stderr, io.stderrIsTTY);
  const report = (i: number) => progress.update(() => `generating ${kind}: ${formatCount(i)}/${formatCount(count)}`);

  if (typeof out === 'string') {
    const written = await writeFilesAtomically({
      dir: resolve(io.cwd, out),
      shownDir: out,
      count,
      name: (i) => fixtureFileName(kind, seed + i),
      content: (i) => `${JSON.stringify(build(i), null, 2)}\n`,
      force,
      report,
    });
    progress.done();
    io.stderr.write(`wrote ${formatCount(written)} file${written === 1 ? '' : 's'} to ${out}\n`);
    return 0;
  }

  const writer = new BufferedWriter(io.stdout);
  if (count === 1) {
    await writer.write(`${JSON.stringify(build(0), null, pretty ? 2 : undefined)}\n`);
  } else {
    await writeJsonSeries(writer, series(count, build), { ndjson, pretty, stopped, report });
  }
  await writer.flush();
  progress.done();
  return 0;
}

/**
 * Reads the flags that describe a series of built fixtures (--count, --seed, --history, --now),
 * shared by `generate` and `send`: fixture i uses seed S+i, so S+count-1 must stay a safe integer.
 */
export function seriesFlags(
  flags: Record<string, string | boolean | undefined>,
  maxCount: number,
): { count: number; seed: number; history: number | undefined; nowMs: number } {
  const count = intFlag(flags, 'count', 1, 1, maxCount);
  const seed = intFlag(flags, 'seed', 0, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (seed > Number.MAX_SAFE_INTEGER - (count - 1)) {
    throw new CliError(
      'usage',
      `Invalid value for --seed: fixture i uses seed S+i, so with --count ${count} the seed must be at most ${Number.MAX_SAFE_INTEGER - count + 1}, received "${String(flags['seed'])}".`,
    );
  }
  const history = flags['history'] === undefined ? undefined : intFlag(flags, 'history', 0, 0, 50);
  const nowMs = nowFlag(flags, REFERENCE_NOW_MS);
  return { count, seed, history, nowMs };
}

/** The values build(0) … build(count − 1), built as they are read. */
function* series(count: number, build: (i: number) => unknown): Generator<unknown, void, undefined> {
  for (let i = 0; i < count; i++) yield build(i);
}

/**
 * File name of the fixture built with `seed`: `sms-seed42.json`. Fixture i of a run uses seed
 * S+i, so a name always holds the same fixture, whatever run wrote it.
 */
export function fixtureFileName(kind: string, seed: number): string {
  return `${kind}-seed${seed}.json`;
}

