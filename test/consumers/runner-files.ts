// The test-runner helpers as users set them up: `agentphone-fixtures/jest` from Jest's
// setupFilesAfterEnv (CommonJS project) and `agentphone-fixtures/vitest` from a Vitest setup file
// (ESM TypeScript project). The files below are written into the consumer projects of
// projects.ts; like those, they live here as strings so the root Vitest run never collects them.
//
// Each project gets a passing file (matchers and fixtureSeed in use) and a deliberately failing
// one, run separately (CONSUMER_FAILING=1 selects it), whose output must carry the failing paths
// and a replay command. Both runners use the same describe and test names, so the same full name
// must give the same seed in both.

const t = (title: string): string => JSON.stringify(title);

/** The passing tests of both projects' runners file, by describe block. */
export const RUNNER_TESTS = {
  webhook: 'toBeValidWebhookEvent passes for built events and lists each failing path',
  voiceReply: 'toBeValidVoiceReply reads reply objects, JSON and NDJSON bodies, and raw replies',
  entry: 'the entry exports the registered matchers, the kinds and the variable name',
  outside: 'fixtureSeed throws outside a test',
  seed: 'derives the seed from the full test name',
} as const;

/** The describe blocks of the runners file: the matchers, then fixtureSeed (whose seed is logged). */
export const RUNNER_DESCRIBES = { matchers: 'agentphone-fixtures matchers', seed: 'fixtureSeed' } as const;

/** The full name of the test that logs its seeds (describe and test joined by a space, as -t sees it). */
export const SEED_TEST_FULL_NAME = `${RUNNER_DESCRIBES.seed} ${RUNNER_TESTS.seed}`;

/** The label the seed test draws a second seed with. */
export const SEED_LABEL = 'customer';

/** The deliberately failing tests, in describe('replay'). */
export const FAILING_DESCRIBE = 'replay';
export const FAILING_TESTS = {
  matcher: 'a matcher failure lists each failing path and the seed',
  other: 'any other failure prints the seed too',
  noSeed: 'a failure without a seed prints none',
} as const;

/** What the failing matcher test's payload gets wrong, as the failure lists it. */
export const FAILING_PATH_LINE = 'data.from: expected an E.164 phone number';

// ---------------------------------------------------------------------------------------------
// Jest 30, CommonJS
// ---------------------------------------------------------------------------------------------

/** Jest config: the setup file is the package's own entry, resolved through its "require" condition. */
export const jestConfigFile = `'use strict';
// Written by agentphone-fixtures' test/consumers: the Jest config a user writes.
module.exports = {
  testEnvironment: 'node',
  // No transform: the test files run as plain CommonJS, exactly as written.
  transform: {},
  setupFilesAfterEnv: ['agentphone-fixtures/jest'],
  // CONSUMER_FAILING=1 runs the deliberately failing tests instead of the passing ones.
  testMatch: process.env.CONSUMER_FAILING ? ['<rootDir>/failing/*.test.js'] : ['<rootDir>/*.test.js'],
};
`;

/** The seed test prints one line with this prefix and its seeds as JSON; the outer test reads the run's output. */
export const SEED_LOG_PREFIX = 'AGENTPHONE_CONSUMER_SEEDS ';

export const jestRunnersTestFile = `'use strict';
// Written by agentphone-fixtures' test/consumers: agentphone-fixtures/jest, loaded by setupFilesAfterEnv.
const { buildCallEndedEvent, buildReactionEvent, buildSmsEvent, buildVoiceEvent, buildVoiceReply, buildVoiceReplyStream } = require('agentphone-fixtures');
const { FIXTURE_SEED_ENV, WEBHOOK_EVENT_KINDS, agentPhoneMatchers, fixtureSeed } = require('agentphone-fixtures/jest');

describe(${t(RUNNER_DESCRIBES.matchers)}, () => {
  let outside;
  try {
    fixtureSeed();
  } catch (error) {
    outside = error;
  }

  test(${t(RUNNER_TESTS.webhook)}, () => {
    expect(buildSmsEvent({}, { seed: 1 })).toBeValidWebhookEvent('sms');
    expect(buildVoiceEvent({}, { seed: 1 })).toBeValidWebhookEvent('agent.message');
    expect(buildCallEndedEvent({}, { seed: 1 })).toBeValidWebhookEvent('call-ended');
    expect(buildReactionEvent({}, { seed: 1 })).toBeValidWebhookEvent();
    expect(buildVoiceEvent({}, { seed: 1 })).not.toBeValidWebhookEvent('sms');
    expect({ event: 'agent.message' }).not.toBeValidWebhookEvent();
    expect({ body: buildSmsEvent({}, { seed: 2 }) }).toEqual({ body: expect.toBeValidWebhookEvent('sms') });
    const broken = buildSmsEvent({ data: { from: '555' } }, { seed: 1, validate: false });
    expect(() => expect(broken).toBeValidWebhookEvent('sms')).toThrow(${t(FAILING_PATH_LINE)});
    expect(() => expect(broken).toBeValidWebhookEvent('fax')).toThrow('Invalid option "kind"');
  });

  test(${t(RUNNER_TESTS.voiceReply)}, () => {
    const reply = buildVoiceReply({}, { seed: 3 });
    expect(reply).toBeValidVoiceReply();
    expect(JSON.stringify(reply)).toBeValidVoiceReply();
    const stream = buildVoiceReplyStream({ seed: 3, interim: 1 });
    expect(stream).toBeValidVoiceReply();
    expect(stream.body).toBeValidVoiceReply();
    expect({ contentType: 'application/x-ndjson', body: '{"text":"One moment","interim":true}\\n' }).not.toBeValidVoiceReply();
    expect(() => expect({ hangup: 'yes' }).toBeValidVoiceReply()).toThrow('hangup: expected true or false, received "yes"');
  });

  test(${t(RUNNER_TESTS.entry)}, () => {
    expect(Object.keys(agentPhoneMatchers).sort()).toEqual(['toBeValidVoiceReply', 'toBeValidWebhookEvent']);
    expect(WEBHOOK_EVENT_KINDS).toEqual(expect.arrayContaining(['agent.message', 'sms', 'voice', 'call-ended', 'reaction']));
    expect(FIXTURE_SEED_ENV).toBe('AGENTPHONE_FIXTURES_SEED');
  });

  test(${t(RUNNER_TESTS.outside)}, () => {
    expect(outside).toMatchObject({ name: 'AgentPhoneFixturesError', code: 'outside_test' });
    expect(() => fixtureSeed('')).toThrow('Invalid option "label"');
  });
});

describe(${t(RUNNER_DESCRIBES.seed)}, () => {
  test(${t(RUNNER_TESTS.seed)}, () => {
    const seed = fixtureSeed();
    const customer = fixtureSeed(${t(SEED_LABEL)});
    expect(fixtureSeed()).toBe(seed);
    expect(customer).not.toBe(seed);
    expect(buildSmsEvent({}, { seed })).toEqual(buildSmsEvent({}, { seed }));
    console.log(${t(SEED_LOG_PREFIX)} + JSON.stringify({ runner: 'jest', seed, customer }));
  });
});
`;

export const jestFailingTestFile = `'use strict';
// Written by agentphone-fixtures' test/consumers: tests that fail on purpose, to read their output.
const { buildSmsEvent, buildVoiceEvent } = require('agentphone-fixtures');
const { fixtureSeed } = require('agentphone-fixtures/jest');

describe(${t(FAILING_DESCRIBE)}, () => {
  test(${t(FAILING_TESTS.matcher)}, () => {
    const event = buildSmsEvent({ data: { from: '555' } }, { seed: fixtureSeed(), validate: false });
    expect(event).toBeValidWebhookEvent('sms');
  });

  test(${t(FAILING_TESTS.other)}, () => {
    const event = buildVoiceEvent({}, { seed: fixtureSeed() });
    expect(event.data.transcript).toBe('a transcript no seed builds');
  });

  test(${t(FAILING_TESTS.noSeed)}, () => {
    expect(buildSmsEvent({}, { seed: 1 }).data.message).toBe('a message no seed builds');
  });
});
`;

/** Type-checked with tsc, never run: the declarations \`@jest/globals\` users get, from CommonJS. */
export const jestTypesFile = `// Written by agentphone-fixtures' test/consumers: typings of agentphone-fixtures/jest (.d.cts).
import { expect } from '@jest/globals';
import { agentPhoneMatchers, fixtureSeed, type AgentPhoneMatchers, type WebhookEventKind } from 'agentphone-fixtures/jest';

const kind: WebhookEventKind = 'call-ended';
expect({}).toBeValidWebhookEvent(kind);
expect({}).not.toBeValidWebhookEvent();
expect({}).toBeValidVoiceReply();
expect({ body: {} }).toEqual({ body: expect.toBeValidWebhookEvent('sms') });
// @ts-expect-error 'fax' is not a kind: the shipped declarations must reject it
expect({}).toBeValidWebhookEvent('fax');
// @ts-expect-error toBeValidVoiceReply takes no argument
expect({}).toBeValidVoiceReply('json');
const seed: number = fixtureSeed('customer');
const matchers: AgentPhoneMatchers = agentPhoneMatchers;
expect.extend(matchers);

export const used = { seed };
`;

/** The same, from an ES module: the "import" condition's declarations (.d.ts). */
export const jestEsmTypesFile = `// Written by agentphone-fixtures' test/consumers: typings of agentphone-fixtures/jest (.d.ts).
import { expect } from '@jest/globals';
import { fixtureSeed } from 'agentphone-fixtures/jest';

expect({}).toBeValidWebhookEvent('voice');
// @ts-expect-error 'fax' is not a kind
expect({}).toBeValidWebhookEvent('fax');
export const seed: number = fixtureSeed();
`;

// ---------------------------------------------------------------------------------------------
// Vitest 4, ESM, TypeScript
// ---------------------------------------------------------------------------------------------

/** The setup file a user writes: importing the entry registers the matchers and brings their types. */
export const vitestSetupFile = `// Written by agentphone-fixtures' test/consumers: the Vitest setup file.
import 'agentphone-fixtures/vitest';
`;

export const vitestRunnersTestFile = `// Written by agentphone-fixtures' test/consumers: agentphone-fixtures/vitest, loaded by setupFiles.
import { describe, expect, expectTypeOf, test } from 'vitest';
import { buildCallEndedEvent, buildReactionEvent, buildSmsEvent, buildVoiceEvent, buildVoiceReply, buildVoiceReplyStream } from 'agentphone-fixtures';
import { FIXTURE_SEED_ENV, WEBHOOK_EVENT_KINDS, agentPhoneMatchers, fixtureSeed, type WebhookEventKind } from 'agentphone-fixtures/vitest';

describe(${t(RUNNER_DESCRIBES.matchers)}, () => {
  let outside: unknown;
  try {
    fixtureSeed();
  } catch (error) {
    outside = error;
  }

  test(${t(RUNNER_TESTS.webhook)}, () => {
    expect(buildSmsEvent({}, { seed: 1 })).toBeValidWebhookEvent('sms');
    expect(buildVoiceEvent({}, { seed: 1 })).toBeValidWebhookEvent('agent.message');
    expect(buildCallEndedEvent({}, { seed: 1 })).toBeValidWebhookEvent('call-ended');
    expect(buildReactionEvent({}, { seed: 1 })).toBeValidWebhookEvent();
    expect(buildVoiceEvent({}, { seed: 1 })).not.toBeValidWebhookEvent('sms');
    expect({ event: 'agent.message' }).not.toBeValidWebhookEvent();
    expect({ body: buildSmsEvent({}, { seed: 2 }) }).toEqual({ body: expect.toBeValidWebhookEvent('sms') });
    const broken = buildSmsEvent({ data: { from: '555' } }, { seed: 1, validate: false });
    expect(() => expect(broken).toBeValidWebhookEvent('sms')).toThrow(${t(FAILING_PATH_LINE)});
    // @ts-expect-error 'fax' is not a kind: the shipped declarations must reject it
    expect(() => expect(broken).toBeValidWebhookEvent('fax')).toThrow('Invalid option "kind"');
    expectTypeOf(expect(broken).toBeValidWebhookEvent).parameter(0).toEqualTypeOf<WebhookEventKind | undefined>();
  });

  test(${t(RUNNER_TESTS.voiceReply)}, () => {
    const reply = buildVoiceReply({}, { seed: 3 });
    expect(reply).toBeValidVoiceReply();
    expect(JSON.stringify(reply)).toBeValidVoiceReply();
    const stream = buildVoiceReplyStream({ seed: 3, interim: 1 });
    expect(stream).toBeValidVoiceReply();
    expect(stream.body).toBeValidVoiceReply();
    expect({ contentType: 'application/x-ndjson', body: '{"text":"One moment","interim":true}\\n' }).not.toBeValidVoiceReply();
    expect(() => expect({ hangup: 'yes' }).toBeValidVoiceReply()).toThrow('hangup: expected true or false, received "yes"');
    // @ts-expect-error toBeValidVoiceReply takes no argument
    expect(reply).toBeValidVoiceReply('json');
  });

  test(${t(RUNNER_TESTS.entry)}, () => {
    expect(Object.keys(agentPhoneMatchers).sort()).toEqual(['toBeValidVoiceReply', 'toBeValidWebhookEvent']);
    expect(WEBHOOK_EVENT_KINDS).toEqual(expect.arrayContaining(['agent.message', 'sms', 'voice', 'call-ended', 'reaction']));
    expect(FIXTURE_SEED_ENV).toBe('AGENTPHONE_FIXTURES_SEED');
    expect.extend(agentPhoneMatchers);
  });

  test(${t(RUNNER_TESTS.outside)}, () => {
    expect(outside).toMatchObject({ name: 'AgentPhoneFixturesError', code: 'outside_test' });
    expect(() => fixtureSeed('')).toThrow('Invalid option "label"');
  });
});

describe(${t(RUNNER_DESCRIBES.seed)}, () => {
  test(${t(RUNNER_TESTS.seed)}, () => {
    const seed: number = fixtureSeed();
    const customer = fixtureSeed(${t(SEED_LABEL)});
    expect(fixtureSeed()).toBe(seed);
    expect(customer).not.toBe(seed);
    expect(buildSmsEvent({}, { seed })).toEqual(buildSmsEvent({}, { seed }));
    console.log(${t(SEED_LOG_PREFIX)} + JSON.stringify({ runner: 'vitest', seed, customer }));
  });
});
`;

export const vitestFailingTestFile = `// Written by agentphone-fixtures' test/consumers: tests that fail on purpose, to read their output.
import { describe, expect, test } from 'vitest';
import { buildSmsEvent, buildVoiceEvent } from 'agentphone-fixtures';
import { fixtureSeed } from 'agentphone-fixtures/vitest';

describe(${t(FAILING_DESCRIBE)}, () => {
  test(${t(FAILING_TESTS.matcher)}, () => {
    const event = buildSmsEvent({ data: { from: '555' } }, { seed: fixtureSeed(), validate: false });
    expect(event).toBeValidWebhookEvent('sms');
  });

  test(${t(FAILING_TESTS.other)}, () => {
    const event = buildVoiceEvent({}, { seed: fixtureSeed() });
    expect(event.data.transcript).toBe('a transcript no seed builds');
  });

  test(${t(FAILING_TESTS.noSeed)}, () => {
    expect(buildSmsEvent({}, { seed: 1 }).data.message).toBe('a message no seed builds');
  });
});
`;

/** Vitest config: the setup file imports the entry; CONSUMER_FAILING=1 selects the failing tests. */
export const vitestConfigFile = `// Written by agentphone-fixtures' test/consumers: the Vitest config a user writes.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: process.env.CONSUMER_FAILING ? ['failing/*.test.ts'] : ['*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
  },
});
`;
