// The two consumer projects the packed tarball is installed into: a CommonJS Jest project and an
// ESM TypeScript Vitest project. Their sources live here as strings (not as files under test/)
// so the root Vitest run and the root `tsc` never pick them up as our own tests.
import fs from 'node:fs';
import path from 'node:path';
import {
  jestConfigFile,
  jestEsmTypesFile,
  jestFailingTestFile,
  jestRunnersTestFile,
  jestTypesFile,
  vitestConfigFile,
  vitestFailingTestFile,
  vitestRunnersTestFile,
  vitestSetupFile,
} from './runner-files.js';

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * The release lines of the tools each project installs for itself. The test pins each to the exact
 * version the root package-lock.json resolved (which must be in the line), so the install is
 * reproducible and can come from the npm cache that the root `npm ci` filled.
 */
// typescript and @types/node (which Jest's own declarations need) only type-check the Jest project's
// use of the matcher declarations; its tests run as plain CommonJS.
export const JEST_PROJECT_TOOLS = { jest: '^30', typescript: '~5.9', '@types/node': '^20' } as const;
export const VITEST_PROJECT_TOOLS = { vitest: '^4', typescript: '~5.9' } as const;

/** What a user adds next to the package to satisfy its `zod` peer dependency. */
export const ZOD_RANGE = '^4';

// ---------------------------------------------------------------------------------------------
// (a) Jest 30, CommonJS
// ---------------------------------------------------------------------------------------------

/** Titles of the tests in the Jest project; the outer test requires exactly these to pass. */
export const JEST_TESTS = {
  resolution: 'runs as CommonJS and loads the installed package through the "require" condition',
  sms: 'buildSmsEvent is deterministic for a seed',
  voice: 'buildVoiceEvent is deterministic for a seed',
  parse: 'parseWebhookEvent accepts built events, from either entry',
  garbage: 'parseWebhookEvent throws WebhookPayloadError for garbage, instanceof works with either entry',
  shared: 'both entries share one copy of the error classes and parser; /schemas has no builders',
  signing: '/signing verifies what the main entry signed; one error class; no builders',
  jsonSchema: 'the JSON Schema files resolve through the exports map',
} as const;

const t = (title: string): string => JSON.stringify(title);

const jestTestFile = `'use strict';
// Written by agentphone-fixtures' test/consumers/consumers.test.ts: a CommonJS user of the package.
const fs = require('node:fs');
const path = require('node:path');
const fixtures = require('agentphone-fixtures');
const schemas = require('agentphone-fixtures/schemas');

const installedDist = path.join(fs.realpathSync(__dirname), 'node_modules', 'agentphone-fixtures', 'dist');

function thrownBy(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it returned normally');
}

const roundTrip = (value) => JSON.parse(JSON.stringify(value));

describe('agentphone-fixtures in a CommonJS Jest project', () => {
  test(${t(JEST_TESTS.resolution)}, () => {
    expect(typeof require).toBe('function');
    expect(typeof module).toBe('object');
    expect(typeof exports).toBe('object');
    expect(process.execArgv.join(' ')).not.toMatch(/experimental-vm-modules/);
    expect(process.env.NODE_OPTIONS || '').not.toMatch(/experimental-vm-modules/);
    expect(fs.realpathSync(require.resolve('agentphone-fixtures'))).toBe(path.join(installedDist, 'index.cjs'));
    expect(fs.realpathSync(require.resolve('agentphone-fixtures/schemas'))).toBe(path.join(installedDist, 'schemas.cjs'));
    // The code that ran is the installed copy: its frames are in the stack of an error it made.
    expect(thrownBy(() => schemas.parseWebhookEvent(null)).stack).toContain(installedDist + path.sep);
  });

  test(${t(JEST_TESTS.sms)}, () => {
    const first = fixtures.buildSmsEvent({}, { seed: 7 });
    expect(fixtures.buildSmsEvent({}, { seed: 7 })).toEqual(first);
    expect(first).toMatchObject({ event: 'agent.message', channel: 'sms' });
    expect(roundTrip(first)).toEqual(first);
    expect(fixtures.buildSmsEvent({}, { seed: 8 })).not.toEqual(first);
  });

  test(${t(JEST_TESTS.voice)}, () => {
    const first = fixtures.buildVoiceEvent({}, { seed: 7 });
    expect(fixtures.buildVoiceEvent({}, { seed: 7 })).toEqual(first);
    expect(first).toMatchObject({ event: 'agent.message', channel: 'voice' });
    expect(roundTrip(first)).toEqual(first);
    expect(fixtures.buildVoiceEvent({}, { seed: 8 })).not.toEqual(first);
  });

  test(${t(JEST_TESTS.parse)}, () => {
    const sms = fixtures.buildSmsEvent({}, { seed: 3 });
    const voice = fixtures.buildVoiceEvent({}, { seed: 3 });
    expect(schemas.parseWebhookEvent(roundTrip(sms))).toEqual(sms);
    expect(schemas.parseWebhookEvent(roundTrip(voice))).toEqual(voice);
    expect(fixtures.parseWebhookEvent(roundTrip(voice))).toEqual(voice);
    expect(schemas.safeParseWebhookEvent(roundTrip(sms))).toMatchObject({ success: true, data: sms });
  });

  test(${t(JEST_TESTS.garbage)}, () => {
    const garbage = ['garbage', null, 42, [], {}, { event: 'agent.message', channel: 'sms', data: { from: '555' } }];
    for (const input of garbage) {
      const error = thrownBy(() => schemas.parseWebhookEvent(input));
      expect(error.name).toBe('WebhookPayloadError');
      expect(error).toBeInstanceOf(schemas.WebhookPayloadError);
      expect(error).toBeInstanceOf(fixtures.WebhookPayloadError);
      expect(error).toBeInstanceOf(fixtures.AgentPhoneFixturesError);
      expect(error.problems.length).toBeGreaterThan(0);
      for (const problem of error.problems) {
        expect(problem).toEqual(
          expect.objectContaining({
            path: expect.any(String),
            expected: expect.any(String),
            received: expect.any(String),
            message: expect.any(String),
          }),
        );
      }
    }
    // Thrown through the main entry, caught with the class from /schemas.
    const viaMain = thrownBy(() => fixtures.parseWebhookEvent('garbage'));
    expect(viaMain.name).toBe('WebhookPayloadError');
    expect(viaMain).toBeInstanceOf(schemas.WebhookPayloadError);
  });

  test(${t(JEST_TESTS.shared)}, () => {
    expect(fixtures.WebhookPayloadError).toBe(schemas.WebhookPayloadError);
    expect(fixtures.AgentPhoneFixturesError).toBe(schemas.AgentPhoneFixturesError);
    expect(fixtures.parseWebhookEvent).toBe(schemas.parseWebhookEvent);
    expect(typeof fixtures.buildSmsEvent).toBe('function');
    expect(schemas.buildSmsEvent).toBeUndefined();
  });

  test(${t(JEST_TESTS.signing)}, () => {
    const signing = require('agentphone-fixtures/signing');
    const event = fixtures.buildSmsEvent({}, { seed: 3 });
    const delivery = fixtures.createSignedDelivery(event, { secret: 'whsec_consumer', timestamp: 1736942400 });
    expect(signing.verifyWebhook(delivery.body, delivery.headers, 'whsec_consumer', { now: 1736942400 })).toEqual(event);
    let error;
    try { signing.verifyWebhook(delivery.body, delivery.headers, 'whsec_other', { now: 1736942400 }); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(fixtures.WebhookVerificationError);
    expect(error.code).toBe('signature_mismatch');
    expect(signing.WebhookVerificationError).toBe(fixtures.WebhookVerificationError);
    expect(signing.buildSmsEvent).toBeUndefined();
  });

  test(${t(JEST_TESTS.jsonSchema)}, () => {
    const schema = require('agentphone-fixtures/json-schema/agent.message.sms.json');
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.channel.const).toBe('sms');
  });
});
`;

/** The declarations tsc must load for the Jest project's type checks (both conditions of `./jest`). */
export const JEST_EXPECTED_DECLARATIONS = ['jest.d.cts', 'jest.d.ts'] as const;

/**
 * Writes the Jest project into `dir`: package.json, jest.config.js (which loads
 * `agentphone-fixtures/jest` from setupFilesAfterEnv), the test files, and TypeScript files that
 * are only type-checked. `devDependencies` is what the project installs for itself: jest,
 * typescript, zod and the packed tarball.
 */
export function writeJestProject(dir: string, devDependencies: Record<string, string>): void {
  write(dir, {
    'package.json': json({ name: 'consumer-jest-cjs', private: true, version: '0.0.0', type: 'commonjs', devDependencies }),
    'jest.config.js': jestConfigFile,
    'fixtures.test.js': jestTestFile,
    'runners.test.js': jestRunnersTestFile,
    'failing/replay.test.js': jestFailingTestFile,
    'tsconfig.json': json({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        exactOptionalPropertyTypes: true,
        // Check the shipped .d.ts files (and Jest's) too, not only their use.
        skipLibCheck: false,
        noEmit: true,
        types: ['node'],
      },
      include: ['types.ts', 'types-esm.mts'],
    }),
    'types.ts': jestTypesFile,
    'types-esm.mts': jestEsmTypesFile,
  });
}

// ---------------------------------------------------------------------------------------------
// (b) Vitest 4, ESM, TypeScript (also type-checked with tsc, module NodeNext, strict)
// ---------------------------------------------------------------------------------------------

export const VITEST_TESTS = {
  resolution: 'imports the installed package through the "import" condition',
  typed: 'builders and schemas are typed: narrowing by channel, typed options, typed results',
  deterministic: 'builders and createFixtures are deterministic for a seed',
  errors: 'parseWebhookEvent throws WebhookPayloadError; one class for both entries',
  signing: 'signed deliveries verify through /signing, typed',
} as const;

const vitestTestFile = `// Written by agentphone-fixtures' test/consumers/consumers.test.ts: an ESM TypeScript user.
import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  AgentPhoneFixturesError,
  WebhookPayloadError as MainWebhookPayloadError,
  buildAgentMessageEvent,
  buildHistory,
  buildSmsEvent,
  buildVoiceEvent,
  createFixtures,
  parseWebhookEvent as mainParseWebhookEvent,
  type AgentMessageEvent,
  type HistoryEntry,
  type SmsEvent,
  type VoiceEvent,
} from 'agentphone-fixtures';
import * as schemasEntry from 'agentphone-fixtures/schemas';
import { verifyWebhook, WebhookVerificationError, type WebhookVerificationCode } from 'agentphone-fixtures/signing';
import { createSignedDelivery } from 'agentphone-fixtures';
import {
  WebhookPayloadError,
  agentMessageEventSchema,
  historyEntrySchema,
  parseWebhookEvent,
  safeParseWebhookEvent,
  smsEventSchema,
  voiceEventSchema,
  type PayloadProblem,
} from 'agentphone-fixtures/schemas';

const installedDist = new URL('./node_modules/agentphone-fixtures/dist/', import.meta.url).href;

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it returned normally');
}

describe('agentphone-fixtures in an ESM TypeScript Vitest project', () => {
  test(${t(VITEST_TESTS.resolution)}, () => {
    expect(import.meta.resolve('agentphone-fixtures')).toBe(installedDist + 'index.js');
    expect(import.meta.resolve('agentphone-fixtures/schemas')).toBe(installedDist + 'schemas.js');
    // The code that ran is the installed ESM copy: its frames are in the stack of an error it made.
    const error = thrownBy(() => parseWebhookEvent(null));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).stack).toContain(installedDist);
  });

  test(${t(VITEST_TESTS.typed)}, () => {
    const e: VoiceEvent = buildAgentMessageEvent('voice', {}, { seed: 1 });
    const sms: SmsEvent = buildAgentMessageEvent('sms', {}, { seed: 1 });
    const either: AgentMessageEvent = buildSmsEvent(
      { data: { message: 'Do you open on Sundays?' } },
      { seed: 2, now: '2026-01-01T00:00:00Z', history: 2, validate: true },
    );
    const history: HistoryEntry[] = buildHistory(3, { seed: 4 });
    expectTypeOf(buildAgentMessageEvent('voice')).toEqualTypeOf<VoiceEvent>();
    expectTypeOf(buildAgentMessageEvent('sms')).toEqualTypeOf<SmsEvent>();
    expectTypeOf(parseWebhookEvent).parameter(0).toBeUnknown();
    expectTypeOf<PayloadProblem['path']>().toBeString();
    // @ts-expect-error 'fax' is not an agent.message channel: the shipped typings must reject it
    expect(() => buildAgentMessageEvent('fax')).toThrow();
    // @ts-expect-error a VoiceEvent is not an SmsEvent: the shipped typings must tell them apart
    const wrong: SmsEvent = buildVoiceEvent({}, { seed: 1 });
    expect(wrong.channel).toBe('voice');

    expect(e.channel).toBe('voice');
    expect(voiceEventSchema.parse(e)).toEqual(e);
    expect(smsEventSchema.parse(sms)).toEqual(sms);
    expect(agentMessageEventSchema.parse(either)).toEqual(either);
    expect(either.channel).toBe('sms');
    expect(either.recentHistory).toHaveLength(2);
    expect(history).toHaveLength(3);
    for (const entry of history) expect(historyEntrySchema.parse(entry)).toEqual(entry);
  });

  test(${t(VITEST_TESTS.deterministic)}, () => {
    expect(buildSmsEvent({}, { seed: 11 })).toEqual(buildSmsEvent({}, { seed: 11 }));
    expect(buildVoiceEvent({}, { seed: 11 })).toEqual(buildVoiceEvent({}, { seed: 11 }));
    expect(buildVoiceEvent({}, { seed: 12 })).not.toEqual(buildVoiceEvent({}, { seed: 11 }));
    const one = createFixtures({ seed: 5, now: '2026-03-01T09:00:00Z' });
    const two = createFixtures({ seed: 5, now: '2026-03-01T09:00:00Z' });
    expect([one.buildSmsEvent(), one.buildVoiceEvent()]).toEqual([two.buildSmsEvent(), two.buildVoiceEvent()]);
  });

  test(${t(VITEST_TESTS.errors)}, () => {
    const error = thrownBy(() => parseWebhookEvent({ event: 'agent.message', channel: 'sms' }));
    expect(error).toBeInstanceOf(WebhookPayloadError);
    expect(error).toBeInstanceOf(MainWebhookPayloadError);
    expect(error).toBeInstanceOf(AgentPhoneFixturesError);
    if (!(error instanceof WebhookPayloadError)) throw new Error('not a WebhookPayloadError');
    expect(error.name).toBe('WebhookPayloadError');
    const problems: readonly PayloadProblem[] = error.problems;
    expect(problems.length).toBeGreaterThan(0);
    const result = safeParseWebhookEvent('garbage');
    expect(result.success).toBe(false);
    expect(result.error).toBeInstanceOf(MainWebhookPayloadError);
    expect(thrownBy(() => mainParseWebhookEvent([]))).toBeInstanceOf(WebhookPayloadError);
    expect(MainWebhookPayloadError).toBe(WebhookPayloadError);
    expect(mainParseWebhookEvent).toBe(parseWebhookEvent);
    expect('buildSmsEvent' in schemasEntry).toBe(false);
  });

  test(${t(VITEST_TESTS.signing)}, () => {
    const event = buildAgentMessageEvent('voice', {}, { seed: 2 });
    const delivery = createSignedDelivery(event, { secret: 'whsec_consumer', timestamp: 1736942400 });
    const verified = verifyWebhook(delivery.body, delivery.headers, 'whsec_consumer', { now: 1736942400 });
    expect(verified).toEqual(event);
    try {
      verifyWebhook(delivery.body, delivery.headers, 'whsec_consumer', { now: 1736942400 + 301 });
      throw new Error('expected a rejection');
    } catch (error) {
      expect(error).toBeInstanceOf(WebhookVerificationError);
      const code: WebhookVerificationCode = (error as WebhookVerificationError).code;
      expect(code).toBe('timestamp_out_of_tolerance');
    }
  });
});
`;

// Type-checked only (tsc), never run: the CommonJS declarations (.d.cts) seen from a .cts file.
const cjsTypesFile = `// Written by agentphone-fixtures' test/consumers/consumers.test.ts: CommonJS typings check.
import fixtures = require('agentphone-fixtures');
import schemas = require('agentphone-fixtures/schemas');
import signing = require('agentphone-fixtures/signing');

const sms: schemas.SmsEvent = fixtures.buildSmsEvent({}, { seed: 1 });
const verified: schemas.WebhookEvent = signing.verifyWebhook('{}', {}, 'whsec_x');
const voice: fixtures.VoiceEvent = fixtures.buildAgentMessageEvent('voice', {}, { seed: 1 });
const sameClass: typeof schemas.WebhookPayloadError = fixtures.WebhookPayloadError;
// @ts-expect-error an SmsEvent is not a VoiceEvent: the .d.cts typings must tell them apart
const wrong: schemas.VoiceEvent = fixtures.buildSmsEvent({}, { seed: 1 });

export = { sms, voice, sameClass, wrong, verified };
`;

/** The files tsc must have loaded for the project: the shipped declarations of both conditions. */
export const EXPECTED_DECLARATIONS = [
  'index.d.ts',
  'schemas.d.ts',
  'signing.d.ts',
  'vitest.d.ts',
  'index.d.cts',
  'schemas.d.cts',
  'signing.d.cts',
] as const;

/**
 * Writes the Vitest project's package.json, config, tsconfig and sources into `dir`.
 * `devDependencies` is what the project installs for itself: vitest, typescript, zod and the
 * packed tarball.
 */
export function writeVitestProject(dir: string, devDependencies: Record<string, string>): void {
  write(dir, {
    'package.json': json({ name: 'consumer-vitest-esm', private: true, version: '0.0.0', type: 'module', devDependencies }),
    // As a user writes it, with the project's own vitest: its setup file imports agentphone-fixtures/vitest.
    'vitest.config.mjs': vitestConfigFile,
    'vitest.setup.ts': vitestSetupFile,
    'tsconfig.json': json({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        verbatimModuleSyntax: true,
        // Check the shipped .d.ts files too, not only their use.
        skipLibCheck: false,
        noEmit: true,
        types: [],
      },
      include: ['*.ts', '*.cts', 'failing/*.ts'],
    }),
    'fixtures.test.ts': vitestTestFile,
    'runners.test.ts': vitestRunnersTestFile,
    'failing/replay.test.ts': vitestFailingTestFile,
    'types-cjs.cts': cjsTypesFile,
  });
}
