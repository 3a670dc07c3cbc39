import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../errors.js';
import { describeFsError } from './fs-errors.js';

/**
 * Writes `count` files into `dir`, each atomically (a temp file, then a rename), and refuses to
 * overwrite an existing file unless `force`, checking every name before anything is written.
 * `shownDir` is the directory as the user typed it, for messages.
 */
export async function writeFilesAtomically(options: {
  dir: string;
  shownDir: string;
  count: number;
  name: (i: number) => string;
  content: (i: number) => string;
  force: boolean;
  report?: (written: number) => void;
}): Promise<number> {
  const { dir, shownDir, count, name, content, force, report } = options;
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new CliError('io', `Cannot use ${shownDir} as the output directory: it (or a parent) is a file.`);
    }
    throw new CliError('io', `Cannot create output directory ${shownDir}: ${describeFsError(error)}`);
  }
  if (!force) {
    const existing = new Set(await readdir(dir));
    const clashes: string[] = [];
    for (let i = 0; i < count && clashes.length < 4; i++) {
      if (existing.has(name(i))) clashes.push(name(i));
    }
    if (clashes.length > 0) {
      throw new CliError(
        'io',
        `Refusing to overwrite existing files in ${shownDir} (${clashes.slice(0, 3).join(', ')}${clashes.length > 3 ? ', …' : ''}). Pass --force to overwrite them.`,
      );
    }
  }
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  for (let i = 0; i < count; i++) {
    const file = name(i);
    const temp = join(dir, `.${file}.${tag}.tmp`);
    try {
      await writeFile(temp, content(i), { flag: 'wx' });
      await rename(temp, join(dir, file));
    } catch (error) {
      await rm(temp, { force: true });
      throw new CliError('io', `Cannot write ${join(shownDir, file)}: ${describeFsError(error)}`);
    }
    if ((i & 255) === 0) report?.(i + 1);
  }
  return count;
}
