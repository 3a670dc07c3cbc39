import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/run.js';

/** A writable that keeps everything written to it. */
export class Collector extends Writable {
  text = '';
  constructor(readonly isTTY = false) {
    super({ decodeStrings: false });
  }
  override _write(chunk: unknown, _enc: BufferEncoding, done: () => void): void {
    this.text += String(chunk);
    done();
  }
}

/** Runs the CLI in-process; returns its exit code and what it printed. */
export async function cli(
  argv: string[],
  opts: { cwd?: string; stdin?: string; stderrIsTTY?: boolean; env?: Record<string, string | undefined> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Collector();
  const stderr = new Collector(opts.stderrIsTTY ?? false);
  const code = await runCli({
    argv,
    stdout,
    stderr,
    stdin: opts.stdin === undefined ? undefined : Readable.from([opts.stdin]),
    cwd: opts.cwd,
    env: opts.env ?? {},
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A fresh temporary directory and its cleanup. */
export function tempDir(prefix = 'apf-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
