import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

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

  it('a failure nobody foresaw (the data folder is a file) is said in both languages, without a stack trace', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'not a folder');
    const run = await runCli(['--data', file, ...INIT], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Lệnh không thực hiện được:');
    expect(run.stderr).toContain('The command failed:');
    expect(run.stderr).not.toMatch(/\n\s+at /);
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
