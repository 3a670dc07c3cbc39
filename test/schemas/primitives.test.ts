import { describe, expect, it } from 'vitest';
import {
  channelSchema,
  conversationStateSchema,
  e164PhoneSchema,
  historyEntrySchema,
  idSchema,
  isoTimestampSchema,
  recentHistorySchema,
} from '../../src/schemas/index.js';
import { formatPath } from '../../src/schemas/problems.js';

describe('e164PhoneSchema', () => {
  it.each(['+15551234567', '+447911123456', '+12', '+123456789012345'])('accepts %s', (phone) => {
    expect(e164PhoneSchema.safeParse(phone).success).toBe(true);
  });
  it.each(['15551234567', '+05551234567', '+1 555 123 4567', '+1-555-123-4567', '+1234567890123456', '+1', '', 'jane@example.com'])(
    'rejects %j with "expected an E.164 phone number"',
    (phone) => {
      const result = e164PhoneSchema.safeParse(phone);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/^expected an E\.164 phone number/);
    },
  );
});

describe('isoTimestampSchema', () => {
  it.each(['2025-01-15T12:00:00Z', '2025-01-15T12:00:00.000Z', '2025-01-15T12:00:00.123456Z', '2025-01-15T07:00:00-05:00', '2024-02-29T00:00:00Z'])(
    'accepts %s',
    (ts) => expect(isoTimestampSchema.safeParse(ts).success).toBe(true),
  );
  it.each(['2025-01-15', '2025-01-15T12:00:00', '2025-01-15 12:00:00Z', '2025-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '2025-01-15T24:00:00Z', '...'])(
    'rejects %s',
    (ts) => expect(isoTimestampSchema.safeParse(ts).success).toBe(false),
  );
});

describe('other primitives', () => {
  it('accept opaque IDs from every source and reject empty ones', () => {
    for (const id of ['agt_abc123', 'agent_123', 'agent_test123', 'num_xyz', 'pn_1']) expect(idSchema.parse(id)).toBe(id);
    expect(idSchema.safeParse('').success).toBe(false);
  });

  it('close the channel set', () => {
    for (const c of ['sms', 'mms', 'imessage', 'whatsapp', 'voice']) expect(channelSchema.parse(c)).toBe(c);
    expect(channelSchema.safeParse('fax').success).toBe(false);
  });

  it('take conversationState as any object or null, not arrays or strings', () => {
    expect(conversationStateSchema.parse(null)).toBeNull();
    expect(conversationStateSchema.parse({ a: { b: [1] } })).toEqual({ a: { b: [1] } });
    expect(conversationStateSchema.safeParse([]).success).toBe(false);
    expect(conversationStateSchema.safeParse('x').success).toBe(false);
  });

  it('cap recentHistory at 50 and keep extra keys on entries', () => {
    const entry = { content: 'Hi', direction: 'inbound', channel: 'sms', at: '2025-01-15T11:59:00Z', messageId: 'msg_1', note: 'x' };
    expect(historyEntrySchema.parse(entry)).toEqual(entry);
    expect(recentHistorySchema.safeParse(new Array(50).fill(entry)).success).toBe(true);
    expect(recentHistorySchema.safeParse(new Array(51).fill(entry)).success).toBe(false);
  });
});

describe('formatPath', () => {
  it('prints dotted keys and bracketed indexes', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['data', 'from'])).toBe('data.from');
    expect(formatPath(['recentHistory', 0, 'at'])).toBe('recentHistory[0].at');
    expect(formatPath(['conversationState', 'odd key', 'x'])).toBe('conversationState["odd key"].x');
  });
});
