import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import {
  e164OrEmailSchema,
  httpsUrlSchema,
  imessageDataSchema,
  imessageEventSchema,
  imessageGroupSchema,
  mmsDataSchema,
  mmsEventSchema,
  whatsappDataSchema,
  whatsappEventSchema,
} from '../../src/schemas/channels.js';
import { smsEventSchema } from '../../src/schemas/messaging.js';
import { safeParseFast } from '../../src/schemas/fast-parse.js';
import { toProblems } from '../../src/schemas/problems.js';

const dir = join(import.meta.dirname, '../fixtures/agentphone-examples');
const example = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
const mmsExample = example('agent.message.mms.chat-sdk-adapter-fixture.json');
const imessageExample = example('agent.message.imessage.chat-sdk-adapter-fixture.json');

/** `path: expected …, received …` lines, through the same fast path the builders use. */
function problemsOf(schema: z.ZodType, input: unknown): string[] {
  const result = safeParseFast(schema, input);
  if (result.success) throw new Error('expected a failure');
  return toProblems(result.error.issues).map((p) => p.message);
}

/** The example with `data` changed. */
function withData(event: Record<string, unknown>, data: Record<string, unknown>): Record<string, unknown> {
  return { ...event, data: { ...(event['data'] as object), ...data } };
}

/** Drops keys from the example's `data`. */
function withoutData(event: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const data = { ...(event['data'] as Record<string, unknown>) };
  for (const key of keys) delete data[key];
  return { ...event, data };
}

const minimalData = {
  conversationId: 'conv_abc',
  numberId: 'num_xyz',
  from: '+15551234567',
  to: '+15559876543',
  message: 'Hi',
  mediaUrl: null,
  direction: 'inbound',
  receivedAt: '2025-06-01T10:00:00Z',
};
const envelope = {
  event: 'agent.message',
  timestamp: '2025-06-01T10:00:00Z',
  agentId: 'agt_abc123',
  conversationState: null,
  recentHistory: [],
};

describe('published examples', () => {
  it('parse the MMS example, keeping every key', () => {
    expect(mmsEventSchema.parse(mmsExample)).toEqual(mmsExample);
  });

  it('parse the iMessage example (contact, history messageId), keeping every key', () => {
    expect(imessageEventSchema.parse(imessageExample)).toEqual(imessageExample);
  });

  it('keep unknown extra keys at every level', () => {
    const extended = {
      ...withData(mmsExample, { carrier: 'T-Mobile', contact: { id: 'contact_1', name: null, email: null, phoneNumber: '+15551234567', vip: true } }),
      deliveryAttempt: 2,
    };
    expect(mmsEventSchema.parse(extended)).toEqual(extended);
  });

  it('are rejected on the wrong channel literal', () => {
    expect(problemsOf(imessageEventSchema, mmsExample)).toEqual(['channel: expected "imessage", received "mms"']);
    expect(problemsOf(whatsappEventSchema, mmsExample)).toEqual(['channel: expected "whatsapp", received "mms"']);
  });
});

describe('the documented required set, and nothing more, is required', () => {
  it.each([
    ['mms', mmsEventSchema],
    ['imessage', imessageEventSchema],
    ['whatsapp', whatsappEventSchema],
  ] as const)('%s parses with only the required fields', (channel, schema) => {
    const event = { ...envelope, channel, data: minimalData };
    expect(schema.parse(event)).toEqual(event);
  });

  it.each([
    ['mms', mmsEventSchema],
    ['imessage', imessageEventSchema],
    ['whatsapp', whatsappEventSchema],
  ] as const)('%s requires mediaUrl (current docs: null when no media)', (channel, schema) => {
    const { mediaUrl: _m, ...data } = minimalData;
    expect(problemsOf(schema, { ...envelope, channel, data })).toEqual(['data.mediaUrl: expected an https URL, received missing']);
  });

  it('reports every missing required field by path', () => {
    expect(problemsOf(mmsDataSchema, {})).toEqual([
      'conversationId: expected a non-empty ID string, received missing',
      'numberId: expected a non-empty ID string, received missing',
      'from: expected an E.164 phone number (+ then up to 15 digits), received missing',
      'to: expected an E.164 phone number (+ then up to 15 digits), received missing',
      'message: expected a string, received missing',
      'mediaUrl: expected an https URL, received missing',
      'direction: expected "inbound" or "outbound", received missing',
      'receivedAt: expected an ISO-8601 timestamp, received missing',
    ]);
  });
});

describe('media URLs', () => {
  it('accept https URLs on any host, and null for no media', () => {
    expect(httpsUrlSchema.parse('https://media.agentphone.ai/img.jpg')).toBe('https://media.agentphone.ai/img.jpg');
    for (const url of ['https://localhost:8443/a.png', 'https://[::1]/a.jpg', 'https://cdn.example.com/a.jpg?sig=x#y', 'https://media.agentphone.ai']) {
      expect(httpsUrlSchema.parse(url)).toBe(url);
    }
    expect(mmsDataSchema.parse({ ...minimalData, mediaUrl: null, mediaUrls: [] }).mediaUrl).toBeNull();
  });

  it.each(['http://media.agentphone.ai/img.jpg', 'ftp://media.agentphone.ai/img.jpg', 'media.agentphone.ai/img.jpg', 'javascript:alert(1)', '', 'https://', 'https://media agentphone.ai/a.jpg', 'https://a.com/a b.jpg', 'https://-a.com/x'])(
    'reject %j with its path',
    (url) => {
      expect(problemsOf(mmsEventSchema, withData(mmsExample, { mediaUrl: url, mediaUrls: [url] }))).toEqual([
        `data.mediaUrl: expected an https URL, received ${JSON.stringify(url)}`,
        `data.mediaUrls[0]: expected an https URL, received ${JSON.stringify(url)}`,
      ]);
    },
  );

  it('name the failing entry of mediaUrls, on every channel', () => {
    const urls = ['https://media.agentphone.ai/a.jpg', 'http://media.agentphone.ai/b.jpg'];
    for (const [schema, event] of [
      [mmsEventSchema, mmsExample],
      [imessageEventSchema, imessageExample],
      [whatsappEventSchema, { ...mmsExample, channel: 'whatsapp' }],
    ] as const) {
      expect(problemsOf(schema, withData(event, { mediaUrl: urls[0], mediaUrls: urls }))).toEqual([
        'data.mediaUrls[1]: expected an https URL, received "http://media.agentphone.ai/b.jpg"',
      ]);
    }
  });

  it('require mediaUrl to be the first of mediaUrls when both are present', () => {
    expect(problemsOf(mmsEventSchema, withData(mmsExample, { mediaUrls: ['https://media.agentphone.ai/other.jpg'] }))).toEqual([
      'data.mediaUrl: expected mediaUrls[0] "https://media.agentphone.ai/other.jpg" (mediaUrl is the first attachment), received "https://media.agentphone.ai/img.jpg"',
    ]);
    expect(problemsOf(mmsEventSchema, withData(mmsExample, { mediaUrls: [] }))).toEqual([
      'data.mediaUrl: expected null, as mediaUrls is empty (mediaUrl is the first attachment), received "https://media.agentphone.ai/img.jpg"',
    ]);
    expect(problemsOf(mmsEventSchema, withData(mmsExample, { mediaUrl: null }))).toEqual([
      'data.mediaUrl: expected mediaUrls[0] "https://media.agentphone.ai/img.jpg" (mediaUrl is the first attachment), received null',
    ]);
    const two = ['https://media.agentphone.ai/a.jpg', 'https://media.agentphone.ai/b.heic'];
    expect(mmsDataSchema.safeParse({ ...minimalData, mediaUrl: two[0], mediaUrls: two }).success).toBe(true);
    // mediaUrls is optional: mediaUrl alone is fine.
    expect(mmsDataSchema.safeParse({ ...minimalData, mediaUrl: two[1] }).success).toBe(true);
  });

  it('report the mismatch together with problems in other fields', () => {
    const broken = withData(mmsExample, { message: 5, mediaUrls: ['https://media.agentphone.ai/other.jpg'] });
    expect(problemsOf(mmsEventSchema, broken)).toEqual([
      'data.message: expected a string, received 5',
      'data.mediaUrl: expected mediaUrls[0] "https://media.agentphone.ai/other.jpg" (mediaUrl is the first attachment), received "https://media.agentphone.ai/img.jpg"',
    ]);
  });

  it('reject 5 MB URLs and identities in linear time', () => {
    const huge = 'a-'.repeat(2_500_000);
    const started = performance.now();
    expect(httpsUrlSchema.safeParse(`https://${huge} `).success).toBe(false);
    expect(e164OrEmailSchema.safeParse(`${'a.'.repeat(2_500_000)}@`).success).toBe(false);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('never run the check on data that is not an object', () => {
    expect(problemsOf(mmsEventSchema, { ...mmsExample, data: 'x' })).toEqual(['data: expected an object, received "x"']);
    expect(problemsOf(mmsEventSchema, { ...mmsExample, data: [] })).toEqual(['data: expected an object, received an array of 0']);
  });
});

describe('e-mail identities', () => {
  it.each(['jane.doe@icloud.com', 'j_doe+apple@me.com', '+15551234567', '+447911123456'])('e164OrEmailSchema accepts %s', (id) => {
    expect(e164OrEmailSchema.parse(id)).toBe(id);
  });

  it.each(['jane', 'jane@', '@icloud.com', 'jane doe@icloud.com', '555-1234', '+1', '', 'jane@localhost'])('e164OrEmailSchema rejects %j', (id) => {
    const result = e164OrEmailSchema.safeParse(id);
    expect(result.error?.issues[0]?.message).toBe('expected an E.164 phone number or an e-mail address');
  });

  it('are accepted on iMessage, on either side', () => {
    const event = withData(imessageExample, { from: 'jane.doe@icloud.com' });
    expect(imessageEventSchema.parse(event)).toEqual(event);
    const outbound = withData(imessageExample, { direction: 'outbound', from: '+15559876543', to: 'jane.doe@icloud.com' });
    expect(imessageEventSchema.parse(outbound)).toEqual(outbound);
    expect(problemsOf(imessageEventSchema, withData(imessageExample, { from: 'jane' }))).toEqual([
      'data.from: expected an E.164 phone number or an e-mail address, received "jane"',
    ]);
  });

  it('are rejected on SMS, MMS and WhatsApp', () => {
    const e164 = 'expected an E.164 phone number (+ then up to 15 digits), received "jane.doe@icloud.com"';
    expect(problemsOf(smsEventSchema, withData({ ...mmsExample, channel: 'sms' }, { from: 'jane.doe@icloud.com' }))).toEqual([
      `data.from: ${e164}`,
    ]);
    expect(problemsOf(mmsEventSchema, withData(mmsExample, { to: 'jane.doe@icloud.com' }))).toEqual([`data.to: ${e164}`]);
    expect(problemsOf(whatsappEventSchema, withData({ ...mmsExample, channel: 'whatsapp' }, { from: 'jane.doe@icloud.com' }))).toEqual([
      `data.from: ${e164}`,
    ]);
  });
});

describe('iMessage groups', () => {
  const group = {
    isGroup: true,
    groupId: 'grp_abc',
    groupName: 'Book club',
    groupIconUrl: null,
    participants: [
      { identifier: '+15551234567', name: 'Jane Doe' },
      { identifier: 'sam@icloud.com', name: null },
    ],
  };

  it('parse with group and senderIdentifier, keeping extra keys', () => {
    const event = withData(imessageExample, { group: { ...group, muted: false }, senderIdentifier: '+15551234567' });
    expect(imessageEventSchema.parse(event)).toEqual(event);
    expect(imessageGroupSchema.parse({ ...group, groupName: null, groupIconUrl: 'https://media.agentphone.ai/g.png' }).groupName).toBeNull();
  });

  it('report each malformed group field by path', () => {
    const broken = { ...group, isGroup: false, groupId: '', participants: [{ identifier: 'sam', name: 3 }] };
    expect(problemsOf(imessageDataSchema, { ...minimalData, group: broken, senderIdentifier: 'x' })).toEqual([
      'group.isGroup: expected true, received false',
      'group.groupId: expected a non-empty ID string, received "" (length 0)',
      'group.participants[0].identifier: expected an E.164 phone number or an e-mail address, received "sam"',
      'group.participants[0].name: expected a string or null, received 3',
      'senderIdentifier: expected an E.164 phone number or an e-mail address, received "x"',
    ]);
  });
});

describe('WhatsApp', () => {
  it('parse a reply with replyTo, every replyTo field optional', () => {
    const event = { ...envelope, channel: 'whatsapp', data: { ...minimalData, messageId: 'msg_1', replyTo: { messageId: 'msg_0', message: 'Shipped!', mediaUrls: [] } } };
    expect(whatsappEventSchema.parse(event)).toEqual(event);
    expect(whatsappDataSchema.parse({ ...minimalData, replyTo: {} }).replyTo).toEqual({});
  });

  it('report a malformed replyTo by path', () => {
    expect(problemsOf(whatsappDataSchema, { ...minimalData, replyTo: { messageId: '', mediaUrls: ['http://x.test/a.jpg'] } })).toEqual([
      'replyTo.messageId: expected a non-empty ID string, received "" (length 0)',
      'replyTo.mediaUrls[0]: expected an https URL, received "http://x.test/a.jpg"',
    ]);
    expect(problemsOf(whatsappDataSchema, { ...minimalData, replyTo: 'msg_0' })).toEqual(['replyTo: expected an object, received "msg_0"']);
  });
});

describe('schemas extend the SMS shape', () => {
  it('share its fields and optional ones (messageId, contact)', () => {
    const data = { ...minimalData, messageId: 'msg_1', contact: null };
    for (const schema of [mmsDataSchema, imessageDataSchema, whatsappDataSchema]) expect(schema.parse(data)).toEqual(data);
    expect(problemsOf(whatsappDataSchema, { ...minimalData, contact: { id: 'contact_1' } })).toEqual([
      'contact.name: expected a string or null, received missing',
      'contact.email: expected a string or null, received missing',
      'contact.phoneNumber: expected an E.164 phone number (+ then up to 15 digits), received missing',
    ]);
  });

  it('still expose their shape for further extension', () => {
    expect(Object.keys(mmsDataSchema.shape)).toEqual(expect.arrayContaining(['conversationId', 'mediaUrl', 'mediaUrls', 'contact']));
    expect(Object.keys(imessageDataSchema.shape)).toEqual(expect.arrayContaining(['group', 'senderIdentifier']));
    expect(Object.keys(whatsappDataSchema.shape)).toContain('replyTo');
  });

  it('accept the examples without their optional fields', () => {
    expect(imessageEventSchema.safeParse(withoutData(imessageExample, 'messageId', 'contact', 'mediaUrls')).success).toBe(true);
    expect(mmsEventSchema.safeParse(withoutData(mmsExample, 'messageId', 'contact', 'mediaUrls')).success).toBe(true);
    expect(problemsOf(mmsEventSchema, { ...mmsExample, data: undefined })).toEqual(['data: expected an object, received missing']);
  });
});
