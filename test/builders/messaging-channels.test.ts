import { describe, expect, it } from 'vitest';
import {
  buildIMessageEvent,
  buildMmsEvent,
  buildWhatsAppEvent,
  emailFor,
} from '../../src/builders/messaging-channels.js';
import { FixtureOptionError, FixtureValidationError } from '../../src/errors.js';
import { Random } from '../../src/random/random.js';
import { imessageEventSchema, mmsEventSchema, whatsappEventSchema } from '../../src/schemas/channels.js';
import type { HistoryEntry } from '../../src/schemas/history.js';
import { buildSmsEvent } from '../../src/builders/sms.js';

const SEEDS = 10_000;
const MEDIA_URL = /^https:\/\/media\.agentphone\.ai\/[a-z0-9]{24}\.(jpg|heic|png|gif)$/;
const REQUIRED = ['conversationId', 'numberId', 'from', 'to', 'message', 'mediaUrl', 'direction', 'receivedAt'];

const builders = [
  ['buildMmsEvent', buildMmsEvent, mmsEventSchema, 'mms', ['messageId', 'contact', 'mediaUrls']],
  ['buildIMessageEvent', buildIMessageEvent, imessageEventSchema, 'imessage', ['messageId', 'contact', 'mediaUrls', 'group', 'senderIdentifier']],
  ['buildWhatsAppEvent', buildWhatsAppEvent, whatsappEventSchema, 'whatsapp', ['messageId', 'contact', 'mediaUrls', 'replyTo']],
] as const;

/** Every built event must also satisfy what the schema cannot say: order, time and channel. */
function checkThread(history: readonly HistoryEntry[], timestamp: string, channel: string): void {
  const eventMs = Date.parse(timestamp);
  let previous = -Infinity;
  for (const entry of history) {
    const at = Date.parse(entry.at);
    if (!(at < eventMs)) throw new Error(`history entry at ${entry.at} is not before ${timestamp}`);
    if (!(at > previous)) throw new Error(`history is not oldest-first at ${entry.at}`);
    if (entry.channel !== channel) throw new Error(`history entry on ${entry.channel}, event on ${channel}`);
    previous = at;
  }
}

function optionError(fn: () => unknown): FixtureOptionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FixtureOptionError) return error;
    throw error;
  }
  throw new Error('expected a FixtureOptionError');
}

function validationError(fn: () => unknown): FixtureValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FixtureValidationError) return error;
    throw error;
  }
  throw new Error('expected a FixtureValidationError');
}

describe.each(builders)('%s', (name, build, schema, channel, optionalKeys) => {
  it('passes its schema over 10,000 seeds, history in order, before the event and on its channel', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const event = build({}, { seed });
      schema.parse(event);
      expect(event.channel).toBe(channel);
      checkThread(event.recentHistory, event.timestamp, channel);
    }
  });

  it('passes its schema over 2,000 seeds with optional: true', () => {
    for (let seed = 0; seed < 2_000; seed++) {
      const event = build({}, { seed, optional: true });
      schema.parse(event);
      checkThread(event.recentHistory, event.timestamp, channel);
    }
  });

  it('passes with every history length 0–50 and an arbitrary now', () => {
    for (let history = 0; history <= 50; history++) {
      const event = build({}, { seed: history * 7919, history, now: '2031-07-04T23:59:59.999Z', optional: history % 2 === 0 });
      schema.parse(event);
      expect(event.recentHistory).toHaveLength(history);
      expect(event.timestamp).toBe('2031-07-04T23:59:59Z');
      expect(event.data.receivedAt).toBe(event.timestamp);
      checkThread(event.recentHistory, event.timestamp, channel);
    }
  });

  it('emits exactly the documented required set by default', () => {
    for (let seed = 0; seed < 500; seed++) {
      const event = build({}, { seed, history: 3 });
      expect(Object.keys(event)).toEqual(['event', 'channel', 'timestamp', 'agentId', 'data', 'conversationState', 'recentHistory']);
      expect(Object.keys(event.data)).toEqual(REQUIRED);
      for (const entry of event.recentHistory) expect(Object.keys(entry)).toEqual(['content', 'direction', 'channel', 'at']);
    }
  });

  it('emits every optional field with optional: true, and history messageIds', () => {
    for (let seed = 0; seed < 500; seed++) {
      const event = build({}, { seed, history: 3, optional: true });
      expect(Object.keys(event.data).sort()).toEqual([...REQUIRED, ...optionalKeys].sort());
      expect(event.data.messageId).toMatch(/^msg_[a-z0-9]{12}$/);
      for (const entry of event.recentHistory) expect(entry.messageId).toMatch(/^msg_[a-z0-9]{12}$/);
      expect(new Set(event.recentHistory.map((h) => h.messageId)).size).toBe(3);
      expect(event.data.mediaUrl).toBe(event.data.mediaUrls?.[0] ?? null);
    }
  });

  it('keeps the required fields the same with optional: true', () => {
    for (let seed = 0; seed < 200; seed++) {
      const plain = build({}, { seed });
      const full = build({}, { seed, optional: true });
      for (const key of REQUIRED) expect(full.data[key], key).toEqual(plain.data[key]);
      expect(full.recentHistory.map(({ messageId: _id, senderIdentifier: _s, ...entry }) => entry)).toEqual(plain.recentHistory);
      expect(full.conversationState).toEqual(plain.conversationState);
    }
  });

  it('is deterministic: the same seed gives the same event, another seed another', () => {
    for (const seed of [0, 1, 42, -7, Number.MAX_SAFE_INTEGER]) {
      expect(JSON.stringify(build({}, { seed, optional: true }))).toBe(JSON.stringify(build({}, { seed, optional: true })));
    }
    const first = build({}, { seed: 5 });
    build({}, { seed: 6 });
    buildSmsEvent({}, { seed: 5 });
    expect(build({}, { seed: 5 })).toEqual(first);
    expect(build({}, { seed: 0 })).toEqual(build());
    expect(build({}, { seed: 1 })).not.toEqual(build({}, { seed: 0 }));
  });

  it('shares the agent identity, conversation and clock machinery of buildSmsEvent', () => {
    for (let seed = 0; seed < 50; seed++) {
      const event = build({}, { seed });
      const sms = buildSmsEvent({}, { seed });
      expect(event.agentId).toBe(sms.agentId);
      expect(event.data.numberId).toBe(sms.data.numberId);
      expect(event.data.to).toBe(sms.data.to);
      expect(event.data.conversationId).toBe(sms.data.conversationId);
      expect(event.timestamp).toBe(sms.timestamp);
    }
  });

  it('merges overrides into data and keeps the other fields', () => {
    const plain = build({}, { seed: 7 });
    const event = build({ data: { message: 'Is this still available?' } }, { seed: 7 });
    expect(event.data.message).toBe('Is this still available?');
    expect({ ...event.data, message: plain.data.message }).toEqual(plain.data);
    expect(event.recentHistory).toEqual(plain.recentHistory);
    expect(build({ recentHistory: [] }, { seed: 7, history: 5 }).recentHistory).toEqual([]);
    expect(build({ data: { carrier: 'Verizon' } } as never, { seed: 7 }).data['carrier']).toBe('Verizon');
  });

  it('moves receivedAt and history with an overridden timestamp', () => {
    const before = build({}, { seed: 3, history: 4 });
    const timestamp = '2026-06-01T08:30:00Z';
    const moved = build({ timestamp }, { seed: 3, history: 4 });
    expect(moved.data.receivedAt).toBe(timestamp);
    const shift = Date.parse(timestamp) - Date.parse(before.timestamp);
    moved.recentHistory.forEach((entry, i) => {
      expect(Date.parse(entry.at)).toBe(Date.parse(before.recentHistory[i]!.at) + shift);
      expect(entry.content).toBe(before.recentHistory[i]!.content);
    });
  });

  it('replaces conversationState whole', () => {
    for (let seed = 0; seed < 20; seed++) {
      expect(build({ conversationState: { step: 2 } }, { seed }).conversationState).toEqual({ step: 2 });
    }
  });

  it('puts the agent number in from for an outbound message, unless from/to are overridden too', () => {
    for (let seed = 0; seed < 30; seed++) {
      const inbound = build({}, { seed, history: 3 });
      const outbound = build({ data: { direction: 'outbound' } }, { seed, history: 3 });
      expect(outbound.data.from).toBe(inbound.data.to);
      expect(outbound.data.to).toBe(inbound.data.from);
      expect(outbound.recentHistory.at(-1)!.direction).toBe('inbound');
    }
    expect(build({ data: { direction: 'outbound', from: '+14155550100' } }, { seed: 1 }).data.from).toBe('+14155550100');
  });

  it('names each failing path, and builds invalid payloads on purpose with validate: false', () => {
    const error = validationError(() => build({ data: { from: '555', receivedAt: 'now' } }, { seed: 5 }));
    expect(error.builder).toBe(name);
    expect(error.problems.map((p) => p.path)).toEqual(['data.from', 'data.receivedAt']);
    expect(error.message).toMatch(new RegExp(`^${name} built an invalid payload`));
    expect(build({ data: { from: '555' } }, { seed: 6, validate: false }).data.from).toBe('555');
  });

  it('rejects a non-https media URL with its path', () => {
    const error = validationError(() => build({ data: { mediaUrl: 'http://media.agentphone.ai/a.jpg' } }, { seed: 1 }));
    expect(error.problems.map((p) => p.message)).toEqual(['data.mediaUrl: expected an https URL, received "http://media.agentphone.ai/a.jpg"']);
    const list = validationError(() => build({ data: { mediaUrls: ['https://media.agentphone.ai/a.jpg', 'ftp://x/b.png'] } }, { seed: 1 }));
    expect(list.problems.map((p) => p.path)).toEqual(['data.mediaUrls[1]']);
  });

  it('keeps mediaUrl the first of mediaUrls when either is overridden', () => {
    const urls = ['https://cdn.example.com/1.jpg', 'https://cdn.example.com/2.jpg'];
    const listed = build({ data: { mediaUrls: urls } }, { seed: 2 });
    expect(listed.data.mediaUrl).toBe(urls[0]);
    expect(listed.data.mediaUrls).toEqual(urls);
    expect(build({ data: { mediaUrls: [] } }, { seed: 2, optional: true }).data.mediaUrl).toBeNull();
    const first = build({ data: { mediaUrl: 'https://cdn.example.com/x.png' } }, { seed: 2, optional: true });
    expect(first.data.mediaUrls?.[0]).toBe('https://cdn.example.com/x.png');
    expect(build({ data: { mediaUrl: null } }, { seed: 2, optional: true }).data.mediaUrls).toEqual([]);
    // Both overridden: kept as written, and checked.
    expect(validationError(() => build({ data: { mediaUrl: urls[1]!, mediaUrls: urls } }, { seed: 2 })).problems[0]?.path).toBe('data.mediaUrl');
  });

  it('emits an overridden optional field without optional: true, merged into a full default', () => {
    const event = build({ data: { contact: { name: 'Jane Doe' } } }, { seed: 4 });
    expect(event.data.contact).toMatchObject({ name: 'Jane Doe', id: expect.stringMatching(/^contact_/), phoneNumber: expect.stringMatching(/^\+/) });
    expect(Object.keys(event.data)).toEqual([...REQUIRED.slice(0, 4), 'contact', ...REQUIRED.slice(4)]);
    expect(build({ data: { contact: null } }, { seed: 4 }).data.contact).toBeNull();
    for (let seed = 0; seed < 30; seed++) {
      const seeded = build({}, { seed, optional: true }).data.contact;
      const renamed = build({ data: { contact: { name: 'Sam Lee' } } }, { seed, optional: true }).data.contact;
      if (seeded) expect(renamed).toEqual({ ...seeded, name: 'Sam Lee' });
    }
    expect(build({ data: { messageId: 'msg_mine' } }, { seed: 4 }).data.messageId).toBe('msg_mine');
  });

  it('checks its options like the other builders, naming the option', () => {
    expect(optionError(() => build({}, { optional: 'yes' as unknown as boolean })).message).toBe(
      'Invalid option "optional": expected true or false, received "yes"',
    );
    expect(optionError(() => build({}, { seed: 1.5 })).option).toBe('seed');
    expect(optionError(() => build({}, { now: '2025-03-01' })).option).toBe('now');
    expect(optionError(() => build({}, { history: 51 })).option).toBe('history');
    expect(optionError(() => build({}, { validate: 1 as unknown as boolean })).option).toBe('validate');
    expect(optionError(() => build({}, 5 as never)).option).toBe('options');
  });
});

describe('buildMmsEvent realism', () => {
  const N = 3_000;
  const events = Array.from({ length: N }, (_, seed) => buildMmsEvent({}, { seed, optional: true }));

  it('always carries media: https URLs on AgentPhone’s media host, mostly one, sometimes two or three', () => {
    const counts = [0, 0, 0, 0];
    for (const e of events) {
      expect(e.data.mediaUrl).toMatch(MEDIA_URL);
      for (const url of e.data.mediaUrls!) expect(url).toMatch(MEDIA_URL);
      counts[e.data.mediaUrls!.length]!++;
    }
    expect(counts[0]).toBe(0);
    expect(counts[1]! / N).toBeGreaterThan(0.7);
    expect(counts[2]! / N).toBeGreaterThan(0.05);
    expect(counts[3]! / N).toBeGreaterThan(0.01);
    const types = new Set(events.map((e) => e.data.mediaUrl!.split('.').at(-1)));
    expect([...types].sort()).toEqual(['gif', 'heic', 'jpg', 'png']);
  });

  it('writes a message that fits an attachment, sometimes none at all', () => {
    const messages = events.map((e) => e.data.message);
    const empty = messages.filter((m) => m === '').length / N;
    expect(empty).toBeGreaterThan(0.08);
    expect(empty).toBeLessThan(0.25);
    expect(messages.some((m) => /photo|pic|screenshot/i.test(m))).toBe(true);
    expect(messages).toContain("Here's a photo of the damage");
    expect(messages.some((m) => /^stop$/i.test(m))).toBe(false);
    expect(messages.some((m) => m.includes('{') || m.includes('}'))).toBe(false);
    expect(new Set(messages).size).toBeGreaterThan(N / 20);
  });
});

describe('buildIMessageEvent realism', () => {
  const N = 3_000;
  const events = Array.from({ length: N }, (_, seed) => buildIMessageEvent({}, { seed, optional: true }));

  it('sends from an e-mail identity about 15% of the time, built from the customer’s name', () => {
    const byEmail = events.filter((e) => e.data.from.includes('@'));
    expect(byEmail.length / N).toBeGreaterThan(0.1);
    expect(byEmail.length / N).toBeLessThan(0.2);
    for (const e of byEmail) {
      expect(e.data.from).toMatch(/^[a-z0-9._]+@(icloud|me|mac|gmail|yahoo|outlook)\.com$/);
      const name = e.data.group!.participants[0]!.name!;
      const last = name.split(' ').at(-1)!.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
      expect(e.data.from.split('@')[0]).toContain(last);
      if (e.data.contact !== null) expect(e.data.contact).toMatchObject({ name, email: e.data.from });
      expect(e.data.to).toMatch(/^\+1\d{10}$/);
    }
  });

  it('writes groups with the sender among the participants', () => {
    for (const e of events) {
      const group = e.data.group!;
      expect(group.groupId).toMatch(/^grp_[a-z0-9]{12}$/);
      expect(group.participants.length).toBeGreaterThanOrEqual(2);
      expect(group.participants.length).toBeLessThanOrEqual(5);
      expect(group.participants[0]!.identifier).toBe(e.data.from);
      expect(e.data.senderIdentifier).toBe(e.data.from);
      for (const entry of e.recentHistory) {
        expect(entry.senderIdentifier).toBe(entry.direction === 'inbound' ? e.data.from : e.data.to);
      }
    }
    expect(events.some((e) => e.data.group!.groupName === null)).toBe(true);
    expect(events.some((e) => e.data.group!.groupIconUrl !== null)).toBe(true);
    expect(events.some((e) => e.data.group!.participants.some((p) => p.identifier.includes('@')))).toBe(true);
  });

  it('is mostly text, now and then with a photo', () => {
    const withMedia = events.filter((e) => e.data.mediaUrl !== null).length / N;
    expect(withMedia).toBeGreaterThan(0.04);
    expect(withMedia).toBeLessThan(0.2);
    expect(events.some((e) => e.data.contact === null)).toBe(true);
  });

  it('accepts an e-mail identity by override, and names the customer with it in contact and group', () => {
    const event = buildIMessageEvent({ data: { from: 'jane.doe@icloud.com' } }, { seed: 8, optional: true });
    expect(event.data.from).toBe('jane.doe@icloud.com');
    expect(event.data.senderIdentifier).toBe('jane.doe@icloud.com');
    expect(event.data.group!.participants[0]!.identifier).toBe('jane.doe@icloud.com');
    if (event.data.contact !== null) expect(event.data.contact!.email).toBe('jane.doe@icloud.com');
    const outbound = buildIMessageEvent({ data: { direction: 'outbound', to: 'sam@me.com' } }, { seed: 8 });
    expect(outbound.data.to).toBe('sam@me.com');
  });

  it('builds a full group from a partial group override', () => {
    const event = buildIMessageEvent({ data: { group: { groupName: 'Book club' } } }, { seed: 9 });
    expect(event.data.group).toMatchObject({ isGroup: true, groupName: 'Book club' });
    expect(event.data.senderIdentifier).toBe(event.data.from);
  });
});

describe('e-mail identities outside iMessage', () => {
  it('are rejected on MMS (and SMS) with the path', () => {
    const mms = validationError(() => buildMmsEvent({ data: { from: 'jane.doe@icloud.com' } }, { seed: 1 }));
    expect(mms.problems.map((p) => p.message)).toEqual([
      'data.from: expected an E.164 phone number (+ then up to 15 digits), received "jane.doe@icloud.com"',
    ]);
    expect(() => buildSmsEvent({ data: { to: 'jane.doe@icloud.com' } }, { seed: 1 })).toThrow(/data\.to: expected an E\.164 phone number/);
    expect(() => buildWhatsAppEvent({ data: { from: 'jane.doe@icloud.com' } }, { seed: 1 })).toThrow(/data\.from: expected an E\.164 phone number/);
  });

  it('never come out of the MMS and WhatsApp builders', () => {
    for (let seed = 0; seed < 2_000; seed++) {
      expect(buildMmsEvent({}, { seed }).data.from).toMatch(/^\+/);
      expect(buildWhatsAppEvent({}, { seed }).data.from).toMatch(/^\+/);
    }
  });
});

describe('buildWhatsAppEvent realism', () => {
  it('quotes the agent’s last message in replyTo, or a line of the topic when there is none', () => {
    for (let seed = 0; seed < 300; seed++) {
      const event = buildWhatsAppEvent({}, { seed, optional: true, history: seed % 4 });
      const replyTo = event.data.replyTo!;
      expect(replyTo.messageId).toMatch(/^msg_[a-z0-9]{12}$/);
      expect(replyTo.mediaUrls).toEqual([]);
      const lastAgent = event.recentHistory.filter((h) => h.direction === 'outbound').at(-1);
      if (lastAgent !== undefined) expect(replyTo.message).toBe(lastAgent.content);
      else expect(replyTo.message!.length).toBeGreaterThan(0);
    }
  });

  it('merges a partial replyTo override into a full one', () => {
    const event = buildWhatsAppEvent({ data: { replyTo: { messageId: 'msg_quoted' } } }, { seed: 3 });
    expect(event.data.replyTo).toMatchObject({ messageId: 'msg_quoted', message: expect.any(String), mediaUrls: [] });
  });
});

describe('emailFor', () => {
  it('writes addresses from names, with accents and punctuation dropped', () => {
    const r = new Random(1);
    for (let i = 0; i < 200; i++) {
      const email = emailFor("Zoë-Anne", "O'Keefe", r.stream(`e.${i}`));
      expect(email).toMatch(/^[a-z0-9._]+@[a-z]+\.com$/);
      expect(email).toContain('okeefe');
    }
    expect(emailFor('李', '王', r.stream('x'))).toMatch(/^[a-z0-9._]+@/);
  });
});
