import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toJsonSchemas } from '../../src/index.js';
import { cli, tempDir } from '../helpers/io.js';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('runCli schema', () => {
  it('prints every schema as one JSON object', async () => {
    const { code, stdout } = await cli(['schema']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(toJsonSchemas());
  });

  it('writes one file per shape, the same bytes the package ships, and refuses to overwrite', async () => {
    const first = await cli(['schema', '--out', 'schemas'], { cwd: tmp.dir });
    expect(first.code).toBe(0);
    const names = readdirSync(join(tmp.dir, 'schemas')).sort();
    expect(names).toEqual(Object.keys(toJsonSchemas()).map((n) => `${n}.json`).sort());
    const shipped = join(import.meta.dirname, '../../dist/json-schema');
    for (const name of names) {
      expect(readFileSync(join(tmp.dir, 'schemas', name), 'utf8'), name).toBe(readFileSync(join(shipped, name), 'utf8'));
    }
    writeFileSync(join(tmp.dir, 'schemas', 'agent.message.sms.json'), 'mine');
    const again = await cli(['schema', '--out', 'schemas'], { cwd: tmp.dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Refusing to overwrite');
    expect(readFileSync(join(tmp.dir, 'schemas', 'agent.message.sms.json'), 'utf8')).toBe('mine');
    expect((await cli(['schema', '--out', 'schemas', '--force'], { cwd: tmp.dir })).code).toBe(0);
    expect(readFileSync(join(tmp.dir, 'schemas', 'agent.message.sms.json'), 'utf8')).not.toBe('mine');
  });

  it('rejects stray arguments and --force without --out', async () => {
    expect((await cli(['schema', 'x'])).code).toBe(2);
    expect((await cli(['schema', '--force'])).stderr).toContain('--force only applies with --out DIR.');
  });
});
