import { describeFsError } from './fs-errors.js';
import { runCli } from './run.js';

// When the reader goes away (`generate … | head`), stop writing: `generate` stops early and
// exits 0; `validate` finishes checking without printing, so its exit code still says whether
// every payload was valid. Any other output error is one line on stderr and exit 1.
const controller = new AbortController();
let stdoutGone = false;
const waiting = new Set<() => void>();
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') {
    stdoutGone = true;
    controller.abort();
    // Writers waiting for 'drain' would wait forever: let them go on.
    for (const resume of waiting) resume();
    waiting.clear();
    return;
  }
  process.stderr.write(`agentphone-fixtures: cannot write output: ${describeFsError(error)}\n`);
  process.exit(1);
});

process.exitCode = await runCli({
  argv: process.argv.slice(2),
  stdout: {
    write: (chunk: string) => (stdoutGone ? true : process.stdout.write(chunk)),
    once: (event: 'drain', listener: () => void) => {
      if (stdoutGone) return listener();
      const resume = () => {
        if (!waiting.delete(resume)) return;
        process.stdout.off(event, resume);
        listener();
      };
      waiting.add(resume);
      process.stdout.once(event, resume);
    },
    isTTY: process.stdout.isTTY,
  },
  stderr: process.stderr,
  stdin: process.stdin,
  signal: controller.signal,
});
