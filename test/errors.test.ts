import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  AgentPhoneFixturesError,
  CliError,
  FixtureOptionError,
  FixtureValidationError,
  WebhookPayloadError,
  describeValue,
  isAgentPhoneFixturesError,
} from '../src/errors.js';

const problem = { path: 'data.from', pathSegments: ['data', 'from'], expected: 'x', received: '"y"', code: 'invalid_format', message: 'data.from: expected x, received "y"' };

describe('error classes', () => {
  it('carry names, codes and readable messages', () => {
    const payload = new WebhookPayloadError([problem, problem]);
    expect(payload.name).toBe('WebhookPayloadError');
    expect(payload.code).toBe('invalid_payload');
    expect(payload.message).toBe('Invalid AgentPhone webhook payload (2 problems):\n  data.from: expected x, received "y"\n  data.from: expected x, received "y"');
    const fixture = new FixtureValidationError('buildSmsEvent', [problem]);
    expect(fixture.message.startsWith('buildSmsEvent built an invalid payload (1 problem):')).toBe(true);
    expect(fixture.builder).toBe('buildSmsEvent');
    const option = new FixtureOptionError('history', 'an integer from 0 to 50', 51);
    expect(option.message).toBe('Invalid option "history": expected an integer from 0 to 50, received 51');
    expect(new CliError('usage', 'x').exitCode).toBe(2);
    expect(new CliError('io', 'x').exitCode).toBe(1);
    for (const error of [payload, fixture, option, new CliError('io', 'x')]) {
      expect(error).toBeInstanceOf(AgentPhoneFixturesError);
      expect(error).toBeInstanceOf(Error);
      expect(String(error).startsWith(`${error.name}: `)).toBe(true);
    }
  });
});

describe('isAgentPhoneFixturesError', () => {
  it('recognises our errors, also from another realm or copy, and nothing else', () => {
    expect(isAgentPhoneFixturesError(new WebhookPayloadError([problem]))).toBe(true);
    const foreign = runInNewContext('const e = new Error("x"); Object.defineProperty(e, "name", { value: "WebhookPayloadError" }); e.code = "invalid_payload"; e');
    expect(foreign instanceof Error).toBe(false);
    expect(isAgentPhoneFixturesError(foreign)).toBe(true);
    expect(isAgentPhoneFixturesError(new Error('x'))).toBe(false);
    expect(isAgentPhoneFixturesError({ name: 'WebhookPayloadError' })).toBe(false);
    expect(isAgentPhoneFixturesError(null)).toBe(false);
    expect(isAgentPhoneFixturesError('WebhookPayloadError')).toBe(false);
  });
});

describe('describeValue', () => {
  it('renders short, safe descriptions of anything', () => {
    expect(describeValue('555')).toBe('"555"');
    expect(describeValue('x'.repeat(100))).toBe(`"${'x'.repeat(60)}…" (100 characters)`);
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(12)).toBe('12');
    expect(describeValue(10n)).toBe('10n');
    expect(describeValue([1, 2])).toBe('an array of 2');
    expect(describeValue({ a: 1 })).toBe('an object');
    expect(describeValue(new Date(Number.NaN))).toBe('an invalid Date');
    expect(describeValue(new Date(0))).toBe('Date 1970-01-01T00:00:00.000Z');
    expect(describeValue(Symbol('s'))).toBe('a symbol');
    expect(describeValue(() => 1)).toBe('a function');
    const revoked = Proxy.revocable([], {});
    revoked.revoke();
    expect(describeValue(revoked.proxy)).toBe('an unreadable value');
  });
});
