import { UsageError } from './config/types.js';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links (a symlink loop?)',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  EBUSY: 'resource busy',
};

/** A file-system error's code as words (`EACCES` → "permission denied"). */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code) return REASONS[code] ?? code;
  return e instanceof Error ? e.message : String(e);
}

/** Node's errors from fs calls carry a `code` like `EACCES` and the `syscall` that failed. */
export function isFsError(e: unknown): e is NodeJS.ErrnoException {
  const err = e as NodeJS.ErrnoException | undefined;
  return typeof err?.code === 'string' && /^E[A-Z0-9]+$/.test(err.code) && typeof err.syscall === 'string';
}

/** One line for the user: `cannot read migrations/x.sql: permission denied`. */
export function fsProblem(action: string, shown: string, e: unknown): UsageError {
  return new UsageError(`cannot ${action} ${shown}: ${fsReason(e)}`);
}
