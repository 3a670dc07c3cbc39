/**
 * The instant builders treat as "now" when no `now` option is given: 2025-01-15T12:00:00Z, the
 * moment of AgentPhone's own webhook examples. No builder reads the wall clock.
 */
export const REFERENCE_NOW = '2025-01-15T12:00:00Z';

/** @internal Milliseconds of {@link REFERENCE_NOW}. */
export const REFERENCE_NOW_MS = Date.parse(REFERENCE_NOW);

/** @internal ISO-8601 in whole seconds with `Z`, as AgentPhone's payloads show it. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
