import { describe, expect, it } from 'vitest';
import {
  ScenarioError,
  checkScenario,
  conversation,
  parseDuration,
  runScenario,
  safeParseWebhookEvent,
  scenarioEvents,
  type ScenarioScript,
} from '../../src/index.js';

function problemsOf(script: unknown): { path: string; message: string }[] {
  try {
    runScenario(script);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).code).toBe('invalid_script');
    return [...(error as ScenarioError).problems];
  }
  throw new Error('the script ran without error');
}

describe('runScenario', () => {
  const script: ScenarioScript = {
    seed: 7,
    contextLimit: 3,
    turns: [
      { customer: 'Hi, where is my order?' },
      { agent: null },
      { wait: '2h' },
      { state: { orderId: 'ORD-1' } },
      'customer',
      'agent',
      { call: [{ agent: null }, { caller: "I'd rather talk it through" }, 'agent'], end: { callSuccessful: true } },
      { customer: null, overrides: { data: { message: 'Overridden' } } },
    ],
  };

  it('gives the same events as the same calls on conversation()', () => {
    const chat = conversation({ seed: 7, contextLimit: 3 });
    const expected = [chat.inbound('Hi, where is my order?')];
    chat.outbound();
    chat.wait('2h');
    chat.setState({ orderId: 'ORD-1' });
    expected.push(chat.inbound());
    chat.outbound();
    const call = chat.call();
    call.agent();
    const spoken = call.caller("I'd rather talk it through");
    call.agent();
    const ended = call.end({ callSuccessful: true });
    const last = chat.inbound(undefined, { data: { message: 'Overridden' } });
    expect(runScenario(script)).toEqual([...expected, spoken, ended, last]);
  });

  it('emits every event valid and in order: messages, then a call and its call_ended', () => {
    const events = runScenario(script);
    expect(events.map((e) => `${e.event}/${e.channel}`)).toEqual([
      'agent.message/sms',
      'agent.message/sms',
      'agent.message/voice',
      'agent.call_ended/voice',
      'agent.message/sms',
    ]);
    for (const event of events) expect(safeParseWebhookEvent(event).success).toBe(true);
    expect(events[1]?.conversationState).toEqual({ orderId: 'ORD-1' });
    expect(events.at(-1)?.recentHistory?.at(-1)).toMatchObject({ channel: 'voice', direction: 'outbound' });
    expect(events[3]).toMatchObject({ data: { callSuccessful: true } });
  });

  it('takes a bare array of turns, and a seed that takes precedence over the script', () => {
    const turns = ['customer', 'agent', 'customer'] as const;
    const bare = runScenario([...turns], { seed: 3 });
    expect(bare).toEqual(runScenario({ seed: 99, turns: [...turns] }, { seed: 3 }));
    expect(bare).not.toEqual(runScenario({ seed: 99, turns: [...turns] }));
    expect(runScenario([], {})).toEqual([]);
  });

  it('streams with scenarioEvents, one event at a time', () => {
    const iterator = scenarioEvents(script);
    const first = iterator.next();
    expect(first.done).toBe(false);
    expect(first.value).toEqual(runScenario(script)[0]);
  });

  it.each([
    [[{ custmer: 'hi' }], 'turns[0]', /unknown key "custmer": expected one of "customer", "agent", "state", "wait", "call"/],
    [[{ customer: 'hi' }, { wait: 'soon' }], 'turns[1].wait', /expected a duration such as .*received "soon"/],
    [[{ wait: '0s' }], 'turns[0].wait', /at least 1 second/],
    [[{ customer: 5 }], 'turns[0].customer', /expected the text as a string, or null to generate it, received 5 \(in YAML, quote it/],
    [[{ customer: 'a', agent: 'b' }], 'turns[0]', /received "customer", "agent" together/],
    [[{ customer: 'a', extra: 1 }], 'turns[0].extra', /unknown key "extra"/],
    [[{ state: 'open' }], 'turns[0].state', /expected an object or null/],
    [[{ call: 'now' }], 'turns[0].call', /expected an array of call turns/],
    [[{ call: [{ say: 'hi' }] }], 'turns[0].call[0]', /unknown key "say": expected one of "customer", "caller", "agent", "state", "wait"/],
    [[{ call: [], direction: 'up' }], 'turns[0].direction', /"inbound", "outbound" or "web"/],
    [[{ call: [], end: { mood: 'ok' } }], 'turns[0].end.mood', /unknown key "mood"/],
    [['hello'], 'turns[0]', /or the bare string "customer" or "agent"/],
    [[null], 'turns[0]', /received null/],
    [[{}], 'turns[0]', /received an empty object/],
    [{ turns: [], contextLimit: 51 }, 'contextLimit', /expected an integer from 0 to 50/],
    [{ turns: [], channel: 'voice' }, 'channel', /expected one of "sms", "mms", "imessage", "whatsapp"/],
    [{ turns: [], colour: 'red' }, 'colour', /unknown setting "colour"/],
    [{ turns: 'all' }, 'turns', /expected an array of turns/],
    [{ seed: 1 }, 'turns', /expected an array of turns, received nothing/],
    ['just text', '(script)', /expected an array of turns or an object with "turns"/],
  ])('names the turn of a bad script: %j', (bad, path, message) => {
    const problems = problemsOf(bad);
    expect(problems[0]?.path).toBe(path);
    expect(problems[0]?.message).toMatch(message);
    expect(checkScenario(bad)).toEqual(problems);
  });

  it('reports every bad setting, and bad settings with bad turns', () => {
    const bad = { channel: 'voice', contextLimit: 51, seed: 'x', turns: [{ wiat: 1 }] };
    const problems = checkScenario(bad);
    expect(problems.map((p) => p.path)).toEqual(['turns[0]', 'channel', 'contextLimit', 'seed']);
    // The runners report the same list.
    expect(problemsOf(bad)).toEqual(problems);
    expect(checkScenario({ customer: 'jane@icloud.com', turns: [] }).map((p) => p.path)).toEqual(['customer']);
    expect(checkScenario({ channel: 'imessage', customer: 'jane@icloud.com', turns: [] })).toEqual([]);
  });

  it('finds nothing wrong with a valid script', () => {
    expect(checkScenario(script)).toEqual([]);
  });

  it('names the turn of an error that only shows when the turn runs', () => {
    const problems = problemsOf([{ customer: null }, { customer: null, overrides: { data: { from: '555' } } }]);
    expect(problems).toEqual([{ path: 'turns[1]', message: expect.stringMatching(/^the event it builds is invalid: data\.from: expected an E\.164 phone number .*, received "555"$/) }]);
    const email = problemsOf({ channel: 'imessage', customer: 'jane@icloud.com', turns: [{ call: [] }] });
    expect(email[0]?.path).toBe('turns[0]');
    expect(email[0]?.message).toMatch(/E\.164 phone number to place a call/);
  });

  it('refuses a wait that would pass the year 9999 at that wait, naming it', () => {
    const turns = [...Array.from({ length: 1000 }, () => ({ wait: 315_000_000 })), 'customer'];
    const problems = problemsOf(turns);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toMatch(/^turns\[\d+\]$/);
    expect(problems[0]?.message).toMatch(/a wait that keeps the next turn before the year 10000, received 315000000/);
  });

  it('keeps only the turns later history can show when streaming', () => {
    const turns = Array.from({ length: 5000 }, (_, i) => (i % 2 === 0 ? 'customer' : 'agent'));
    const events = [...scenarioEvents({ seed: 1, contextLimit: 3, turns })];
    expect(events).toHaveLength(2500);
    expect(events.at(-1)?.recentHistory).toEqual(runScenario({ seed: 1, contextLimit: 3, turns }).at(-1)?.recentHistory);
  });

  it('lists up to 20 problems at once, each with its own turn', () => {
    const turns = Array.from({ length: 100 }, (_, i) => ({ wait: `${i}x` }));
    const problems = problemsOf(turns);
    expect(problems).toHaveLength(20);
    expect(problems.map((p) => p.path)).toEqual(Array.from({ length: 20 }, (_, i) => `turns[${i}].wait`));
    expect(() => runScenario(turns)).toThrow(/Invalid scenario script \(at least 20 problems\):\n {2}turns\[0\]\.wait: /);
  });

  it('runs 100,000 turns with bounded history per event (no copying of the whole past)', () => {
    const turns = Array.from({ length: 100_000 }, (_, i) => (i % 2 === 0 ? 'customer' : 'agent'));
    let events = 0;
    let maxHistory = 0;
    let previous = '';
    for (const event of scenarioEvents({ seed: 5, contextLimit: 50, turns })) {
      events += 1;
      maxHistory = Math.max(maxHistory, event.recentHistory?.length ?? 0);
      expect(event.timestamp > previous).toBe(true);
      previous = event.timestamp;
    }
    expect(events).toBe(50_000);
    expect(maxHistory).toBe(50);
  }, 120_000);
});

describe('parseDuration', () => {
  it.each([
    [90, 90],
    ['90', 90],
    ['45s', 45],
    ['15m', 900],
    ['2h', 7200],
    ['1d', 86400],
    ['1w', 604800],
    ['1h30m', 5400],
    ['1h 30m', 5400],
    ['1.5h', 5400],
    ['2 hours', 7200],
    ['30 minutes', 1800],
    ['PT2H30M', 9000],
    ['P1D', 86400],
    ['0s', 0],
  ])('reads %j as %i seconds', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it.each(['soon', '', 'h', '2x', '-5m', '1.5s', 'PT', 'P', '1h30', null, {}, Number.POSITIVE_INFINITY, 1e12])('refuses %j', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });
});
