// Child-process helpers for the consumer tests: run a command, never reject on a non-zero exit,
// and render the run for assertion messages.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the package under test (the repository checkout), found from this file's location. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A binary of the root project's own devDependencies (`node_modules/.bin/<name>`). */
export function rootBin(name: string): string {
  return path.join(PACKAGE_ROOT, 'node_modules', '.bin', name);
}

/** A binary a consumer project installed for itself (`<dir>/node_modules/.bin/<name>`). */
export function consumerBin(dir: string, name: string): string {
  return path.join(dir, 'node_modules', '.bin', name);
}

/**
 * The exact version of `name` the root package-lock.json resolved (the copy `npm ci` put in the
 * npm cache), checked against `range`, the release line the consumer projects are meant to test.
 * Only the two forms used here are understood: `^MAJOR` and `~MAJOR.MINOR`.
 */
export function rootLockedVersion(name: string, range: string): string {
  const lockFile = path.join(PACKAGE_ROOT, 'package-lock.json');
  const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { packages?: Record<string, { version?: string }> };
  const version = lock.packages?.[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${lockFile} has no node_modules/${name}: run \`npm ci\` in ${PACKAGE_ROOT}.`);
  const [major, minor] = version.split('.');
  const caret = /^\^(\d+)$/.exec(range);
  const tilde = /^~(\d+)\.(\d+)$/.exec(range);
  if (!caret && !tilde) throw new Error(`rootLockedVersion understands ^MAJOR and ~MAJOR.MINOR, not ${range}`);
  const fits = caret ? major === caret[1] : major === tilde?.[1] && minor === tilde?.[2];
  if (!fits || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`The root lockfile resolved ${name}@${version}, but the consumer projects test ${name}@${range}.`);
  }
  return version;
}

export interface RunResult {
  readonly command: string;
  readonly cwd: string;
  /** Exit code, or null when the process was killed by a signal (e.g. the timeout). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/**
 * The environment for child tools: ours, minus what the outer test runner or an outer `npm test`
 * leaks into it and could change how the child behaves (Vitest worker variables, NODE_OPTIONS with
 * loaders or ESM flags, npm's idea of the current project), with colours off so output parses.
 */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (key === 'NODE_OPTIONS' || key === 'JEST_WORKER_ID' || key === 'INIT_CWD') continue;
    if (/^VITEST/i.test(key)) continue;
    if (/^npm_(package_|lifecycle_|command$|config_local_prefix$|config_call$)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
}

/** Runs `command args` in `cwd`; resolves with exit code and output whatever the outcome. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const printable = [command, ...args].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 180_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => reject(new Error(`could not start \`${printable}\` in ${options.cwd}: ${error.message}`)));
    child.on('close', (code, signal) => {
      resolve({ command: printable, cwd: options.cwd, code, signal, stdout, stderr, durationMs: Date.now() - started });
    });
  });
}

/** Runs a JavaScript bin of the root project with the current Node (no reliance on PATH or shims). */
export function runRootBin(name: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return run(process.execPath, [rootBin(name), ...args], options);
}

/** Runs a JavaScript bin a consumer project installed, with the current Node, in that project. */
export function runConsumerBin(dir: string, name: string, args: readonly string[], options: Partial<RunOptions> = {}): Promise<RunResult> {
  return run(process.execPath, [consumerBin(dir, name), ...args], { cwd: dir, ...options });
}

function tail(text: string, max = 6000): string {
  const trimmed = text.trimEnd();
  return trimmed.length <= max ? trimmed : `…(${trimmed.length - max} chars cut)…\n${trimmed.slice(-max)}`;
}

/** A run, rendered for an assertion message: command, cwd, exit, and the end of both streams. */
export function describeRun(result: RunResult): string {
  const exit = result.signal ? `killed by ${result.signal}` : `exit code ${result.code}`;
  return [
    `\`${result.command}\` in ${result.cwd}: ${exit} after ${result.durationMs} ms`,
    `--- stdout ---\n${tail(result.stdout) || '(empty)'}`,
    `--- stderr ---\n${tail(result.stderr) || '(empty)'}`,
  ].join('\n');
}
