import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** `init --interactive`: the questions a province answers, asked one at a time, wrong answers asked again. */
describe('portal-hub init --interactive', () => {
  const work = mkdtempSync(join(tmpdir(), 'portal-hub-init-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const init = (data: string, answers: string[], extra: string[] = []) => runCli(['--data', join(work, data), 'init', '--interactive', ...extra], {}, answers.map((a) => `${a}\n`).join(''));

  it('asks each question in both languages, says why an answer is refused and asks it again, then writes what was confirmed', async () => {
    const run = await init('a', ['Dong Nai', 'dongnai', 'Cổng thông tin điện tử tỉnh Đồng Nai', 'Dong Nai Provincial Portal', 'dn1', 'dn', 'Nguyễn Văn An', 'https://dongnai.gov.vn:8443/', 'https://DongNai.gov.vn/', 'Nguyễn Văn An', 'not-an-email', 'an@dongnai.gov.vn', 'c']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Mã trang cấp tỉnh (chữ thường, số, gạch ngang; 2–40 ký tự)');
    expect(run.stdout).toContain('Tracking-code prefix (1–6 capital letters)');
    expect(run.stderr).toMatch(/Mã trang “dong nai” chỉ gồm chữ thường[\s\S]*Site key “dong nai” may hold only/);
    expect(run.stderr).toMatch(/Code prefix “DN1” must be 1–6 capital letters/);
    expect(run.stderr).toMatch(/“not-an-email” is not an e-mail address/);
    // A name typed where the domain goes, and a port, are refused and asked again.
    expect(run.stderr).toContain('Domain “nguyễn văn an” is not a host name');
    expect(run.stderr).toContain('Domain “dongnai.gov.vn:8443” is not a host name');
    expect(run.stdout).toContain('About to create: site dongnai “Cổng thông tin điện tử tỉnh Đồng Nai” / “Dong Nai Provincial Portal”, codes DN-…, domain dongnai.gov.vn; admin Nguyễn Văn An (an@dongnai.gov.vn).');
    expect(run.stdout).toMatch(/initialised: site dongnai \(DN\), admin Nguyễn Văn An/);
    const sites = await runCli(['--data', join(work, 'a'), 'site', 'list'], {});
    expect(sites.stdout).toContain('dongnai');
    // Asked again on a set-up portal: refused before any question.
    const again = await init('a', []);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('portal-hub is already initialised.');
    expect(again.stdout).not.toContain('Mã trang cấp tỉnh');
  });

  it('options given wrong are refused before any question, and no database or key file is made', async () => {
    const run = await init('c', [], ['--site-key', 'BAD KEY', '--domain', 'https://x.gov.vn:8443/']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Site key “bad key” may hold only[\s\S]*Domain “x\.gov\.vn:8443” is not a host name/);
    expect(run.stdout).not.toContain('Mã trang cấp tỉnh');
    const plain = await runCli(['--data', join(work, 'c'), 'init', '--site-key', 'tinh', '--name-vi', 'Tỉnh', '--name-en', 'Province', '--prefix', 'TT', '--admin-name', 'An', '--domain', 'Nguyễn Văn An'], {});
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('Tên miền “nguyễn văn an” không hợp lệ');
    expect(existsSync(join(work, 'c', 'portal-hub.db'))).toBe(false);
    expect(existsSync(join(work, 'c', 'hub-secret'))).toBe(false);
  });

  it('asks only what the options left out, and writes nothing when the operator says no or the input ends', async () => {
    const no = await init('b', ['Nguyễn Văn An', '', 'k'], ['--site-key', 'tinh', '--name-vi', 'Tỉnh Thử', '--name-en', 'Test Province', '--prefix', 'TT', '--domain', 'thu.gov.vn']);
    expect(no.code).toBe(1);
    expect(no.stdout).not.toContain('Mã trang cấp tỉnh');
    expect(no.stdout).toContain('Họ tên quản trị viên đầu tiên');
    expect(no.stderr).toContain('Stopped: nothing was written.');
    const ended = await init('b', ['tinh', 'Tỉnh Thử']);
    expect(ended.code).toBe(1);
    expect(ended.stderr).toContain('Đã dừng: chưa ghi gì.');
    // Nothing at all: no database, no key (a later command refuses instead of finding an empty database).
    expect(existsSync(join(work, 'b', 'portal-hub.db'))).toBe(false);
    expect(existsSync(join(work, 'b', 'hub-secret'))).toBe(false);
    const sites = await runCli(['--data', join(work, 'b'), 'site', 'list'], {});
    expect(sites.code).toBe(1);
    expect(sites.stderr).toContain('No database at');
  });

  it('without --interactive names every option missing, in both languages', async () => {
    const run = await runCli(['--data', join(work, 'c'), 'init', '--site-key', 'tinh'], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Thiếu --name-vi, --name-en, --prefix, --admin-name');
    expect(run.stderr).toContain('or use init --interactive');
  });
});
