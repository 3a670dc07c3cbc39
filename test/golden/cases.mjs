// The seeds pinned by golden files. Shared by the golden test and scripts/update-golden.mjs.
export const GOLDEN_CASES = [
  { name: 'sms-seed0', builder: 'buildSmsEvent', args: [{}, { seed: 0 }] },
  { name: 'sms-seed42-history3', builder: 'buildSmsEvent', args: [{}, { seed: 42, history: 3 }] },
  { name: 'sms-seed7-stop', builder: 'buildSmsEvent', args: [{ data: { message: 'STOP' } }, { seed: 7 }] },
  { name: 'voice-seed0', builder: 'buildVoiceEvent', args: [{}, { seed: 0 }] },
  { name: 'voice-seed42-history5', builder: 'buildVoiceEvent', args: [{}, { seed: 42, history: 5, now: '2026-03-01T09:30:00Z' }] },
  { name: 'history-seed3-voice', builder: 'buildHistory', args: [6, { seed: 3, channel: 'voice' }] },
  { name: 'history-entry-seed-neg1', builder: 'buildHistoryEntry', args: [{}, { seed: -1 }] },
];
