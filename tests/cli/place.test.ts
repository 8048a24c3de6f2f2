import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { PG_ADMIN_URL, POSTGRES } from '../helpers/databases.js';
import { freePort, startService } from '../helpers/service.js';

const INIT = ['init', '--site-key', 'tinh', '--name-vi', 'Tỉnh Thử', '--name-en', 'Test Province', '--prefix', 'TT', '--admin-name', 'Lê Văn Bình'];

describe('the CLI finds its project’s database, or says why not; it never makes one by the way', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'portal-hub-place-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const projectDb = join(ROOT, 'data', 'portal-hub.db');

  it('--data naming an empty folder: refused in both languages, naming the file, nothing created; init makes it, then commands use it', async () => {
    const data = join(scratch, 'empty');
    mkdirSync(data);
    const refused = await runCli(['--data', data, 'audit', 'verify'], {});
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Không có cơ sở dữ liệu tại ${join(data, 'portal-hub.db')}; lệnh này không tạo mới.`);
    expect(refused.stderr).toContain(`No database at ${join(data, 'portal-hub.db')}; this command does not create one.`);
    // The way out names the same folder: typed as shown, init makes the database this command looked for.
    expect(refused.stderr).toContain(`${join(ROOT, 'bin', 'portal-hub.mjs')} --data ${data} init`);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(data)).toEqual([]);

    const init = await runCli(['--data', data, ...INIT], {});
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain(`Cơ sở dữ liệu: ${join(data, 'portal-hub.db')}`);
    // The secret sits next to the database it keys: one folder to back up.
    expect(readdirSync(data)).toEqual(expect.arrayContaining(['portal-hub.db', 'hub-secret']));
    const verified = await runCli(['--data', data, 'audit', 'verify'], {});
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stderr).toContain(`Database: ${join(data, 'portal-hub.db')}`);
  });

  it('an empty --data (an unset shell variable) is refused, not read as the project’s folder', async () => {
    const run = await runCli(['--data', '', 'audit', 'verify'], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--data is empty: name a folder.');
    expect(run.stderr).not.toContain('Database:');
  });

  it('a data folder that is a file is named as such, for init and for every other command, without a stack trace', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'not a folder');
    for (const args of [INIT, ['person', 'list']]) {
      const run = await runCli(['--data', file, ...args], {});
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Thư mục dữ liệu ${file} là một tệp, không phải thư mục.`);
      expect(run.stderr).toContain(`The data folder ${file} is a file, not a folder.`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    const env = await runCli(['person', 'list'], { DATA_DIR: file });
    expect(env.stderr).toContain(`The data folder ${file} is a file, not a folder.`);
  });

  it('a database file that is not a database (damaged, or another file): said, and no key file made beside it', async () => {
    const data = join(scratch, 'damaged');
    mkdirSync(data);
    writeFileSync(join(data, 'portal-hub.db'), randomBytes(64 * 1024));
    for (const args of [['person', 'list'], ['audit', 'verify']]) {
      const run = await runCli(['--data', data, ...args], {});
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${join(data, 'portal-hub.db')} không phải cơ sở dữ liệu của portal-hub hoặc đã hỏng.`);
      expect(run.stderr).toContain('is not a portal-hub database, or it is damaged.');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(data)).toEqual(['portal-hub.db']);
  });

  it.skipIf(!POSTGRES.ok)('a PostgreSQL server without the database: the createdb line to type, for a command and for init', async () => {
    const url = new URL(PG_ADMIN_URL);
    url.pathname = '/portal_hub_never_created';
    for (const args of [['person', 'list'], INIT]) {
      const run = await runCli(['--data', join(scratch, 'pg-absent'), ...args], { DATABASE_URL: url.toString() });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Máy chủ PostgreSQL chưa có cơ sở dữ liệu');
      expect(run.stderr).toContain(`createdb -h ${url.hostname} -p ${url.port || '5432'}`);
      expect(run.stderr).toMatch(/ portal_hub_never_created\n/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(scratch, 'pg-absent', 'hub-secret'))).toBe(false);
  });

  it('the service started from another folder neither makes ./data there nor a key beside a damaged database', async () => {
    const elsewhere = join(scratch, 'elsewhere');
    mkdirSync(elsewhere);
    const data = join(scratch, 'service-damaged');
    mkdirSync(data);
    writeFileSync(join(data, 'portal-hub.db'), randomBytes(64 * 1024));
    // No DATA_DIR: the default data folder is the project's, not ./data under the folder it was started from.
    const service = startService(elsewhere, await freePort(), { DATA_DIR: undefined, DATABASE_URL: `file:${join(data, 'portal-hub.db')}` });
    expect(await service.exited).toBe(1);
    expect(service.output()).toContain('is not a portal-hub database, or it is damaged.');
    expect(readdirSync(data)).toEqual(['portal-hub.db']);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('another program’s database is never written into; one a newer release migrated is not used', async () => {
    const foreign = join(scratch, 'foreign');
    mkdirSync(foreign);
    const db = new Database(join(foreign, 'portal-hub.db'));
    db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    db.close();
    for (const args of [INIT, ['person', 'list']]) {
      const run = await runCli(['--data', foreign, ...args], {});
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/là cơ sở dữ liệu của chương trình khác[\s\S]*belongs to another program/);
    }
    const after = new Database(join(foreign, 'portal-hub.db'), { readonly: true });
    expect((after.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name)).toEqual(['customers']);
    after.close();

    const newer = join(scratch, 'newer');
    expect((await runCli(['--data', newer, ...INIT], {})).code).toBe(0);
    const ledger = new Database(join(newer, 'portal-hub.db'));
    ledger.prepare('INSERT INTO "_hub_migrations" ("name", "checksum", "appliedAt") VALUES (?, ?, ?)').run('29990101000000_from_the_future', 'x', new Date().toISOString());
    ledger.close();
    const run = await runCli(['--data', newer, 'person', 'list'], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/đã được một phiên bản mới hơn nâng cấp \(29990101000000_from_the_future\)[\s\S]*was upgraded by a newer release/);
  });

  it.skipIf(process.getuid?.() !== 0)('a data folder this account may not open is said as such, not as a missing database', async () => {
    const closed = join(scratch, 'closed');
    expect((await runCli(['--data', closed, ...INIT], {})).code).toBe(0);
    chmodSync(closed, 0o700);
    // As an operator who forgot `sudo -u portal-hub`: another account, same command.
    const run = await runCli(['--data', closed, 'person', 'list'], {}, undefined, undefined, { uid: 65534, gid: 65534 });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/không được đọc\/ghi thư mục dữ liệu[\s\S]*may not read and write the data folder/);
    expect(run.stderr).not.toContain('No database');
  });

  it('a refused init leaves nothing half made: the next one, with good values, works', async () => {
    const data = join(scratch, 'half');
    const refused = await runCli(['--data', data, 'init', '--site-key', 'tinh', '--name-vi', 'Tỉnh Thử', '--name-en', 'Test Province', '--prefix', 'TT', '--admin-name', ' ', '--admin-email', 'not-an-address'], {});
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('That name cannot be used');
    const blankSite = await runCli(['--data', data, 'init', '--site-key', 'tinh', '--name-vi', '\u200b', '--name-en', 'Test Province', '--prefix', 'TT', '--admin-name', 'Lê Văn Bình'], {});
    expect(blankSite.code).toBe(1);
    const done = await runCli(['--data', data, ...INIT], {});
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('site tinh (TT), admin Lê Văn Bình');
  });

  it('DATA_DIR alone holds the database too (it once moved the secret and left the database behind)', async () => {
    const data = join(scratch, 'by-env');
    const init = await runCli(INIT, { DATA_DIR: data });
    expect(init.code, init.stderr).toBe(0);
    expect(existsSync(join(data, 'portal-hub.db'))).toBe(true);
    expect(existsSync(join(data, 'hub-secret'))).toBe(true);
  });

  for (const [where, cwd] of [
    ['a sub-folder of the project', join(ROOT, 'tests')],
    ['outside the project', scratch],
  ] as const) {
    it(`run from ${where}: the project’s data/ database, named, or a refusal — never a new one in the working folder`, async () => {
      const had = existsSync(projectDb);
      const run = await runCli(['audit', 'verify'], {}, undefined, cwd);
      expect(run.stderr).toContain(`Cơ sở dữ liệu: ${projectDb}`);
      if (had) expect(run.code, run.stderr).toBe(0);
      else {
        expect(run.code).toBe(1);
        expect(run.stderr).toContain(`No database at ${projectDb}`);
        expect(existsSync(projectDb)).toBe(false);
      }
      expect(existsSync(join(cwd, 'data', 'portal-hub.db'))).toBe(false);
    });
  }
});
