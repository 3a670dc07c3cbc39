import { resolve } from 'node:path';
import { REFERENCE_NOW_MS } from '../builders/clock.js';
import { CliError } from '../errors.js';
import { invalidVariants } from '../invalid/variants.js';
import type { InvalidVariant } from '../invalid/types.js';
import { intFlag, nowFlag, outputFlagSpecs, outputFlags, parseArgs, renderFlags, type FlagSpec } from './args.js';
import { EVENT_KINDS, buildKind, type EventKind } from './kinds.js';
import { BufferedWriter, type OutputStream } from './output.js';
import { writeFilesAtomically } from './write-files.js';

export const GENERATE_INVALID_FLAGS: Record<string, FlagSpec> = {
  seed: { type: 'string', value: 'S', description: 'Seed of the event the variants break (default 0)' },
  now: { type: 'string', value: 'ISO', description: 'Event time, ISO-8601 with Z or an offset (default 2025-01-15T12:00:00Z)' },
  history: { type: 'string', value: 'N', description: 'recentHistory entries of an agent.message, 0-50 (default: seeded 0-4)' },
  ...outputFlagSpecs('Write one file per variant and an index.json manifest into DIR'),
};

/** The manifest written last into `--out DIR`. */
export const MANIFEST_FILE = 'index.json';

export const GENERATE_INVALID_HELP = `Usage: agentphone-fixtures generate invalid <${EVENT_KINDS.join('|')}> [options]

Builds the seeded event of <kind> (the one "generate <kind>" prints with the same --seed, --now
and --history) and, from it, payloads that each break exactly one rule of the schemas: a
required field missing, a field of the wrong type, a bad phone number or timestamp, an unknown
event or channel, ... Each is labelled with the path and code that validation reports for it.

Options:
{flags}

Output: a JSON array of { name, path, pathSegments, code, errorCode, category, description,
jsonSchemaRejects, payload }, or one such object per line with --ndjson.
With --out, variant NAME is written to <kind>-seed<S>.NAME.json, atomically, and then
${MANIFEST_FILE} lists every file with its name, path and code. Existing files are never
overwritten unless --force is given.

Examples:
  agentphone-fixtures generate invalid sms --seed 42 --out tests/invalid/sms
  agentphone-fixtures generate invalid voice --ndjson
`;

/** What `generate invalid` touches; the same streams `generate` gets. */
interface GenerateInvalidIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly cwd: string;
}

/** One line of the manifest: the variant without its payload, and the file that holds it. */
export interface ManifestEntry extends Omit<InvalidVariant, 'payload'> {
  readonly file: string;
}

/**
 * File name of one variant: `sms-seed42.data.from.not-e164.json`. Characters other than letters,
 * digits, `.`, `-`, `_`, `[` and `]` (none of today's names has any) become `_`.
 */
export function variantFileName(kind: string, seed: number, name: string): string {
  return `${kind}-seed${seed}.${name.replace(/[^\w.[\]-]/g, '_')}.json`;
}

/** `agentphone-fixtures generate invalid <kind>`: the invalid variants of one seeded event. */
export async function generateInvalid(argv: readonly string[], io: GenerateInvalidIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, GENERATE_INVALID_FLAGS, 'generate invalid');
  if (flags['help'] === true) {
    await io.stdout.write(GENERATE_INVALID_HELP.replace('{flags}', renderFlags(GENERATE_INVALID_FLAGS)));
    return 0;
  }
  const choices = EVENT_KINDS.join(', ');
  if (positionals.length === 0) throw new CliError('usage', `generate invalid needs an event kind. Expected one of: ${choices}.`);
  if (positionals.length > 1) {
    throw new CliError('usage', `generate invalid takes one kind, received ${positionals.length}: ${positionals.join(' ')}.`);
  }
  const kind = positionals[0] as string;
  if (!(EVENT_KINDS as readonly string[]).includes(kind)) {
    const hint = kind === 'voice-reply' ? ' (a voice reply is a handler\'s answer, not a webhook event)' : '';
    throw new CliError('usage', `Unknown kind "${kind}" for generate invalid${hint}. Expected one of: ${choices}.`);
  }

  const seed = intFlag(flags, 'seed', 0, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const history = flags['history'] === undefined ? undefined : intFlag(flags, 'history', 0, 0, 50);
  const nowMs = nowFlag(flags, REFERENCE_NOW_MS);
  const { ndjson, pretty, out, force } = outputFlags(flags, 'variant');

  const event = buildKind(kind as EventKind, { seed, nowMs, history, validate: true });
  const variants = invalidVariants(event);

  if (typeof out === 'string') {
    const files = variants.map((variant) => variantFileName(kind, seed, variant.name));
    if (new Set(files).size !== files.length) throw new Error('two variants map to the same file name');
    const manifest = {
      kind,
      seed,
      now: new Date(nowMs).toISOString().replace('.000Z', 'Z'),
      history: history ?? null,
      variants: variants.map(({ payload: _payload, name, ...label }, i): ManifestEntry => ({ name, file: files[i] as string, ...label })),
    };
    // The manifest comes last: once it exists, every file it lists is in place.
    await writeFilesAtomically({
      dir: resolve(io.cwd, out),
      shownDir: out,
      count: variants.length + 1,
      name: (i) => (i < variants.length ? (files[i] as string) : MANIFEST_FILE),
      content: (i) => `${JSON.stringify(i < variants.length ? variants[i]?.payload : manifest, null, 2)}\n`,
      force,
    });
    io.stderr.write(`wrote ${variants.length} invalid ${kind} payloads and ${MANIFEST_FILE} to ${out}\n`);
    return 0;
  }

  const writer = new BufferedWriter(io.stdout);
  if (ndjson) {
    for (const variant of variants) await writer.write(`${JSON.stringify(variant)}\n`);
  } else {
    await writer.write(`${JSON.stringify(variants, null, pretty ? 2 : undefined)}\n`);
  }
  await writer.flush();
  return 0;
}

