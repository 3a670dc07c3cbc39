import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWebhookEvent, safeParseWebhookEvent } from '../../src/schemas/index.js';

// AgentPhone's published payloads, kept verbatim in test/fixtures (copied from the shared spec).
const dir = join(import.meta.dirname, '../fixtures/agentphone-examples');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
// Every published payload: agent.message on every channel, agent.call_ended, agent.reaction.
const supported = files.filter((f) => f.startsWith('agent.'));

describe('published AgentPhone examples', () => {
  it('include sms and voice payloads to check', () => {
    expect(supported.filter((f) => f.includes('.sms')).length).toBeGreaterThanOrEqual(6);
    expect(supported.filter((f) => f.includes('.voice.')).length).toBeGreaterThanOrEqual(3);
    expect(supported.filter((f) => /call_ended|reaction|mms|imessage/.test(f)).length).toBeGreaterThanOrEqual(5);
  });

  it.each(supported)('%s parses, keeping every key', (file) => {
    const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    const event = parseWebhookEvent(raw);
    expect(event).toEqual(raw);
  });

  it('rejects the abridged quickstart snippet (no timestamp, "at": "...")', () => {
    const raw: unknown = JSON.parse(readFileSync(join(dir, 'abridged/agent.message.sms.docs-repo-quickstart.json'), 'utf8'));
    const result = safeParseWebhookEvent(raw);
    expect(result.success).toBe(false);
    const paths = result.error?.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['timestamp', 'data.numberId', 'data.receivedAt', 'recentHistory[0].at']),
    );
  });

  const shared = join(import.meta.dirname, '../../../shared/examples');
  it.runIf(existsSync(shared))('are byte-identical to the shared spec copies', () => {
    for (const file of files) {
      expect(readFileSync(join(dir, file), 'utf8'), file).toBe(readFileSync(join(shared, file), 'utf8'));
    }
  });
});
