import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkScenario, scenarioScriptSchema } from '../../src/index.js';

// Building blocks: valid turns and values, and one-thing-wrong variants of them.
const GOOD_TURNS: unknown[] = [
  'customer',
  'agent',
  { customer: 'Where is my order?' },
  { customer: null },
  { customer: '', overrides: { data: { message: 'x' } } },
  { agent: null },
  { agent: 'On its way!' },
  { state: { orderId: 'ORD-1' } },
  { state: null },
  { wait: '2h' },
  { wait: 90 },
  { wait: '1h 30m' },
  { wait: 'PT15M' },
  { wait: '2 hours' },
  { wait: '2H' },
  { wait: 'pt2h' },
  { wait: ' 2h ' },
  { wait: '1 Hour 30 Mins' },
  { call: [] },
  { call: ['agent', 'caller', 'customer', { caller: null }, { customer: 'hi', overrides: {} }, { wait: '20s' }, { state: {} }] },
  { call: [{ agent: 'Hello' }], direction: 'outbound', callId: 'call_1', end: { summary: null, callSuccessful: true } },
];
const BAD_TURNS: unknown[] = [
  'state',
  'caller',
  'hello',
  null,
  42,
  [],
  {},
  { custmer: 'hi' },
  { customer: 5 },
  { customer: 'a', agent: 'b' },
  { customer: 'a', extra: 1 },
  { agent: 'a', overrides: {} },
  { customer: 'a', overrides: 'x' },
  { state: 'open' },
  { state: [] },
  { wait: 'soon' },
  { wait: '0s' },
  { wait: 0 },
  { wait: 1.5 },
  { wait: '1.5s' },
  { wait: 'P' },
  { wait: -5 },
  { wait: null },
  { call: 'now' },
  { call: [{ say: 'hi' }] },
  { call: ['state'] },
  { call: [{ call: [] }] },
  { call: [], direction: 'up' },
  { call: [], callId: '' },
  { call: [], end: { mood: 'ok' } },
  { call: [], end: { callSuccessful: 'yes' } },
  { call: [], end: 'now' },
];
const GOOD_SETTINGS: Record<string, unknown>[] = [
  {},
  { channel: 'mms' },
  { seed: 7, contextLimit: 0 },
  { contextLimit: 50, now: '2026-01-01T00:00:00+02:00' },
  { contextLimit: null },
  { channel: 'imessage', customer: 'jane@icloud.com' },
  { customer: '+14155550123', agentNumber: '+14155550100', agentId: 'agt_1', numberId: 'num_1', conversationId: 'conv_1' },
  { state: { stage: 'new' } },
];
const BAD_SETTINGS: Record<string, unknown>[] = [
  { channel: 'voice' },
  { contextLimit: 51 },
  { contextLimit: -1 },
  { contextLimit: 2.5 },
  { seed: 1.5 },
  { seed: '1' },
  { now: '2025-01-15T12:00:00' },
  { now: '0000-01-01T00:00:00Z' },
  { customer: '555' },
  { customer: 'jane@icloud.com' },
  { agentNumber: 'jane@icloud.com' },
  { agentId: '' },
  { state: 'x' },
  { colour: 'red' },
];

/** A small seeded generator, so the property test is the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '../../dist/json-schema/scenario-script.json'), 'utf8')) as object;
const ajvValidate = new Ajv2020({ strict: false, allErrors: true }).compile(shipped);

describe('scenarioScriptSchema', () => {
  it('accepts exactly what checkScenario accepts, over 3,000 generated scripts', () => {
    const next = lcg(42);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    let valid = 0;
    for (let i = 0; i < 3000; i++) {
      const turns = Array.from({ length: Math.floor(next() * 6) }, () => (next() < 0.85 ? pick(GOOD_TURNS) : pick(BAD_TURNS)));
      const roll = next();
      const script = roll < 0.3 ? turns : { ...(next() < 0.8 ? pick(GOOD_SETTINGS) : pick(BAD_SETTINGS)), turns };
      const byCheck = checkScenario(script).length === 0;
      const byZod = scenarioScriptSchema.safeParse(script).success;
      expect(byZod, JSON.stringify(script)).toBe(byCheck);
      if (byCheck) {
        valid += 1;
        // The shipped JSON Schema accepts every valid script.
        expect(ajvValidate(script), `${JSON.stringify(script)}\n${JSON.stringify(ajvValidate.errors)}`).toBe(true);
      }
    }
    // Both outcomes are well represented.
    expect(valid).toBeGreaterThan(600);
    expect(valid).toBeLessThan(2400);
  });

  it.each(BAD_TURNS.map((turn) => [turn]))('refuses the turn %j, in Zod, checkScenario and (structurally) the JSON Schema', (turn) => {
    expect(scenarioScriptSchema.safeParse([turn]).success).toBe(false);
    expect(checkScenario([turn])).not.toEqual([]);
    // Whole seconds and "at least one" are beyond a JSON Schema pattern: only those two may pass Ajv.
    const patternOnly = ['1.5s', '0s', 'P'].includes((turn as { wait?: unknown } | null)?.wait as string);
    expect(ajvValidate([turn])).toBe(patternOnly);
  });

  it.each(BAD_SETTINGS.map((settings) => [settings]))('refuses the settings %j', (settings) => {
    const script = { ...settings, turns: [] };
    expect(scenarioScriptSchema.safeParse(script).success).toBe(false);
    expect(checkScenario(script)).not.toEqual([]);
  });

  it('ships as agentphone-fixtures/json-schema/scenario-script.json for editors', () => {
    expect((shipped as { title: string }).title).toMatch(/scenario script/);
    expect(ajvValidate({ seed: 1, turns: ['customer', { wait: '2h' }, { call: ['agent'] }] })).toBe(true);
    expect(ajvValidate({ turns: [{ wiat: '2h' }] })).toBe(false);
  });
});
