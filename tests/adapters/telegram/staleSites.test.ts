import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite, grant, OPERATOR } from '../../../src/app/people.js';
import { freshSqlite, type TestDatabase } from '../../helpers/databases.js';
import { publishThrough } from '../../helpers/portal.js';
import { EDITORIAL, startTelegramDesk } from '../../helpers/telegram.js';
import type { TgUser } from '../../helpers/journey.js';

type Desk = Awaited<ReturnType<typeof startTelegramDesk>>;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Issue 20.3: a site that published nothing for longer than its threshold is listed weekly, not every minute. */
describe('the weekly list of sites gone stale', () => {
  let db: TestDatabase;
  let t: Desk;
  let board: TgUser;
  const lists = () => t.fake.texts(EDITORIAL).filter((x) => x.includes('Trang chưa cập nhật quá'));

  beforeAll(async () => {
    db = await freshSqlite();
    // The desk's clock starts on Monday 30/11/2026, 09:00 in the province.
    t = await startTelegramDesk(db.url, { staleDays: 5 });
    const deps = t.seeded.deps;
    for (const [key, prefix, nameVi, nameEn] of [['so-y-te', 'SYT', 'Sở Y tế', 'Department of Health'], ['huyen-a', 'HA', 'UBND huyện A', 'District A']] as const) {
      expect(await createSite(deps, { key, kind: 'department', nameVi, nameEn, codePrefix: prefix, parentKey: 'tinh' })).toMatchObject({ ok: true });
    }
    // The department's standing deputy head reads the department's line privately.
    expect(await grant(deps, OPERATOR, { personId: t.seeded.id.deputy, siteKey: 'so-y-te', role: 'deputy' })).toMatchObject({ ok: true });
    board = await t.linkedUser(t.seeded.id.deputy, 'bich');
    await publishThrough(t.seeded, { title: 'Tin của tỉnh', summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] });
  });
  afterAll(async () => {
    await t.stop();
    await db.drop();
  });

  it('lists the sites with nothing for over five days once a week from Monday 08:00, the board member told of their own site, every run after that silent', async () => {
    const remind = () => t.telegram.timeliness.remindStale();
    // The two component sites never published: listed this week already (the province published today).
    expect(await remind()).toBe(1);
    expect(lists()).toHaveLength(1);
    expect(lists()[0]).toContain('Trang chưa cập nhật quá 5 ngày (2 trang):');
    expect(lists()[0]).toContain('• Sở Y tế — chưa đăng tin nào');
    expect(lists()[0]).toContain('• District A — nothing published yet');
    expect(lists()[0]).not.toContain('Bình Phước');
    expect(t.fake.texts(board.id)).toEqual([
      'Trang Sở Y tế của anh/chị chưa cập nhật quá 5 ngày: chưa đăng tin nào. Mỗi trang cần cập nhật thông tin thường xuyên (NĐ 42/2022, NĐ 224/2026).',
    ]);
    // Every ten minutes (the job's pace) for the rest of the week: nothing more.
    let sent = 0;
    for (let minute = 0; minute < 60 * 24 * 6; minute += 10) {
      t.seeded.time.advance(10 * MINUTE);
      sent += await remind();
    }
    expect(sent).toBe(0);
    expect(lists()).toHaveLength(1);
    // The next Monday at 09:00: the province too is past five days now (seven), with its last day.
    t.seeded.time.advance(DAY);
    expect(await remind()).toBe(1);
    expect(await remind()).toBe(0);
    expect(lists()).toHaveLength(2);
    expect(lists()[1]).toContain('(3 trang)');
    expect(lists()[1]).toMatch(/• Cổng thông tin điện tử tỉnh Bình Phước — tin gần nhất ngày 30\/11\/2026 \(7 ngày trước\)/);
    // Deputy head of the province too: told of both sites, each in a message of its own.
    expect(t.fake.texts(board.id).slice(1).map((x) => x.slice(0, 50))).toEqual(['Trang Cổng thông tin điện tử tỉnh Bình Phước của a', 'Trang Sở Y tế của anh/chị chưa cập nhật quá 5 ngày']);
  });
});
