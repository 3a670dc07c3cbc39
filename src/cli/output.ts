/** The part of a writable stream the CLI needs. `process.stdout` and any `Writable` fit. */
export interface OutputStream {
  write(chunk: string): boolean;
  once?(event: 'drain', listener: () => void): unknown;
  isTTY?: boolean | undefined;
}

/**
 * Buffers small writes into chunks of about 64 KiB and waits for `drain` when the stream asks
 * for it, so a million fixtures stream out in bounded memory.
 */
export class BufferedWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(
    private readonly stream: OutputStream,
    private readonly limit = 64 * 1024,
  ) {}

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.limit) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0 && this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    const ok = this.stream.write(chunk);
    if (!ok && this.stream.once !== undefined) {
      await new Promise<void>((resolve) => this.stream.once?.('drain', resolve));
    }
  }
}

/**
 * Progress on stderr, only when stderr is a terminal; redrawn at most every 200 ms and cleared
 * at the end, so pipes and logs never see it.
 */
export class Progress {
  private last = 0;
  private shown = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly enabled: boolean,
    private readonly clock: () => number = Date.now,
  ) {}

  update(render: () => string): void {
    if (!this.enabled) return;
    const now = this.clock();
    if (now - this.last < 200) return;
    this.last = now;
    this.shown = true;
    this.stream.write(`\r\u001b[2K${render()}`);
  }

  done(): void {
    if (this.shown) this.stream.write('\r\u001b[2K');
    this.shown = false;
  }
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Writes values as NDJSON (one compact object per line) or as one JSON array, the same bytes as
 * `JSON.stringify(values, null, pretty ? 2 : undefined)` plus a newline, one value at a time, so
 * a long series streams in bounded memory. Stops early when `stopped()` says so; `report` gets
 * the count written now and then.
 */
export async function writeJsonSeries(
  writer: BufferedWriter,
  values: Iterable<unknown>,
  options: { ndjson: boolean; pretty: boolean; stopped?: () => boolean; report?: (written: number) => void },
): Promise<number> {
  const { ndjson, pretty, stopped, report } = options;
  let i = 0;
  for (const value of values) {
    if (stopped?.() === true) break;
    if (ndjson) await writer.write(`${JSON.stringify(value)}\n`);
    else {
      const text = pretty ? `  ${JSON.stringify(value, null, 2).replaceAll('\n', '\n  ')}` : JSON.stringify(value);
      await writer.write(i === 0 ? `${pretty ? '[\n' : '['}${text}` : `${pretty ? ',\n' : ','}${text}`);
    }
    i += 1;
    if ((i & 1023) === 1) report?.(i);
  }
  if (!ndjson) await writer.write(i === 0 ? '[]\n' : pretty ? '\n]\n' : ']\n');
  return i;
}
