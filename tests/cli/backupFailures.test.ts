import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whyWriteFailed } from '../../src/store/backup.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { freshPostgres, POSTGRES } from '../helpers/databases.js';

/**
 * `portal-hub backup` when it cannot finish: the folder it was writing is removed (and nothing else),
 * the message names the target and says why in words; `--to ""` is refused; on PostgreSQL the
 * manifest names the audit head in the dump.
 */
const ENV = { TIMEZONE: 'Asia/Ho_Chi_Minh' };
const INIT = ['init', '--site-key', 'tinh', '--name-vi', 'Tỉnh Thử', '--name-en', 'Test Province', '--prefix', 'TT', '--admin-name', 'Nguyễn Văn A'];
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function must(run: CliRun): string {
  if (run.code !== 0) throw new Error(`exit ${run.code}\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

/** A tiny tmpfs: a real full disk. Only where mounting is allowed (root with CAP_SYS_ADMIN); skipped elsewhere. */
function tinyDisk(dir: string, size: string): boolean {
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' }).status === 0;
}
const unmount = (dir: string) => spawnSync('umount', [dir], { stdio: 'ignore' });

const probe = mkdtempSync(join(tmpdir(), 'portal-hub-mount-probe-'));
const CAN_MOUNT = tinyDisk(probe, '64k');
unmount(probe);
rmSync(probe, { recursive: true, force: true });

describe('whyWriteFailed sorts errors by code, not by wording', () => {
  const coded = (code: string, text = 'some words') => Object.assign(new Error(text), { code });
  it.each([
    ['ENOSPC', 'full'],
    ['SQLITE_FULL', 'full'],
    ['EDQUOT', 'full'],
    ['EACCES', 'permission'],
    ['EPERM', 'permission'],
    ['EROFS', 'readOnly'],
    ['SQLITE_READONLY_DIRECTORY', 'readOnly'],
    ['EISDIR', 'other'],
    ['SQLITE_IOERR_WRITE', 'other'],
  ] as const)('%s → %s', (code, why) => {
    expect(whyWriteFailed(coded(code))).toBe(why);
  });
  it('never reads the message: “disk is full” without a code is just an error', () => {
    expect(whyWriteFailed(new Error('database or disk is full'))).toBe('other');
    expect(whyWriteFailed('ENOSPC')).toBe('other');
    expect(whyWriteFailed(null)).toBe('other');
  });
});

describe('portal-hub backup when it cannot finish', () => {
  let work: string;
  const cli = (data: string, args: string[], env: Record<string, string> = {}, cwd?: string) => runCli(['--data', join(work, data), ...args], { ...ENV, ...env }, undefined, cwd);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'portal-hub-backup-fail-'));
    must(await cli('data', INIT));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('refuses --to "" (an unset variable in cron) and writes nothing into the working directory', async () => {
    const cwd = join(work, 'cwd');
    mkdirSync(cwd);
    for (const to of ['', '  ']) {
      const run = await cli('data', ['backup', '--to', to], {}, cwd);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/--to để trống[\s\S]*--to is empty/);
      expect(run.stdout).toBe('');
    }
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('removes the .partial folder it was writing when the copy fails part-way, and leaves everything else in the target', async () => {
    // The database is copied, then the checkpoints file cannot be (a folder in its place): a failure mid-way.
    const data = join(work, 'data');
    const target = join(work, 'usb');
    mkdirSync(target);
    writeFileSync(join(target, 'older-backup.txt'), 'giữ nguyên\n');
    mkdirSync(join(target, 'portal-hub-20260101-000000.partial'));
    const checkpoints = join(data, 'audit-checkpoints');
    rmSync(checkpoints, { recursive: true, force: true });
    mkdirSync(checkpoints);
    const before = sha(join(data, 'portal-hub.db'));
    try {
      const run = await cli('data', ['backup', '--to', target]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Không ghi được bản sao lưu vào ${target}:`);
      expect(run.stderr).toContain(`The backup could not be written to ${target}:`);
      expect(run.stderr).toMatch(/không để lại gì[\s\S]*nothing was left behind in .*The live database is untouched/);
      expect(run.stderr).not.toMatch(/Lệnh không thực hiện được|\n\s+at /);
      // Only what it made is gone: another run's leftover and the operator's files stay.
      expect(readdirSync(target).sort()).toEqual(['older-backup.txt', 'portal-hub-20260101-000000.partial']);
      expect(sha(join(data, 'portal-hub.db'))).toBe(before);
    } finally {
      rmSync(checkpoints, { recursive: true, force: true });
    }
    must(await cli('data', ['audit', 'verify']));
  });

  it.skipIf(!CAN_MOUNT)('on a full target disk says so (not that the database is full), removes its folder and frees the disk', async () => {
    const data = join(work, 'data');
    const disk = join(work, 'tiny');
    // Smaller than the database: SQLite's copy runs out of room (SQLITE_FULL).
    expect(tinyDisk(disk, '96k')).toBe(true);
    try {
      writeFileSync(join(disk, 'keep.txt'), 'x');
      const run = await cli('data', ['backup', '--to', disk]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain(`Không ghi được bản sao lưu vào ${disk}: ổ đĩa đích đã đầy.`);
      expect(run.stderr).toContain(`The backup could not be written to ${disk}: the target disk is full.`);
      expect(run.stderr).toContain('nothing was left behind');
      expect(run.stderr).not.toMatch(/database or disk is full|Lệnh không thực hiện được/);
      expect(readdirSync(disk)).toEqual(['keep.txt']);
    } finally {
      unmount(disk);
    }

    // Room for the database, not for the media copied after it (ENOSPC from the file copy).
    mkdirSync(join(data, 'media'), { recursive: true });
    writeFileSync(join(data, 'media', 'big.bin'), Buffer.alloc(3 * 2 ** 20, 7));
    const dbBytes = readFileSync(join(data, 'portal-hub.db')).length;
    expect(tinyDisk(disk, String(dbBytes + 2 ** 20))).toBe(true);
    try {
      const run = await cli('data', ['backup', '--to', disk]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain(`the target disk is full`);
      expect(readdirSync(disk)).toEqual([]);
    } finally {
      unmount(disk);
      rmSync(join(data, 'media', 'big.bin'));
    }
  });
});

describe.skipIf(!POSTGRES.ok)('portal-hub backup on PostgreSQL', () => {
  let work: string;
  let drop: () => Promise<void> = async () => undefined;
  let url: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'portal-hub-backup-pg-'));
    const db = await freshPostgres();
    drop = db.drop;
    url = db.url;
  });
  afterAll(async () => {
    await drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('names the audit head in the output and the manifest, the same as the AuditHead row', async () => {
    const env = { ...ENV, DATABASE_URL: url };
    must(await runCli(['--data', join(work, 'data'), ...INIT], env));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const head = (await client.query<{ seq: number; hash: string }>('SELECT "seq", "hash" FROM "AuditHead" WHERE "id" = 1')).rows[0]!;
    await client.end();
    expect(head.seq).toBeGreaterThan(0);

    mkdirSync(join(work, 'backups'));
    const run = await runCli(['--data', join(work, 'data'), 'backup', '--to', join(work, 'backups')], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`nhật ký đến dòng ${head.seq}.`);
    expect(run.stdout).toContain(`the audit trail up to row ${head.seq}.`);
    expect(run.stdout).not.toContain('?');
    const [folder] = readdirSync(join(work, 'backups'));
    const manifest = JSON.parse(readFileSync(join(work, 'backups', folder!, 'manifest.json'), 'utf8')) as { database: string; auditHead: { seq: number; hash: string } | null; files: { path: string }[] };
    expect(manifest.database).toBe('postgresql');
    expect(manifest.auditHead).toEqual({ seq: head.seq, hash: head.hash });
    expect(manifest.files.map((f) => f.path)).toContain('database.pgdump');
    expect(existsSync(join(work, 'backups', `${folder!}.partial`))).toBe(false);
  });
});
