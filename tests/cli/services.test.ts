import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayFromToday, writeBanner } from '../helpers/ads.js';
import { runCli } from '../helpers/cli.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { TEST_HUB_SECRET } from '../helpers/desk.js';

/**
 * Issue 19.7, 19.9, 19.11 and 19.12 at the terminal, as the centre's staff type them: partners, shares of
 * the people's 40 %, payments and their reversals in the quarter's statement, ads and what each is doing
 * today — every refusal said in both languages, naming what was wrong.
 */
describe('media services at the terminal', () => {
  let db: TestDatabase;
  let media: string;
  const run = (...args: string[]) => runCli(args, { DATABASE_URL: db.url, HUB_SECRET: TEST_HUB_SECRET, MEDIA_DIR: media });
  const cli = async (...args: string[]) => {
    const r = await run(...args);
    if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const refused = async (args: string[], vi: string, en: string) => {
    const r = await run(...args);
    expect(r.code, args.join(' ')).toBe(1);
    expect(r.stderr, args.join(' ')).toContain(vi);
    expect(r.stderr, args.join(' ')).toContain(en);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  };

  beforeAll(async () => {
    db = await freshSqlite();
    media = mkdtempSync(join(tmpdir(), 'services-media-'));
    await cli('demo', '--items', '1', '--sites', '0');
  }, 300_000);
  afterAll(async () => {
    await db?.drop();
    rmSync(media, { recursive: true, force: true });
  });

  it('partners: an empty list says so, a blank contact is refused rather than dropped, the list has its heading', { timeout: 120_000 }, async () => {
    expect(await cli('partner', 'list')).toContain('Chưa có đối tác nào.');
    await refused(['partner', 'add', '--name', 'Công ty Sông Bé', '--contact', '   '], 'Thông tin liên hệ (--contact) phải có chữ', 'The contact (--contact) needs some text');
    expect(await cli('partner', 'list')).toContain('No partners yet.');
    await cli('partner', 'add', '--name', 'Công ty TNHH Sông Bé', '--tax-number', '3600123456', '--contact', 'Chị Lan 0909 000 111');
    const list = await cli('partner', 'list');
    expect(list).toContain('Mã\tMã số thuế\tTên\tLiên hệ');
    expect(list).toContain('3600123456\tCông ty TNHH Sông Bé\tChị Lan 0909 000 111');
  });

  it('shares of the 40 % are refused naming the person and what is wrong; amounts are grouped in threes', { timeout: 180_000 }, async () => {
    const propose = ['service', 'propose', '--site', 'tinh', '--partner', '3600123456', '--kind', 'brand', '--title', 'Quảng bá OCOP', '--value', '22.000.000', '--from', dayFromToday(-5), '--to', dayFromToday(60)];
    await refused([...propose, '--share', 'thu-ky@mau.example.vn=66.67', '--share', 'pho-ban@mau.example.vn=33.33'], 'phần trăm là số nguyên từ 1 đến 100', 'with a whole percent from 1 to 100');
    await refused([...propose, '--share', 'thu-ky@mau.example.vn=100', '--share', 'pho-ban@mau.example.vn=0'], 'Tỷ lệ của pho-ban@mau.example.vn phải là số nguyên lớn hơn 0', 'pho-ban@mau.example.vn’s share must be a whole number above 0');
    await refused([...propose, '--share', 'thu-ky@mau.example.vn=50', '--share', 'thu-ky@mau.example.vn=50'], 'thu-ky@mau.example.vn được ghi hai lần', 'thu-ky@mau.example.vn is named twice');
    await refused([...propose, '--share', 'thu-ky@mau.example.vn=50'], 'phải cộng lại 100 % (đang là 50 %)', 'must sum to 100 % (now: 50 %)');
    await refused([...propose.slice(0, -6), '--value', '22,5', ...propose.slice(-4), '--share', 'thu-ky@mau.example.vn=100'], '“22,5” không phải số', '“22,5” is not a number');
    expect(JSON.parse(await cli('service', 'list', '--json'))).toEqual([]);
  });

  it('a payment reversed shows in the quarter as one payment and one reversal, with the people under their heading', { timeout: 180_000 }, async () => {
    const { code } = JSON.parse(await cli('service', 'propose', '--site', 'tinh', '--partner', '3600123456', '--kind', 'banner', '--title', 'Banner cột phải', '--value', '11.000.000', '--from', dayFromToday(-5), '--to', dayFromToday(60), '--share', 'thu-ky@mau.example.vn=100', '--json')) as { code: string };
    // Not approved yet: no ad is placed on it, and the refusal speaks of ads.
    const picture = join(media, 'banner.png');
    await writeBanner(picture, 300, 250);
    const place = ['ad', 'place', '--contract', code, '--zone', 'sidebar', '--image', picture, '--alt', 'Vé rẻ', '--url', 'https://example.vn/ve'];
    await refused([...place, '--from', dayFromToday(0), '--to', dayFromToday(10)], `Hợp đồng ${code} chưa được duyệt (chờ lãnh đạo duyệt): chưa đặt quảng cáo.`, 'no ad can be placed yet');
    await cli('--as', 'pho-ban@mau.example.vn', 'service', 'approve', code);

    const paid = JSON.parse(await cli('service', 'pay', code, '--amount', '11.000.000', '--receipt', 'PT-7', '--json')) as { id: string };
    await refused(['service', 'pay', code, '--amount', '1.000.000', '--receipt', 'PT-7'], 'đã ghi với số tiền 11.000.000 đ, khác 1.000.000 đ', 'was recorded as 11.000.000 đ, not the 1.000.000 đ just typed');
    await refused(['service', 'pay', code, '--amount', '1.000.000', '--receipt', 'PT-8', '--day', dayFromToday(2)], 'không hợp lệ: từ 01/01/2000 đến hôm nay', 'is not valid: from 01/01/2000 to today');
    await cli('service', 'reverse', paid.id, '--reason', 'Ghi nhầm hợp đồng');
    await cli('service', 'pay', code, '--amount', '11.000.000', '--receipt', 'PT-7');
    const today = dayFromToday(0);
    const quarter = `${today.slice(6)}-Q${Math.floor((Number(today.slice(3, 5)) - 1) / 3) + 1}`;
    const statement = await cli('service', 'statement', '--site', 'tinh', '--quarter', quarter);
    expect(statement).toContain('Đã thu 2 khoản');
    expect(statement).toContain('Trong đó 1 bút toán hủy');
    expect(statement).toContain('Including 1 reversals');
    expect(statement).toMatch(/Người thực hiện:\nPeople involved:\n {2}[^\n]+\t4\.000\.000 đ/);
    expect(JSON.parse(await cli('service', 'statement', '--site', 'tinh', '--quarter', quarter, '--json'))).toMatchObject({ revenue: { payments: 2, reversals: 1, afterTax: 10_000_000 } });
  });

  it('ad list says what each ad does today, in both languages, under its heading', { timeout: 180_000 }, async () => {
    const contracts = JSON.parse(await cli('service', 'list', '--json')) as { code: string; kind: string }[];
    const code = contracts.find((c) => c.kind === 'banner')!.code;
    const picture = join(media, 'banner.png');
    const place = (from: number, to: number) => cli('ad', 'place', '--contract', code, '--zone', 'sidebar', '--image', picture, '--alt', `Vé ${from}`, '--url', 'https://example.vn/ve', '--from', dayFromToday(from), '--to', dayFromToday(to), '--json');
    const showing = JSON.parse(await place(0, 10)) as { code: string };
    const later = JSON.parse(await place(20, 30)) as { code: string };
    const ended = JSON.parse(await place(-4, -1)) as { code: string };
    const stopped = JSON.parse(await place(0, 10)) as { code: string };
    await cli('ad', 'stop', stopped.code);
    const list = await cli('ad', 'list');
    expect(list.split('\n')[0]).toContain('Mã\tTình trạng\tVị trí');
    const line = (c: string) => list.split('\n').find((l) => l.startsWith(`${c}\t`)) ?? '';
    expect(line(showing.code)).toContain('đang hiển thị / showing');
    expect(line(later.code)).toContain('chưa đến ngày / not yet started');
    expect(line(ended.code)).toContain('đã hết hạn / ended');
    expect(line(stopped.code)).toContain('đã dừng / stopped');
    const json = JSON.parse(await cli('ad', 'list', '--json')) as { code: string; showing: string }[];
    expect(Object.fromEntries(json.map((a) => [a.code, a.showing]))).toEqual({ [showing.code]: 'showing', [later.code]: 'scheduled', [ended.code]: 'ended', [stopped.code]: 'stopped' });
  });
});
