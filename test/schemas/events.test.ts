import { describe, expect, it } from 'vitest';
import {
  WEBHOOK_EVENTS,
  WebhookPayloadError,
  buildCallEndedEvent,
  buildIMessageEvent,
  buildMmsEvent,
  buildReactionEvent,
  buildSmsEvent,
  buildVoiceEvent,
  buildWhatsAppEvent,
  isAgentMessage,
  isCallEnded,
  isReaction,
  isVoice,
  parseWebhookEvent,
  safeParseWebhookEvent,
} from '../../src/index.js';

const builders = [buildSmsEvent, buildMmsEvent, buildIMessageEvent, buildWhatsAppEvent, buildVoiceEvent, buildCallEndedEvent, buildReactionEvent];

describe('webhookEventSchema / parseWebhookEvent', () => {
  it('accepts every event and channel, with the type guards telling them apart', () => {
    for (let seed = 0; seed < 200; seed++) {
      for (const build of builders) {
        const event = parseWebhookEvent(build({}, { seed }));
        expect(event).toEqual(build({}, { seed }));
        expect(isAgentMessage(event)).toBe(event.event === 'agent.message');
        expect(isVoice(event)).toBe(event.event === 'agent.message' && event.channel === 'voice');
        expect(isCallEnded(event)).toBe(event.event === 'agent.call_ended');
        expect(isReaction(event)).toBe(event.event === 'agent.reaction');
      }
    }
  });

  it('reports an event newer than this version with its own code, apart from malformed known events', () => {
    const unknown = safeParseWebhookEvent({ event: 'agent.contact_shared', channel: 'imessage', data: {} });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.code).toBe('unknown_event');
    expect(unknown.error?.problems.map((p) => p.path)).toEqual(['event']);
    expect(unknown.error?.message).toContain('this version does not know "agent.contact_shared"');
    const malformed = safeParseWebhookEvent({ ...buildCallEndedEvent({}, { seed: 1 }), data: {} });
    expect(malformed.error?.code).toBe('invalid_payload');
    const missing = safeParseWebhookEvent({ channel: 'sms' });
    expect(missing.error?.code).toBe('invalid_payload');
    expect(missing.error?.problems[0]?.message).toBe(`event: expected event ${'"agent.message", "agent.call_ended" or "agent.reaction"'}, received missing`);
    expect(WEBHOOK_EVENTS).toEqual(['agent.message', 'agent.call_ended', 'agent.reaction']);
  });

  it('rejects a known event on a channel it is never sent on, and a transcript of the wrong type', () => {
    const reaction = buildReactionEvent({}, { seed: 2 });
    const onSms = safeParseWebhookEvent({ ...reaction, channel: 'sms' });
    expect(onSms.error?.problems.map((p) => p.path)).toEqual(['channel']);
    const ended = buildCallEndedEvent({}, { seed: 2 });
    const stringTranscript = safeParseWebhookEvent({ ...ended, data: { ...ended.data, transcript: 'Hello' } });
    expect(stringTranscript.error?.problems.map((p) => p.path)).toEqual(['data.transcript']);
    const voice = buildVoiceEvent({}, { seed: 2 });
    const arrayTranscript = safeParseWebhookEvent({ ...voice, data: { ...voice.data, transcript: [{ role: 'user', content: 'Hi' }] } });
    expect(arrayTranscript.error?.problems.map((p) => p.path)).toEqual(['data.transcript']);
    expect(() => parseWebhookEvent({ ...reaction, channel: 'sms' })).toThrow(WebhookPayloadError);
  });
});
