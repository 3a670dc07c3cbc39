import * as z from 'zod';
import { agentMessageEnvelopeShape, smsDataSchema } from './messaging.js';
import { E164_PATTERN, expected, idSchema } from './primitives.js';

/**
 * An absolute https URL: `https://`, a host name (or a bracketed IPv6 address), an optional port,
 * then an optional path, query or fragment without spaces. A regular expression rather than a
 * URL parser, so the exported JSON Schema carries exactly the same rule.
 *
 * @example
 * ```ts
 * HTTPS_URL_PATTERN.test('https://media.agentphone.ai/img.jpg'); // true
 * ```
 */
export const HTTPS_URL_PATTERN =
  /^https:\/\/(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?(?:[/?#]\S*)?$/;

/**
 * An https URL, as AgentPhone serves attachments (`https://media.agentphone.ai/…`). Any host is
 * accepted (a test server on `localhost` included); `http:` and other schemes are not.
 *
 * @example
 * ```ts
 * httpsUrlSchema.parse('https://media.agentphone.ai/img.jpg'); // ok
 * httpsUrlSchema.parse('http://media.agentphone.ai/img.jpg');  // throws: expected an https URL
 * ```
 */
export const httpsUrlSchema = z.string(expected('an https URL')).regex(HTTPS_URL_PATTERN, expected('an https URL'));

const E164_OR_EMAIL = 'an E.164 phone number or an e-mail address';
const E164_OR_EMAIL_PATTERN = new RegExp(`(?:${E164_PATTERN.source})|(?:${z.regexes.email.source})`);

/**
 * An iMessage identity: an E.164 phone number (`+15551234567`) or an e-mail address
 * (`jane.doe@icloud.com`). Apple IDs can be either, on the customer's side of a thread.
 *
 * @example
 * ```ts
 * e164OrEmailSchema.parse('jane.doe@icloud.com'); // ok
 * e164OrEmailSchema.parse('+15551234567');        // ok
 * e164OrEmailSchema.parse('jane');                // throws: expected an E.164 phone number or an e-mail address
 * ```
 */
export const e164OrEmailSchema = z
  .string(expected(E164_OR_EMAIL))
  .regex(E164_OR_EMAIL_PATTERN, expected(E164_OR_EMAIL));

/** `mediaUrl` and `mediaUrls` of a messaging channel that carries attachments. */
const mediaShape = {
  mediaUrl: httpsUrlSchema.nullable(),
  mediaUrls: z.array(httpsUrlSchema, expected('an array of https URLs')).optional(),
};

/**
 * Runs the first-attachment check whenever `data` is an object whose media fields are
 * well-formed, even if other fields failed, so every problem is reported at once.
 */
function mediaIsWellFormed(payload: z.core.ParsePayload): boolean {
  const value = payload.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return !payload.issues.some((issue) => issue.path?.[0] === 'mediaUrl' || issue.path?.[0] === 'mediaUrls');
}

/**
 * `mediaUrl` is the first attachment: when `mediaUrls` is present too, `mediaUrl` must be its
 * first entry (`null` when it is empty). Reported at `mediaUrl`.
 */
function checkFirstAttachment(data: { mediaUrl: string | null; mediaUrls?: string[] | undefined }, ctx: z.RefinementCtx): void {
  if (data.mediaUrls === undefined) return;
  const first = data.mediaUrls[0] ?? null;
  if (data.mediaUrl === first) return;
  ctx.addIssue({
    code: 'custom',
    path: ['mediaUrl'],
    input: data.mediaUrl,
    message:
      first === null
        ? 'expected null, as mediaUrls is empty (mediaUrl is the first attachment)'
        : `expected mediaUrls[0] ${JSON.stringify(first)} (mediaUrl is the first attachment)`,
  });
}

/**
 * `data` of an `agent.message` on the `mms` channel: the SMS fields, with `mediaUrl` required
 * (an https URL, or `null` when no media) and `mediaUrls` optional (every attachment; `[]` when
 * none). When both are present, `mediaUrl` must equal `mediaUrls[0]`. Unknown extra keys are kept.
 *
 * @example
 * ```ts
 * const data = mmsDataSchema.parse(event.data);
 * data.mediaUrl; // 'https://media.agentphone.ai/img.jpg'
 * ```
 */
export const mmsDataSchema = z
  .looseObject({ ...smsDataSchema.shape, ...mediaShape }, expected('an object'))
  .superRefine(checkFirstAttachment, { when: mediaIsWellFormed });

/**
 * A whole `agent.message` webhook on the `mms` channel.
 *
 * @example
 * ```ts
 * const event = mmsEventSchema.parse(JSON.parse(rawBody));
 * for (const url of event.data.mediaUrls ?? [event.data.mediaUrl]) if (url) await download(url);
 * ```
 */
export const mmsEventSchema = z.looseObject(
  {
    ...agentMessageEnvelopeShape,
    channel: z.literal('mms', expected('"mms"')),
    data: mmsDataSchema,
  },
  expected('an object'),
);

/**
 * One member of an iMessage group: an identity (phone or e-mail) and a display name, if known.
 *
 * @example
 * ```ts
 * imessageParticipantSchema.parse({ identifier: 'sam@icloud.com', name: null });
 * ```
 */
export const imessageParticipantSchema = z.looseObject(
  {
    identifier: e164OrEmailSchema,
    name: z.string(expected('a string or null')).nullable(),
  },
  expected('an object'),
);

/**
 * `data.group` of an iMessage group message (shape from third-party SDKs; the official adapter
 * names the field).
 *
 * @example
 * ```ts
 * imessageGroupSchema.parse({
 *   isGroup: true, groupId: 'grp_abc', groupName: 'Book club', groupIconUrl: null,
 *   participants: [{ identifier: '+15551234567', name: 'Jane Doe' }],
 * });
 * ```
 */
export const imessageGroupSchema = z.looseObject(
  {
    isGroup: z.literal(true, expected('true')),
    groupId: idSchema,
    groupName: z.string(expected('a string or null')).nullable(),
    groupIconUrl: z.string(expected('a URL string or null')).nullable(),
    participants: z.array(imessageParticipantSchema, expected('an array of participants')),
  },
  expected('an object'),
);

/**
 * `data` of an `agent.message` on the `imessage` channel: the SMS fields, with `from` and `to`
 * either E.164 numbers or e-mail addresses, `mediaUrl` required (https or `null`), and, in group
 * chats, `group` and `senderIdentifier` (the member who wrote). Unknown extra keys are kept.
 *
 * @example
 * ```ts
 * const data = imessageDataSchema.parse(event.data);
 * const who = data.group ? data.senderIdentifier : data.from;
 * ```
 */
export const imessageDataSchema = z
  .looseObject(
    {
      ...smsDataSchema.shape,
      from: e164OrEmailSchema,
      to: e164OrEmailSchema,
      ...mediaShape,
      group: imessageGroupSchema.optional(),
      senderIdentifier: e164OrEmailSchema.optional(),
    },
    expected('an object'),
  )
  .superRefine(checkFirstAttachment, { when: mediaIsWellFormed });

/**
 * A whole `agent.message` webhook on the `imessage` channel.
 *
 * @example
 * ```ts
 * const event = imessageEventSchema.parse(JSON.parse(rawBody));
 * event.data.from; // '+15551234567' or 'jane.doe@icloud.com'
 * ```
 */
export const imessageEventSchema = z.looseObject(
  {
    ...agentMessageEnvelopeShape,
    channel: z.literal('imessage', expected('"imessage"')),
    data: imessageDataSchema,
  },
  expected('an object'),
);

/**
 * `data.replyTo` of a WhatsApp message that quotes an earlier one (community Go SDK only;
 * unverified, so every field is optional).
 *
 * @example
 * ```ts
 * whatsappReplyToSchema.parse({ messageId: 'msg_abc', message: 'Your order has shipped!' });
 * ```
 */
export const whatsappReplyToSchema = z.looseObject(
  {
    messageId: idSchema.optional(),
    message: z.string(expected('a string')).optional(),
    mediaUrls: z.array(httpsUrlSchema, expected('an array of https URLs')).optional(),
  },
  expected('an object'),
);

/**
 * `data` of an `agent.message` on the `whatsapp` channel: the SMS fields, with `mediaUrl`
 * required (https or `null`) and, when the customer replied to a message, `replyTo`. Unknown
 * extra keys are kept.
 *
 * @example
 * ```ts
 * const data = whatsappDataSchema.parse(event.data);
 * if (data.replyTo) console.log('reply to', data.replyTo.messageId);
 * ```
 */
export const whatsappDataSchema = z
  .looseObject(
    {
      ...smsDataSchema.shape,
      ...mediaShape,
      replyTo: whatsappReplyToSchema.optional(),
    },
    expected('an object'),
  )
  .superRefine(checkFirstAttachment, { when: mediaIsWellFormed });

/**
 * A whole `agent.message` webhook on the `whatsapp` channel.
 *
 * @example
 * ```ts
 * const event = whatsappEventSchema.parse(JSON.parse(rawBody));
 * event.data.message; // string
 * ```
 */
export const whatsappEventSchema = z.looseObject(
  {
    ...agentMessageEnvelopeShape,
    channel: z.literal('whatsapp', expected('"whatsapp"')),
    data: whatsappDataSchema,
  },
  expected('an object'),
);

/**
 * `data` of an MMS `agent.message`.
 *
 * @example
 * ```ts
 * const data: MmsData = event.data;
 * ```
 */
export type MmsData = z.infer<typeof mmsDataSchema>;
/**
 * An `agent.message` webhook on the `mms` channel.
 *
 * @example
 * ```ts
 * const event: MmsEvent = buildMmsEvent({ data: { message: "Here's the receipt" } });
 * ```
 */
export type MmsEvent = z.infer<typeof mmsEventSchema>;
/**
 * One member of an iMessage group.
 *
 * @example
 * ```ts
 * const member: IMessageParticipant = { identifier: '+15551234567', name: null };
 * ```
 */
export type IMessageParticipant = z.infer<typeof imessageParticipantSchema>;
/**
 * `data.group` of an iMessage group message.
 *
 * @example
 * ```ts
 * const group: IMessageGroup | undefined = event.data.group;
 * ```
 */
export type IMessageGroup = z.infer<typeof imessageGroupSchema>;
/**
 * `data` of an iMessage `agent.message`.
 *
 * @example
 * ```ts
 * const data: IMessageData = event.data;
 * ```
 */
export type IMessageData = z.infer<typeof imessageDataSchema>;
/**
 * An `agent.message` webhook on the `imessage` channel.
 *
 * @example
 * ```ts
 * const event: IMessageEvent = buildIMessageEvent({ data: { from: 'jane.doe@icloud.com' } });
 * ```
 */
export type IMessageEvent = z.infer<typeof imessageEventSchema>;
/**
 * `data.replyTo` of a WhatsApp reply.
 *
 * @example
 * ```ts
 * const quoted: WhatsAppReplyTo | undefined = event.data.replyTo;
 * ```
 */
export type WhatsAppReplyTo = z.infer<typeof whatsappReplyToSchema>;
/**
 * `data` of a WhatsApp `agent.message`.
 *
 * @example
 * ```ts
 * const data: WhatsAppData = event.data;
 * ```
 */
export type WhatsAppData = z.infer<typeof whatsappDataSchema>;
/**
 * An `agent.message` webhook on the `whatsapp` channel.
 *
 * @example
 * ```ts
 * const event: WhatsAppEvent = buildWhatsAppEvent({ data: { message: 'Is the shop open Sunday?' } });
 * ```
 */
export type WhatsAppEvent = z.infer<typeof whatsappEventSchema>;
