import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { within } from '../helpers/portal.js';
import { freePort, startService } from '../helpers/service.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;
/** The database and whichever of its -wal, -shm and -journal files exist. */
const databaseFiles = (dir: string, name: string) => readdirSync(dir).filter((f) => f === name || f.startsWith(`${name}-`)).map((f) => join(dir, f));

/** The SQLite files hold everything (sealed tokens, people, drafts): nobody but the service's user may read them. */
describe('database files are readable by their owner only', () => {
  let cwd: string;
  let previousUmask: number;

  beforeAll(() => {
    // The usual umask, under which a file created without a mode is readable by everyone.
    previousUmask = process.umask(0o022);
    cwd = mkdtempSync(join(tmpdir(), 'portal-hub-db-modes-'));
  });
  afterAll(() => {
    process.umask(previousUmask);
    rmSync(cwd, { recursive: true, force: true });
  });

  it('a first start creates data/ 0700 and the database, its WAL and shared-memory files 0600', async () => {
    const port = await freePort();
    const run = startService(cwd, port, { LOG_FORMAT: 'json' });
    try {
      await within(60_000, async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200);
      const data = join(cwd, 'data');
      // SQLite makes the WAL and shared-memory files when the service's connection first reads.
      await within(10_000, async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok && existsSync(join(data, 'portal-hub.db-wal')));
      expect(modeOf(data)).toBe(0o700);
      const files = databaseFiles(data, 'portal-hub.db');
      expect(files.map((f) => f.slice(data.length + 1))).toEqual(expect.arrayContaining(['portal-hub.db', 'portal-hub.db-wal', 'portal-hub.db-shm']));
      for (const f of files) expect(modeOf(f), f).toBe(0o600);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  }, 90_000);

  it('a database an older release left readable by others is made owner-only, with its companions, at the next start', async () => {
    const dir = join(cwd, 'older');
    const url = `file:${join(dir, 'hub.db')}`;
    expect((await runCli(['migrate'], { DATABASE_URL: url, DATA_DIR: dir })).code).toBe(0);
    writeFileSync(join(dir, 'hub.db-journal'), '');
    for (const f of databaseFiles(dir, 'hub.db')) chmodSync(f, 0o644);
    const port = await freePort();
    const run = startService(cwd, port, { DATABASE_URL: url, DATA_DIR: dir, LOG_FORMAT: 'json' });
    try {
      await within(60_000, async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200);
      const files = databaseFiles(dir, 'hub.db');
      expect(files.length).toBeGreaterThanOrEqual(2);
      for (const f of files) expect(modeOf(f), f).toBe(0o600);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  }, 90_000);

  it('the CLI creating a database creates it 0600 too', async () => {
    const file = join(cwd, 'cli', 'fresh.db');
    expect((await runCli(['migrate'], { DATABASE_URL: `file:${file}`, DATA_DIR: join(cwd, 'cli') })).code).toBe(0);
    expect(existsSync(file)).toBe(true);
    for (const f of databaseFiles(join(cwd, 'cli'), 'fresh.db')) expect(modeOf(f), f).toBe(0o600);
  });
});
