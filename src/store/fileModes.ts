import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** The files SQLite keeps beside a database: each holds the same rows (tokens sealed, people, drafts). */
const COMPANIONS = ['', '-wal', '-shm', '-journal'];

/**
 * Makes the SQLite file owner-only before SQLite opens it: created 0600 when new, and brought back to
 * 0600 when an older release left it readable by others. SQLite creates its -wal, -shm and -journal
 * files with the database file's own mode, and any left from before are tightened here too.
 */
export function ensurePrivateSqliteFile(file: string): void {
  if (file === ':memory:' || file === '') return;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  for (const suffix of COMPANIONS) {
    try {
      chmodSync(`${file}${suffix}`, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
