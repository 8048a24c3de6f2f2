import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { EDITORIAL, INTAKE, startJourney, type Journey, type TgUser } from '../helpers/journey.js';

/**
 * Issue 19.6–19.7 and 19.11 through the running service: the desk files a partner and a contract at the
 * terminal; its card reaches the editorial chat; the standing deputy head approves it with a button (a
 * stranger, the secretary and a second press change nothing); the payment is recorded once however often
 * the command runs, split 40/30/20/10, and the royalty fund receives its 10 %.
 */
/** A local day (dd/mm/yyyy) `offset` days from today: contracts and ads run around today, whatever today is. */
const day = (offset: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(Date.now() + offset * 86_400_000));

describe('a media-service contract, from the terminal to the chat and the ledger', () => {
  let db: TestDatabase;
  let j: Journey;
  let secretary: TgUser;
  let deputy: TgUser;
  let editor: TgUser;
  let writer: TgUser;

  const cardsOf = (code: string) => j.telegram.sent('sendMessage', EDITORIAL).filter((c) => String(c.params.text).includes(`${code} chờ duyệt`));
  const json = async <T>(args: string[]) => JSON.parse(await j.cli(args)) as T;

  beforeAll(async () => {
    db = await freshSqlite();
    j = await startJourney(db.url, {}, { zaloGroup: false, mirrors: false });
    secretary = await j.person('Lê Minh Châu', 'chau@example.vn', 'secretary');
    deputy = await j.person('Trần Thị Bích', 'bich@example.vn', 'deputy');
    editor = await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor');
    writer = await j.person('Đặng Thị Hoa', 'hoa@example.vn', 'collaborator');
    await j.cli(['person', 'add', '--name', 'Ngô Thị Chi', '--email', 'chi@example.vn']);
    await j.start();
  }, 400_000);
  afterAll(async () => {
    await j?.stop();
    await db?.drop();
  }, 120_000);

  it('proposed at the terminal, approved in chat by the deputy, paid once, split to the đồng', { timeout: 600_000 }, async () => {
    await j.cli(['partner', 'add', '--name', 'Công ty TNHH Sông Bé', '--tax-number', '3600123456', '--contact', 'Chị Lan 0909 000 111']);
    const propose = ['service', 'propose', '--site', 'tinh', '--partner', '3600123456', '--kind', 'event', '--title', 'Truyền thông lễ hội trái cây', '--value', '110.000.000', '--tax', '10', '--from', '01/11/2026', '--to', '31/12/2026', '--share', 'chau@example.vn=50', '--share', 'bich@example.vn=30', '--share', 'chi@example.vn=20'];
    const { code } = await json<{ code: string }>([...propose, '--json']);
    expect(code).toMatch(/^DV-\d{4}-001$/);
    // Before approval, no money is taken on it.
    await expect(j.cli(['service', 'pay', code, '--amount', '110000000', '--receipt', 'PT-01'])).rejects.toThrow(/chưa được duyệt \(chờ lãnh đạo duyệt\)/);

    const card = await j.telegram.waitFor(() => cardsOf(code)[0], 60_000);
    expect(String(card.params.text)).toContain('Đối tác: Công ty TNHH Sông Bé');
    expect(String(card.params.text)).toContain('Giá trị: 110.000.000 đ (gồm thuế 10 %), 01/11/2026–31/12/2026');
    expect(String(card.params.text)).toContain('Người thực hiện: Lê Minh Châu 50 %, Trần Thị Bích 30 %, Ngô Thị Chi 20 %');
    expect(String(card.params.text)).toContain('Media service');

    // Someone with no account here, and the secretary: refused, the contract unchanged.
    const stranger: TgUser = { id: 5_499_000_001, is_bot: false, first_name: 'Lạ', username: 'la' };
    // Nobody's language is known before they link: Vietnamese first, then a line of English, within a popup's 200.
    const popup = String((await j.pressOn(stranger, code, 'chờ duyệt', 'Approve')).text);
    expect(popup).toBe('Tài khoản Telegram của bạn chưa được liên kết. Xin mã từ quản trị viên rồi gửi /link MÃ cho bot.\nNot linked yet: ask an admin for a code, then send /link CODE.');
    expect(String((await j.pressOn(secretary, code, 'chờ duyệt', 'Approve')).text)).toContain('Chỉ Trưởng Ban hoặc Phó Trưởng Ban thường trực');
    expect((await json<{ state: string }>(['service', 'show', code, '--json'])).state).toBe('proposed');
    // The deputy approves; the same button again (Telegram's retry, a second tap) changes nothing.
    expect(String((await j.pressOn(deputy, code, 'chờ duyệt', 'Approve')).text)).toBe(`Hợp đồng ${code}: đã duyệt.`);
    expect(String((await j.pressOn(deputy, code, 'chờ duyệt', 'Refuse')).text)).toContain('Thẻ này đã cũ');
    expect(await json<{ state: string; decidedById: string }>(['service', 'show', code, '--json'])).toMatchObject({ state: 'approved' });

    // The payment entered three times (a retried command): recorded once.
    const pay = ['service', 'pay', code, '--amount', '110.000.000', '--receipt', 'PT-01', '--day', '30/11/2026', '--json'];
    const runs = await Promise.all([j.cli(pay), j.cli(pay), j.cli(pay)]);
    const payments = runs.map((r) => JSON.parse(r) as { id: string; duplicate: boolean; afterTax: number; lines: { account: string; amount: number }[] });
    expect(payments.filter((p) => !p.duplicate)).toHaveLength(1);
    expect(new Set(payments.map((p) => p.id)).size).toBe(1);
    const paid = payments[0]!;
    expect(paid.afterTax).toBe(100_000_000);
    expect(paid.lines.map((l) => [l.account, l.amount])).toEqual([['people', 20_000_000], ['people', 12_000_000], ['people', 8_000_000], ['autonomy', 30_000_000], ['technology', 20_000_000], ['royaltyFund', 10_000_000]]);
    expect(paid.lines.reduce((a, l) => a + l.amount, 0)).toBe(100_000_000);

    const statement = await json<{ revenue: { payments: number; afterTax: number; accounts: Record<string, number>; people: { name: string; amount: number }[] }; fund: { closing: number } }>(['service', 'statement', '--site', 'tinh', '--quarter', '2026-Q4', '--json']);
    expect(statement.revenue).toMatchObject({ payments: 1, afterTax: 100_000_000, accounts: { people: 40_000_000, autonomy: 30_000_000, technology: 20_000_000, royaltyFund: 10_000_000 } });
    expect(statement.revenue.people.map((p) => [p.name, p.amount]).sort()).toEqual([['Lê Minh Châu', 20_000_000], ['Ngô Thị Chi', 8_000_000], ['Trần Thị Bích', 12_000_000]]);
    expect(statement.fund.closing).toBe(10_000_000);
    const fund = await j.cli(['royalty', 'fund', 'show', '--site', 'tinh', '--quarter', '2026-Q4']);
    expect(fund).toContain('10 % doanh thu dịch vụ: 10.000.000 đ');
    expect(fund).toContain('Số dư cuối kỳ: 10.000.000 đ');
    // The same figures in chat, for the desk only and never in a public group.
    j.say(deputy, deputy.id, { text: '/quy 2026-Q4' });
    const told = await j.waitText(deputy.id, 'Quỹ nhuận bút — ');
    expect(told).toContain('• 10 % doanh thu dịch vụ: 10.000.000 đ');
    expect(told).toContain('Số dư cuối kỳ: 10.000.000 đ');
    expect(told).toContain('• Người thực hiện (40 %): 40.000.000 đ');
    j.say(stranger, stranger.id, { text: '/quy' });
    const toStranger = await j.waitText(stranger.id, '/link');
    expect(toStranger).not.toContain('10.000.000');
    // Telegram's app has no Vietnamese, so an English app says nothing of the reader: the same two languages.
    const visitor: TgUser = { id: 5_499_000_002, is_bot: false, first_name: 'Anna', username: 'anna', language_code: 'en' };
    j.say(visitor, visitor.id, { text: '/quy' });
    expect(await j.waitText(visitor.id, '/link')).toBe(toStranger);
    j.say(deputy, INTAKE, { text: '/quy' });
    await j.waitText(INTAKE, 'chỉ dùng trong tin nhắn riêng', 30_000);
    expect(j.telegram.texts(INTAKE).join('\n')).not.toContain('10.000.000');
  });

  it('a contract filed as the service crashes gets its card once after the restart', { timeout: 600_000 }, async () => {
    const { code } = await json<{ code: string }>(['service', 'propose', '--site', 'tinh', '--partner', '3600123456', '--kind', 'banner', '--title', 'Banner trang chủ quý I', '--value', '22000000', '--from', '01/01/2027', '--to', '31/03/2027', '--share', 'chau@example.vn=100', '--json']);
    await sleep(Math.floor(Math.random() * 12_000));
    await j.kill();
    await j.restart();
    await j.telegram.waitFor(() => cardsOf(code)[0], 60_000);
    // Two more sweeps: no second card.
    await sleep(35_000);
    expect(cardsOf(code)).toHaveLength(1);
  });

  it('a reader’s report on an ad reaches the editorial chat, once, with the command that takes it down', { timeout: 600_000 }, async () => {
    const { code } = await json<{ code: string }>(['service', 'propose', '--site', 'tinh', '--partner', '3600123456', '--kind', 'banner', '--title', 'Banner cột phải', '--value', '11000000', '--from', day(-1), '--to', day(30), '--share', 'chau@example.vn=100', '--json']);
    await j.cli(['--as', 'bich@example.vn', 'service', 'approve', code]);
    const picture = join(await import('node:os').then((os) => os.tmpdir()), `ad-${code}.png`);
    writeFileSync(picture, await sharp({ create: { width: 300, height: 100, channels: 3, background: '#c33' } }).png().toBuffer());
    const ad = await json<{ id: string; code: string }>(['ad', 'place', '--contract', code, '--zone', 'sidebar', '--image', picture, '--alt', 'Vé máy bay giá rẻ', '--url', 'https://example.vn/ve', '--from', day(0), '--to', day(10), '--json']);
    // The service reads its ads every half minute.
    await j.telegram.waitFor(async () => {
      const zones = (await (await fetch(`${j.portal}/ads/zones?site=tinh&lang=vi&z=sidebar`)).json()) as { ads: { id: string }[] };
      return zones.ads.some((a) => a.id === ad.id) ? true : undefined;
    }, 60_000);
    const sent = await fetch(`${j.portal}/ads/report/${ad.id}?lang=vi`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ reason: 'Quảng cáo lừa đảo <b>vé rẻ</b>', website: '' }).toString(), redirect: 'manual' });
    expect(sent.status).toBe(303);
    const told = await j.waitText(EDITORIAL, `Bạn đọc báo quảng cáo ${ad.code} vi phạm`, 60_000);
    expect(told).toContain('“Quảng cáo lừa đảo <b>vé rẻ</b>”');
    expect(told).toContain(`portal-hub ad stop ${ad.code}`);
    await sleep(20_000);
    expect(j.telegram.texts(EDITORIAL).filter((t) => t.includes(`báo quảng cáo ${ad.code}`))).toHaveLength(1);
  });

  it('the year’s price list approved by a button; a contract below it carries the deviation on its card, and the button that approves it accepts the price', { timeout: 600_000 }, async () => {
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date());
    const { code: list } = await json<{ code: string }>(['price-list', 'propose', '--site', 'tinh', '--year', year, '--row', 'supplier/any/10/20.000.000/10', '--json']);
    await j.telegram.waitFor(() => j.telegram.sent('sendMessage', EDITORIAL).find((c) => String(c.params.text).includes(`${list} năm ${year} chờ duyệt`)), 60_000);
    expect(String((await j.pressOn(deputy, list, 'chờ duyệt', 'Approve')).text)).toBe(`Bảng giá ${list}: đã duyệt.`);
    expect((await json<{ code: string; state: string }[]>(['price-list', 'list', '--json'])).find((l) => l.code === list)?.state).toBe('approved');

    const { code } = await json<{ code: string }>(['service', 'propose', '--site', 'tinh', '--partner', '3600123456', '--kind', 'supplier', '--title', 'Giới thiệu nhà cung cấp', '--value', '9.000.000', '--from', `01/01/${year}`, '--to', `05/01/${year}`, '--share', 'chau@example.vn=100', '--json']);
    const card = await j.telegram.waitFor(() => cardsOf(code)[0], 60_000);
    expect(String(card.params.text)).toContain(`⚠️ Giá thấp hơn bảng giá ${list}: giá niêm yết 20.000.000 đ, thấp nhất được phép 18.000.000 đ`);
    // At the terminal the deviation must be accepted in so many words.
    await expect(j.cli(['--as', 'bich@example.vn', 'service', 'approve', code])).rejects.toThrow(/--accept-price/);
    expect(String((await j.pressOn(deputy, code, 'chờ duyệt', 'accept the price')).text)).toBe(`Hợp đồng ${code}: đã duyệt.`);
  });

  it('a sponsored article sent in chat and tied at the terminal is approved in three steps and published with “Thông tin tài trợ” and the partner', { timeout: 600_000 }, async () => {
    const { code: contract } = await json<{ code: string }>(['service', 'propose', '--site', 'tinh', '--partner', '3600123456', '--kind', 'sponsored', '--title', 'Bài giới thiệu hạt điều', '--value', '5500000', '--from', day(-30), '--to', day(365), '--share', 'chau@example.vn=100', '--json']);
    const receipts = () => j.telegram.texts(INTAKE).filter((t) => t.includes('Đã nhận tin'));
    const before = receipts().length;
    j.say(writer, INTAKE, { text: 'Hạt điều Bình Phước vào mùa thu hoạch\n\nGiới thiệu sản phẩm hạt điều của Công ty Sông Bé.' });
    const code = /DN-\d{4}-\d{5}/.exec(await j.telegram.waitFor(() => receipts()[before], 90_000))![0];
    await j.pressOn(editor, code, 'Tiếp nhận', 'Tiếp nhận');
    // The contract is not approved yet: nothing is tied.
    await expect(j.cli(['service', 'sponsor', code, '--contract', contract])).rejects.toThrow(/chưa được duyệt/);
    expect(String((await j.pressOn(deputy, contract, 'chờ duyệt', 'Approve')).text)).toBe(`Hợp đồng ${contract}: đã duyệt.`);
    expect(await j.cli(['service', 'sponsor', code, '--contract', contract])).toContain(`Tin bài ${code} là bài giới thiệu của Công ty TNHH Sông Bé`);
    await j.pressOn(editor, code, 'Bước: Biên tập', 'Duyệt');
    // The secretary's card tells a reviewer between meetings that this is paid content.
    const secretaryCard = await j.telegram.waitFor(() => j.telegram.sent('sendMessage', EDITORIAL).map((c) => String(c.params.text)).find((t) => t.includes(code) && t.includes('Bước: Thư ký')), 60_000);
    expect(secretaryCard).toContain(`💼 Bài giới thiệu (thông tin tài trợ) của Công ty TNHH Sông Bé, hợp đồng ${contract}`);
    await j.pressOn(secretary, code, 'Bước: Thư ký', 'Duyệt');
    await j.pressOn(deputy, code, 'Bước: Phó Trưởng ban', 'Duyệt xuất bản');
    await j.waitText(INTAKE, `${code} đã được xuất bản`);
    const page = await j.telegram.waitFor(async () => {
      const text = await (await fetch(`${j.portal}/vi/tin/${code}`)).text();
      return text.includes('Hạt điều Bình Phước') ? text : undefined;
    }, 60_000);
    expect(page).toContain('Thông tin tài trợ của Công ty TNHH Sông Bé');
    expect(((await (await fetch(`${j.portal}/api/v1/items/${code}`)).json()) as { sponsor: string }).sponsor).toBe('Công ty TNHH Sông Bé');
    expect(await j.cli(['audit', 'verify'])).toContain('Audit trail intact');
  });
});
