import * as z from 'zod';
import { describeValue } from '../errors.js';
import { safeParseFast } from './fast-parse.js';
import { expected } from './primitives.js';
import { toProblems } from './problems.js';

/**
 * DTMF keys a reply may press: digits, `*` and `#`, at least one.
 *
 * @example
 * ```ts
 * DTMF_PATTERN.test('1*#'); // true
 * DTMF_PATTERN.test('1w2'); // false: pauses are not documented
 * ```
 */
export const DTMF_PATTERN = /^[0-9*#]+$/;

const dtmfSchema = z
  .string(expected('DTMF keys (0-9, * or #) as a string'))
  .regex(DTMF_PATTERN, expected('one or more DTMF keys: 0-9, * or #'));

/**
 * The actions a voice reply can ask for: `transfer` (cold transfer to the agent's
 * `transferNumber`) and `hangup` (end the call).
 *
 * @example
 * ```ts
 * VOICE_REPLY_ACTIONS.includes('transfer'); // true
 * ```
 */
export const VOICE_REPLY_ACTIONS = ['transfer', 'hangup'] as const;

/**
 * What a handler answers to a voice `agent.message` (SPEC §4.1), as one JSON object or as one
 * chunk of an NDJSON stream. Every field is optional: `text` is spoken, `hangup: true` ends the
 * call after speaking, `action` transfers or hangs up, `digits` (or its aliases `press_digit` and
 * `dtmf`) presses DTMF keys, `interim: true` marks a streamed chunk that is spoken while the turn
 * stays open, `voice` is the legacy per-reply voice. Unknown extra keys are kept. A reply with
 * nothing usable in it (`{}`) passes the schema; {@link parseVoiceReply} reports it as
 * `empty_reply`.
 *
 * @example
 * ```ts
 * voiceReplySchema.parse({ text: 'Let me connect you with our team.', action: 'transfer' });
 * voiceReplySchema.parse({ hangup: 'yes' }); // throws: hangup: expected true or false
 * ```
 */
export const voiceReplySchema = z.looseObject(
  {
    text: z.string(expected('a string (what the agent says)')).optional(),
    hangup: z.boolean(expected('true or false')).optional(),
    action: z.enum(VOICE_REPLY_ACTIONS, expected('"transfer" or "hangup"')).optional(),
    digits: dtmfSchema.optional(),
    press_digit: dtmfSchema.optional(),
    dtmf: dtmfSchema.optional(),
    interim: z.boolean(expected('true or false')).optional(),
    voice: z.string(expected('a voice name string (legacy, e.g. "Polly.Amy")')).optional(),
  },
  expected('an object'),
);

/**
 * A reply to a voice `agent.message`, or one chunk of a streamed reply.
 *
 * @example
 * ```ts
 * const reply: VoiceReply = { text: 'Thanks for calling! Goodbye.', hangup: true };
 * ```
 */
export type VoiceReply = z.infer<typeof voiceReplySchema>;

/**
 * Bounds {@link parseVoiceReply} keeps to, whatever it is given: at most `maxChunks` non-empty
 * NDJSON lines are read (the rest are counted, not parsed); a line, or a JSON body, longer than
 * `maxLineBytes` UTF-8 bytes is reported without being parsed.
 *
 * @example
 * ```ts
 * VOICE_REPLY_LIMITS.maxChunks; // 1000
 * ```
 */
export const VOICE_REPLY_LIMITS = { maxChunks: 1000, maxLineBytes: 65_536 } as const;

/**
 * Every problem code {@link parseVoiceReply} reports:
 *
 * - `invalid_input`: the argument is not `{ contentType, body }` with a string or bytes body.
 * - `empty_body`: no body, or only whitespace (the caller hears silence).
 * - `body_too_large`: a JSON body over {@link VOICE_REPLY_LIMITS}`.maxLineBytes`; not parsed.
 * - `line_too_long`: an NDJSON line over that limit; not parsed.
 * - `too_many_chunks`: more than `maxChunks` non-empty NDJSON lines; the rest were not read.
 * - `invalid_json`: a body or line that is not JSON (or not UTF-8).
 * - `not_an_object`: JSON that is a number, string, array, boolean or null (silence).
 * - `invalid_field`: a known field of the wrong type (`hangup: "yes"`, `digits: "abc"`), with its path.
 * - `unknown_action`: an `action` other than `"transfer"` or `"hangup"`.
 * - `empty_text`: a `text` that is empty or only whitespace.
 * - `empty_reply`: nothing usable in the whole turn: no text spoken, no hangup, action or digits.
 * - `transfer_without_text`: a transfer before which the caller heard nothing.
 * - `no_final_chunk`: an NDJSON stream that ends without a chunk lacking `interim: true`.
 * - `after_final`: NDJSON lines after the final chunk, which AgentPhone ignores.
 *
 * @example
 * ```ts
 * const codes = new Set<string>(VOICE_REPLY_PROBLEM_CODES);
 * ```
 */
export const VOICE_REPLY_PROBLEM_CODES = [
  'invalid_input',
  'empty_body',
  'body_too_large',
  'line_too_long',
  'too_many_chunks',
  'invalid_json',
  'not_an_object',
  'invalid_field',
  'unknown_action',
  'empty_text',
  'empty_reply',
  'transfer_without_text',
  'no_final_chunk',
  'after_final',
] as const;

/**
 * The code of a {@link VoiceReplyProblem}; see {@link VOICE_REPLY_PROBLEM_CODES}.
 *
 * @example
 * ```ts
 * const code: VoiceReplyProblemCode = 'no_final_chunk';
 * ```
 */
export type VoiceReplyProblemCode = (typeof VOICE_REPLY_PROBLEM_CODES)[number];

/**
 * Something in a voice reply that the caller would hear as silence or a cut turn, or that
 * AgentPhone would ignore.
 *
 * @example
 * ```ts
 * const problem: VoiceReplyProblem = { code: 'invalid_json', line: 2, message: 'line 2: not valid JSON (…)' };
 * ```
 */
export interface VoiceReplyProblem {
  /** What is wrong; see {@link VOICE_REPLY_PROBLEM_CODES}. */
  readonly code: VoiceReplyProblemCode;
  /** 1-based line of the body the problem is on, when it is on one line. */
  readonly line?: number;
  /** For `invalid_field` and `unknown_action`: the field's path (`hangup`, `action`). */
  readonly path?: string;
  /** One readable line, starting with `line N: ` when `line` is set. */
  readonly message: string;
}

/**
 * A handler's raw answer to a voice `agent.message`: the `Content-Type` header and the body as
 * received. `DeliveryResult.voiceReply` from `deliver()` has this shape.
 *
 * @example
 * ```ts
 * const input: VoiceReplyInput = { contentType: res.headers.get('content-type'), body: await res.text() };
 * ```
 */
export interface VoiceReplyInput {
  /** The `Content-Type` header; null or absent when there was none. */
  readonly contentType?: string | null | undefined;
  /** The body: text, or bytes (`Uint8Array`, `Buffer`, `ArrayBuffer`) decoded as UTF-8. */
  readonly body: string | Uint8Array | ArrayBuffer;
}

/**
 * What {@link parseVoiceReply} found.
 *
 * @example
 * ```ts
 * const { spoken, final, problems }: VoiceReplyParseResult = parseVoiceReply(reply);
 * ```
 */
export interface VoiceReplyParseResult {
  /** `ndjson` when the content type says NDJSON, `json` otherwise. */
  readonly format: 'json' | 'ndjson';
  /** Every chunk that could be read and passed {@link voiceReplySchema}, in order, up to the final one. */
  readonly chunks: VoiceReply[];
  /**
   * The reply that closes the turn: the JSON body, or the first valid NDJSON chunk without
   * `interim: true`. Undefined when there is none.
   */
  readonly final: VoiceReply | undefined;
  /** The texts the caller hears, in order (empty and whitespace-only texts left out). */
  readonly spoken: string[];
  /** Everything that makes the turn silent, cut or partly ignored; empty for a good reply. */
  readonly problems: VoiceReplyProblem[];
}

const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/ndjson']);

/** True for the NDJSON content types AgentPhone streams (`application/x-ndjson`, `application/ndjson`). */
function isNdjsonType(contentType: string): boolean {
  const semicolon = contentType.indexOf(';');
  const media = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return NDJSON_TYPES.has(media);
}

/** A number with thousands separators, the same on every machine. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** JSON whitespace other than the line feed that separates lines. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d;
}

/** UTF-8 length of `text[start, end)`, counted only up to just over `cap`. */
function utf8Length(text: string, start: number, end: number, cap: number): number {
  if (end - start > cap) return end - start;
  let bytes = 0;
  for (let i = start; i < end && bytes <= cap; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * A body read line by line without splitting it up front: each step costs a native search for
 * the next line feed, and no line is copied unless it is read.
 */
interface Body {
  /** Length in code units (strings) or bytes. */
  readonly length: number;
  /** Index of the next `\n` at or after `from`, or -1. */
  nextNewline(from: number): number;
  /** True when `[start, end)` holds only spaces, tabs and carriage returns (checked up to the limit). */
  isBlank(start: number, end: number): boolean;
  /** UTF-8 size of `[start, end)`, exact up to just over `cap`. */
  size(start: number, end: number, cap: number): number;
  /** The text of `[start, end)`, or undefined when it is not valid UTF-8. */
  text(start: number, end: number): string | undefined;
  /** Bytes (whose sizes are exact) rather than a string (whose sizes over the cap are only a lower bound). */
  readonly isBytes: boolean;
}

const BLANK_SCAN_LIMIT = VOICE_REPLY_LIMITS.maxLineBytes;

function stringBody(source: string): Body {
  return {
    length: source.length,
    isBytes: false,
    nextNewline: (from) => source.indexOf('\n', from),
    isBlank(start, end) {
      // A line too long to read is not blank, whatever it holds: no unbounded scan.
      if (end - start > BLANK_SCAN_LIMIT) return false;
      for (let i = start; i < end; i++) if (!isSpace(source.charCodeAt(i))) return false;
      return true;
    },
    size: (start, end, cap) => utf8Length(source, start, end, cap),
    text: (start, end) => source.slice(start, end),
  };
}

let strictDecoder: TextDecoder | undefined;

function decodeUtf8(bytes: Uint8Array): string | undefined {
  strictDecoder ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

function bytesBody(source: Uint8Array): Body {
  return {
    length: source.length,
    isBytes: true,
    nextNewline: (from) => source.indexOf(0x0a, from),
    isBlank(start, end) {
      if (end - start > BLANK_SCAN_LIMIT) return false;
      for (let i = start; i < end; i++) if (!isSpace(source[i] as number)) return false;
      return true;
    },
    size: (start, end) => end - start,
    text: (start, end) => decodeUtf8(source.subarray(start, end)),
  };
}

/** Normalises the body argument, or says why it cannot be read. */
function toBody(body: unknown): Body | { code: VoiceReplyProblemCode; message: string } {
  if (typeof body === 'string') return stringBody(body);
  if (ArrayBuffer.isView(body)) return bytesBody(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  if (body instanceof ArrayBuffer || Object.prototype.toString.call(body) === '[object ArrayBuffer]') {
    return bytesBody(new Uint8Array(body as ArrayBuffer));
  }
  if (body === undefined || body === null) {
    return { code: 'empty_body', message: `there is no body (received ${describeValue(body)}): the caller hears silence` };
  }
  const what = typeof body === 'object' ? 'an object (pass the raw body text or bytes, not parsed JSON)' : describeValue(body);
  return { code: 'invalid_input', message: `expected body to be a string or bytes, received ${what}` };
}

/** Collects problems and chunks while a body is read. */
class Reader {
  readonly chunks: VoiceReply[] = [];
  readonly spoken: string[] = [];
  readonly problems: VoiceReplyProblem[] = [];
  final: VoiceReply | undefined = undefined;

  constructor(readonly format: 'json' | 'ndjson') {}

  add(code: VoiceReplyProblemCode, message: string, line?: number, path?: string): void {
    const text = line === undefined ? message : `line ${line}: ${message}`;
    const problem: { code: VoiceReplyProblemCode; line?: number; path?: string; message: string } = { code, message: text };
    if (line !== undefined) problem.line = line;
    if (path !== undefined) problem.path = path;
    this.problems.push(problem);
  }

  /**
   * Parses one JSON text as a reply chunk; returns the valid reply, or undefined after reporting
   * why it cannot be used.
   */
  readChunk(text: string, line: number | undefined, hint: () => string = () => ''): VoiceReply | undefined {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const shortReason = reason.length > 160 ? `${reason.slice(0, 160)}…` : reason;
      // JSON bodies span lines: say where the error is when the engine gives a position.
      let at = line;
      if (at === undefined) {
        const position = /at position (\d+)/.exec(reason);
        if (position !== null) at = lineOf(text, Number(position[1]));
      }
      this.add('invalid_json', `not valid JSON (${shortReason})${hint()}`, at);
      return undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.add('not_an_object', `expected a JSON object, received ${describeValue(value)}: the caller hears silence`, line);
      return undefined;
    }
    const result = safeParseFast(voiceReplySchema, value);
    if (!result.success) {
      for (const problem of toProblems(result.error.issues)) {
        const field = problem.pathSegments.length === 1 ? problem.pathSegments[0] : undefined;
        const fieldValue = field === undefined ? undefined : (value as Record<PropertyKey, unknown>)[field];
        const code = field === 'action' && typeof fieldValue === 'string' ? 'unknown_action' : 'invalid_field';
        this.add(code, problem.message, line, problem.path);
      }
      return undefined;
    }
    return result.data;
  }

  /** Records a valid chunk: it is kept, its text is spoken, and it may close the turn. */
  accept(reply: VoiceReply, line: number | undefined, closes: boolean): void {
    this.chunks.push(reply);
    if (typeof reply.text === 'string') {
      if (reply.text.trim() === '') {
        this.add('empty_text', `text is ${describeValue(reply.text)}: nothing is spoken`, line, 'text');
      } else {
        this.spoken.push(reply.text);
      }
    }
    if (closes) this.final = reply;
  }

  /** Problems of the turn as a whole, once the final reply is known. */
  checkTurn(line: number | undefined): void {
    const final = this.final;
    if (final === undefined) return;
    if (final.action === 'transfer' && this.spoken.length === 0) {
      this.add(
        'transfer_without_text',
        'the call is transferred before anything is said: add text such as "Let me transfer you."',
        line,
      );
    }
    const acts = final.hangup === true || final.action !== undefined || hasDigits(final);
    if (this.spoken.length === 0 && !acts) {
      this.add('empty_reply', 'nothing usable in the reply (no text, hangup, action or digits): the caller hears silence', line);
    }
  }

  result(): VoiceReplyParseResult {
    return { format: this.format, chunks: this.chunks, final: this.final, spoken: this.spoken, problems: this.problems };
  }
}

function hasDigits(reply: VoiceReply): boolean {
  return reply.digits !== undefined || reply.press_digit !== undefined || reply.dtmf !== undefined;
}

/** 1-based line of `position` in `text`. */
function lineOf(text: string, position: number): number {
  let line = 1;
  const end = Math.min(position, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** How big an oversized line or body is: bytes exactly, a string in characters (counting its bytes would be more work). */
function sizeText(body: Body, start: number, end: number, size: number): string {
  return body.isBytes ? plural(size, 'byte') : plural(end - start, 'character');
}

function readJson(body: Body, reader: Reader): void {
  const limit = VOICE_REPLY_LIMITS.maxLineBytes;
  const size = body.size(0, body.length, limit);
  if (size > limit) {
    reader.add('body_too_large', `the body is ${sizeText(body, 0, body.length, size)}, over the limit of ${count(limit)} UTF-8 bytes: not parsed`);
    return;
  }
  const text = body.text(0, body.length);
  if (text === undefined) {
    reader.add('invalid_json', 'not valid JSON (the body is not valid UTF-8)');
    return;
  }
  if (/^[ \t\r\n]*$/.test(text)) {
    reader.add('empty_body', 'the body is empty: the caller hears silence');
    return;
  }
  const reply = reader.readChunk(text, undefined, () => ndjsonHint(text));
  if (reply === undefined) return;
  reader.accept(reply, undefined, true);
  reader.checkTurn(undefined);
}

/** For a JSON body that fails to parse: a hint when it is really NDJSON sent without its type. */
function ndjsonHint(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2) return '';
  try {
    const first: unknown = JSON.parse(lines[0] as string);
    if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
      return '; it looks like NDJSON: send it with Content-Type: application/x-ndjson';
    }
  } catch {
    // not NDJSON either
  }
  return '';
}

/** Walks the lines of `body`: `[start, end)` without the line feed (a trailing `\r` is JSON whitespace), 1-based number. */
function* lines(body: Body): Generator<{ start: number; end: number; number: number }> {
  let start = 0;
  let number = 0;
  while (start <= body.length) {
    const newline = body.nextNewline(start);
    const stop = newline === -1 ? body.length : newline;
    number++;
    yield { start, end: stop, number };
    if (newline === -1) return;
    start = newline + 1;
  }
}

function readNdjson(body: Body, reader: Reader): void {
  const { maxChunks, maxLineBytes } = VOICE_REPLY_LIMITS;
  let considered = 0;
  let finalLine: number | undefined;
  let stoppedAt: number | undefined;
  let ignoredFirst: number | undefined;
  let ignored = 0;
  let anyLine = false;

  for (const { start, end, number } of lines(body)) {
    if (body.isBlank(start, end)) continue;
    anyLine = true;
    if (finalLine !== undefined || stoppedAt !== undefined) {
      // Past the end of what is read: only count what is left.
      ignoredFirst ??= number;
      ignored++;
      continue;
    }
    if (considered === maxChunks) {
      stoppedAt = number;
      ignoredFirst = number;
      ignored = 1;
      continue;
    }
    considered++;
    const size = body.size(start, end, maxLineBytes);
    if (size > maxLineBytes) {
      reader.add('line_too_long', `the line is ${sizeText(body, start, end, size)}, over the limit of ${count(maxLineBytes)} UTF-8 bytes: not parsed`, number);
      continue;
    }
    const text = body.text(start, end);
    if (text === undefined) {
      reader.add('invalid_json', 'not valid JSON (the line is not valid UTF-8)', number);
      continue;
    }
    const reply = reader.readChunk(text, number);
    if (reply === undefined) continue;
    const closes = reply.interim !== true;
    reader.accept(reply, number, closes);
    if (closes) finalLine = number;
  }

  if (!anyLine) {
    reader.add('empty_body', 'the stream has no chunks: the caller hears silence');
    return;
  }
  if (stoppedAt !== undefined) {
    reader.add(
      'too_many_chunks',
      `the stream has more than ${plural(maxChunks, 'chunk')}: this line and the rest (${plural(ignored, 'non-empty line')}) were not read`,
      stoppedAt,
    );
    return;
  }
  if (finalLine === undefined) {
    reader.add(
      'no_final_chunk',
      'the stream ends without a final chunk (one without "interim": true): the turn is left open and the caller waits in silence',
    );
    return;
  }
  reader.checkTurn(finalLine);
  if (ignoredFirst !== undefined) {
    reader.add(
      'after_final',
      `${plural(ignored, 'line')} after the final chunk (line ${finalLine}) ${ignored === 1 ? 'is' : 'are'} ignored by AgentPhone`,
      ignoredFirst,
    );
  }
}

/**
 * Reads a handler's answer to a voice `agent.message` as AgentPhone would (SPEC §4.1), and lists
 * everything the caller would hear as silence or a cut turn. Never throws, whatever the input.
 *
 * - `Content-Type: application/x-ndjson` (or `application/ndjson`): the body is a stream, one
 *   JSON object per line; each chunk with `"interim": true` is spoken at once, the first chunk
 *   without it is final and closes the turn, and later lines are ignored (`after_final`).
 * - Anything else (`application/json`, another type, none): the body is one JSON object, which
 *   closes the turn (an `interim` flag in it changes nothing).
 *
 * A line or body that cannot be used (not JSON, not an object, a field of the wrong type) is
 * reported and skipped: it is not in `chunks`, its text is not in `spoken`, and it does not
 * close the turn. Work is bounded by {@link VOICE_REPLY_LIMITS}: a 10,000-line stream or a 5 MB
 * line gives a `too_many_chunks` or `line_too_long` problem, not a long parse.
 *
 * @param input The response's `contentType` (string, null or absent) and raw `body` (string or bytes).
 * @returns The format, the valid chunks, the final reply, the spoken texts and the problems.
 * @example
 * ```ts
 * const res = await fetch(handlerUrl, { method: 'POST', body: JSON.stringify(buildVoiceEvent()) });
 * const reply = parseVoiceReply({ contentType: res.headers.get('content-type'), body: await res.text() });
 * expect(reply.problems).toEqual([]);
 * expect(reply.spoken).toEqual(['Let me check that for you.', 'Your order #4521 shipped yesterday via FedEx.']);
 * ```
 */
export function parseVoiceReply(input: VoiceReplyInput): VoiceReplyParseResult {
  let reader = new Reader('json');
  try {
    if (typeof input !== 'object' || input === null) {
      reader.add('invalid_input', `expected { contentType, body }, received ${describeValue(input)}`);
      return reader.result();
    }
    const contentType: unknown = input.contentType;
    const body = toBody(input.body);
    const typeIsText = typeof contentType === 'string';
    reader = new Reader(typeIsText && isNdjsonType(contentType) ? 'ndjson' : 'json');
    if (!typeIsText && contentType !== undefined && contentType !== null) {
      reader.add('invalid_input', `expected contentType to be a string or null, received ${describeValue(contentType)}`);
    }
    if (!('nextNewline' in body)) {
      reader.add(body.code, body.message);
      return reader.result();
    }
    if (reader.format === 'ndjson') readNdjson(body, reader);
    else readJson(body, reader);
    return reader.result();
  } catch (cause) {
    // Only reachable for hostile inputs (throwing getters, revoked proxies).
    const reason = cause instanceof Error ? cause.message : describeValue(cause);
    const failed = new Reader(reader.format);
    failed.add('invalid_input', `the reply could not be read (${describeValue(reason)})`);
    return failed.result();
  }
}
