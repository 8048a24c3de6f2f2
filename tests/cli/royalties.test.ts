import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClient } from '../../src/store/client.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { runCli } from '../helpers/cli.js';
import { TEST_HUB_SECRET } from '../helpers/desk.js';

/** This year in the province, as the service reads it. */
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));

/** Issue 19: the royalty frame is data, seeded from the notes, changed only by an audited command. */
describe.each(BACKENDS)('the royalty frame from the terminal on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  const cli = (...args: string[]) => runCli(args, { DATABASE_URL: db.url, HUB_SECRET: TEST_HUB_SECRET });

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    expect((await cli('init', '--site-key', 'tinh', '--name-vi', 'Tỉnh Thử', '--name-en', 'Test Province', '--prefix', 'TT', '--admin-name', 'Quản Trị')).code).toBe(0);
  });
  afterAll(async () => {
    if (!skip) await db.drop();
  });

  it.skipIf(skip)('a new database holds the notes’ figures: base salary, the change on 01/07/2026, tax thresholds, genres, site rates', { timeout: 120_000 }, async () => {
    const text = await cli('royalty', 'frame');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('từ 01/07/2026: 2.530.000 đồng; 1 hệ số = 10 % = 253.000 đồng');
    expect(text.stdout).toContain('from 01/07/2024: 2.340.000 đồng; one unit = 10 % = 234.000 đồng');
    expect(text.stdout).toContain('từ 01/07/2026: 10 % trên khoản chi từ 5.000.000 đồng; người không cư trú 20 % mọi khoản');
    expect(text.stdout).toContain('tin-tong-hop: Tin tổng hợp, chuyên sâu, trực tiếp, hệ số 1,2–2,5');
    expect(text.stdout).toContain('tin-tong-hop: Summary, in-depth or live news, coefficient 1.2–2.5');
    expect(text.stdout).toContain('department from 15/01/2020: 20 %');
    const json = JSON.parse((await cli('royalty', 'frame', '--json')).stdout) as { salaries: unknown[]; taxes: { from: string; threshold: number }[]; genres: unknown[] };
    expect(json.taxes).toMatchObject([{ from: '2020-01-15', threshold: 2_000_000 }, { from: '2026-07-01', threshold: 5_000_000 }]);
    expect(json.genres).toHaveLength(10);
  });

  it.skipIf(skip)('changes are saved as typed, audited with what they replaced; bad input is refused in both languages and changes nothing', { timeout: 180_000 }, async () => {
    const salary = await cli('royalty', 'salary', '--from', '01/01/2027', '--base', '2.800.000');
    expect(salary.code, salary.stderr).toBe(0);
    expect(salary.stdout).toContain('Đã lưu: 01/01/2027: 2.800.000 đ, 10 %.');
    const genre = await cli('royalty', 'genre', 'tin-anh', '--name-vi', 'Tin có ảnh', '--name-en', 'News with a photo', '--min', '1,2', '--max', '1.8');
    expect(genre.code, genre.stderr).toBe(0);
    expect(genre.stdout).toContain('Saved: tin-anh (News with a photo): 1.2–1.8. Replacing: tin-anh (Event news with a photo): 1.5–1.5.');
    expect(genre.stdout).toContain('Đã lưu: tin-anh (Tin có ảnh): 1,2–1,8. Thay cho: tin-anh (Tin sự kiện có ảnh): 1,5–1,5.');
    // What it replaced is said as typed, never as a record dump; the same value typed again is said unchanged.
    expect(genre.stdout).not.toContain('{');
    expect((await cli('royalty', 'site-rate', '--kind', 'commune', '--from', '01/01/2027', '--percent', '15')).code).toBe(0);
    expect((await cli('royalty', 'tax', '--from', '01/01/2027', '--threshold', '6,000,000')).code).toBe(0);

    for (const [args, said] of [
      [['royalty', 'salary', '--from', '31/02/2027', '--base', '1'], '“31/02/2027” is not a day: type dd/mm/yyyy.'],
      [['royalty', 'salary', '--from', '01/01/2028', '--base', '0'], 'base: “0” is not a valid amount'],
      [['royalty', 'salary', '--from', '01/01/2028', '--base', '25300000000'], 'base: “25300000000” is not a valid amount'],
      [['royalty', 'salary', '--from', '01/01/2028', '--base', 'hai triệu'], '“hai triệu” is not a number.'],
      // A decimal or a slip is not fifteen đồng: thousands are grouped in threes or not at all.
      [['royalty', 'salary', '--from', '01/01/2028', '--base', '1,5'], '“1,5” is not a number.'],
      [['royalty', 'salary', '--from', '01/01/2028', '--base', '2.53'], '“2.53” is not a number.'],
      [['royalty', 'salary', '--from', '01/01/2028', '--base', '2.530,000'], '“2.530,000” is not a number.'],
      [['royalty', 'salary', '--from', '01/01/2028', '--base', '-2.530.000'], '“-2.530.000”: an amount must be above 0'],
      [['royalty', 'salary', '--from', '01/01/2028', '--base', '99999999999999999999'], '“99999999999999999999” is too large: an amount has at most 15 digits.'],
      [['royalty', 'salary', '--from', '01/01/2028', '--base', '2.530.000', '--unit-percent', '1000'], '“1000” must be a whole number'],
      [['royalty', 'tax', '--from', '01/01/2028', '--threshold', '5000000', '--rate', '101'], 'rate: “101” must be a whole number from 0 to 100'],
      [['royalty', 'genre', 'Tin Ảnh', '--name-vi', 'x', '--name-en', 'x', '--min', '1', '--max', '2'], 'Genre key “Tin Ảnh” may hold only'],
      [['royalty', 'genre', 'tin-x', '--name-vi', 'x', '--name-en', 'x', '--min', '3', '--max', '2'], 'The coefficient range 3–2 is not valid'],
      [['royalty', 'genre', 'tin-x', '--name-vi', 'x', '--name-en', 'x', '--min', '1,234', '--max', '2'], '“1,234” is not a coefficient'],
      [['royalty', 'site-rate', '--kind', 'province', '--from', '01/01/2028', '--percent', '50'], 'Site kind “province” is not one of: department, district, commune, ward, agency.'],
      [['royalty', 'work', 'TT-2026-00001', '--fee', 'chau@example.vn'], '“chau@example.vn” is not --fee WHO:KIND:COEFFICIENT'],
      [['royalty', 'work', 'TT-2026-00001', '--fee', 'chau@example.vn:editing:nửa'], '“nửa” is not a coefficient'],
      [['royalty', 'work', 'TT-2026-00001', '--fee', 'chau@example.vn:catering:0,5'], 'No kind of fee “catering”; choose one of: editing, photo, video, supply, other.'],
      [['royalty', 'payee', 'chau@example.vn', '--waiver', '1800'], `“1800” is not a commitment year: type a year from ${YEAR - 1} to ${YEAR + 1}.`],
    ] as const) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toContain(said);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }

    const frame = JSON.parse((await cli('royalty', 'frame', '--json')).stdout) as { salaries: { from: string; baseSalary: number }[]; taxes: unknown[]; genres: { key: string; min: number; max: number }[]; siteRates: unknown[] };
    expect(frame.salaries.map((s) => [s.from, s.baseSalary])).toEqual([['2024-07-01', 2_340_000], ['2026-07-01', 2_530_000], ['2027-01-01', 2_800_000]]);
    expect(frame.taxes).toHaveLength(3);
    expect(frame.genres.find((g) => g.key === 'tin-anh')).toMatchObject({ min: 120, max: 180 });
    expect(frame.genres).toHaveLength(10);
    expect(frame.siteRates).toHaveLength(6);

    const client = openClient(db.url);
    const audit = await client.auditEvent.findMany({ where: { action: { startsWith: 'royalty.' } }, orderBy: { seq: 'asc' } });
    await client.$disconnect();
    expect(audit.map((a) => a.action)).toEqual(['royalty.salary', 'royalty.genre', 'royalty.siteRate', 'royalty.tax']);
    expect(JSON.parse(audit[1]!.data)).toMatchObject({ value: { key: 'tin-anh', min: 120, max: 180 }, previous: { key: 'tin-anh', min: 150, max: 150 } });
    expect((await cli('audit', 'verify')).stdout).toContain('Audit trail intact');
    const again = await cli('royalty', 'tax', '--from', '01/07/2026', '--threshold', '5.000.000');
    expect(again.stdout).toContain('Không đổi: 01/07/2026: 10 % ≥ 5.000.000 đ, 20 % vốn đã như vậy.');
  });

  it.skipIf(skip)('royalty held: the terminal decides nothing for the head, asks for one choice, and names what it cannot find', { timeout: 120_000 }, async () => {
    const both = await cli('royalty', 'held', 'TT-2026-00001', '--pay', '--skip', '--reason', 'x');
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('Chọn một: --pay (vẫn trả) hoặc --skip (không trả).');
    const noReason = await cli('royalty', 'held', 'TT-2026-00001', '--pay');
    expect(noReason.stderr).toContain('The required option “--reason <text>” is missing.');
    const unknown = await cli('royalty', 'held', 'TT-2026-09999', '--pay', '--reason', 'Tin gỡ vì lỗi biên tập');
    expect(unknown.stderr).toContain('TT-2026-09999');
    expect(unknown.code).toBe(1);
    // What was typed comes back in a refusal with its escape sequences, newlines and direction overrides made visible.
    const hostile = await cli('royalty', 'held', 'tt-1\u001b[2J\u001b[31mevil\nline2\u202e', '--pay', '--reason', 'x');
    expect(hostile.code).toBe(1);
    expect(hostile.stderr).toContain('TT-1�[2J�[31MEVIL�LINE2�');
    expect(hostile.stderr).not.toMatch(/[\u001b\u202e]/);
    // The parser's refusal of an extra argument, in both languages and nothing English-only after it.
    const extra = await cli('royalty', 'held', 'A', 'B', '--pay', '--reason', 'x');
    expect(extra.stderr).toContain('Thừa tham số cho lệnh này.\nToo many arguments for this command.');
    expect(extra.stderr).not.toMatch(/Expected \d+ arguments?/);
  });
});
