import { mkdtempSync, rmSync } from 'node:fs';
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
    const run = await init('a', ['Dong Nai', 'dongnai', 'Cổng thông tin điện tử tỉnh Đồng Nai', 'Dong Nai Provincial Portal', 'dn1', 'dn', 'https://DongNai.gov.vn/', 'Nguyễn Văn An', 'not-an-email', 'an@dongnai.gov.vn', 'c']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Mã trang cấp tỉnh (chữ thường, số, gạch ngang; 2–40 ký tự)');
    expect(run.stdout).toContain('Tracking-code prefix (1–6 capital letters)');
    expect(run.stderr).toMatch(/Mã trang “dong nai” chỉ gồm chữ thường[\s\S]*Site key “dong nai” may hold only/);
    expect(run.stderr).toMatch(/Code prefix “DN1” must be 1–6 capital letters/);
    expect(run.stderr).toMatch(/“not-an-email” is not an e-mail address/);
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

  it('asks only what the options left out, and writes nothing when the operator says no or the input ends', async () => {
    const no = await init('b', ['Nguyễn Văn An', '', 'k'], ['--site-key', 'tinh', '--name-vi', 'Tỉnh Thử', '--name-en', 'Test Province', '--prefix', 'TT', '--domain', 'thu.gov.vn']);
    expect(no.code).toBe(1);
    expect(no.stdout).not.toContain('Mã trang cấp tỉnh');
    expect(no.stdout).toContain('Họ tên quản trị viên đầu tiên');
    expect(no.stderr).toContain('Stopped: nothing was written.');
    const ended = await init('b', ['tinh', 'Tỉnh Thử']);
    expect(ended.code).toBe(1);
    expect(ended.stderr).toContain('Đã dừng: chưa ghi gì.');
    const sites = await runCli(['--data', join(work, 'b'), 'site', 'list'], {});
    expect(sites.stdout + sites.stderr).not.toContain('tinh');
  });

  it('without --interactive names every option missing, in both languages', async () => {
    const run = await runCli(['--data', join(work, 'c'), 'init', '--site-key', 'tinh'], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Thiếu --name-vi, --name-en, --prefix, --admin-name');
    expect(run.stderr).toContain('or use init --interactive');
  });
});
