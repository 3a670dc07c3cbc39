import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import {
  callEndedDataSchema,
  callEndedEventSchema,
  transcriptTurnSchema,
  type CallEndedEvent,
} from '../../src/schemas/call-ended.js';
import { safeParseFast } from '../../src/schemas/fast-parse.js';
import { toProblems } from '../../src/schemas/problems.js';

const dir = join(import.meta.dirname, '../fixtures/agentphone-examples');
const examples = readdirSync(dir).filter((f) => /^agent\.call_ended\..*\.json$/.test(f));
const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
const adapter = read('agent.call_ended.voice.chat-sdk-adapter-fixture.json') as unknown as CallEndedEvent;

/** Problems as `path: expected …, received …` lines, the way parse errors report them. */
function problemsOf(schema: z.ZodType, input: unknown): string[] {
  const result = safeParseFast(schema, input);
  if (result.success) throw new Error('expected a failure');
  return toProblems(result.error.issues).map((p) => p.message);
}

function withData(data: Record<string, unknown>): Record<string, unknown> {
  return { ...adapter, data: { ...adapter.data, ...data } };
}

describe('callEndedEventSchema', () => {
  it('has both published call_ended examples to check', () => {
    expect(examples).toEqual([
      'agent.call_ended.voice.agentphone-go-test.json',
      'agent.call_ended.voice.chat-sdk-adapter-fixture.json',
    ]);
  });

  it.each(examples)('parses %s, keeping every key', (file) => {
    const raw = read(file);
    expect(callEndedEventSchema.parse(raw)).toEqual(raw);
  });

  it('keeps unknown extra keys at every level', () => {
    const extended = {
      ...adapter,
      deliveryAttempt: 2,
      data: {
        ...adapter.data,
        recordingUrl: 'https://cdn.example.com/rec.mp3',
        transcript: adapter.data.transcript.map((t, i) => ({ ...t, startSeconds: i * 10 })),
      },
    };
    expect(callEndedEventSchema.parse(extended)).toEqual(extended);
  });

  it('rejects a voice agent.message-style string transcript at data.transcript', () => {
    expect(problemsOf(callEndedEventSchema, withData({ transcript: 'I need help with my order' }))).toEqual([
      'data.transcript: expected an array of { role, content } turns (a string transcript belongs to voice agent.message), received "I need help with my order"',
    ]);
    // A voice agent.message body relabelled as call_ended fails at its transcript among others.
    const voice = read('agent.message.voice.webhooks-guide.json');
    const problems = problemsOf(callEndedEventSchema, { ...voice, event: 'agent.call_ended' });
    expect(problems).toContain(
      'data.transcript: expected an array of { role, content } turns (a string transcript belongs to voice agent.message), received "I need help with my order"',
    );
    expect(problems).toContain('data.startedAt: expected an ISO-8601 timestamp, received missing');
  });

  it('checks each turn: role agent | user, content a string', () => {
    expect(problemsOf(callEndedEventSchema, withData({ transcript: [{ role: 'assistant', content: 'Hi' }, { role: 'user' }, 'Hi'] }))).toEqual([
      'data.transcript[0].role: expected "agent" or "user", received "assistant"',
      'data.transcript[1].content: expected a string, received missing',
      'data.transcript[2]: expected an object, received "Hi"',
    ]);
    expect(transcriptTurnSchema.parse({ role: 'agent', content: '' })).toEqual({ role: 'agent', content: '' });
    expect(callEndedEventSchema.safeParse(withData({ transcript: [] })).success).toBe(true);
  });

  it('does not cross-check timing: a real delivery is never rejected over rounding', () => {
    expect(callEndedEventSchema.safeParse(withData({ durationSeconds: 30 })).success).toBe(true);
    expect(callEndedEventSchema.safeParse(withData({ endedAt: '2025-06-01T10:04:00Z', durationSeconds: 0 })).success).toBe(true);
  });

  it('reports an invalid time as one clear problem', () => {
    expect(problemsOf(callEndedEventSchema, withData({ endedAt: 'later', durationSeconds: 1 }))).toEqual([
      'data.endedAt: expected an ISO-8601 timestamp with Z or an offset, received "later"',
    ]);
  });

  it('wants durationSeconds a whole number, 0 or more', () => {
    expect(problemsOf(callEndedEventSchema, withData({ durationSeconds: -1 }))).toEqual([
      'data.durationSeconds: expected a whole number of seconds, 0 or more, received -1',
    ]);
    expect(problemsOf(callEndedEventSchema, withData({ durationSeconds: 299.5 }))).toEqual([
      'data.durationSeconds: expected a whole number of seconds, 0 or more, received 299.5',
    ]);
    expect(problemsOf(callEndedEventSchema, withData({ durationSeconds: '300' }))).toEqual([
      'data.durationSeconds: expected a whole number of seconds, 0 or more, received "300"',
    ]);
  });

  it('accepts null numberId, web calls, and null or absent analysis fields', () => {
    const { contact: _c, disconnectionReason: _d, summary: _s, userSentiment: _u, callSuccessful: _k, ...required } = adapter.data;
    expect(callEndedEventSchema.safeParse({ ...adapter, data: required }).success).toBe(true);
    const nulls = withData({
      numberId: null,
      direction: 'web',
      contact: null,
      disconnectionReason: null,
      summary: null,
      userSentiment: null,
      callSuccessful: null,
    });
    expect(callEndedEventSchema.parse(nulls)).toEqual(nulls);
    const contact = { id: 'contact_abc', name: 'Jane Doe', email: null, phoneNumber: '+15551234567' };
    expect(callEndedDataSchema.parse({ ...adapter.data, contact }).contact).toEqual(contact);
  });

  it('reports wrong types with the house wording', () => {
    expect(
      problemsOf(
        callEndedEventSchema,
        withData({ numberId: '', direction: 'sideways', status: '', callSuccessful: 'yes', summary: 3, from: '555' }),
      ),
    ).toEqual([
      'data.numberId: expected a non-empty ID string or null, received "" (length 0)',
      'data.from: expected an E.164 phone number (+ then up to 15 digits), received "555"',
      'data.direction: expected "inbound", "outbound" or "web", received "sideways"',
      'data.status: expected a non-empty status string, received "" (length 0)',
      'data.summary: expected a string or null, received 3',
      'data.callSuccessful: expected true, false or null, received "yes"',
    ]);
  });

  it('allows conversationState and recentHistory, and checks them when present', () => {
    const withContext = {
      ...adapter,
      conversationState: null,
      recentHistory: [{ content: 'Hello', direction: 'outbound', channel: 'voice', at: '2025-06-01T10:05:01Z' }],
    };
    expect(callEndedEventSchema.parse(withContext)).toEqual(withContext);
    expect(problemsOf(callEndedEventSchema, { ...adapter, conversationState: 'x', recentHistory: {} })).toEqual([
      'conversationState: expected an object or null, received "x"',
      'recentHistory: expected an array of history entries, received an object',
    ]);
  });

  it('names event and channel', () => {
    expect(problemsOf(callEndedEventSchema, { ...adapter, event: 'call.ended', channel: 'sms' })).toEqual([
      'event: expected "agent.call_ended", received "call.ended"',
      'channel: expected "voice" (agent.call_ended is only sent for calls), received "sms"',
    ]);
  });
});
