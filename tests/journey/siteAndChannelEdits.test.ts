import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { publishFromChat, startJourney, type Journey, type TgUser } from '../helpers/journey.js';

const COLLABORATOR: TgUser = { id: 5_123_456_901, is_bot: false, first_name: 'Lan', username: 'ctv_lan_edits' };

/**
 * Issue 18, from the terminal while the service runs: `site edit` renames the province and readers see the
 * new name at once; `channel remove` stops the Page for good (token erased) and what is published next
 * never reaches it, while the portal goes on.
 */
describe('site edit and channel remove, through the running service', () => {
  let db: TestDatabase;
  let j: Journey;
  let editor: TgUser;
  let secretary: TgUser;
  let deputy: TgUser;

  const publish = (title: string): Promise<string> => publishFromChat(j, COLLABORATOR, { editor, secretary, deputy }, `${title}\nNội dung chi tiết của tin, do cộng tác viên gửi.`);

  beforeAll(async () => {
    db = await freshSqlite();
    j = await startJourney(db.url, {}, { zaloGroup: false });
    editor = await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor');
    secretary = await j.person('Lê Minh Châu', 'chau@example.vn', 'secretary');
    deputy = await j.person('Trần Thị Bích', 'bich@example.vn', 'deputy');
    await j.start();
  }, 400_000);
  afterAll(async () => {
    await j?.stop();
    await db?.drop();
  }, 120_000);

  it('a renamed site shows its new name on the portal at once', { timeout: 120_000 }, async () => {
    const before = await (await fetch(`${j.portal}/vi/`)).text();
    expect(before).toContain('Cổng thông tin điện tử tỉnh Đồng Nai');
    const edited = await j.cli(['site', 'edit', 'tinh', '--name-vi', 'Cổng Thông tin điện tử Đồng Nai', '--domain', 'DongNai.gov.vn.']);
    expect(edited).toContain('Đã sửa trang tinh: Cổng Thông tin điện tử Đồng Nai / Dong Nai Provincial Portal / dongnai.gov.vn');
    await j.telegram.waitFor(async () => (await (await fetch(`${j.portal}/vi/`)).text()).includes('Cổng Thông tin điện tử Đồng Nai'), 30_000);
    const sites = JSON.parse(await j.cli(['site', 'list', '--json'])) as { key: string; domain: string | null }[];
    expect(sites).toMatchObject([{ key: 'tinh', domain: 'dongnai.gov.vn' }]);
  });

  it('a removed Page gets nothing published after it, its token is gone, and the portal still publishes', { timeout: 400_000 }, async () => {
    const first = await publish('Tỉnh khánh thành cầu mới qua sông Bé');
    await j.telegram.waitFor(() => j.graph.live.find((p) => p.message.includes(`/vi/tin/${first}`)), 90_000);

    const removed = await j.cli(['channel', 'remove', 'facebook']);
    expect(removed).toContain('Đã gỡ kênh facebook: token đã xóa, 0 lượt đăng đang chờ đã hủy. Khoảng 1 bài đã đăng vẫn còn trên nền tảng');
    const listed = JSON.parse(await j.cli(['channel', 'list', '--json'])) as { key: string; state: string }[];
    expect(listed.find((c) => c.key === 'facebook')).toMatchObject({ state: 'removed' });
    expect(JSON.stringify(listed)).not.toContain('page-token');

    const graphCalls = j.graph.calls.length;
    const second = await publish('Hội chợ nông sản cuối năm tại Đồng Xoài');
    // The portal has it; YouTube and Zalo OA still take what is theirs; the removed Page hears nothing.
    expect((await fetch(`${j.portal}/vi/tin/${second}`)).status).toBe(200);
    await sleep(5_000);
    expect(j.graph.calls.slice(graphCalls)).toEqual([]);
    expect(j.graph.live.some((p) => p.message.includes(`/vi/tin/${second}`))).toBe(false);
    await expect(j.cli(['channel', 'test', 'facebook'])).rejects.toThrow(/đã được gỡ[\s\S]*was removed/);
    expect(await j.cli(['audit', 'verify'])).toContain('Audit trail intact');
  });
});
