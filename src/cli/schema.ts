import { resolve } from 'node:path';
import { toJsonSchemas } from '../json-schema.js';
import { CliError } from '../errors.js';
import { parseArgs, renderFlags, type FlagSpec } from './args.js';
import type { OutputStream } from './output.js';
import { writeFilesAtomically } from './write-files.js';

export const SCHEMA_FLAGS: Record<string, FlagSpec> = {
  out: { type: 'string', value: 'DIR', description: 'Write one <name>.json file per shape into DIR' },
  force: { type: 'boolean', description: 'With --out: overwrite existing files' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

export const SCHEMA_HELP = `Usage: agentphone-fixtures schema [--out DIR [--force]]

Writes the JSON Schema (draft 2020-12) of every webhook event, channel variant and REST shape,
and of scenario scripts (scenario-script.json, for editors), generated from the same Zod
schemas the library validates with: for handlers in Python, Go, Ruby or any language with a
JSON Schema validator. The same files ship in the package under
agentphone-fixtures/json-schema/<name>.json.

Without --out, prints one JSON object mapping each name to its schema.

Options:
{flags}
`;

export async function schema(argv: readonly string[], io: { stdout: OutputStream; stderr: OutputStream; cwd: string }): Promise<number> {
  const { positionals, flags } = parseArgs(argv, SCHEMA_FLAGS, 'schema');
  if (flags['help'] === true) {
    io.stdout.write(SCHEMA_HELP.replace('{flags}', renderFlags(SCHEMA_FLAGS)));
    return 0;
  }
  if (positionals.length > 0) throw new CliError('usage', `schema takes no arguments, received ${positionals.join(' ')}.`);
  const out = flags['out'];
  if (out === '') throw new CliError('usage', '--out needs a directory name, received "".');
  if (flags['force'] === true && out === undefined) throw new CliError('usage', '--force only applies with --out DIR.');
  const schemas = Object.entries(toJsonSchemas());
  if (typeof out !== 'string') {
    io.stdout.write(`${JSON.stringify(Object.fromEntries(schemas), null, 2)}\n`);
    return 0;
  }
  const written = await writeFilesAtomically({
    dir: resolve(io.cwd, out),
    shownDir: out,
    count: schemas.length,
    name: (i) => `${(schemas[i] as [string, unknown])[0]}.json`,
    content: (i) => `${JSON.stringify((schemas[i] as [string, unknown])[1], null, 2)}\n`,
    force: flags['force'] === true,
  });
  io.stderr.write(`wrote ${written} JSON Schema files to ${out}\n`);
  return 0;
}
