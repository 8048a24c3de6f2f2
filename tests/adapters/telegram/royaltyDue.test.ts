import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setWorkRoyalty } from '../../../src/app/royalties/works.js';
import { freshSqlite, type TestDatabase } from '../../helpers/databases.js';
import { publishThrough } from '../../helpers/portal.js';
import { EDITORIAL, startTelegramDesk } from '../../helpers/telegram.js';

type Desk = Awaited<ReturnType<typeof startTelegramDesk>>;
const DAY = 86_400_000;

/** Issue 19.4: once a week the secretary's chat is told which works the 60-day rule is running out for. */
describe('the weekly 60-day list in Telegram', () => {
  let db: TestDatabase;
  let t: Desk;
  const codes: string[] = [];
  const lists = () => t.fake.texts(EDITORIAL).filter((x) => x.includes('chưa vào bảng nhuận bút đã duyệt'));

  beforeAll(async () => {
    db = await freshSqlite();
    t = await startTelegramDesk(db.url);
    // Monday 30/11/2026, 09:00 in the province (the desk's clock).
    for (const title of ['Khánh thành cầu Sông Bé', 'Hội chợ nông sản']) codes.push((await publishThrough(t.seeded, { title, summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] })).code);
    expect(await setWorkRoyalty(t.seeded.deps, { kind: 'person', personId: t.seeded.id.deputy }, codes[0]!, { genreKey: 'tin-anh', coefficient: 150 })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await t.stop();
    await db.drop();
  });

  it('nothing while no work is 45 days old; the Monday after, one list naming both, with days left and what each lacks; once a week only', async () => {
    const remind = () => t.telegram.royalties.remindDue();
    expect(await remind()).toBe(0);
    expect(lists()).toEqual([]);
    // Monday 18/01/2027 09:00: day 49.
    t.seeded.time.advance(49 * DAY);
    expect(await remind()).toBe(1);
    const [list = ''] = lists();
    expect(list).toContain('⏰ Cổng thông tin điện tử tỉnh Bình Phước: 2 tin đăng từ 45 ngày trước chưa vào bảng nhuận bút đã duyệt');
    expect(list).toContain('Binh Phuoc Provincial Portal: works published 45 or more days ago on no approved royalty sheet');
    expect(list).toContain(`• ${codes[0]} (30/11/2026) còn 11 ngày / 11 days left — chờ bảng được duyệt / awaiting an approved sheet — Khánh thành cầu Sông Bé`);
    expect(list).toContain(`• ${codes[1]} (30/11/2026) còn 11 ngày / 11 days left — chưa đặt nhuận bút / no royalty terms — Hội chợ nông sản`);
    // The same week again, a restart's first run too: nothing more.
    expect(await remind()).toBe(0);
    t.seeded.time.advance(3 * DAY);
    expect(await remind()).toBe(0);
    // Monday 25/01/2027 before 08:00 (07:00 in the province): not yet; at 09:00, the week's list, day 56.
    t.seeded.time.advance(4 * DAY - 2 * 3_600_000);
    expect(await remind()).toBe(0);
    t.seeded.time.advance(2 * 3_600_000);
    expect(await remind()).toBe(1);
    expect(lists()).toHaveLength(2);
    expect(lists()[1]).toContain('còn 4 ngày / 4 days left');
  });
});
