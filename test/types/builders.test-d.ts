import type { OmitIndexSignature } from 'type-fest';
import { describe, expectTypeOf, it } from 'vitest';
import {
  buildAgentMessageEvent,
  buildHistory,
  buildHistoryEntry,
  buildSmsEvent,
  buildVoiceEvent,
  createFixtures,
  parseWebhookEvent,
  safeParseWebhookEvent,
  type AgentMessageEvent,
  type HistoryEntry,
  type Overrides,
  type SmsEvent,
  type VoiceEvent,
  type WebhookEvent,
} from '../../src/index.js';
import * as schemas from '../../src/schemas/index.js';

describe('builder types', () => {
  it('return the event types', () => {
    expectTypeOf(buildSmsEvent()).toEqualTypeOf<SmsEvent>();
    expectTypeOf(buildVoiceEvent()).toEqualTypeOf<VoiceEvent>();
    expectTypeOf(buildHistoryEntry()).toEqualTypeOf<HistoryEntry>();
    expectTypeOf(buildHistory(3)).toEqualTypeOf<HistoryEntry[]>();
  });

  it('narrow buildAgentMessageEvent by channel', () => {
    expectTypeOf(buildAgentMessageEvent('voice')).toEqualTypeOf<VoiceEvent>();
    expectTypeOf(buildAgentMessageEvent('sms')).toEqualTypeOf<SmsEvent>();
    const channel = 'sms' as 'sms' | 'voice';
    expectTypeOf(buildAgentMessageEvent(channel)).toEqualTypeOf<SmsEvent | VoiceEvent>();
    // @ts-expect-error: not a channel
    buildAgentMessageEvent('fax');
  });

  it('take deep-partial overrides', () => {
    expectTypeOf<Parameters<typeof buildSmsEvent>[0]>().toEqualTypeOf<Overrides<SmsEvent> | undefined>();
    type SmsDataOverrides = NonNullable<Overrides<SmsEvent>['data']>;
    expectTypeOf<SmsDataOverrides['message']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NonNullable<Overrides<VoiceEvent>['data']>['confidence']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Overrides<SmsEvent>['recentHistory']>().toEqualTypeOf<HistoryEntry[] | undefined>();
    expectTypeOf<keyof SmsDataOverrides>().toEqualTypeOf<keyof OmitIndexSignature<SmsEvent['data']>>();
    // Every documented field is optional, at every depth.
    const empty: Overrides<VoiceEvent> = { data: {} };
    void empty;
    // conversationState stays an open record.
    buildSmsEvent({ conversationState: { orderId: 'ORD-1', nested: { ok: true } } });
    buildSmsEvent({ data: { message: 'STOP' } });
    buildVoiceEvent({ data: { confidence: 0.5 }, conversationState: null });
    buildSmsEvent({ recentHistory: [] });
    buildAgentMessageEvent('voice', { data: { transcript: 'hi' } });
    // @ts-expect-error: wrong type for message
    buildSmsEvent({ data: { message: 5 } });
    // @ts-expect-error: voice data has no `message` (that is sms), so the channel narrowed the overrides
    buildAgentMessageEvent('voice', { data: { message: 'x' } });
    buildAgentMessageEvent('sms', { data: { message: 'x' } });
    // @ts-expect-error: a typo in a field name is caught
    buildVoiceEvent({ data: { transcipt: 'hi' } });
    // @ts-expect-error: direction is a closed enum
    buildSmsEvent({ data: { direction: 'sideways' } });
    // @ts-expect-error: history must be a number
    buildSmsEvent({}, { history: '3' });
  });

  it('bind createFixtures builders with the same types', () => {
    const fx = createFixtures({ seed: 1 });
    expectTypeOf(fx.buildAgentMessageEvent('voice')).toEqualTypeOf<VoiceEvent>();
    expectTypeOf(fx.buildSmsEvent({ data: { message: 'x' } })).toEqualTypeOf<SmsEvent>();
  });
});

describe('schema types', () => {
  it('parse into the union, narrowing on channel', () => {
    const event = parseWebhookEvent({});
    expectTypeOf(event).toEqualTypeOf<WebhookEvent>();
    switch (event.event) {
      case 'agent.message':
        expectTypeOf(event).toEqualTypeOf<AgentMessageEvent>();
        if (event.channel === 'voice') expectTypeOf(event.data.transcript).toEqualTypeOf<string>();
        else expectTypeOf(event.data.message).toEqualTypeOf<string>();
        break;
      case 'agent.call_ended':
        expectTypeOf(event.data.transcript).toEqualTypeOf<{ [k: string]: unknown; role: 'agent' | 'user'; content: string }[]>();
        break;
      case 'agent.reaction':
        expectTypeOf(event.data.fromNumber).toEqualTypeOf<string>();
        break;
      default:
        expectTypeOf(event).toBeNever();
    }
    if (schemas.isVoice(event)) expectTypeOf(event.data.confidence).toEqualTypeOf<number>();
    if (schemas.isCallEnded(event)) expectTypeOf(event.data.durationSeconds).toEqualTypeOf<number>();
    const result = safeParseWebhookEvent({});
    if (result.success) expectTypeOf(result.data).toEqualTypeOf<WebhookEvent>();
    else expectTypeOf(result.error).toEqualTypeOf<schemas.WebhookPayloadError>();
  });

  it('infer the same types as the schemas', () => {
    expectTypeOf<SmsEvent>().toEqualTypeOf<import('zod').infer<typeof schemas.smsEventSchema>>();
    expectTypeOf<VoiceEvent['data']['confidence']>().toEqualTypeOf<number>();
    expectTypeOf<SmsEvent['data']['direction']>().toEqualTypeOf<'inbound' | 'outbound'>();
    expectTypeOf<VoiceEvent['data']['direction']>().toEqualTypeOf<'inbound' | 'outbound' | 'web'>();
    expectTypeOf<HistoryEntry['channel']>().toEqualTypeOf<'sms' | 'mms' | 'imessage' | 'whatsapp' | 'voice'>();
  });
});
