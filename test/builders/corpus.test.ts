import { describe, expect, it } from 'vitest';
import { Slots } from '../../src/builders/conversation-text.js';
import { TOPICS } from '../../src/builders/corpus.js';
import { Random } from '../../src/random/random.js';

const templates = TOPICS.flatMap((topic) =>
  [topic.text, topic.voice].flatMap((script) => [
    ...(script.intro ?? []),
    ...script.steps.flatMap((step) => step.flatMap(([customer, agent]) => [customer, agent])),
  ]),
);

describe('corpus', () => {
  it('fills every template with known slots, leaving no braces behind', () => {
    const slots = new Slots(new Random(1), new Random(1));
    expect(templates.length).toBeGreaterThan(150);
    for (const template of templates) {
      const text = slots.fill(template);
      expect(text, template).not.toMatch(/[{}]/);
      expect(text.trim()).toBe(text);
      expect(text.length).toBeGreaterThan(0);
    }
  });

  it('gives every topic a script for text and for calls, with whole exchanges', () => {
    for (const topic of TOPICS) {
      expect(topic.weight).toBeGreaterThan(0);
      for (const script of [topic.text, topic.voice]) {
        expect(script.steps.length, topic.name).toBeGreaterThan(0);
        for (const step of script.steps) for (const pair of step) expect(pair).toHaveLength(2);
      }
    }
    expect(new Set(TOPICS.map((t) => t.name)).size).toBe(TOPICS.length);
  });

  it('keeps spoken lines free of emoji and links', () => {
    for (const topic of TOPICS) {
      const spoken = [...(topic.voice.intro ?? []), ...topic.voice.steps.flat(2)];
      for (const line of spoken) {
        expect(line, line).not.toMatch(/\p{Extended_Pictographic}/u);
        expect(line, line).not.toMatch(/https?:/);
      }
    }
  });
});
