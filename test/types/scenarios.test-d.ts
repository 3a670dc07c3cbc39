import { describe, expectTypeOf, it } from 'vitest';
import {
  conversation,
  runScenario,
  scenarioScriptSchema,
  voiceCall,
  type CallEndedEvent,
  type ConversationTurn,
  type IMessageEvent,
  type MmsEvent,
  type ScenarioEvent,
  type ScenarioScript,
  type SmsEvent,
  type VoiceEvent,
} from '../../src/index.js';

describe('scenario types', () => {
  it('narrow inbound() by the conversation channel (sms by default)', () => {
    expectTypeOf(conversation().inbound()).toEqualTypeOf<SmsEvent>();
    expectTypeOf(conversation({ channel: 'mms' }).inbound()).toEqualTypeOf<MmsEvent>();
    expectTypeOf(conversation({ channel: 'imessage' }).inbound('hi')).toEqualTypeOf<IMessageEvent>();
    expectTypeOf(conversation().outbound()).toEqualTypeOf<ConversationTurn>();
    expectTypeOf(conversation({ channel: 'mms' }).events[0]).toEqualTypeOf<MmsEvent | VoiceEvent | CallEndedEvent | undefined>();
  });

  it('type overrides against the channel, and refuse voice as a text channel', () => {
    conversation({ channel: 'mms' }).inbound(undefined, { data: { mediaUrl: 'https://media.agentphone.ai/x.jpg' } });
    // @ts-expect-error a typo in an override is a type error
    conversation().inbound(undefined, { data: { mesage: 'hi' } });
    // @ts-expect-error a call is voiceCall() or conversation().call()
    conversation({ channel: 'voice' });
    // @ts-expect-error contextLimit is a number
    conversation({ contextLimit: '10' });
  });

  it('give calls voice events and call_ended', () => {
    const call = voiceCall({ direction: 'outbound' });
    expectTypeOf(call.caller()).toEqualTypeOf<VoiceEvent>();
    expectTypeOf(call.end({ callSuccessful: true })).toEqualTypeOf<CallEndedEvent>();
    expectTypeOf(conversation().call().caller()).toEqualTypeOf<VoiceEvent>();
    // @ts-expect-error end() takes only the documented options
    call.end({ mood: 'ok' });
  });

  it('type scripts and their events', () => {
    const script: ScenarioScript = { channel: 'whatsapp', turns: ['customer', { agent: null }, { wait: '2h' }, { call: ['caller'] }] };
    expectTypeOf(runScenario(script)).toEqualTypeOf<ScenarioEvent[]>();
    // What the Zod schema parses is a script the runners take (exactOptionalPropertyTypes too).
    const parsed: ScenarioScript = scenarioScriptSchema.parse([]);
    void parsed;
    // @ts-expect-error unknown turn kinds are a type error in typed scripts
    const bad: ScenarioScript = [{ shout: 'hi' }];
    void bad;
  });
});
