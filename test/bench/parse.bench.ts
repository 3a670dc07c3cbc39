/**
 * Parse throughput of `parseWebhookEvent` (from the BUILT `./schemas` entry) against a hand-written
 * zod schema of the same shape and semantics, on the same mix of valid sms and voice events built
 * once, outside the timed loops.
 *
 * `parseWebhookEvent` uses zod's `z.compile` fast path when the installed zod has it (>= 4.6), so
 * for information two more rows show both schemas compiled directly with `z.compile` (the
 * ceiling, and what a user who compiles by hand would get); they are feature-detected so the
 * file also runs on older zod 4 releases.
 */
import { bench, describe } from 'vitest';
import * as z from 'zod';
import { handEventSchema } from './hand-schema.js';

// The BUILT entries, typed from src so `tsc` passes before the first build (`npm test` typechecks
// first). The `as string` keeps tsc from resolving dist; at run time these are plain imports.
type Main = typeof import('../../src/index.js');
type Schemas = typeof import('../../src/schemas/index.js');
const { buildSmsEvent, buildVoiceEvent } = (await import('../../dist/index.js' as string)) as Main;
const { parseWebhookEvent, webhookEventSchema } = (await import('../../dist/schemas.js' as string)) as Schemas;

const BENCH = { time: 1000, warmupTime: 200 } as const;

// ---------------------------------------------------------------------------------------------
// The inputs: 64 events, sms and voice alternating, seeded history lengths (0–4), built once.

const EVENTS: unknown[] = [];
for (let i = 0; i < 64; i++) {
  EVENTS.push(i % 2 === 0 ? buildSmsEvent({}, { seed: i }) : buildVoiceEvent({}, { seed: i }));
}

// z.compile exists from zod 4.6 on; the peer range is ^4.0.0, so detect it.
const compile = (z as unknown as { compile?: <T extends z.ZodType>(schema: T) => T }).compile;
const compiledOurs = typeof compile === 'function' ? compile(webhookEventSchema) : undefined;
const compiledHand = typeof compile === 'function' ? compile(handEventSchema) : undefined;

// Sanity, once: every variant accepts every input and returns the same data.
for (const input of EVENTS) {
  const expected = JSON.stringify(handEventSchema.parse(input));
  if (JSON.stringify(parseWebhookEvent(input)) !== expected) throw new Error('parseWebhookEvent disagrees');
  if (compiledOurs && JSON.stringify(compiledOurs.parse(input)) !== expected) throw new Error('z.compile disagrees');
  if (compiledHand && JSON.stringify(compiledHand.parse(input)) !== expected) throw new Error('z.compile disagrees');
}

let sink: unknown;
let n = 0;
const next = (): unknown => EVENTS[n++ & 63];

describe('parse a valid agent.message (sms/voice mix, 64 prebuilt events)', () => {
  bench(
    'hand-written zod schema: discriminatedUnion.parse',
    () => {
      sink = handEventSchema.parse(next());
    },
    BENCH,
  );
  bench(
    'agentphone-fixtures/schemas: parseWebhookEvent',
    () => {
      sink = parseWebhookEvent(next());
    },
    BENCH,
  );
  if (compiledOurs && compiledHand) {
    bench(
      '(info) z.compile(webhookEventSchema).parse',
      () => {
        sink = compiledOurs.parse(next());
      },
      BENCH,
    );
    bench(
      '(info) z.compile(hand-written schema).parse',
      () => {
        sink = compiledHand.parse(next());
      },
      BENCH,
    );
  }
});

export { sink as _sink };
