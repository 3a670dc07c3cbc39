import * as z from 'zod';
import { agentMessageEnvelopeShape } from './messaging.js';
import { callDirectionSchema, e164PhoneSchema, expected, idSchema } from './primitives.js';

/**
 * `data` of an `agent.message` on the `voice` channel: one transcribed caller utterance.
 * `transcript` is a string here (unlike `agent.call_ended`, where it is an array of turns);
 * `confidence` is the speech-to-text confidence, 0–1. Unknown extra keys are kept.
 *
 * @example
 * ```ts
 * voiceDataSchema.parse(event.data).transcript;
 * ```
 */
export const voiceDataSchema = z.looseObject(
  {
    callId: idSchema,
    numberId: idSchema,
    from: e164PhoneSchema,
    to: e164PhoneSchema,
    status: z.string(expected('a non-empty status string')).min(1, expected('a non-empty status string')),
    transcript: z.string(expected('a string (the utterance)')),
    confidence: z
      .number(expected('a number from 0 to 1'))
      .min(0, expected('a number from 0 to 1'))
      .max(1, expected('a number from 0 to 1')),
    direction: callDirectionSchema,
  },
  expected('an object'),
);

/**
 * A whole `agent.message` webhook on the `voice` channel.
 *
 * @example
 * ```ts
 * const event = voiceEventSchema.parse(JSON.parse(rawBody));
 * reply.json({ text: `You said: ${event.data.transcript}` });
 * ```
 */
export const voiceEventSchema = z.looseObject(
  {
    ...agentMessageEnvelopeShape,
    channel: z.literal('voice', expected('"voice"')),
    data: voiceDataSchema,
  },
  expected('an object'),
);

/**
 * `data` of a voice `agent.message`.
 *
 * @example
 * ```ts
 * const { transcript, confidence }: VoiceData = event.data;
 * ```
 */
export type VoiceData = z.infer<typeof voiceDataSchema>;
/**
 * An `agent.message` webhook on the `voice` channel.
 *
 * @example
 * ```ts
 * const event: VoiceEvent = buildVoiceEvent({ data: { transcript: 'Can I talk to a person?' } });
 * ```
 */
export type VoiceEvent = z.infer<typeof voiceEventSchema>;
