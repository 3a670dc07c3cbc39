/**
 * `toBeValidVoiceReply()`: passes when `parseVoiceReply` finds nothing the caller would hear as
 * silence or a cut turn. What it accepts, and how each form is read:
 *
 * - `{ contentType, body }` (also with `parsed`, as `deliver()` returns in `voiceReply`, or with
 *   `chunks`, as `buildVoiceReplyStream()` returns): read exactly as AgentPhone reads a response
 *   with that content type.
 * - a string or bytes: a body without a content type. One JSON document (it may span lines) is
 *   read as a JSON reply; anything else with two or more non-empty lines as an NDJSON stream.
 * - any other value (a reply object, an array, null, …): what `res.json(value)` would send, read
 *   as a JSON reply.
 */
import { describeValue } from '../errors.js';
import { parseVoiceReply, type VoiceReplyInput, type VoiceReplyParseResult } from '../schemas/voice-reply.js';

// `parsed`: deliver()'s voiceReply; `chunks`: buildVoiceReplyStream()'s result.
const RAW_KEYS = new Set(['contentType', 'body', 'parsed', 'chunks']);
const NDJSON = 'application/x-ndjson';
const JSON_TYPE = 'application/json';

function isBytes(value: unknown): value is Uint8Array | ArrayBuffer {
  return value instanceof Uint8Array || value instanceof ArrayBuffer;
}

/** `{ contentType?, body, parsed?, chunks? }` with nothing else: a raw response, not a reply object. */
function isRawReply(value: object): value is VoiceReplyInput {
  const keys = Object.keys(value);
  return keys.includes('body') && keys.every((key) => RAW_KEYS.has(key));
}

/** A `deliver()` result: it has `voiceReply` and the delivery's status fields. */
function isDeliveryResult(value: object): boolean {
  return 'voiceReply' in value && 'success' in value && 'httpStatus' in value;
}

/** JSON when the whole text is one JSON document; NDJSON when it has two or more non-empty lines; JSON otherwise. */
function contentTypeOf(text: string): string {
  try {
    JSON.parse(text);
    return JSON_TYPE;
  } catch {
    let lines = 0;
    for (const line of text.split('\n')) if (line.trim() !== '' && ++lines === 2) return NDJSON;
    return JSON_TYPE;
  }
}

/** What the matcher read and how. @internal */
export interface VoiceReplyCheck {
  /** How the value was read, for messages: `a JSON reply`, `an NDJSON stream`. */
  readonly readAs: string;
  /** Problems in `parseVoiceReply`'s words, one line each. */
  readonly problems: readonly string[];
  /** The parse result, when the value could be read at all. */
  readonly parsed: VoiceReplyParseResult | undefined;
}

function fromParse(parsed: VoiceReplyParseResult): VoiceReplyCheck {
  return {
    readAs: parsed.format === 'ndjson' ? 'an NDJSON stream' : 'a JSON reply',
    problems: parsed.problems.map((p) => p.message),
    parsed,
  };
}

/**
 * Reads `value` as `toBeValidVoiceReply()` does (see the module comment for the accepted forms).
 * Never throws.
 * @internal
 */
export function checkVoiceReply(value: unknown): VoiceReplyCheck {
  if (typeof value === 'string' || isBytes(value)) {
    const text = typeof value === 'string' ? value : new TextDecoder().decode(value);
    return fromParse(parseVoiceReply({ contentType: contentTypeOf(text), body: value }));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !isBytes(value)) {
    if (isRawReply(value)) return fromParse(parseVoiceReply({ contentType: value.contentType, body: value.body }));
    if (isDeliveryResult(value)) {
      return {
        readAs: 'a deliver() result',
        problems: ['this is the whole delivery result: pass its voiceReply instead, expect(result.voiceReply).toBeValidVoiceReply()'],
        parsed: undefined,
      };
    }
  }
  let body: string | undefined;
  try {
    body = JSON.stringify(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : describeValue(error);
    return { readAs: 'a JSON reply', problems: [`the reply cannot be sent as JSON (${reason})`], parsed: undefined };
  }
  // JSON.stringify(undefined) sends no body at all: read as the empty body AgentPhone would get.
  return fromParse(parseVoiceReply({ contentType: JSON_TYPE, body: body ?? '' }));
}

/**
 * The matcher's verdict and message body (without the `expect(…)` line and the seed note).
 * @internal
 */
export function voiceReplyVerdict(value: unknown): { pass: boolean; failure: string; negatedFailure: string } {
  const { readAs, problems, parsed } = checkVoiceReply(value);
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const spoken = parsed === undefined || parsed.spoken.length === 0 ? 'says nothing' : `says ${parsed.spoken.map((s) => describeValue(s)).join(', then ')}`;
  const acts = parsed?.final?.action ?? (parsed?.final?.hangup === true ? 'hangup' : undefined);
  return {
    pass: problems.length === 0,
    failure: `Expected a voice reply AgentPhone can use, but ${readAs} has ${count}:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    negatedFailure: `Expected a voice reply with problems, but ${readAs} is valid: it ${spoken}${acts === undefined ? '' : ` and asks for ${acts}`}.`,
  };
}
