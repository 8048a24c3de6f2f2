import { getAtHost } from '../helpers/service.js';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { minimalPdf } from '../helpers/documentFiles.js';
import { startJourney, type Journey, type TgUser } from '../helpers/journey.js';

const HEALTH_HOST = 'soyte.dongnai.test';
const DISTRICT_HOST = 'huyena.dongnai.test';

/**
 * Issue 20.4 through the running service, driven from outside only (the CLI, chat presses, HTTP with Host
 * headers): a decision logged with its PDF on the health department's site is approved in chat, then found in
 * that site's library by number, agency and a word of its PDF, not in the district's; the API gives it with its
 * timeliness. Hostile input is refused with a clear message and nothing is stored.
 */
describe('documents as records, from the terminal to the library', () => {
  let db: TestDatabase;
  let j: Journey;
  let editor: TgUser;
  let secretary: TgUser;
  let deputy: TgUser;
  const files = mkdtempSync(join(tmpdir(), 'doc-journey-'));

  /** A GET with the Host a reader's browser sends (the name resolved to 127.0.0.1 here). */
  const get = (path: string, host: string) => getAtHost(j.port, path, host);
  const add = (number: string, file: string) => [
    'document', 'add', '--site', 'so-y-te', '--by', 'clerk@example.vn', '--title', 'Quyết định phê duyệt kế hoạch tiêm chủng mở rộng', '--document-number', number,
    '--document-type', 'Quyết định', '--agency', 'Sở Y tế tỉnh Đồng Nai', '--signer', 'Nguyễn Văn Minh', '--field', 'Y tế', '--issued', '02/12/2026', '--file', file,
  ];

  beforeAll(async () => {
    db = await freshSqlite();
    // The province gives legal documents 30 working days instead of the regulation's 2 (DOCUMENT_DEADLINES).
    j = await startJourney(db.url, {}, { mirrors: false, zaloGroup: false, env: { DOCUMENT_DEADLINES: 'legal=30' } });
    await j.cli(['site', 'add', '--key', 'so-y-te', '--kind', 'department', '--name-vi', 'Sở Y tế', '--name-en', 'Department of Health', '--prefix', 'SYT', '--parent', 'tinh', '--domain', HEALTH_HOST]);
    await j.cli(['site', 'add', '--key', 'huyen-a', '--kind', 'district', '--name-vi', 'UBND huyện A', '--name-en', 'District A', '--prefix', 'HA', '--parent', 'tinh', '--domain', DISTRICT_HOST]);
    editor = await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor');
    secretary = await j.person('Lê Minh Châu', 'chau@example.vn', 'secretary');
    deputy = await j.person('Trần Thị Bích', 'bich@example.vn', 'deputy');
    await j.cli(['person', 'add', '--name', 'Văn thư Sở Y tế', '--email', 'clerk@example.vn']);
    for (const [email, role] of [['dung@example.vn', 'editor'], ['chau@example.vn', 'secretary'], ['bich@example.vn', 'deputy'], ['clerk@example.vn', 'editor']] as const) await j.cli(['grant', '--person', email, '--site', 'so-y-te', '--role', role]);
    await j.start();
  }, 400_000);
  afterAll(async () => {
    await j?.stop();
    await db?.drop();
    rmSync(files, { recursive: true, force: true });
  }, 120_000);

  it('hostile input is refused, clearly and with nothing stored', { timeout: 300_000 }, async () => {
    const pdf = join(files, 'qd.pdf');
    writeFileSync(pdf, minimalPdf(['Ke hoach tiem chung vaccine bachhau cho tre em']));
    await expect(j.cli(add('123/QĐ\u202E-UBND', pdf))).rejects.toThrow(/Số ký hiệu \(--document-number\)[\s\S]*The number and symbol/);
    // A title too long and every other field left out: all named in one answer, none as "missing" alone.
    await expect(j.cli(['document', 'add', '--site', 'so-y-te', '--by', 'clerk@example.vn', '--title', 'Ư'.repeat(600), '--file', pdf])).rejects.toThrow(
      /Số ký hiệu \(--document-number\)[\s\S]*--agency[\s\S]*--signer[\s\S]*--field[\s\S]*--issued[\s\S]*trích yếu \(--title\): không để trống, tối đa 500 ký tự/,
    );
    const big = join(files, 'big.pdf');
    writeFileSync(big, '');
    truncateSync(big, 30 * 1024 * 1024);
    await expect(j.cli(add('124/QĐ-UBND', big))).rejects.toThrow(/Tệp “big\.pdf” nặng 30[\s\S]*nothing was kept/);
    const fake = join(files, 'fake.pdf');
    writeFileSync(fake, 'Đây là văn bản thường, không phải PDF.');
    await expect(j.cli(add('125/QĐ-UBND', fake))).rejects.toThrow(/không phải PDF hay DOCX[\s\S]*is not a PDF or DOCX/);
    const api = JSON.parse((await get('/api/v1/documents', `127.0.0.1:${j.port}`)).body) as { total: number };
    expect(api.total).toBe(0);
    expect((await get('/api/v1/documents?year=abc', HEALTH_HOST)).body).toContain('"parameter":"year"');
    // Another site's list at a site's host: not here (404), as for items and stats; a site that is none: a bad parameter.
    expect((await get('/api/v1/documents?site=huyen-a', HEALTH_HOST)).status).toBe(404);
    expect((await get('/api/v1/documents?site=khong-co', HEALTH_HOST)).status).toBe(400);
  });

  it('a decision published on the health site is in its library by number, agency and a word of its PDF, not in the district’s; the API has it', { timeout: 600_000 }, async () => {
    const pdf = join(files, 'qd-123.pdf');
    writeFileSync(pdf, minimalPdf(['Ke hoach tiem chung vaccine bachhau cho tre em']));
    const out = await j.cli(add('123/QĐ-SYT', pdf));
    const code = /^SYT-\d{4}-\d{5}$/m.exec(out)?.[0];
    expect(code).toBeDefined();
    expect(out).toContain('Đã đọc');
    await j.pressOn(editor, code!, 'Bước: Biên tập', 'Duyệt');
    await j.pressOn(secretary, code!, 'Bước: Thư ký', 'Duyệt');
    await j.pressOn(deputy, code!, 'Bước: Phó Trưởng ban', 'Duyệt xuất bản');
    for (const query of ['number=123%2FQ%C4%90-SYT', 'number=123%2F', 'agency=S%E1%BB%9F%20Y%20t%E1%BA%BF%20t%E1%BB%89nh%20%C4%90%E1%BB%93ng%20Nai', 'q=bachhau']) {
      const found = await j.telegram.waitFor(async () => {
        const page = await get(`/vi/van-ban?${query}`, HEALTH_HOST);
        return page.body.includes(`/vi/tin/${code}`) ? page : null;
      }, 60_000);
      expect(found.status).toBe(200);
      expect(found.body).toContain('123/QĐ-SYT');
      expect(found.body).toMatch(/đăng sau \d+ ngày làm việc/);
      expect((await get(`/vi/van-ban?${query}`, DISTRICT_HOST)).body).not.toContain(code!);
    }
    expect((await get('/en/documents?q=bachhau', HEALTH_HOST)).body).toContain('published after');
    // The province's host aggregates, with a site filter.
    expect((await get('/vi/van-ban?site=so-y-te&q=bachhau', `127.0.0.1:${j.port}`)).body).toContain(code!);
    expect((await get('/vi/van-ban?site=huyen-a&q=bachhau', `127.0.0.1:${j.port}`)).body).not.toContain(code!);
    const article = await get(`/vi/tin/${code}`, HEALTH_HOST);
    expect(article.body).toContain('Cơ quan ban hành');
    expect(article.body).toMatch(/href="\/media\/[^"]+\.pdf"/);
    const api = JSON.parse((await get('/api/v1/documents?number=123', HEALTH_HOST)).body) as { documents: { code: string; agency: string; issued: string; publishedAfterWorkingDays: number; deadlineWorkingDays: number; onTime: boolean }[] };
    expect(api.documents.map((d) => [d.code, d.agency, d.issued, d.deadlineWorkingDays])).toEqual([[code, 'Sở Y tế tỉnh Đồng Nai', '2026-12-02', 30]]);
    expect(typeof api.documents[0]?.publishedAfterWorkingDays).toBe('number');
    expect(JSON.parse((await get('/api/v1/documents?q=bachhau', DISTRICT_HOST)).body)).toMatchObject({ total: 0 });
  });
});
