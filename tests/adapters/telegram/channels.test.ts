import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '../../../src/app/channels.js';
import { sealingKey } from '../../../src/core/sealing.js';
import { freshSqlite, type TestDatabase } from '../../helpers/databases.js';
import { startTelegramDesk, type TgUser } from '../../helpers/telegram.js';
import { CHANNEL_PROFILES } from '../../../src/mirrorSetup.js';
import { act } from '../../../src/app/items.js';
import { publishThrough, seedCategories } from '../../helpers/portal.js';

const ADMINS = -1001444000222;

describe('mirror commands and alerts in Telegram', () => {
  let db: TestDatabase;
  let t: Awaited<ReturnType<typeof startTelegramDesk>>;
  let admin: TgUser;
  let editor: TgUser;

  beforeAll(async () => {
    db = await freshSqlite();
    t = await startTelegramDesk(db.url, { adminChat: String(ADMINS) });
    admin = await t.linkedUser(t.seeded.id.admin, 'quantri');
    editor = await t.linkedUser(t.seeded.id.editor1, 'dung_bt');
    const r = await connectChannel(t.seeded.deps, sealingKey(t.hubSecret), CHANNEL_PROFILES, { key: 'facebook', platform: 'facebook', accountId: '1000', token: 'secret-page-token' });
    if (!r.ok) throw new Error(r.reason);
  });
  afterAll(async () => {
    await t.stop();
    await db.drop();
  });

  const ask = async (who: TgUser, text: string, expected: string) => {
    t.say(who, who.id, { text });
    return t.fake.waitFor(() => t.fake.texts(who.id).find((x) => x.includes(expected)));
  };

  it('/channels shows each channel’s state and what is waiting', async () => {
    expect(await ask(admin, '/channels', 'facebook (facebook)')).toBe('facebook (facebook): đang chạy; đăng thành công gần nhất: chưa có; đang chờ: 0');
  });

  it('/pause and /resume are for admins; /retry names an unknown item', async () => {
    await ask(editor, '/pause facebook', 'Chỉ quản trị viên');
    await ask(admin, '/pause facebook', 'Đã tạm dừng kênh facebook');
    expect((await t.seeded.store.channels())[0]!.state).toBe('paused');
    await ask(admin, '/resume facebook', 'Kênh facebook chạy lại');
    expect((await t.seeded.store.channels())[0]!.state).toBe('active');
    await ask(admin, '/pause youtube', 'Không có kênh “youtube”');
    await ask(admin, '/retry BP-2026-99999', 'Không tìm thấy tin bài BP-2026-99999');
  });

  it('/retry refuses an item that was taken down, in the admin’s language, and nothing becomes due', async () => {
    await seedCategories(t.seeded);
    const item = await publishThrough(t.seeded, { title: 'Tin sẽ bị gỡ', body: '.' }, 'kinh-te');
    expect((await act(t.seeded.deps, t.seeded.id.deputy, item.code, { type: 'takeDown', note: 'Sai' })).ok).toBe(true);
    const reply = await ask(admin, `/retry ${item.code}`, 'đã bị gỡ xuống');
    expect(reply).toContain(`Tin ${item.code} đã bị gỡ xuống: không đăng lại lên kênh nào.`);
    const publish = (await t.seeded.store.deliveriesOfItem(item.id)).filter((d) => d.action === 'publish');
    expect(publish.map((d) => d.state)).toEqual(['cancelled']);
  });

  it('/reconnect explains the server command and never asks for a token in chat', async () => {
    const reply = await ask(admin, '/reconnect facebook', 'Không dán token');
    expect(reply).toContain('printf %s "$TOKEN" | node bin/portal-hub.mjs channel reconnect facebook');
    expect(t.fake.calls.some((c) => JSON.stringify(c.params).includes('secret-page-token'))).toBe(false);
  });

  it('alerts reach the admins’ chat', async () => {
    expect(t.telegram.alertAdmins('⚠️ Kênh facebook cần kết nối lại')).toBe(true);
    await t.fake.waitFor(() => t.fake.texts(ADMINS).find((x) => x.includes('cần kết nối lại')));
  });
});
