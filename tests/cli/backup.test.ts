import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import { pdfBytes } from '../helpers/mediaBytes.js';
import { freePort, startService, waitForHealth, type Running } from '../helpers/service.js';

/**
 * `portal-hub backup` and `restore` as an operator runs them on the embedded default: a backup taken
 * while the service runs, restored into a fresh folder, verified, and served again; damaged, occupied
 * and wrong-key restores refused with nothing written.
 */
const TITLE = 'Dự thảo Quy định quản lý chợ';
const ENV = { TIMEZONE: 'Asia/Ho_Chi_Minh' };
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function must(run: CliRun): string {
  if (run.code !== 0) throw new Error(`exit ${run.code}\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

async function stop(service: Running): Promise<void> {
  service.child.kill('SIGTERM');
  await service.exited;
}

describe('portal-hub backup and restore', () => {
  let work: string;
  const cli = (data: string, args: string[], env: Record<string, string> = {}) => runCli(['--data', join(work, data), ...args], { ...ENV, ...env });

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'portal-hub-backup-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('copies a running service’s data, restores it into a new folder that verifies and serves the same pages and files', async () => {
    must(await cli('data', ['init', '--site-key', 'tinh', '--name-vi', 'Tỉnh Thử', '--name-en', 'Test Province', '--prefix', 'TT', '--admin-name', 'Nguyễn Văn A']));
    const draft = join(work, 'du-thao.pdf');
    writeFileSync(draft, pdfBytes(TITLE));
    const posted = must(await cli('data', ['consultation', 'add', '--site', 'tinh', '--title', TITLE, '--agency', 'Sở Công Thương', '--contact', 'sct@example.vn', '--file', draft, '--section', 'Điều 1', '--closes', new Date(Date.now() + 86_400_000).toISOString()]));
    const slug = /slug=(\S+)/.exec(posted)![1]!;
    must(await cli('data', ['audit', 'checkpoint']));

    const port = await freePort();
    const service = startService(work, port, { ...ENV, DATA_DIR: join(work, 'data') });
    let page: string;
    try {
      expect((await waitForHealth(port)).status).toBe(200);
      page = await (await fetch(`http://127.0.0.1:${port}/vi/du-thao/${slug}`)).text();
      // Online: the service keeps its database open (and writes its lease) while the copy is taken.
      mkdirSync(join(work, 'backups'));
      const backup = await cli('data', ['backup', '--to', join(work, 'backups')]);
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toMatch(/Đã sao lưu vào .*portal-hub-\d{8}-\d{6}[\s\S]*Backed up to/);
    } finally {
      await stop(service);
    }
    const [folder] = readdirSync(join(work, 'backups'));
    const backupDir = join(work, 'backups', folder!);
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['portal-hub.db', 'hub-secret', 'audit-checkpoints']));
    expect(manifest.files.some((f) => f.path.startsWith('media/') && f.path.endsWith('.pdf'))).toBe(true);
    expect(JSON.stringify(manifest)).not.toContain(readFileSync(join(work, 'data', 'hub-secret'), 'utf8').trim());

    const restored = await cli('fresh', ['restore', backupDir]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Đã khôi phục \d+ tệp[\s\S]*Nhật ký nguyên vẹn: \d+ dòng, 1 mốc[\s\S]*Audit trail intact/);
    expect(must(await cli('fresh', ['audit', 'verify']))).toMatch(/Audit trail intact: \d+ rows, 1 checkpoints/);
    expect(sha(join(work, 'fresh', 'hub-secret'))).toBe(sha(join(work, 'data', 'hub-secret')));

    // The restored folder runs as the old one did: the same page, the same document.
    const again = await freePort();
    const revived = startService(work, again, { ...ENV, DATA_DIR: join(work, 'fresh') });
    try {
      expect((await waitForHealth(again)).status).toBe(200);
      const revivedPage = await (await fetch(`http://127.0.0.1:${again}/vi/du-thao/${slug}`)).text();
      const link = /href="(\/media\/[^"]+\.pdf)"/.exec(revivedPage)![1]!;
      expect(page).toContain(link);
      expect(Buffer.from(await (await fetch(`http://127.0.0.1:${again}${link}`)).arrayBuffer()).toString()).toContain(TITLE);
      const home = await (await fetch(`http://127.0.0.1:${again}/vi/`)).text();
      expect(home).toContain('Tỉnh Thử');
    } finally {
      await stop(revived);
    }

    // Never over data: the original folder is left as it was.
    const before = sha(join(work, 'data', 'portal-hub.db'));
    const occupied = await cli('data', ['restore', backupDir]);
    expect(occupied.code).toBe(1);
    expect(occupied.stderr).toMatch(/Thư mục đích đã có dữ liệu[\s\S]*The target already holds data/);
    expect(sha(join(work, 'data', 'portal-hub.db'))).toBe(before);
    // Nor into a folder that holds anything else: restored files would mix with what is there.
    mkdirSync(join(work, 'stray'), { recursive: true });
    writeFileSync(join(work, 'stray', 'notes.txt'), 'ghi chú\n');
    const stray = await cli('stray', ['restore', backupDir]);
    expect(stray.code).toBe(1);
    expect(stray.stderr).toContain('notes.txt');
    expect(readdirSync(join(work, 'stray'))).toEqual(['notes.txt']);

    // A second backup into the same minute's folder never overwrites the first.
    const copy = join(work, 'damaged');
    mkdirSync(copy);
    must(await runCli(['--data', join(work, 'fresh'), 'backup', '--to', copy], ENV));
    const [copyFolder] = readdirSync(copy);
    // Written as NAME.partial and renamed when whole: a finished backup leaves no partial folder.
    expect(readdirSync(copy)).toEqual([copyFolder]);
    expect(copyFolder).toMatch(/^portal-hub-\d{8}-\d{6}$/);
    const damaged = join(copy, copyFolder!);
    const db = readFileSync(join(damaged, 'portal-hub.db'));
    db[db.length - 100] = (db[db.length - 100]! + 1) % 256;
    writeFileSync(join(damaged, 'portal-hub.db'), db);
    const refused = await cli('third', ['restore', damaged]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/tệp portal-hub\.db khác với danh mục[\s\S]*the file portal-hub\.db differs from its manifest/);
    expect(existsSync(join(work, 'third', 'portal-hub.db'))).toBe(false);
    expect(existsSync(join(work, 'third', 'hub-secret'))).toBe(false);

    // A manifest edited to name a file beyond the data folder (a backup copied from elsewhere, restored with sudo).
    db[db.length - 100] = (db[db.length - 100]! + 255) % 256;
    writeFileSync(join(damaged, 'portal-hub.db'), db);
    const planted = Buffer.from('#!/bin/sh\necho planted\n');
    writeFileSync(join(copy, 'escaped'), planted);
    const edited = JSON.parse(readFileSync(join(damaged, 'manifest.json'), 'utf8')) as { files: { path: string; bytes: number; sha256: string }[] };
    for (const path of ['../escaped', 'media/../../escaped']) {
      writeFileSync(join(damaged, 'manifest.json'), JSON.stringify({ ...edited, files: [...edited.files, { path, bytes: planted.length, sha256: createHash('sha256').update(planted).digest('hex') }] }));
      const escaping = await cli('third', ['restore', damaged]);
      expect(escaping.code).toBe(1);
      expect(escaping.stderr).toMatch(/nêu một tệp ngoài thư mục dữ liệu[\s\S]*names a file outside the data folder/);
      expect(existsSync(join(work, 'escaped'))).toBe(false);
      expect(existsSync(join(work, 'third', 'portal-hub.db'))).toBe(false);
    }

    const notBackup = await cli('third', ['restore', work]);
    expect(notBackup.code).toBe(1);
    expect(notBackup.stderr).toMatch(/Không phải bản sao lưu của portal-hub[\s\S]*Not a portal-hub backup/);
  });

  it('keeps a HUB_SECRET from the environment out of the backup, and restores only with that same secret', async () => {
    const secret = 'b'.repeat(64);
    const env = { HUB_SECRET: secret };
    must(await cli('env-data', ['init', '--site-key', 'tinh', '--name-vi', 'Tỉnh Thử', '--name-en', 'Test Province', '--prefix', 'TT', '--admin-name', 'Nguyễn Văn A'], env));
    mkdirSync(join(work, 'env-backups'));
    const backup = await cli('env-data', ['backup', '--to', join(work, 'env-backups')], env);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stderr).toMatch(/HUB_SECRET lấy từ biến môi trường[\s\S]*keep it with the backup \(fingerprint [0-9a-f]{16}\)/);
    // The folder does not hold the key, and the line before does not say it does.
    expect(backup.stdout).not.toContain('holds the key');
    expect(backup.stdout).not.toContain('chứa khóa');
    const [folder] = readdirSync(join(work, 'env-backups'));
    const dir = join(work, 'env-backups', folder!);
    expect(existsSync(join(dir, 'hub-secret'))).toBe(false);
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes(secret)).toBe(false);

    const without = await cli('env-restore', ['restore', dir]);
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/đặt đúng HUB_SECRET[\s\S]*set that HUB_SECRET/);
    const wrong = await cli('env-restore', ['restore', dir], { HUB_SECRET: 'c'.repeat(64) });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/không phải khóa của bản sao lưu[\s\S]*is not the backup’s key/);
    expect(existsSync(join(work, 'env-restore', 'portal-hub.db'))).toBe(false);
    const right = await cli('env-restore', ['restore', dir], env);
    expect(right.code, right.stderr).toBe(0);
    expect(right.stdout).toMatch(/Audit trail intact/);
  });

  it('backs up only into a folder that is there: a missing one (a typo, a disk not mounted) or a file is refused, nothing made', async () => {
    must(await cli('target', ['init', '--site-key', 'tinh', '--name-vi', 'Tỉnh Thử', '--name-en', 'Test Province', '--prefix', 'TT', '--admin-name', 'Nguyễn Văn A']));
    const missing = join(work, 'mnt', 'usb', 'backups');
    const run = await cli('target', ['backup', '--to', missing]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Không có thư mục ${missing}. Sao lưu không tạo thư mục đích`);
    expect(run.stderr).toContain(`There is no folder ${missing}.`);
    expect(existsSync(join(work, 'mnt'))).toBe(false);
    const file = join(work, 'target-file');
    writeFileSync(file, 'x');
    const onFile = await cli('target', ['backup', '--to', file]);
    expect(onFile.code).toBe(1);
    expect(onFile.stderr).toContain(`${file} is a file, not a folder: --to names the folder backups go into.`);
    expect(onFile.stderr).not.toMatch(/\n\s+at /);
    // Inside the data folder itself (by any path to it): refused, nothing written there.
    mkdirSync(join(work, 'target', 'backups'));
    const inside = await cli('target', ['backup', '--to', join(work, 'target', '.', 'backups')]);
    expect(inside.code).toBe(1);
    expect(inside.stderr).toContain(`is inside the data folder ${join(work, 'target')}`);
    expect(readdirSync(join(work, 'target', 'backups'))).toEqual([]);
  });

  it('tells a mistyped --checkpoint from tampering, and checks nothing', async () => {
    must(await cli('typo', ['init', '--site-key', 'tinh', '--name-vi', 'Tỉnh Thử', '--name-en', 'Test Province', '--prefix', 'TT', '--admin-name', 'Nguyễn Văn A']));
    const run = await cli('typo', ['audit', 'verify', '--checkpoint', 'ckpt1:12:abc']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/không phải một mốc đối chiếu[\s\S]*is not a checkpoint/);
    expect(run.stderr).not.toMatch(/can thiệp|tampered/);
  });
});
