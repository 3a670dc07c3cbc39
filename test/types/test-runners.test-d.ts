// The matcher declarations both entries ship: Vitest's `Matchers`, Jest's `expect` package (what
// `@jest/globals` users get) and the global `jest` namespace (what @types/jest users get).
import type { AsymmetricMatchers as ExpectAsymmetricMatchers, Matchers as ExpectMatchers } from 'expect';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as JestEntry from '../../src/test-runners/jest.js';
import * as VitestEntry from '../../src/test-runners/vitest.js';
import { fixtureSeed, type AgentPhoneMatchers, type WebhookEventKind } from '../../src/test-runners/vitest.js';

describe('agentphone-fixtures/vitest types', () => {
  it('adds both matchers to expect(), with kind checked', () => {
    expectTypeOf(expect({}).toBeValidWebhookEvent).parameter(0).toEqualTypeOf<WebhookEventKind | undefined>();
    expectTypeOf(expect({}).toBeValidVoiceReply).parameters.toEqualTypeOf<[]>();
    expect({}).toBeValidWebhookEvent('sms');
    expect({}).not.toBeValidWebhookEvent('call-ended');
    // @ts-expect-error 'fax' is not a kind
    expect({}).toBeValidWebhookEvent('fax');
    // @ts-expect-error toBeValidVoiceReply takes no argument
    expect({}).toBeValidVoiceReply('json');
  });

  it('adds them to expect.* (asymmetric) and to .resolves', () => {
    expect({ body: {} }).toEqual({ body: expect.toBeValidWebhookEvent('agent.reaction') });
    expect({ body: {} }).toEqual({ body: expect.not.toBeValidVoiceReply() });
    expectTypeOf(expect(Promise.resolve({})).resolves.toBeValidWebhookEvent('voice')).toExtend<Promise<unknown>>();
  });

  it('types the kinds, the seed and the matchers object', () => {
    expectTypeOf<WebhookEventKind>().toEqualTypeOf<
      'agent.message' | 'agent.call_ended' | 'agent.reaction' | 'sms' | 'mms' | 'imessage' | 'whatsapp' | 'voice' | 'call-ended' | 'reaction'
    >();
    expectTypeOf<(typeof VitestEntry.WEBHOOK_EVENT_KINDS)[number]>().toEqualTypeOf<WebhookEventKind>();
    expectTypeOf(fixtureSeed).toEqualTypeOf<(label?: string) => number>();
    expectTypeOf<typeof VitestEntry.FIXTURE_SEED_ENV>().toEqualTypeOf<'AGENTPHONE_FIXTURES_SEED'>();
    expect.extend(VitestEntry.agentPhoneMatchers);
    expectTypeOf(VitestEntry.agentPhoneMatchers).toEqualTypeOf<AgentPhoneMatchers>();
  });
});

describe('agentphone-fixtures/jest types', () => {
  it("augment the expect package's Matchers and AsymmetricMatchers (@jest/globals users)", () => {
    expectTypeOf<ExpectMatchers<void>['toBeValidWebhookEvent']>().toEqualTypeOf<(kind?: WebhookEventKind) => void>();
    expectTypeOf<ExpectMatchers<Promise<void>>['toBeValidVoiceReply']>().toEqualTypeOf<() => Promise<void>>();
    expectTypeOf<ExpectAsymmetricMatchers['toBeValidWebhookEvent']>().toEqualTypeOf<(kind?: WebhookEventKind) => void>();
  });

  it('augment the global jest namespace (@types/jest users)', () => {
    expectTypeOf<jest.Matchers<void>['toBeValidWebhookEvent']>().toEqualTypeOf<(kind?: WebhookEventKind) => void>();
    expectTypeOf<jest.Matchers<Promise<void>>['toBeValidVoiceReply']>().toEqualTypeOf<() => Promise<void>>();
  });

  it('export the same names as the Vitest entry', () => {
    expectTypeOf<keyof typeof JestEntry>().toEqualTypeOf<keyof typeof VitestEntry>();
    expectTypeOf<JestEntry.WebhookEventKind>().toEqualTypeOf<WebhookEventKind>();
    expectTypeOf<keyof JestEntry.AgentPhoneMatchers>().toEqualTypeOf<'toBeValidWebhookEvent' | 'toBeValidVoiceReply'>();
  });
});
