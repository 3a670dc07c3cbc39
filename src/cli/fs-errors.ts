/** A short, human reason for a file-system error (`no such file or directory`). */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOTDIR') return 'a parent is not a directory';
  if (code === 'ENOSPC') return 'no space left on device';
  if (code === 'EEXIST') return 'already exists';
  return error instanceof Error ? error.message : String(error);
}
