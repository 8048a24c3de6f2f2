import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, approve, correct, writeItem, type ContentInput } from '../../src/app/items.js';
import { createSite, grant, OPERATOR } from '../../src/app/people.js';
import type { ItemRecord } from '../../src/app/ports.js';
import { searchView, type SearchFilter } from '../../src/app/search.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, type Desk } from '../helpers/desk.js';
import { seedCategories } from '../helpers/portal.js';

const DAY = 86_400_000;

describe.each(BACKENDS)('search on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let desk: Desk;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    desk = await seedDesk(db.url);
    await seedCategories(desk);
    const made = await createSite(desk.deps, { key: 'dongxoai', kind: 'district', parentKey: 'tinh', nameVi: 'UBND thành phố Đồng Xoài', nameEn: 'Dong Xoai City', codePrefix: 'DX' });
    if (!made.ok) throw new Error(made.reason);
    for (const who of ['editor1', 'editor2', 'secretary', 'deputy'] as const) {
      const role = who === 'editor1' || who === 'editor2' ? 'editor' : who;
      const r = await grant(desk.deps, OPERATOR, { personId: desk.id[who], siteKey: 'dongxoai', role });
      if (!r.ok) throw new Error(r.reason);
    }
  });
  afterAll(async () => {
    if (skip) return;
    await desk.store.close();
    await db.drop();
  });

  /** Published through the desk's real workflow, a minute after the previous one. */
  async function publish(content: ContentInput, options: { category?: string | null; site?: string } = {}): Promise<ItemRecord> {
    desk.time.advance(60_000);
    const written = await writeItem(desk.deps, desk.id.editor1, options.site ?? 'tinh', { kind: 'article', category: options.category ?? null, content: { summary: '', ...content } });
    if (!written.ok) throw new Error(written.reason);
    let item = written.value;
    for (const who of ['editor2', 'secretary', 'deputy'] as const) {
      const r = await approve(desk.deps, desk.id[who], item.code, item.revision.contentHash);
      if (!r.ok) throw new Error(`${who}: ${r.reason}`);
      item = r.value;
    }
    return item;
  }

  const codes = async (text: string, filter: SearchFilter = {}) => ((await searchView(desk.deps, text, filter, 1))?.items ?? []).map((p) => p.code);

  it.skipIf(skip)('finds words with or without diacritics, in NFC or NFD, with đ typed as đ, Đ or d', async () => {
    const a = await publish({ title: 'Đồng Phú phát triển kinh tế số', body: 'Huyện đẩy mạnh chuyển đổi số trong nông nghiệp.' });
    for (const q of ['Đồng Phú', 'đồng phú', 'ĐỒNG PHÚ', 'dong phu', 'Dong Phu', 'Đồng Phú'.normalize('NFD'), 'chuyen doi so', 'CHUYỂN ĐỔI'.normalize('NFD')]) {
      expect(await codes(q), q).toEqual([a.code]);
    }
  });

  it.skipIf(skip)('a result is the stored publication field for field, as every other page reads it', async () => {
    const item = await publish({ title: 'Lễ hội trái cây Bình Long', summary: 'Tóm tắt', body: 'Trái cây chín rộ suốt tuần.' }, { category: 'kinh-te' });
    const found = (await searchView(desk.deps, 'trai cay binh long', {}, 1))?.items ?? [];
    expect(found.map((p) => p.code)).toEqual([item.code]);
    expect(found[0]).toEqual(await desk.store.publicationByCode(item.code));
  });

  it.skipIf(skip)('in a web process running in Vietnam\'s time zone, a date range and the times read back are the same instants', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Ho_Chi_Minh';
    try {
      const item = await publish({ title: 'Chợ phiên nông sản sạch', body: 'Chuỗi giá trị rau quả.' });
      const stored = await desk.store.publicationByCode(item.code);
      const at = stored!.publishedAt.getTime();
      const within = await searchView(desk.deps, 'cho phien nong san', { from: new Date(at - 60_000), to: new Date(at + 60_000) }, 1);
      expect(within?.items).toEqual([stored]);
      expect((await searchView(desk.deps, 'cho phien nong san', { from: new Date(at + 1000) }, 1))?.items).toEqual([]);
      expect((await searchView(desk.deps, 'cho phien nong san', { to: new Date(at) }, 1))?.items).toEqual([]);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it.skipIf(skip)('matches whole syllables; a trailing * matches the beginning of one', async () => {
    const bank = await publish({ title: 'Ngân hàng giãn nợ cho nông hộ', body: 'Hỗ trợ vốn vay.' });
    const safety = await publish({ title: 'An ninh trật tự ở vùng biên', body: 'Giữ vững an ninh.' });
    const plan = await publish({ title: 'Kế hoạch trồng rừng', body: 'Trồng mới ba nghìn héc-ta.' });
    const flower = await publish({ title: 'Lễ hội hoa xuân', body: 'Hoa mai, hoa đào nở rộ.' });
    expect(await codes('an ninh')).toEqual([safety.code]);
    expect(await codes('an')).toEqual([safety.code]);
    expect(await codes('hoa')).toEqual([flower.code]);
    expect((await codes('hoa*')).sort()).toEqual([plan.code, flower.code].sort());
    expect(await codes('ngâ*')).toEqual([bank.code]);
    expect(await codes('ngan')).toEqual([bank.code]);
    // One letter and a star is only that letter: a prefix of everything would be no search.
    expect(await codes('a*')).toEqual([]);
  });

  it.skipIf(skip)('quoted words are a phrase: in that order, side by side', async () => {
    const item = await publish({ title: 'Quy hoạch vùng nguyên liệu điều', body: 'Tỉnh lập quy hoạch vùng trồng điều chất lượng cao.' });
    expect(await codes('"vùng nguyên liệu"')).toEqual([item.code]);
    expect(await codes('"nguyên liệu vùng"')).toEqual([]);
    expect(await codes('nguyên liệu vùng')).toEqual([item.code]);
    expect(await codes('"trồng điều chất"')).toEqual([item.code]);
  });

  it.skipIf(skip)('Vietnamese stop words are dropped, decided on the word as typed: của is one, cửa is not', async () => {
    const gate = await publish({ title: 'Cửa khẩu Hoàng Diệu thông quan trở lại', body: 'Xe hàng qua lại bình thường.' });
    const credit = await publish({ title: 'Tín dụng ưu đãi hộ nghèo', body: 'Vốn vay cho hộ nghèo vùng sâu.' });
    // "của" is left out, so the words that remain find the item that never says it.
    expect(await codes('tín dụng của hộ nghèo')).toEqual([credit.code]);
    // "cửa" is a word: it must be there.
    expect(await codes('cửa tín dụng')).toEqual([]);
    expect(await codes('cửa khẩu Hoàng Diệu')).toEqual([gate.code]);
    // A query of stop words only keeps them rather than finding nothing (or everything).
    expect(await codes('"qua lại"')).toEqual([gate.code]);
    expect(await codes('và')).toEqual([]);
  });

  it.skipIf(skip)('a taken-down item is never found; a correction is found by its new words at once', async () => {
    const down = await publish({ title: 'Thủy điện xả lũ khẩn cấp', body: 'Thông báo xả lũ.' });
    expect(await codes('thủy điện xả lũ')).toEqual([down.code]);
    const r = await act(desk.deps, desk.id.deputy, down.code, { type: 'takeDown', note: 'Sai thông tin' });
    expect(r.ok).toBe(true);
    expect(await codes('thủy điện xả lũ')).toEqual([]);

    const meeting = await publish({ title: 'Lịch tiếp công dân định kỳ', body: 'Tiếp vào thứ Hai tuần đầu tháng.' });
    const c = await correct(desk.deps, desk.id.deputy, meeting.code, { title: 'Lịch tiếp công dân định kỳ', body: 'Tiếp vào thứ Sáu tuần cuối tháng.' }, 'Sai ngày');
    expect(c.ok).toBe(true);
    expect(await codes('"thứ Sáu" tiếp công dân')).toEqual([meeting.code]);
    expect(await codes('"thứ Hai" tiếp công dân')).toEqual([]);
  });

  it.skipIf(skip)('filters by site, section, language and date', async () => {
    const start = desk.deps.clock();
    const province = await publish({ title: 'Hội thao dân quân tự vệ', body: 'Khai mạc hội thao.' }, { category: 'thoi-su' });
    desk.time.advance(3 * DAY);
    const district = await publish({ title: 'Hội thao dân quân thành phố', body: 'Khai mạc hội thao.' }, { category: 'kinh-te', site: 'dongxoai' });
    const english = await publish({ title: 'Militia sports games', body: 'Hội thao opens.', language: 'en' }, { category: 'thoi-su' });
    const sites = await desk.store.sites();
    const dx = sites.find((s) => s.key === 'dongxoai');
    expect((await codes('hội thao', { lang: 'vi' })).sort()).toEqual([province.code, district.code].sort());
    expect(await codes('hội thao', { lang: 'vi', siteIds: [dx?.id ?? ''] })).toEqual([district.code]);
    expect((await codes('hội thao', { category: 'thoi-su' })).sort()).toEqual([province.code, english.code].sort());
    expect(await codes('hội thao', { lang: 'en' })).toEqual([english.code]);
    const split = new Date(start.getTime() + 2 * DAY);
    expect(await codes('hội thao', { lang: 'vi', to: split })).toEqual([province.code]);
    expect(await codes('hội thao', { lang: 'vi', from: split })).toEqual([district.code]);
    expect(await codes('hội thao', { siteIds: [] })).toEqual([]);
  });

  it.skipIf(skip)('orders the better match first, then the newer of equal matches', async () => {
    const older = await publish({ title: 'Thủy lợi nội đồng', body: 'Thủy lợi. Kênh thủy lợi mới.' });
    const plain1 = await publish({ title: 'Sơ kết sản xuất vụ đông xuân', body: 'Trong đó có nói qua công tác thủy lợi và nhiều việc khác của ngành nông nghiệp trong năm.' });
    const plain2 = await publish({ title: 'Sơ kết sản xuất vụ đông xuân', body: 'Trong đó có nói qua công tác thủy lợi và nhiều việc khác của ngành nông nghiệp trong năm.' });
    expect(await codes('thủy lợi')).toEqual([older.code, plain2.code, plain1.code]);
  });

  it.skipIf(skip)('all words in the title rank first, then the words side by side, then the rest; newer first within each; the same with a date range', async () => {
    const apart = await publish({ title: 'Họp bàn kế hoạch quý', body: 'Bàn về nông nghiệp và các thôn xóm ven sông.' });
    const together = await publish({ title: 'Họp bàn kế hoạch năm', body: 'Tiếp tục xây dựng nông thôn mới kiểu mẫu.' });
    const titled = await publish({ title: 'Xây dựng nông thôn mới ở xã Tân Lập', body: 'Xã về đích sớm.' });
    const newestApart = await publish({ title: 'Họp tổng kết năm', body: 'Thôn Bàu Ké trồng thêm lúa; nông dân phấn khởi.' });
    const until = new Date(desk.deps.clock().getTime() + 60_000);
    // Much newer unrelated items: a date range that ends before them is walked from its older end.
    for (let i = 0; i < 3; i += 1) {
      desk.time.advance(40 * DAY);
      await publish({ title: `Tin thời tiết số ${i}`, body: 'Trời nắng.' });
    }
    const expected = [titled.code, together.code, newestApart.code, apart.code];
    expect(await codes('nông thôn')).toEqual(expected);
    expect(await codes('nông thôn', { to: until })).toEqual(expected);
  });

  it.skipIf(skip)('hostile input never fails: it becomes terms, or nothing', async () => {
    const item = await publish({ title: 'Giá cà phê tăng 50% trong quý', body: 'Nông dân phấn khởi (C++ & "SQL").' });
    const hostile = [
      '"', '""', '"""', '*', '**', 'NEAR(a b)', 'a AND OR NOT b', 'body:x', 'tags : x', "'; DROP TABLE \"Publication\"; --", '\\', '%', '_', '50%', '\u0000',
      'cà\u0000phê', '\uE025\uE05F', '\uD800', '()', '^cà', 'cà:*', "'cà' & 'phê'", '!cà', 'cà <-> phê', 'x'.repeat(10_000), 'cà phê '.repeat(2_000), '{body}: phê', '-phê', '+phê',
    ];
    for (const q of hostile) await expect(searchView(desk.deps, q, {}, 1), JSON.stringify(q.slice(0, 40))).resolves.not.toThrow();
    expect(await codes('50%')).toEqual([item.code]);
    // Operators are only words: "AND" is an English stop word and goes; "NOT" is a word the item lacks.
    expect(await codes('"cà phê" AND')).toEqual([item.code]);
    expect(await codes('"cà phê" NOT')).toEqual([]);
    expect(await codes("'cà' & 'phê'")).toEqual([item.code]);
    expect(await codes('cà\u0000phê')).toEqual([item.code]);
    expect(await searchView(desk.deps, '"" * () \u0000', {}, 1)).toBeNull();
  });
});
