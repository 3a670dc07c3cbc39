/**
 * Builder throughput, measured against the BUILT package (`npm run bench` builds first), in one
 * process, one `describe` per event so vitest prints the relative ratios:
 *
 * - floor: an object literal of the same shape with fixed strings (no randomness, no validation),
 * - faker + zod: what users write today — `faker.seed(seed)`, then faker per field, then a
 *   hand-written zod schema of the same shape,
 * - agentphone-fixtures: `buildXEvent({}, { seed: i, history: 3 })` with a new seed per call and
 *   validation on (the default).
 *
 * Every variant builds 3 history entries and takes a fresh seed per call.
 */
import { faker } from '@faker-js/faker';
import { bench, describe } from 'vitest';
import * as z from 'zod';
import { handSmsEvent, handVoiceEvent } from './hand-schema.js';

// The BUILT package, typed from src so `tsc` passes before the first build (`npm test` typechecks
// first). The `as string` keeps tsc from resolving dist; at run time this is a plain import.
type Main = typeof import('../../src/index.js');
const { buildSmsEvent, buildVoiceEvent } = (await import('../../dist/index.js' as string)) as Main;

const BENCH = { time: 1000, warmupTime: 200 } as const;
const REF_DATE = '2025-01-15T12:00:00Z';

type HandSmsEvent = z.infer<typeof handSmsEvent>;
type HandVoiceEvent = z.infer<typeof handVoiceEvent>;

// ---------------------------------------------------------------------------------------------
// (a) The floor: the same shape with fixed strings.

function floorSms(): HandSmsEvent {
  return {
    event: 'agent.message',
    channel: 'sms',
    timestamp: '2025-01-15T12:00:00Z',
    agentId: 'agt_7fyx9naudc13',
    data: {
      conversationId: 'conv_lnd7lp9q6q6q',
      numberId: 'num_bk8aa4da12zz',
      from: '+12699190384',
      to: '+15153591753',
      message: 'Do you take walk-ins?',
      mediaUrl: null,
      direction: 'inbound',
      receivedAt: '2025-01-15T12:00:00Z',
    },
    conversationState: { customerName: 'Howell Kautzer', intent: 'general_inquiry' },
    recentHistory: [
      { content: 'Hi! This is Summit Physical Therapy. How can I help you today?', direction: 'outbound', channel: 'sms', at: '2025-01-15T11:01:07Z' },
      { content: 'hello?', direction: 'inbound', channel: 'sms', at: '2025-01-15T11:03:49Z' },
      { content: "We're open 9am–6pm Monday to Saturday, closed Sundays.", direction: 'outbound', channel: 'sms', at: '2025-01-15T11:13:35Z' },
    ],
  };
}

function floorVoice(): HandVoiceEvent {
  return {
    event: 'agent.message',
    channel: 'voice',
    timestamp: '2025-01-15T12:00:00Z',
    agentId: 'agt_7fyx9naudc13',
    data: {
      callId: 'call_lhi62xezjgde',
      numberId: 'num_bk8aa4da12zz',
      from: '+12699190384',
      to: '+15153591753',
      status: 'in-progress',
      transcript: 'Can I talk to a real person?',
      confidence: 0.85,
      direction: 'inbound',
    },
    conversationState: null,
    recentHistory: [
      { content: 'Hello, how can I help?', direction: 'outbound', channel: 'voice', at: '2025-01-15T11:59:31Z' },
      { content: 'Yeah, hi, are you open today?', direction: 'inbound', channel: 'voice', at: '2025-01-15T11:59:42Z' },
      { content: "We're open nine to six, Monday through Saturday.", direction: 'outbound', channel: 'voice', at: '2025-01-15T11:59:44Z' },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// (b) What users write today: re-seed faker, draw field by field, validate with zod.

const fakeId = (prefix: string): string => `${prefix}_${faker.string.alphanumeric({ length: 12, casing: 'lower' })}`;
const fakePhone = (): string => faker.phone.number({ style: 'international' });

function fakeHistory(ch: 'sms' | 'voice', count: number): HandSmsEvent['recentHistory'] {
  const out: HandSmsEvent['recentHistory'] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      content: faker.lorem.sentence(),
      direction: faker.helpers.arrayElement(['inbound', 'outbound'] as const),
      channel: ch,
      at: faker.date.recent({ days: 1, refDate: REF_DATE }).toISOString(),
    });
  }
  return out;
}

function fakerSms(seed: number): HandSmsEvent {
  faker.seed(seed);
  const timestamp = faker.date.recent({ days: 1, refDate: REF_DATE }).toISOString();
  const event = {
    event: 'agent.message' as const,
    channel: 'sms' as const,
    timestamp,
    agentId: fakeId('agt'),
    data: {
      conversationId: fakeId('conv'),
      numberId: fakeId('num'),
      from: fakePhone(),
      to: fakePhone(),
      message: faker.lorem.sentence(),
      mediaUrl: null,
      direction: 'inbound' as const,
      receivedAt: timestamp,
    },
    conversationState: {
      customerName: faker.person.fullName(),
      intent: faker.helpers.arrayElement(['general_inquiry', 'booking', 'order_status', 'billing']),
    },
    recentHistory: fakeHistory('sms', 3),
  };
  return handSmsEvent.parse(event);
}

function fakerVoice(seed: number): HandVoiceEvent {
  faker.seed(seed);
  const timestamp = faker.date.recent({ days: 1, refDate: REF_DATE }).toISOString();
  const event = {
    event: 'agent.message' as const,
    channel: 'voice' as const,
    timestamp,
    agentId: fakeId('agt'),
    data: {
      callId: fakeId('call'),
      numberId: fakeId('num'),
      from: fakePhone(),
      to: fakePhone(),
      status: 'in-progress',
      transcript: faker.lorem.sentence(),
      confidence: faker.number.float({ min: 0.45, max: 0.99, fractionDigits: 2 }),
      direction: faker.helpers.arrayElement(['inbound', 'outbound'] as const),
    },
    conversationState: null,
    recentHistory: fakeHistory('voice', 3),
  };
  return handVoiceEvent.parse(event);
}

// ---------------------------------------------------------------------------------------------
// Sanity, once, outside the timed loops: every variant produces a valid event of the same shape.

for (const event of [floorSms(), fakerSms(1), buildSmsEvent({}, { seed: 1, history: 3 })]) handSmsEvent.parse(event);
for (const event of [floorVoice(), fakerVoice(1), buildVoiceEvent({}, { seed: 1, history: 3 })]) handVoiceEvent.parse(event);

// A sink the optimiser cannot see through.
let sink: unknown;
let seed = 0;

describe('sms event (3 history entries, new seed per call)', () => {
  bench(
    'floor: object literal, fixed strings',
    () => {
      sink = floorSms();
    },
    BENCH,
  );
  bench(
    'faker.seed + faker per field + zod parse',
    () => {
      sink = fakerSms(seed++);
    },
    BENCH,
  );
  bench(
    'buildSmsEvent({}, { seed, history: 3 }) (validated)',
    () => {
      sink = buildSmsEvent({}, { seed: seed++, history: 3 });
    },
    BENCH,
  );
});

describe('voice event (3 history entries, new seed per call)', () => {
  bench(
    'floor: object literal, fixed strings',
    () => {
      sink = floorVoice();
    },
    BENCH,
  );
  bench(
    'faker.seed + faker per field + zod parse',
    () => {
      sink = fakerVoice(seed++);
    },
    BENCH,
  );
  bench(
    'buildVoiceEvent({}, { seed, history: 3 }) (validated)',
    () => {
      sink = buildVoiceEvent({}, { seed: seed++, history: 3 });
    },
    BENCH,
  );
});

export { sink as _sink };
