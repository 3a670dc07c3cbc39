/**
 * Splits a stream of JSON text into its payloads without holding more than one payload in
 * memory: a JSON array (each element is a payload), one object, concatenated objects, or NDJSON
 * (one object per line). Only the text of the payload being read is buffered, so a 1 GB NDJSON
 * file validates in bounded memory.
 */

/** One payload found in the stream, or a syntax problem where a payload should have been. */
export type StreamItem =
  | { readonly kind: 'value'; readonly text: string; readonly line: number; readonly index: number | undefined }
  | { readonly kind: 'error'; readonly message: string; readonly line: number; readonly index: number | undefined }
  | { readonly kind: 'too_large'; readonly message: string; readonly line: number; readonly index: number | undefined };

/** Largest payload accepted, in UTF-16 code units of JSON text. */
export const MAX_VALUE_LENGTH = 64 * 1024 * 1024;

const enum Ch {
  Newline = 10,
  Quote = 34,
  Comma = 44,
  Backslash = 92,
  OpenBracket = 91,
  CloseBracket = 93,
  OpenBrace = 123,
  CloseBrace = 125,
  Space = 32,
  Tab = 9,
  Return = 13,
}

function isSpace(c: number): boolean {
  return c === Ch.Space || c === Ch.Newline || c === Ch.Return || c === Ch.Tab || c === 0xfeff;
}

/** Incremental splitter: `push` chunks of text, then `end`. */
export class JsonStreamSplitter {
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Inside a top-level array (between `[` and its `]`). */
  private inArray = false;
  private arrayIndex = 0;
  /** A payload is being read. */
  private inValue = false;
  /** The payload being read is junk (not starting with `{` or `[`): read to end of line. */
  private junk = false;
  private valueLine = 0;
  private valueIndex: number | undefined;
  private parts: string[] = [];
  private length = 0;
  private tooLarge = false;
  /** The first top-level value fitted on one line: treat the input as NDJSON from now on. */
  private ndjson: boolean | undefined;
  private valueHadNewline = false;
  /** In an array: the next thing must be an element (after `[` or `,`). */
  private expectElement = false;
  private afterNewline = true;

  /**
   * @param options `ndjson: true` reads one value per line from the start (for `.ndjson` and
   *   `.jsonl` files), so even a broken first line cannot hide the lines after it.
   */
  constructor(options: { ndjson?: boolean } = {}) {
    if (options.ndjson === true) this.ndjson = true;
  }

  /** Feeds a chunk of text; returns the items completed in it. */
  push(chunk: string): StreamItem[] {
    const out: StreamItem[] = [];
    let start = this.inValue ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      const afterNewline = this.afterNewline;
      this.afterNewline = c === Ch.Newline;
      if (!this.inValue) {
        if (c === Ch.Newline) {
          this.line++;
          continue;
        }
        if (isSpace(c)) continue;
        if (this.inArray && this.depth === 1) {
          if (c === Ch.Comma) {
            if (this.expectElement) this.syntax(out, 'Unexpected comma in the JSON array (an empty element)', this.arrayIndex);
            this.expectElement = true;
            continue;
          }
          if (c === Ch.CloseBracket) {
            if (this.expectElement && this.arrayIndex > 0) {
              this.syntax(out, 'Trailing comma before the end of the JSON array', this.arrayIndex);
            }
            this.inArray = false;
            this.depth = 0;
            continue;
          }
          this.expectElement = false;
          this.begin(this.arrayIndex++);
        } else if (c === Ch.OpenBracket && this.depth === 0 && !this.inArray && this.ndjson !== true) {
          this.inArray = true;
          this.depth = 1;
          this.arrayIndex = 0;
          this.expectElement = true;
          continue;
        } else {
          this.begin(undefined);
          if (c !== Ch.OpenBrace && c !== Ch.OpenBracket) this.junk = true;
        }
        start = i;
      } else if (
        c === Ch.OpenBrace &&
        afterNewline &&
        !this.inString &&
        !this.inArray &&
        this.ndjson === undefined &&
        this.depth > 0
      ) {
        // A line starting with `{` while the value before it is still open: that value was a
        // truncated NDJSON line. Report it and read the rest line by line.
        this.finish(chunk, start, i, out, 'Unterminated JSON object (the next line starts a new one)');
        this.ndjson = true;
        this.begin(undefined);
        start = i;
      }
      // Inside a payload.
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === Ch.Backslash) this.escaped = true;
        else if (c === Ch.Quote) this.inString = false;
        else if (c === Ch.Newline) {
          this.line++;
          this.valueHadNewline = true;
          if (this.ndjson === true && !this.inArray) {
            // JSON strings cannot hold a raw newline: in NDJSON this line is broken, the next is not.
            this.finish(chunk, start, i, out, 'Unterminated string on this line');
            this.depth = 0;
            start = -1;
          }
        }
        continue;
      }
      if (c === Ch.Newline) {
        this.line++;
        this.valueHadNewline = true;
        if (this.junk && !this.inArray) {
          this.finish(chunk, start, i, out, 'Unexpected text where a JSON object should start');
          start = -1;
          continue;
        }
        if (this.ndjson === true && !this.inArray) {
          this.finish(chunk, start, i, out, 'Unterminated JSON object on this line');
          this.depth = 0;
          start = -1;
        }
        continue;
      }
      if (this.junk) continue;
      if (c === Ch.Quote) this.inString = true;
      else if (c === Ch.OpenBrace || c === Ch.OpenBracket) this.depth++;
      else if (c === Ch.CloseBrace || c === Ch.CloseBracket) {
        if (this.inArray && this.depth === 1) {
          // `]` closing the top-level array ends the element before it.
          this.finish(chunk, start, i, out);
          start = -1;
          this.inArray = false;
          this.depth = 0;
          continue;
        }
        this.depth--;
        if (!this.inArray && this.depth === 0) {
          this.finish(chunk, start, i + 1, out);
          start = -1;
        }
      } else if (c === Ch.Comma && this.inArray && this.depth === 1) {
        this.finish(chunk, start, i, out);
        this.expectElement = true;
        start = -1;
      }
    }
    if (this.inValue && start >= 0) this.keep(chunk.slice(start));
    return out;
  }

  private syntax(out: StreamItem[], message: string, index: number): void {
    out.push({ kind: 'error', message, line: this.line, index });
  }

  /** Ends the input; returns what was still pending. */
  end(): StreamItem[] {
    const out: StreamItem[] = [];
    if (this.inValue) {
      const message = this.junk ? 'Unexpected text where a JSON object should start' : 'Unexpected end of input inside a JSON value';
      this.finish('', 0, 0, out, message);
    } else if (this.inArray) {
      out.push({ kind: 'error', message: 'Unexpected end of input: the JSON array is not closed', line: this.line, index: undefined });
    }
    this.inArray = false;
    this.depth = 0;
    return out;
  }

  private begin(index: number | undefined): void {
    this.inValue = true;
    this.junk = false;
    this.valueLine = this.line;
    this.valueIndex = index;
    this.parts = [];
    this.length = 0;
    this.tooLarge = false;
    this.valueHadNewline = false;
    this.inString = false;
    this.escaped = false;
    if (!this.inArray) this.depth = 0;
  }

  private keep(text: string): void {
    if (this.tooLarge) return;
    this.length += text.length;
    if (this.length > MAX_VALUE_LENGTH) {
      this.tooLarge = true;
      this.parts = [];
      return;
    }
    this.parts.push(text);
  }

  private finish(chunk: string, start: number, endExclusive: number, out: StreamItem[], error?: string): void {
    if (start >= 0) this.keep(chunk.slice(start, endExclusive));
    const line = this.valueLine;
    const index = this.valueIndex;
    if (error !== undefined) out.push({ kind: 'error', message: error, line, index });
    else if (this.tooLarge) {
      out.push({ kind: 'too_large', message: `payload larger than ${MAX_VALUE_LENGTH / 1024 / 1024} MiB of JSON text, not checked`, line, index });
    } else out.push({ kind: 'value', text: this.parts.join(''), line, index });
    if (!this.inArray && this.ndjson === undefined && error === undefined) this.ndjson = !this.valueHadNewline;
    this.inValue = false;
    this.junk = false;
    this.parts = [];
    this.length = 0;
    this.inString = false;
    this.escaped = false;
  }
}
