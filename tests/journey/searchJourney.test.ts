import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, correct } from '../../src/app/items.js';
import type { Deps } from '../../src/app/deps.js';
import { auditKeys } from '../../src/core/audit.js';
import { createPrismaStore } from '../../src/store/prismaStore.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { INTAKE, startJourney, type Journey, type TgUser } from '../helpers/journey.js';
import { within } from '../helpers/portal.js';

const SECRET = 'search-journey-secret-0123456789abcdef0123456789';
const COLLABORATOR: TgUser = { id: 5_123_456_791, is_bot: false, first_name: 'Hoa', username: 'ctv_hoa_timkiem' };
const TITLE = 'Đắk Ơ khánh thành cầu treo qua suối Đăk Huýt';
const BODY = 'Cây cầu dài 60 m giúp học sinh đến trường an toàn trong mùa mưa lũ.';

/**
 * Issue 16, search through the real service: an item published from chat, then searched only over HTTP
 * (the page and the API) as a reader's browser and an app would; the deputy's correction and take-down
 * are made with the use cases on the service's database, as the desk makes them.
 */
describe.each(BACKENDS)('a reader searches the portal, on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let j: Journey;
  let code = '';
  let deskDeps: Deps;
  let deputyId = '';
  let closeStore: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    j = await startJourney(db.url, {}, { mirrors: false, zaloGroup: false, env: { HUB_SECRET: SECRET } });
    const editor = await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor');
    const secretary = await j.person('Lê Minh Châu', 'chau@example.vn', 'secretary');
    const deputy = await j.person('Trần Thị Bích', 'bich@example.vn', 'deputy');
    await j.start();
    j.say(COLLABORATOR, INTAKE, { text: `${TITLE}\n${BODY}` });
    code = /DN-\d{4}-\d{5}/.exec(await j.waitText(INTAKE, 'Đã nhận tin'))![0];
    await j.pressOn(editor, code, 'Tiếp nhận', 'Tiếp nhận');
    await j.pressOn(editor, code, 'Bước: Biên tập', 'Duyệt');
    await j.pressOn(secretary, code, 'Bước: Thư ký', 'Duyệt');
    await j.pressOn(deputy, code, 'Bước: Phó Trưởng ban', 'Duyệt xuất bản');
    await j.waitText(INTAKE, `${code} đã được xuất bản`);
    const store = createPrismaStore(db.url, auditKeys(SECRET));
    closeStore = () => store.close();
    deskDeps = { store, clock: () => new Date(), timeZone: 'Asia/Ho_Chi_Minh' };
    deputyId = (await store.personByEmail('bich@example.vn'))!.id;
  }, 400_000);

  afterAll(async () => {
    if (skip) return;
    await closeStore();
    await j?.stop();
    await db?.drop();
  }, 120_000);

  const page = async (q: string) => {
    const r = await fetch(`${j.portal}/vi/tim-kiem?q=${encodeURIComponent(q)}`);
    return { status: r.status, text: await r.text() };
  };
  const api = async (q: string) => (await (await fetch(`${j.portal}/api/v1/items?q=${encodeURIComponent(q)}`)).json()) as { items: { code: string }[]; total: number };

  it.skipIf(skip)('finds the item with or without diacritics, by đ as d, in NFD, by a phrase and a prefix; not by part of a syllable', async () => {
    for (const q of ['cầu treo Đăk Huýt', 'cau treo dak huyt', 'CẦU TREO'.normalize('NFD'), '"học sinh đến trường"', 'khánh thà*', 'cầu của học sinh']) {
      const found = await page(q);
      expect(found.status, q).toBe(200);
      expect(found.text, q).toContain(`/vi/tin/${code}`);
      expect((await api(q)).items.map((i) => i.code), q).toEqual([code]);
    }
    for (const q of ['"trường học sinh"', 'khánh thà', 'an toà', 'cửa cầu treo']) {
      expect((await page(q)).text, q).not.toContain(`/vi/tin/${code}`);
      expect((await api(q)).items, q).toEqual([]);
    }
    // The help text says how: accents optional, whole syllables, * for a beginning, quotes for a phrase.
    expect((await page('')).text).toContain('thêm * sau từ để tìm theo phần đầu');
  });

  it.skipIf(skip)('the page shows back what was asked, filters too, and names the words past the eighth instead of dropping them', async () => {
    const r = await fetch(`${j.portal}/vi/tim-kiem?q=${encodeURIComponent('cầu treo')}&muc=khong-co&tu=2020-01-01`);
    const text = await r.text();
    expect(text).toContain('name="q" type="search" maxlength="200" value="cầu treo"');
    expect(text).toContain('name="tu" type="date" value="2020-01-01"');
    // A section that does not exist is left out, not shown back as chosen.
    expect(text).not.toMatch(/<option value="khong-co"/);
    expect(text).toContain(`/vi/tin/${code}`);
    // A date typed as dd/mm/yyyy in the address is shown back in the date field's own form.
    const typed = await (await fetch(`${j.portal}/vi/tim-kiem?q=${encodeURIComponent('cầu treo')}&den=31/12/2030`)).text();
    expect(typed).toContain('name="den" type="date" value="2030-12-31"');
    const many = await page('cầu treo qua suối khánh thành học sinh trường mùa mưa lũ');
    expect(many.text).toContain('Mỗi lần tìm dùng tối đa 8 từ; chưa tìm theo: mua lu.');
  });

  it.skipIf(skip)('hostile queries are answered like any other', async () => {
    for (const q of ['"', '*', 'NEAR(cầu treo)', "cầu' OR 1=1 --", '\u0000\uE025', 'cầu '.repeat(300)]) {
      const r = await fetch(`${j.portal}/vi/tim-kiem?q=${encodeURIComponent(q)}`);
      expect(r.status, JSON.stringify(q.slice(0, 20))).toBe(200);
      const a = await fetch(`${j.portal}/api/v1/items?q=${encodeURIComponent(q.slice(0, 500))}`);
      expect(a.status, JSON.stringify(q.slice(0, 20))).toBe(200);
    }
  });

  it.skipIf(skip)('a correction is found by its new words, and a take-down is found no more', async () => {
    const corrected = await correct(deskDeps, deputyId, code, { title: TITLE, body: 'Cây cầu dài 80 m, có lan can thép, giúp học sinh đến trường an toàn.' }, 'Sai chiều dài cầu');
    expect(corrected.ok).toBe(true);
    await within(2000, async () => (await api('lan can thép')).items.length === 1);
    expect((await page('"lan can thép"')).text).toContain(`/vi/tin/${code}`);
    const down = await act(deskDeps, deputyId, code, { type: 'takeDown', note: 'Trùng tin' });
    expect(down.ok).toBe(true);
    await within(2000, async () => (await api('cầu treo')).items.length === 0);
    expect((await page('cầu treo')).text).not.toContain(`/vi/tin/${code}`);
  });
});
