import { describe, expectTypeOf, it } from 'vitest';
import type { Overrides } from '../../src/builders/overrides.js';
import {
  buildVoiceReply,
  buildVoiceReplyStream,
  type VoiceReplyOptions,
  type VoiceReplyStream,
  type VoiceReplyStreamOptions,
} from '../../src/builders/voice-reply.js';
import {
  parseVoiceReply,
  voiceReplySchema,
  type VoiceReply,
  type VoiceReplyInput,
  type VoiceReplyParseResult,
  type VoiceReplyProblem,
  type VoiceReplyProblemCode,
} from '../../src/schemas/voice-reply.js';

describe('voice reply types', () => {
  it('infer the documented fields', () => {
    expectTypeOf<VoiceReply['action']>().toEqualTypeOf<'transfer' | 'hangup' | undefined>();
    expectTypeOf<VoiceReply['text']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<VoiceReply['hangup']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<VoiceReply['interim']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<VoiceReply['digits']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<VoiceReply['press_digit']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<VoiceReply['dtmf']>().toEqualTypeOf<string | undefined>();
    expectTypeOf(voiceReplySchema.parse({})).toEqualTypeOf<VoiceReply>();
    // Unknown keys are kept, so they type as unknown.
    expectTypeOf<VoiceReply['send_message']>().toEqualTypeOf<unknown>();
    const reply: VoiceReply = { text: 'Goodbye!', hangup: true };
    void reply;
    // @ts-expect-error: not an action
    const bad: VoiceReply = { action: 'forward' };
    void bad;
  });

  it('type the parse result', () => {
    const result = parseVoiceReply({ contentType: 'application/json', body: '{"text":"Hi"}' });
    expectTypeOf(result).toEqualTypeOf<VoiceReplyParseResult>();
    expectTypeOf(result.format).toEqualTypeOf<'json' | 'ndjson'>();
    expectTypeOf(result.chunks).toEqualTypeOf<VoiceReply[]>();
    expectTypeOf(result.final).toEqualTypeOf<VoiceReply | undefined>();
    expectTypeOf(result.spoken).toEqualTypeOf<string[]>();
    expectTypeOf(result.problems).toEqualTypeOf<VoiceReplyProblem[]>();
    expectTypeOf<VoiceReplyProblem['code']>().toEqualTypeOf<VoiceReplyProblemCode>();
    expectTypeOf<VoiceReplyProblem['line']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<'no_final_chunk'>().toExtend<VoiceReplyProblemCode>();
    expectTypeOf<'after_final'>().toExtend<VoiceReplyProblemCode>();
    expectTypeOf<'silence'>().not.toExtend<VoiceReplyProblemCode>();
  });

  it('take the raw answer: text or bytes, content type or null', () => {
    parseVoiceReply({ contentType: null, body: '' });
    parseVoiceReply({ body: new Uint8Array() });
    parseVoiceReply({ contentType: 'application/x-ndjson', body: new ArrayBuffer(0) });
    // deliver()'s raw reply fits as it is.
    const raw: { readonly contentType: string | null; readonly body: string } = { contentType: null, body: '' };
    parseVoiceReply(raw);
    // A built stream is an input too.
    expectTypeOf<VoiceReplyStream>().toExtend<VoiceReplyInput>();
    // @ts-expect-error: the body is required
    parseVoiceReply({ contentType: 'application/json' });
    // @ts-expect-error: parsed JSON is not a body
    parseVoiceReply({ body: { text: 'Hi' } });
  });

  it('type the builders', () => {
    expectTypeOf(buildVoiceReply()).toEqualTypeOf<VoiceReply>();
    expectTypeOf<Parameters<typeof buildVoiceReply>[0]>().toEqualTypeOf<Overrides<VoiceReply> | undefined>();
    expectTypeOf<Parameters<typeof buildVoiceReply>[1]>().toEqualTypeOf<VoiceReplyOptions | undefined>();
    buildVoiceReply({ action: 'transfer' }, { seed: 1, validate: false });
    // @ts-expect-error: not an action
    buildVoiceReply({ action: 'forward' });
    // @ts-expect-error: a typo in a field name is caught
    buildVoiceReply({ txt: 'Hi' });
    // @ts-expect-error: hangup is a boolean
    buildVoiceReply({ hangup: 'yes' });

    const stream = buildVoiceReplyStream({ seed: 2, interim: 1, final: { hangup: true } });
    expectTypeOf(stream).toEqualTypeOf<VoiceReplyStream>();
    expectTypeOf(stream.contentType).toEqualTypeOf<'application/x-ndjson'>();
    expectTypeOf(stream.body).toEqualTypeOf<string>();
    expectTypeOf(stream.chunks).toEqualTypeOf<VoiceReply[]>();
    expectTypeOf<VoiceReplyStreamOptions['final']>().toEqualTypeOf<Overrides<VoiceReply> | undefined>();
    // @ts-expect-error: final takes overrides, not a string
    buildVoiceReplyStream({ final: 'Bye' });
  });
});
