import { FixtureOptionError } from '../errors.js';
import type { Random } from '../random/random.js';
import type { Stream } from '../random/rng.js';
import {
  imessageEventSchema,
  mmsEventSchema,
  whatsappEventSchema,
  type IMessageEvent,
  type IMessageGroup,
  type MmsEvent,
  type WhatsAppEvent,
  type WhatsAppReplyTo,
} from '../schemas/channels.js';
import type { HistoryEntry } from '../schemas/history.js';
import type { Contact } from '../schemas/messaging.js';
import { E164_PATTERN, type Direction } from '../schemas/primitives.js';
import { Slots, conversationState, pickTopic, singleLine } from './conversation-text.js';
import type { Topic } from './corpus.js';
import { agentIdentity, eventTime, fixtureRandoms, mergeEventOverrides } from './event-common.js';
import { buildThread } from './history.js';
import { makeId } from './ids.js';
import { resolveOptions, type BuildOptions, type ResolvedOptions } from './options.js';
import { overrideAt, type Overrides } from './overrides.js';
import { customerPhone } from './phones.js';
import { validateFixture } from './validate.js';

/**
 * Options of the MMS, iMessage and WhatsApp builders: the common {@link BuildOptions} and
 * `optional`, which adds the fields only some sources document.
 *
 * @example
 * ```ts
 * buildIMessageEvent({}, { seed: 3, optional: true }).data.group?.participants;
 * ```
 */
export interface MessagingBuildOptions extends BuildOptions {
  /**
   * Also emit the optional fields of the channel: `messageId`, `contact` and `mediaUrls` on
   * every messaging channel, `group` and `senderIdentifier` on iMessage, `replyTo` on WhatsApp,
   * and `messageId` on each `recentHistory` entry (plus `senderIdentifier` in iMessage groups).
   * Without it the builders emit the documented required set only; an optional field you
   * override is emitted either way.
   * @default false
   */
  optional?: boolean | undefined;
}

/**
 * @internal Options after checking, with `optional`. The `…With` builders also take plain
 * {@link ResolvedOptions} (no optional fields), so callers that resolve options themselves, such
 * as `createFixtures`, work unchanged.
 */
export interface ResolvedMessagingOptions extends ResolvedOptions {
  readonly optional?: boolean | undefined;
}

/** @internal Checks and fills in the messaging options, with a bound set's defaults underneath. */
export function resolveMessagingOptions(
  options: MessagingBuildOptions | undefined,
  base?: Partial<ResolvedMessagingOptions>,
): ResolvedMessagingOptions & { readonly optional: boolean } {
  const resolved = resolveOptions(options, base);
  const optional = options?.optional ?? base?.optional ?? false;
  if (typeof optional !== 'boolean') throw new FixtureOptionError('optional', 'true or false', optional);
  return { ...resolved, optional };
}

const MEDIA_HOST = 'https://media.agentphone.ai/';
const MEDIA_NAME_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** What phones attach: mostly camera photos (JPEG, HEIC from iPhones), screenshots (PNG), a GIF now and then. */
const IMAGE_TYPES = [
  ['jpg', 11],
  ['heic', 4],
  ['png', 4],
  ['gif', 1],
] as const;

/** @internal One attachment URL on AgentPhone's media host (`https://media.agentphone.ai/<name>.jpg`). */
export function mediaUrlFrom(r: Stream): string {
  return `${MEDIA_HOST}${r.chars(MEDIA_NAME_ALPHABET, 24)}.${r.weighted(IMAGE_TYPES)}`;
}

/** Attachments of one message: mostly one, sometimes two or three. */
function attachmentUrls(rand: Random): string[] {
  const count = rand.stream('media.count').weighted([
    [1, 16],
    [2, 3],
    [3, 1],
  ]);
  return Array.from({ length: count }, (_, i) => mediaUrlFrom(rand.stream(`media.${i}`)));
}

/** What customers write under a photo, per topic. */
const MEDIA_CAPTIONS: Readonly<Record<string, readonly string[]>> = {
  'order-status': [
    "Here's a photo of the label",
    'This is what the tracking page shows',
    'Box showed up like this 😕',
    'This came instead, not my order',
  ],
  refund: [
    "Here's a photo of the damage",
    'This is how the {product} arrived',
    'Photo of the receipt',
    'It came cracked, see pic',
  ],
  appointment: ["Here's my insurance card", 'Front and back of my insurance card', 'Screenshot of my confirmation'],
  billing: ["Here's a screenshot of the charge", 'This is the charge on my statement', 'Screenshot from my bank app'],
  support: ["Here's a screenshot of the error", 'This is what the screen shows', 'Screenshot of the login page'],
  greeting: ['Saw this on your page, do you still have it?', 'Is this you? Found your flyer', 'Do you do this?'],
};
/** Captions that fit any photo. */
const ANY_CAPTIONS = ['Here you go', 'See attached', 'Photo attached', "Here's the pic", 'Sending a photo'] as const;

/**
 * The text of a message with attachments: a customer's caption ("Here's a photo of the
 * damage"), the line they would have texted anyway, or nothing (media only). The agent's own
 * messages keep their reply.
 */
function messageWithMedia(rand: Random, topic: Topic, slots: Slots, current: string, direction: Direction): string {
  if (direction === 'outbound') return current;
  const r = rand.stream('media.message');
  const roll = r.next();
  if (roll < 0.15) return '';
  if (roll < 0.45) return current;
  const captions = MEDIA_CAPTIONS[topic.name];
  return slots.fill(r.pick(captions !== undefined && r.chance(0.75) ? captions : ANY_CAPTIONS));
}

/** @internal Opting out is a text: no photo comes with a STOP. */
export const allowsMedia = (topic: Topic): boolean => topic.name !== 'opt-out';

/** Latin letters of a name, lower case, for an e-mail address ("O'Keefe" → "okeefe"). */
function asciiName(name: string, fallback: string): string {
  const letters = name.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  return letters === '' ? fallback : letters;
}

const EMAIL_DOMAINS = [
  ['icloud.com', 10],
  ['gmail.com', 4],
  ['me.com', 3],
  ['mac.com', 1],
  ['yahoo.com', 1],
  ['outlook.com', 1],
] as const;

/** @internal An e-mail address built from a person's name, as Apple IDs usually are. */
export function emailFor(first: string, last: string, r: Stream): string {
  const f = asciiName(first, 'me');
  const l = asciiName(last, 'mail');
  const local = r.weighted([
    [`${f}.${l}`, 5],
    [`${f}${l}`, 3],
    [`${f.charAt(0)}${l}`, 2],
    [`${f}${l}${r.int(1, 99)}`, 2],
    [`${f}_${l}`, 1],
  ]);
  return `${local}@${r.weighted(EMAIL_DOMAINS)}`;
}

/** The override at `data.<key>` if it is a string. */
function overriddenString(overrides: unknown, key: string): string | undefined {
  const value = overrideAt(overrides, 'data', key);
  return typeof value === 'string' ? value : undefined;
}

/** Whether `data.<key>` is overridden with a plain object (so a full default is merged into). */
function overriddenObject(overrides: unknown, key: string): boolean {
  const value = overrideAt(overrides, 'data', key);
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type MessagingChannel = 'sms' | 'mms' | 'imessage' | 'whatsapp';

/** What every messaging event shares: the thread, the agent, the customer, who sends. */
/** @internal What every messaging builder draws before it shapes its own event. */
export interface MessagingBase {
  readonly rand: Random;
  readonly timestamp: string;
  readonly topic: Topic;
  readonly slots: Slots;
  readonly direction: Direction;
  readonly agentId: string;
  readonly numberId: string;
  readonly agentNumber: string;
  /** The customer's phone number as drawn (a contact card's number). */
  readonly customerPhone: string;
  /** The customer's side of the thread: `data.from` inbound, `data.to` outbound (overrides followed). */
  readonly customer: string;
  readonly from: string;
  readonly to: string;
  readonly entries: HistoryEntry[];
  readonly current: string;
}

/**
 * The part of buildSmsEvent every messaging channel shares, on `channel`: the same seeded
 * streams, clock, thread (with history entries on `channel`) and agent identity. `customerIdentity`
 * may turn the drawn phone into another identity (an iMessage e-mail address). Overridden
 * `from`/`to` are followed, so fields that name the customer (contact, group) agree with them.
 */
/** @internal Draws the agent, the customer, the time and the thread of a messaging event. */
export function messagingBase(
  channel: MessagingChannel,
  overrides: unknown,
  o: ResolvedOptions,
  identitySeed: number,
  customerIdentity?: (phone: string, rand: Random, slots: Slots) => string,
): MessagingBase {
  const { rand, identity } = fixtureRandoms(o.seed, identitySeed);
  const { timestamp, ms } = eventTime(overrides, o.nowMs);
  // An MMS carries a photo: never on an opt-out thread.
  const topic = pickTopic(rand, 'topic', channel === 'mms' ? allowsMedia : undefined);
  const slots = new Slots(rand, identity);
  const count = o.history ?? rand.stream('history.count').int(0, 4);
  const agent = agentIdentity(identity);
  const phone = customerPhone(rand.stream('from'));
  const drawn = customerIdentity === undefined ? phone : customerIdentity(phone, rand, slots);
  // An overridden direction decides who speaks: an outbound message is the agent's reply, sent
  // from the agent's number.
  const direction: Direction = overrideAt(overrides, 'data', 'direction') === 'outbound' ? 'outbound' : 'inbound';
  const outbound = direction === 'outbound';
  const customer = overriddenString(overrides, outbound ? 'to' : 'from') ?? drawn;
  const { entries, current } = buildThread(rand, slots, topic, channel, count, ms, direction);
  return {
    rand,
    timestamp,
    topic,
    slots,
    direction,
    agentId: agent.agentId,
    numberId: agent.numberId,
    agentNumber: agent.agentNumber,
    customerPhone: phone,
    customer,
    from: outbound ? (overriddenString(overrides, 'from') ?? agent.agentNumber) : customer,
    to: outbound ? customer : (overriddenString(overrides, 'to') ?? agent.agentNumber),
    entries,
    current,
  };
}

/** The sender's saved contact (or `null` when not saved); an object when `contact` is overridden with one. */
function contactFor(b: MessagingBase, overrides: unknown): Contact | null {
  const r = b.rand.stream('contact');
  const saved = r.chance(0.7);
  const withEmail = r.chance(0.5);
  if (!saved && !overriddenObject(overrides, 'contact')) return null;
  const first = b.slots.get('first');
  const last = b.slots.get('last');
  return {
    id: makeId('contact', b.rand.stream('contact.id')),
    name: `${first} ${last}`,
    email: b.customer.includes('@') ? b.customer : withEmail ? emailFor(first, last, b.rand.stream('contact.email')) : null,
    phoneNumber: E164_PATTERN.test(b.customer) ? b.customer : b.customerPhone,
  };
}

/** History entries with their optional `messageId` (and `senderIdentifier` in a group). */
function withEntryIds(b: MessagingBase, group: boolean): HistoryEntry[] {
  return b.entries.map((entry, i) => {
    const messageId = makeId('msg', b.rand.stream(`history.${i}.messageId`));
    if (!group) return { messageId, ...entry };
    return { messageId, ...entry, senderIdentifier: entry.direction === 'inbound' ? b.customer : b.agentNumber };
  });
}

/** `mediaUrl` and the optional `mediaUrls` of a message, kept consistent with an overridden `mediaUrl`. */
function mediaFields(urls: string[], overrides: unknown, withAll: boolean): { mediaUrl: string | null; mediaUrls?: string[] } {
  const overridden = overrideAt(overrides, 'data', 'mediaUrl');
  // mediaUrl is the first attachment: a new one takes the first place, null empties the list.
  const all = overridden === null ? [] : typeof overridden === 'string' ? [overridden, ...urls.slice(1)] : urls;
  const mediaUrl = all[0] ?? null;
  return withAll || overrideAt(overrides, 'data', 'mediaUrls') !== undefined ? { mediaUrl, mediaUrls: all } : { mediaUrl };
}

/**
 * Merges the overrides, with the rules of buildSmsEvent: `conversationState` is replaced whole,
 * and an overridden `mediaUrls` moves `mediaUrl` with it (its first entry) unless `mediaUrl` is
 * overridden too. Then validates.
 */
function finish<T extends MmsEvent | IMessageEvent | WhatsAppEvent>(
  builder: string,
  schema: typeof mmsEventSchema | typeof imessageEventSchema | typeof whatsappEventSchema,
  event: T,
  overrides: unknown,
  o: ResolvedOptions,
): T {
  const merged = mergeEventOverrides(event, overrides);
  const urls = overrideAt(overrides, 'data', 'mediaUrls');
  if (Array.isArray(urls) && overrideAt(overrides, 'data', 'mediaUrl') === undefined) {
    const first: unknown = urls[0];
    merged.data.mediaUrl = typeof first === 'string' ? first : null;
  }
  return o.validate ? validateFixture(builder, schema, merged) : merged;
}

/**
 * The event every messaging channel shares, with the channel's own `data` fields after
 * `receivedAt` (`tail`). Every value is drawn from its own path, so the order of calls here does
 * not change any output.
 */
function messagingEvent(
  channel: 'mms' | 'imessage' | 'whatsapp',
  b: MessagingBase,
  overrides: unknown,
  optional: boolean,
  message: string,
  media: Record<string, unknown>,
  tail: Record<string, unknown>,
  historyInGroup: boolean,
): Record<string, unknown> {
  return {
    event: 'agent.message',
    channel,
    timestamp: b.timestamp,
    agentId: b.agentId,
    data: {
      ...(optional ? { messageId: makeId('msg', b.rand.stream('messageId')) } : {}),
      conversationId: makeId('conv', b.rand.stream('conversationId')),
      numberId: b.numberId,
      from: b.from,
      to: b.to,
      ...(optional || overrideAt(overrides, 'data', 'contact') !== undefined ? { contact: contactFor(b, overrides) } : {}),
      message,
      ...media,
      direction: b.direction,
      receivedAt: b.timestamp,
      ...tail,
    },
    conversationState: conversationState(b.rand, b.topic, b.slots),
    recentHistory: optional ? withEntryIds(b, historyInGroup) : b.entries,
  };
}

/** @internal buildMmsEvent with resolved options and the seed of the agent's identity. */
export function mmsEventWith(overrides: Overrides<MmsEvent> | undefined, o: ResolvedMessagingOptions, identitySeed: number): MmsEvent {
  const optional = o.optional === true;
  const b = messagingBase('mms', overrides, o, identitySeed);
  const media = mediaFields(attachmentUrls(b.rand), overrides, optional);
  const message = messageWithMedia(b.rand, b.topic, b.slots, b.current, b.direction);
  const event = messagingEvent('mms', b, overrides, optional, message, media, {}, false) as MmsEvent;
  return finish('buildMmsEvent', mmsEventSchema, event, overrides, o);
}

/** @internal The customer's iMessage identity: their number, or (15%) an Apple ID e-mail built from their name. */
export function imessageIdentity(phone: string, rand: Random, slots: Slots): string {
  if (!rand.stream('identity.email').chance(0.15)) return phone;
  return emailFor(slots.get('first'), slots.get('last'), rand.stream('identity.email.address'));
}

const GROUP_NAMES = ['Family', 'Book club', 'Roommates', 'Soccer parents', '{last} family', 'Trip planning 🏝️', 'Work crew', 'Neighbors'];

/** An iMessage group with the customer and one to four others, some known by name only by number. */
function imessageGroup(b: MessagingBase): IMessageGroup {
  const r = b.rand.stream('group');
  const others = r.int(1, 4);
  const participants: IMessageGroup['participants'] = [
    { identifier: b.customer, name: `${b.slots.get('first')} ${b.slots.get('last')}` },
  ];
  for (let i = 0; i < others; i++) {
    const person = b.rand.faker(`group.participant.${i}`).person;
    const first = person.firstName();
    const last = person.lastName();
    const p = b.rand.stream(`group.participant.${i}`);
    const identifier = p.chance(0.2) ? emailFor(first, last, p) : customerPhone(p);
    participants.push({ identifier, name: p.chance(0.7) ? `${first} ${last}` : null });
  }
  return {
    isGroup: true,
    groupId: makeId('grp', b.rand.stream('group.id')),
    groupName: r.chance(0.6) ? b.slots.fill(r.pick(GROUP_NAMES)) : null,
    groupIconUrl: r.chance(0.2) ? mediaUrlFrom(b.rand.stream('group.icon')) : null,
    participants,
  };
}

/** @internal buildIMessageEvent with resolved options and the seed of the agent's identity. */
export function imessageEventWith(
  overrides: Overrides<IMessageEvent> | undefined,
  o: ResolvedMessagingOptions,
  identitySeed: number,
): IMessageEvent {
  const optional = o.optional === true;
  const b = messagingBase('imessage', overrides, o, identitySeed, imessageIdentity);
  const hasMedia = allowsMedia(b.topic) && b.rand.stream('media').chance(0.1);
  const media = mediaFields(hasMedia ? attachmentUrls(b.rand) : [], overrides, optional);
  const group = optional || overrideAt(overrides, 'data', 'group') !== undefined;
  const message = hasMedia ? messageWithMedia(b.rand, b.topic, b.slots, b.current, b.direction) : b.current;
  const tail = {
    ...(group ? { group: imessageGroup(b) } : {}),
    ...(group || overrideAt(overrides, 'data', 'senderIdentifier') !== undefined ? { senderIdentifier: b.from } : {}),
  };
  const event = messagingEvent('imessage', b, overrides, optional, message, media, tail, group) as IMessageEvent;
  return finish('buildIMessageEvent', imessageEventSchema, event, overrides, o);
}

/** The message a WhatsApp reply quotes: the other side's last line in the thread, or a line of the topic. */
function replyToFor(b: MessagingBase): WhatsAppReplyTo {
  const quotedSide: Direction = b.direction === 'inbound' ? 'outbound' : 'inbound';
  let quoted: HistoryEntry | undefined;
  for (const entry of b.entries) if (entry.direction === quotedSide) quoted = entry;
  return {
    messageId: makeId('msg', b.rand.stream('replyTo.messageId')),
    message: quoted?.content ?? singleLine(b.rand, b.topic, false, b.slots, quotedSide),
    mediaUrls: [],
  };
}

/** @internal buildWhatsAppEvent with resolved options and the seed of the agent's identity. */
export function whatsappEventWith(
  overrides: Overrides<WhatsAppEvent> | undefined,
  o: ResolvedMessagingOptions,
  identitySeed: number,
): WhatsAppEvent {
  const optional = o.optional === true;
  const b = messagingBase('whatsapp', overrides, o, identitySeed);
  const hasMedia = allowsMedia(b.topic) && b.rand.stream('media').chance(0.1);
  const media = mediaFields(hasMedia ? attachmentUrls(b.rand) : [], overrides, optional);
  const message = hasMedia ? messageWithMedia(b.rand, b.topic, b.slots, b.current, b.direction) : b.current;
  const tail = optional || overrideAt(overrides, 'data', 'replyTo') !== undefined ? { replyTo: replyToFor(b) } : {};
  const event = messagingEvent('whatsapp', b, overrides, optional, message, media, tail, false) as WhatsAppEvent;
  return finish('buildWhatsAppEvent', whatsappEventSchema, event, overrides, o);
}

/**
 * Builds an `agent.message` webhook on the `mms` channel: a customer's photo (one to three
 * `https://media.agentphone.ai/…` images, `.jpg`, `.heic`, `.png` or `.gif`) with a caption that
 * fits it ("Here's a photo of the damage"), the line they would have texted, or no text at all,
 * and the conversation's earlier turns in `recentHistory` (channel `mms`, oldest first, all before
 * `timestamp`). `mediaUrl` is always the first attachment.
 *
 * @param overrides Any part of the event; objects merge, arrays replace, `null` sets null. A new
 *   `timestamp` also moves `data.receivedAt` and keeps history before it; a new `data.mediaUrls`
 *   moves `data.mediaUrl` to its first entry.
 * @param options `seed`, `now`, `history` (0–50 entries), `validate`, and `optional` (also emit
 *   `messageId`, `contact`, `mediaUrls` and history `messageId`s).
 * @returns A valid `MmsEvent`.
 * @throws {FixtureValidationError} when overrides make the event invalid (unless `validate: false`).
 * @throws {FixtureOptionError} when an option is out of range.
 * @example
 * ```ts
 * const event = buildMmsEvent({ data: { message: "Here's the receipt" } }, { seed: 7 });
 * event.data.mediaUrl; // e.g. 'https://media.agentphone.ai/3k9x…q2.jpg'
 * await handler(event);
 * ```
 */
export function buildMmsEvent(overrides?: Overrides<MmsEvent>, options?: MessagingBuildOptions): MmsEvent {
  const o = resolveMessagingOptions(options);
  return mmsEventWith(overrides, o, o.seed);
}

/**
 * Builds an `agent.message` webhook on the `imessage` channel: a customer's iMessage to the
 * agent's number, from their phone number or (about one in seven) their Apple ID e-mail address,
 * with the earlier turns in `recentHistory` (channel `imessage`). With `optional: true` it is a
 * group message (`group`, `senderIdentifier`) with `messageId`, `contact` and `mediaUrls`.
 *
 * @param overrides Any part of the event; objects merge, arrays replace, `null` sets null. An
 *   overridden `data.from` (or `data.to` on an outbound message) also names the customer in
 *   `contact` and `group`.
 * @param options `seed`, `now`, `history` (0–50 entries), `validate`, `optional`.
 * @returns A valid `IMessageEvent`.
 * @throws {FixtureValidationError} when overrides make the event invalid (unless `validate: false`).
 * @throws {FixtureOptionError} when an option is out of range.
 * @example
 * ```ts
 * const event = buildIMessageEvent({ data: { from: 'jane.doe@icloud.com' } }, { seed: 2 });
 * const group = buildIMessageEvent({}, { seed: 2, optional: true }).data.group; // { isGroup: true, … }
 * ```
 */
export function buildIMessageEvent(overrides?: Overrides<IMessageEvent>, options?: MessagingBuildOptions): IMessageEvent {
  const o = resolveMessagingOptions(options);
  return imessageEventWith(overrides, o, o.seed);
}

/**
 * Builds an `agent.message` webhook on the `whatsapp` channel: a customer's WhatsApp message to
 * the agent's number, with the earlier turns in `recentHistory` (channel `whatsapp`). With
 * `optional: true` it also carries `messageId`, `contact`, `mediaUrls` and a `replyTo` quoting
 * the agent's last message.
 *
 * @param overrides Any part of the event; objects merge, arrays replace, `null` sets null.
 * @param options `seed`, `now`, `history` (0–50 entries), `validate`, `optional`.
 * @returns A valid `WhatsAppEvent`.
 * @throws {FixtureValidationError} when overrides make the event invalid (unless `validate: false`).
 * @throws {FixtureOptionError} when an option is out of range.
 * @example
 * ```ts
 * const event = buildWhatsAppEvent({ data: { replyTo: { messageId: 'msg_abc' } } }, { seed: 5 });
 * event.data.replyTo?.message; // the agent line being answered
 * ```
 */
export function buildWhatsAppEvent(overrides?: Overrides<WhatsAppEvent>, options?: MessagingBuildOptions): WhatsAppEvent {
  const o = resolveMessagingOptions(options);
  return whatsappEventWith(overrides, o, o.seed);
}
