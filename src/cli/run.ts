import type { Readable } from 'node:stream';
import { isAgentPhoneFixturesError } from '../errors.js';
import { generate } from './generate.js';
import { send } from './send.js';
import { schema } from './schema.js';
import { sign } from './sign.js';
import type { OutputStream } from './output.js';
import { validate } from './validate.js';

declare const __VERSION__: string | undefined;

/** The version printed by `--version`. */
export const VERSION: string = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/**
 * Everything the CLI touches, passed in so tests (and other tools) can run it in-process.
 *
 * @example
 * ```ts
 * const code = await runCli({ argv: ['generate', 'sms', '--seed', '7'], stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export interface CliOptions {
  /** Arguments after the program name, e.g. `['generate', 'sms', '--count', '3']`. */
  readonly argv: readonly string[];
  /** Where fixtures and reports go. */
  readonly stdout: OutputStream;
  /** Where errors, summaries and progress go. */
  readonly stderr: OutputStream;
  /** Read by `validate -`. */
  readonly stdin?: Readable | undefined;
  /** Relative paths resolve against it. @default process.cwd() */
  readonly cwd?: string | undefined;
  /** Environment variables (`AGENTPHONE_WEBHOOK_SECRET`). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Aborted when stdout's reader has gone away: `generate` stops early. */
  readonly signal?: AbortSignal | undefined;
}

const HELP = `Usage: agentphone-fixtures <command> [options]

Realistic, seeded AgentPhone webhook payloads as JSON, and a validator for your own.

Commands:
  generate <kind>            Print or write webhook fixtures (every event, voice replies)
  generate conversation      Run a scenario script (JSON/YAML) into its webhooks, in order
  generate invalid <kind>    Payloads that each break one schema rule, with a manifest
  validate <file|dir|->...   Check JSON, JSON-array or NDJSON payloads against the schemas
  sign [FILE|-]              Sign a body as AgentPhone does; print headers or a curl command
  send <url> [kind]          Sign and POST fixtures (or --fault deliveries) to your webhook
  schema [--out DIR]         Write the JSON Schemas: every event, REST shape, script format

Options:
  -h, --help                 Show help (also: agentphone-fixtures <command> --help)
  -v, --version              Print the version

Exit codes: 0 success, 1 invalid payloads, failed deliveries or an I/O problem, 2 usage error.
`;

const COMMANDS = ['generate', 'validate', 'sign', 'send', 'schema'] as const;

/**
 * Runs the `agentphone-fixtures` command line without touching process globals: no
 * `process.exit`, no reads of `process.argv`. User errors are printed as one line on `stderr`
 * (never a stack trace) and turned into the exit code.
 *
 * @param options argv, output streams, optional stdin and cwd.
 * @returns The exit code: 0 success, 1 invalid payloads or I/O problems, 2 usage errors.
 * @example
 * ```ts
 * // src/cli/bin.ts wires it to the process:
 * process.exitCode = await runCli({ argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
 * ```
 */
export async function runCli(options: CliOptions): Promise<number> {
  const { argv, stdout, stderr } = options;
  const cwd = options.cwd ?? process.cwd();
  const stderrIsTTY = stderr.isTTY === true;
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      if (command === 'help' && rest[0] !== undefined) return await runCli({ ...options, argv: [rest[0], '--help'] });
      if (command === undefined) {
        stderr.write(HELP);
        return 2;
      }
      stdout.write(HELP);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      stdout.write(`${VERSION}\n`);
      return 0;
    }
    switch (command) {
      case 'generate':
        return await generate(rest, { stdout, stderr, cwd, stderrIsTTY, stdin: options.stdin, signal: options.signal });
      case 'schema':
        return await schema(rest, { stdout, stderr, cwd });
      case 'sign':
        return await sign(rest, { stdout, cwd, stdin: options.stdin, env: options.env ?? process.env });
      case 'send':
        return await send(rest, { stdout, stderr, cwd, stdin: options.stdin, env: options.env ?? process.env });
      case 'validate':
        return await validate(rest, { stdout, stderr, cwd, stderrIsTTY, stdin: options.stdin });
      default: {
        const what = command.startsWith('-') ? `option ${command}` : `command "${command}"`;
        stderr.write(`agentphone-fixtures: unknown ${what}. Expected one of: ${COMMANDS.join(', ')}, --help, --version.\nRun with --help for usage.\n`);
        return 2;
      }
    }
  } catch (error) {
    if (isAgentPhoneFixturesError(error)) {
      stderr.write(`agentphone-fixtures: ${error.message}\n`);
      if (error.code === 'usage') stderr.write('Run with --help for usage.\n');
      return 'exitCode' in error && typeof error.exitCode === 'number' ? error.exitCode : 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    stderr.write(`agentphone-fixtures: internal error: ${message}\nPlease report this with the command you ran.\n`);
    return 1;
  }
}
