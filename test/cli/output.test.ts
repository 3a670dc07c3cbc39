import { describe, expect, it } from 'vitest';
import { BufferedWriter, Progress, formatCount, type OutputStream } from '../../src/cli/output.js';

class SlowStream implements OutputStream {
  writes: string[] = [];
  drains = 0;
  private listener: (() => void) | undefined;
  write(chunk: string): boolean {
    this.writes.push(chunk);
    return false; // always asks the writer to wait
  }
  once(_event: 'drain', listener: () => void): void {
    this.listener = listener;
    setTimeout(() => {
      this.drains++;
      this.listener?.();
    }, 1);
  }
}

describe('BufferedWriter', () => {
  it('batches small writes into chunks and waits for drain when the stream is full', async () => {
    const stream = new SlowStream();
    const writer = new BufferedWriter(stream, 10);
    for (const part of ['abc', 'def', 'ghij', 'k']) await writer.write(part);
    await writer.flush();
    expect(stream.writes).toEqual(['abcdefghij', 'k']);
    expect(stream.drains).toBe(2);
    await writer.flush();
    expect(stream.writes).toHaveLength(2);
  });
});

describe('Progress', () => {
  it('draws on a terminal at most every 200 ms and clears at the end', () => {
    const out: string[] = [];
    let now = 1000;
    const progress = new Progress({ write: (s) => (out.push(s), true) }, true, () => now);
    progress.update(() => 'a');
    now += 100;
    progress.update(() => 'b');
    now += 150;
    progress.update(() => 'c');
    progress.done();
    expect(out).toEqual(['\r\u001b[2Ka', '\r\u001b[2Kc', '\r\u001b[2K']);
  });

  it('writes nothing when disabled', () => {
    const out: string[] = [];
    const progress = new Progress({ write: (s) => (out.push(s), true) }, false);
    progress.update(() => 'a');
    progress.done();
    expect(out).toEqual([]);
  });
});

describe('formatCount', () => {
  it('groups thousands the same way in every locale', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});
