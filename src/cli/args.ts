import { CliError, FixtureOptionError } from '../errors.js';
import { checkNow } from '../builders/options.js';

/** How a flag takes its value. */
export interface FlagSpec {
  readonly type: 'boolean' | 'string';
  /** Placeholder shown in help (`N`, `ISO`, `DIR`). */
  readonly value?: string;
  readonly description: string;
  readonly short?: string;
}

/** Parsed command line of one command. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Record<string, string | boolean | undefined>;
}

/**
 * Parses `--flag value`, `--flag=value`, boolean `--flag`, short `-h`, and `--` (everything after
 * it is positional). Unknown flags are usage errors that list the valid ones.
 */
export function parseArgs(argv: readonly string[], specs: Readonly<Record<string, FlagSpec>>, command: string): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean | undefined> = {};
  const shorts = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) if (spec.short !== undefined) shorts.set(spec.short, name);
  const valid = () =>
    Object.keys(specs)
      .map((n) => `--${n}`)
      .join(', ');

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
    } else {
      const long = shorts.get(arg.slice(1));
      if (long === undefined) throw new CliError('usage', `Unknown flag ${arg} for "${command}". Valid flags: ${valid()}.`);
      name = long;
    }
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (spec === undefined) {
      throw new CliError('usage', `Unknown flag --${name} for "${command}". Valid flags: ${valid()}.`);
    }
    if (Object.hasOwn(flags, name)) throw new CliError('usage', `Flag --${name} was given more than once.`);
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new CliError('usage', `Flag --${name} takes no value, received "${inline}".`);
      flags[name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const nextArg = argv[i + 1];
      if (nextArg === undefined || (nextArg.startsWith('--') && nextArg.length > 2)) {
        throw new CliError('usage', `Flag --${name} needs a value (${spec.value ?? 'VALUE'}).`);
      }
      value = nextArg;
      i++;
    }
    flags[name] = value;
  }
  return { positionals, flags };
}

/** Reads an integer flag within bounds; usage error naming the flag otherwise. */
export function intFlag(
  flags: ParsedArgs['flags'],
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const text = String(raw).trim();
  const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new CliError('usage', `Invalid value for --${name}: expected an integer from ${min} to ${max}, received "${String(raw)}".`);
  }
  return value;
}

/**
 * Reads `--now`: an ISO-8601 date-time with `Z` or an offset, as milliseconds; `fallback` when
 * absent. A usage error naming the flag otherwise.
 */
export function nowFlag(flags: ParsedArgs['flags'], fallback: number): number {
  const raw = flags['now'];
  if (raw === undefined) return fallback;
  try {
    return checkNow(raw);
  } catch (error) {
    if (!(error instanceof FixtureOptionError)) throw error;
    throw new CliError(
      'usage',
      `Invalid value for --now: expected an ISO-8601 date-time with Z or an offset, such as 2025-01-15T12:00:00Z, received "${String(raw)}".`,
    );
  }
}

/**
 * The output flags of the `generate` commands: `--ndjson`, `--pretty`, `--out DIR` (one file per
 * `unit` written there, as `outDescription` says) and `--force`, and `--help`.
 */
export function outputFlagSpecs(outDescription: string): Record<string, FlagSpec> {
  return {
    ndjson: { type: 'boolean', description: 'One compact JSON object per line' },
    pretty: { type: 'boolean', description: 'Indent JSON with 2 spaces' },
    out: { type: 'string', value: 'DIR', description: outDescription },
    force: { type: 'boolean', description: 'With --out: overwrite existing files' },
    help: { type: 'boolean', short: 'h', description: 'Show this help' },
  };
}

/** Reads the output flags of {@link outputFlagSpecs}; usage errors for combinations that make no sense. */
export function outputFlags(
  flags: ParsedArgs['flags'],
  unit: string,
): { ndjson: boolean; pretty: boolean; out: string | undefined; force: boolean } {
  const ndjson = flags['ndjson'] === true;
  const pretty = flags['pretty'] === true;
  const out = typeof flags['out'] === 'string' ? flags['out'] : undefined;
  const force = flags['force'] === true;
  if (ndjson && pretty) throw new CliError('usage', '--ndjson and --pretty cannot be combined: NDJSON is one compact object per line.');
  if (ndjson && out !== undefined) throw new CliError('usage', `--ndjson and --out cannot be combined: --out writes one file per ${unit}.`);
  if (force && out === undefined) throw new CliError('usage', '--force only applies with --out DIR.');
  if (out === '') throw new CliError('usage', '--out needs a directory name, received "".');
  return { ndjson, pretty, out, force };
}

/** Renders the flags of a command for `--help`. */
export function renderFlags(specs: Readonly<Record<string, FlagSpec>>): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const left = `${spec.short === undefined ? '    ' : `-${spec.short}, `}--${name}${spec.value === undefined ? '' : ` ${spec.value}`}`;
    return [left, spec.description] as const;
  });
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return rows.map(([l, d]) => `  ${l.padEnd(width)}${d}`).join('\n');
}
