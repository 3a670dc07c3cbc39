import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { safeParseFast } from '../../src/schemas/fast-parse.js';
import { toProblems } from '../../src/schemas/problems.js';
import { REACTION_TYPES, reactionDataSchema, reactionEventSchema, reactionTypeSchema, type ReactionEvent } from '../../src/schemas/reaction.js';

const dir = join(import.meta.dirname, '../fixtures/agentphone-examples');
const examples = readdirSync(dir).filter((f) => /^agent\.reaction\..*\.json$/.test(f));
const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
const adapter = read('agent.reaction.imessage.chat-sdk-adapter-fixture.json') as unknown as ReactionEvent;

function problemsOf(schema: z.ZodType, input: unknown): string[] {
  const result = safeParseFast(schema, input);
  if (result.success) throw new Error('expected a failure');
  return toProblems(result.error.issues).map((p) => p.message);
}

function withData(data: Record<string, unknown>): Record<string, unknown> {
  return { ...adapter, data: { ...adapter.data, ...data } };
}

describe('reactionEventSchema', () => {
  it('has the published reaction example to check', () => {
    expect(examples).toEqual(['agent.reaction.imessage.chat-sdk-adapter-fixture.json']);
  });

  it.each(examples)('parses %s, keeping every key', (file) => {
    const raw = read(file);
    expect(reactionEventSchema.parse(raw)).toEqual(raw);
  });

  it('keeps unknown extra keys', () => {
    const extended = { ...adapter, extra: true, data: { ...adapter.data, emoji: '❤️' } };
    expect(reactionEventSchema.parse(extended)).toEqual(extended);
  });

  it('accepts every published reaction type and nothing else', () => {
    for (const reactionType of REACTION_TYPES) {
      expect(reactionEventSchema.safeParse(withData({ reactionType })).success, reactionType).toBe(true);
    }
    expect(problemsOf(reactionEventSchema, withData({ reactionType: '👍' }))).toEqual([
      'data.reactionType: expected one of "love", "like", "dislike", "laugh", "emphasize", "question", received "👍"',
    ]);
    expect(reactionTypeSchema.safeParse('Love').success).toBe(false);
  });

  it('accepts imessage and whatsapp, and rejects a reaction on sms (or voice) at channel', () => {
    expect(reactionEventSchema.safeParse({ ...adapter, channel: 'whatsapp' }).success).toBe(true);
    for (const channel of ['sms', 'mms', 'voice']) {
      expect(problemsOf(reactionEventSchema, { ...adapter, channel })).toEqual([
        `channel: expected "imessage" or "whatsapp" (agent.reaction is not sent on sms, mms or voice), received "${channel}"`,
      ]);
    }
  });

  it('wants fromNumber, not from', () => {
    const { fromNumber, ...rest } = adapter.data;
    expect(problemsOf(reactionEventSchema, { ...adapter, data: { ...rest, from: fromNumber } })).toEqual([
      'data.fromNumber: expected an E.164 phone number (+ then up to 15 digits), received missing',
    ]);
  });

  it('accepts the nulls the official adapter types allow', () => {
    const nulls = withData({ conversationId: null, numberId: null, messageBody: null, messageMediaUrl: null });
    expect(reactionEventSchema.parse(nulls)).toEqual(nulls);
    const { messageMediaUrls: _m, ...withoutUrls } = adapter.data;
    expect(reactionDataSchema.safeParse(withoutUrls).success).toBe(true);
  });

  it('reports wrong types with the house wording', () => {
    expect(
      problemsOf(
        reactionEventSchema,
        withData({ messageId: '', direction: 'web', messageMediaUrls: 'https://x', createdAt: '2025-06-01', messageBody: 1 }),
      ),
    ).toEqual([
      'data.direction: expected "inbound" or "outbound", received "web"',
      'data.messageId: expected a non-empty ID string, received "" (length 0)',
      'data.messageBody: expected a string or null, received 1',
      'data.messageMediaUrls: expected an array of URL strings, received "https://x"',
      'data.createdAt: expected an ISO-8601 timestamp with Z or an offset, received "2025-06-01"',
    ]);
  });

  it('allows conversationState and recentHistory, and checks them when present', () => {
    const withContext = { ...adapter, conversationState: { vip: true }, recentHistory: [] };
    expect(reactionEventSchema.parse(withContext)).toEqual(withContext);
    expect(problemsOf(reactionEventSchema, { ...adapter, recentHistory: [{ content: 'Hi' }] })).toEqual([
      'recentHistory[0].direction: expected "inbound" or "outbound", received missing',
      'recentHistory[0].channel: expected one of "sms", "mms", "imessage", "whatsapp", "voice", received missing',
      'recentHistory[0].at: expected an ISO-8601 timestamp, received missing',
    ]);
  });
});
