import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure, type ErrorCode } from '../../../shared/errors';
import { DatabaseTooNewError } from './migrations';

// Local faults in words. A full disk, a read-only folder, a damaged, locked or too-new database file: each one
// becomes an AppFailure whose code has its own sentence in both languages (shared/i18n, `errors.<code>`) and
// whose `file` param names the file, so the window and `relay` say what happened and what to do — never
// "SQLITE_FULL" or "database is locked".

export type StorageFaultCode = Extract<
  ErrorCode,
  'disk-full' | 'storage-read-only' | 'storage-damaged' | 'storage-busy' | 'storage-too-new'
>;

const SENTENCES: Record<StorageFaultCode, (file: string) => string> = {
  'disk-full': (file) =>
    `The disk that holds Relay Desk's data is full (${file}). Free some space on it, then run the same command again: nothing already recorded is lost, and nothing is sent twice.`,
  'storage-read-only': (file) =>
    `Relay Desk cannot write its data file ${file}: the file or its folder is read-only. Give your user write access to that folder (or use --data-dir with another folder), then try again.`,
  'storage-damaged': (file) =>
    `Relay Desk's data file ${file} is damaged or is not a Relay Desk database. Quit Relay Desk, move that file somewhere safe (support may recover its tags and campaigns), then start again: the message history syncs again from the gateway.`,
  'storage-busy': (file) =>
    `Relay Desk's data file ${file} stayed locked by another program for too long. Close other programs using it (a backup or sync tool, another copy of Relay Desk), then try again.`,
  'storage-too-new': (file) =>
    `This account's data file ${file} was written by a newer version of Relay Desk. Update Relay Desk to open it; the file was not changed.`,
};

/** Under this much free space an I/O error is a full disk (SQLite often says "disk I/O error", not SQLITE_FULL). */
const NEARLY_FULL_BYTES = 1024 * 1024;

function diskNearlyFull(file: string): boolean {
  try {
    const fs = statfsSync(dirname(file));
    return fs.bavail * fs.bsize < NEARLY_FULL_BYTES;
  } catch {
    return false;
  }
}

/** SQLite's and the file system's codes for each fault. */
function faultCode(error: unknown, file: string): StorageFaultCode | null {
  if (!(error instanceof Error)) return null;
  const raw = (error as { code?: unknown }).code;
  const code = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
  if (
    code === 'SQLITE_FULL' ||
    code === 'ENOSPC' ||
    code === 'EDQUOT' ||
    (code === 'SQLITE_IOERR_WRITE' && /disk|space/i.test(error.message))
  )
    return 'disk-full';
  if (
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_AUTH' ||
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM'
  ) {
    return 'storage-read-only';
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return 'storage-damaged';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'storage-busy';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    // SQLite reports a write that ran out of room as an I/O error on some systems.
    return /no space|disk is full|ENOSPC/i.test(error.message) || diskNearlyFull(file) ? 'disk-full' : 'storage-damaged';
  }
  return null;
}

/** The fault as an AppFailure naming `file`, or null when `error` is not a local storage fault. */
export function storageFault(error: unknown, file: string): AppFailure | null {
  if (error instanceof DatabaseTooNewError)
    return error.file === null ? new DatabaseTooNewError(error.fileVersion, error.knownVersion, file) : error;
  if (isStorageFault(error)) return error;
  const code = faultCode(error, file);
  return code === null ? null : new AppFailure(code, SENTENCES[code](file), undefined, { file }, `errors.${code}`);
}

/** A folder that cannot be made or written, whatever the system called it (EROFS, EACCES, even ENOENT). */
export function unwritableFault(file: string): AppFailure {
  return new AppFailure('storage-read-only', SENTENCES['storage-read-only'](file), undefined, { file }, 'errors.storage-read-only');
}

export function isStorageFault(error: unknown): error is AppFailure {
  return error instanceof AppFailure && error.code in SENTENCES;
}

/** Busy and disk-full faults may clear by themselves (the other writer finishes, space is freed): worth a retry. */
export function isTransientStorageFault(error: unknown): boolean {
  const code = error instanceof AppFailure ? error.code : faultCode(error, '.');
  return code === 'storage-busy' || code === 'disk-full';
}
