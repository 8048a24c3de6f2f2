import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditKeys } from '../../src/core/audit.js';
import { createPrismaStore } from '../../src/store/prismaStore.js';
import { FakeZaloBot } from '../fakes/zaloBotApi.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { HUB_SECRET, startJourney, type Journey, type TgUser } from '../helpers/journey.js';
import { jpegBytes } from '../helpers/mediaBytes.js';

const BOT_TOKEN = '5551234567:journey-zalo-bot-token';
/** Chat ids on the Bot Platform are hex strings. */
const GROUP = 'e4ea0a1b2c3d4e5f';
const REVIEW = 'f00dfeed12345678';
const BOT_NAME = 'Cổng tin tỉnh';
const COLLABORATOR = { id: 'a1b2c3d4e5f60718', display_name: 'Nguyễn Văn Tư' };
const EDITOR_ZALO = { id: 'b2c3d4e5f6071829', display_name: 'Phạm Thu Dung' };
const SECRETARY_ZALO = { id: 'c3d4e5f60718293a', display_name: 'Lê Minh Châu' };
const STRANGER = { id: 'd4e5f60718293a4b', display_name: 'Người lạ' };

const inGroup = (chat: string) => ({ id: chat, chat_type: 'GROUP' as const });
const privately = (user: { id: string }) => ({ id: user.id, chat_type: 'PRIVATE' as const });
const env = (bot: FakeZaloBot) => ({ ZALO_BOT_TOKEN: BOT_TOKEN, ZALO_BOT_API_ROOT: bot.url, ZALO_BOT_INTAKE_CHATS: GROUP, ZALO_BOT_REVIEW_CHAT: REVIEW, ZALO_MEDIA_HOSTS: '127.0.0.1' });

/**
 * The Bot Platform stand-in and the real service around it, for the whole calling suite: `prepare` runs
 * before the service starts (people, link codes, as an operator sets them up).
 */
function botJourney(skip: boolean, fresh: () => Promise<TestDatabase>, options: Parameters<typeof startJourney>[2], prepare: (j: Journey) => Promise<void> = async () => undefined) {
  const it = { db: null as TestDatabase | null, j: null as Journey | null, bot: null as FakeZaloBot | null };
  beforeAll(async () => {
    if (skip) return;
    it.bot = new FakeZaloBot({ token: BOT_TOKEN, accountName: BOT_NAME });
    await it.bot.start();
    it.db = await fresh();
    it.j = await startJourney(it.db.url, {}, { mirrors: false, zaloGroup: false, ...options, env: { ...env(it.bot), ...options?.env } });
    await prepare(it.j);
    await it.j.start();
  }, 400_000);
  afterAll(async () => {
    if (skip) return;
    await it.j?.stop();
    await it.bot?.stop();
    await it.db?.drop();
  }, 120_000);
  return {
    get db() {
      return it.db!;
    },
    get j() {
      return it.j!;
    },
    get bot() {
      return it.bot!;
    },
  };
}

/**
 * Issue 17's journeys through the Zalo Bot Platform stand-in, the real service process driven from outside:
 * a collaborator @mentions the bot with photos, reviewers decide by command on Zalo and by button on
 * Telegram, the portal shows the photos and the collaborator hears it in the group; a stranger is told once.
 */
describe.each(BACKENDS)('the official Zalo bot as intake and review surface (long polling), on $name', ({ fresh, skip }) => {
  let people: Record<'editor' | 'secretary' | 'deputy', TgUser>;
  const zaloCodes: Record<string, string> = {};
  const suite = botJourney(skip, fresh, {}, async (j) => {
    people = {
      editor: await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor'),
      secretary: await j.person('Lê Minh Châu', 'chau@example.vn', 'secretary'),
      deputy: await j.person('Trần Thị Bích', 'bich@example.vn', 'deputy'),
    };
    // The same editor and secretary also link their Zalo accounts, with codes of their own.
    for (const email of ['dung@example.vn', 'chau@example.vn']) zaloCodes[email] = /^\/link (\S+)/m.exec(await j.cli(['link-code', '--person', email]))![1]!;
  });

  it.skipIf(skip)('reviewers link their Zalo accounts by private message', async () => {
    const { bot } = suite;
    for (const [user, email] of [[EDITOR_ZALO, 'dung@example.vn'], [SECRETARY_ZALO, 'chau@example.vn']] as const) {
      await bot.send({ chat: privately(user), from: user, text: `/link ${zaloCodes[email]}` });
      await bot.waitFor(() => bot.texts(user.id).find((t) => t.includes('Đã liên kết')), 30_000);
    }
  }, 120_000);

  it.skipIf(skip)('a mention with two photos in the intake group becomes one submission, walked to publication, and the collaborator is told in the group', async () => {
    const { j, bot } = suite;
    const first = await jpegBytes('#c33', 1280, 720);
    const second = await jpegBytes('#3c3', 960, 1280);
    await bot.send({ chat: inGroup(GROUP), from: COLLABORATOR, photo: bot.photo('p1.jpg', first), caption: `@${BOT_NAME} Khánh thành cầu Bến Gỗ\nSáng nay huyện Long Thành khánh thành cầu Bến Gỗ nối hai xã ven sông.` });
    await bot.send({ chat: inGroup(GROUP), from: COLLABORATOR, photo: bot.photo('p2.jpg', second), caption: `@${BOT_NAME}` });
    const ack = await bot.waitFor(() => bot.texts(GROUP).find((t) => t.includes('Đã nhận tin')), 60_000);
    const code = /DN-\d{4}-\d{5}/.exec(ack)![0];
    // One submission: a single receipt, a single intake card on Telegram.
    await new Promise((r) => setTimeout(r, 1500));
    expect(bot.texts(GROUP).filter((t) => t.includes('Đã nhận tin'))).toHaveLength(1);
    expect(ack).not.toContain(BOT_NAME);

    expect((await j.pressOn(people.editor, code, 'Tiếp nhận', 'Tiếp nhận')).text).toContain('Đã ghi nhận');
    // The editor's card on Zalo gives the command with its tag; the editor approves from Zalo.
    const editorCard = await bot.waitFor(() => bot.texts(REVIEW).find((t) => t.includes(code) && t.includes('/duyet')), 60_000);
    const editorTag = new RegExp(`/duyet ${code} (\\w+)`).exec(editorCard)![1]!;
    // The card says what pays the work, and how to set it. The sender is nobody on file yet: the editor is told to
    // name the author at the terminal; with the author named there, /heso from Zalo sets genre and coefficient.
    expect(editorCard).toContain(`Chưa có thể loại và hệ số nhuận bút: /heso ${code} THỂ_LOẠI HỆ_SỐ`);
    await bot.send({ chat: inGroup(REVIEW), from: EDITOR_ZALO, text: `@${BOT_NAME} /heso ${code} tin-anh 1,5` });
    await bot.waitFor(() => bot.texts(REVIEW).find((t) => t.includes(`Phạm Thu Dung: Người gửi tin ${code} chưa có trong danh sách người dùng`)), 60_000);
    await j.cli(['royalty', 'work', code, '--genre', 'tin-tong-hop', '--coefficient', '1,2', '--author', 'dung@example.vn:100:Tư Bến Gỗ']);
    await bot.send({ chat: inGroup(REVIEW), from: EDITOR_ZALO, text: `@${BOT_NAME} /heso ${code} tin-anh 1,5` });
    await bot.waitFor(() => bot.texts(REVIEW).find((t) => t.includes(`${code}: Tin sự kiện có ảnh, hệ số 1,5`)), 60_000);
    await bot.send({ chat: inGroup(REVIEW), from: EDITOR_ZALO, text: `@${BOT_NAME} /duyet ${code} ${editorTag}` });
    await bot.waitFor(() => bot.texts(REVIEW).find((t) => t.includes('đã duyệt') && t.includes(code)), 60_000);

    // The secretary types the editor's card's command: a stale tag approves nothing.
    await bot.send({ chat: inGroup(REVIEW), from: SECRETARY_ZALO, text: `@${BOT_NAME} /duyet ${code} ${editorTag}` });
    const stale = await bot.waitFor(() => bot.texts(REVIEW).find((t) => t.includes(`thẻ ${editorTag}`)), 60_000);
    expect(stale).toContain('đã cũ');
    const secretaryCard = await bot.waitFor(() => bot.texts(REVIEW).filter((t) => t.includes(code) && t.includes('/duyet')).find((t) => !t.includes(editorTag)), 60_000);
    const secretaryTag = new RegExp(`/duyet ${code} (\\w+)`).exec(secretaryCard)![1]!;
    expect(secretaryCard).toContain('💰 Nhuận bút: Tin sự kiện có ảnh, hệ số 1,5');
    await bot.send({ chat: inGroup(REVIEW), from: SECRETARY_ZALO, text: `@${BOT_NAME} /duyet ${code} ${secretaryTag}` });
    await bot.waitFor(() => bot.texts(REVIEW).filter((t) => t.includes('đã duyệt') && t.includes(code)).length >= 2, 60_000);

    await j.pressOn(people.deputy, code, 'Bước: Phó Trưởng ban', 'Duyệt xuất bản');
    const told = await bot.waitFor(() => bot.texts(GROUP).find((t) => t.includes(`${code} đã được xuất bản`)), 90_000);
    expect(told).toContain(`${j.portal}/vi/tin/${code}`);
    const page = await (await fetch(`${j.portal}/vi/tin/${code}`)).text();
    expect(page).toContain('Khánh thành cầu Bến Gỗ');
    expect(page.match(/<figure class="media"><img /g)).toHaveLength(2);
  }, 400_000);

  it.skipIf(skip)('a stranger’s direct messages get one polite answer naming how to get linked, then silence', async () => {
    const { bot, db } = suite;
    for (const text of ['Chào bot, cho hỏi thủ tục cấp phép xây dựng?', '/help', 'Alo?']) await bot.send({ chat: privately(STRANGER), from: STRANGER, text });
    const answer = await bot.waitFor(() => bot.texts(STRANGER.id)[0], 30_000);
    expect(answer).toContain('/link');
    // The two later messages were handled too (the inbox holds nothing waiting), and got nothing.
    const store = createPrismaStore(db.url, auditKeys(HUB_SECRET));
    try {
      await bot.waitFor(async () => (await store.unfinishedInbound('zalo-bot:')).length === 0, 30_000);
    } finally {
      await store.close();
    }
    await new Promise((r) => setTimeout(r, 1000));
    expect(bot.texts(STRANGER.id)).toEqual([answer]);
  }, 120_000);

  it.skipIf(skip)('greetings and thanks in the intake group are no submission; a sticker gets a clear answer', async () => {
    const { bot } = suite;
    const before = bot.texts(GROUP).length;
    await bot.send({ chat: inGroup(GROUP), from: COLLABORATOR, text: `@${BOT_NAME} cảm ơn ạ` });
    await bot.send({ chat: inGroup(GROUP), from: { id: 'e5f60718293a4b5c', display_name: 'Trần Lụa' } }, 'message.sticker.received');
    const answer = await bot.waitFor(() => bot.texts(GROUP).slice(before).find((t) => t.includes('Trần Lụa')), 30_000);
    expect(answer).toContain('chỉ nhận chữ và ảnh');
    await new Promise((r) => setTimeout(r, 4500));
    expect(bot.texts(GROUP).slice(before).filter((t) => t.includes('Đã nhận tin'))).toEqual([]);
  }, 120_000);
});

describe.each(BACKENDS)('the official Zalo bot’s webhook, on $name', ({ fresh, skip }) => {
  // Webhook mode, and no Telegram: the bot alone.
  const suite = botJourney(skip, fresh, { webhooks: true, env: { TELEGRAM_BOT_TOKEN: '' } });

  it.skipIf(skip)('a wrong secret gets 401 and nothing is stored; the right one is taken and answered once, even delivered twice', async () => {
    const { j, bot, db } = suite;
    await bot.waitFor(() => bot.webhook, 60_000);
    expect(bot.webhook!.url).toBe(`${j.portal}/zalo-bot/webhook`);
    const forged = { event_name: 'message.text.received', message: { message_id: 'ffff00000001', date: Date.now(), chat: inGroup(GROUP), from: COLLABORATOR, text: `@${BOT_NAME} Tin giả mạo: thông báo nghỉ học toàn tỉnh ngày mai vì bão` } };
    expect((await bot.deliver(forged, 'not-the-secret-at-all')).status).toBe(401);
    expect((await bot.deliver(forged, null)).status).toBe(401);
    const store = createPrismaStore(db.url, auditKeys(HUB_SECRET));
    try {
      expect(await store.inboundRow(`zalo-bot:${GROUP}:ffff00000001`)).toBeNull();
      const real = await bot.send({ chat: inGroup(GROUP), from: COLLABORATOR, text: `@${BOT_NAME} Hội nghị tổng kết công tác dân vận năm 2026\nSáng nay Ban Dân vận tỉnh tổ chức hội nghị tổng kết.` });
      expect(bot.deliveries.at(-1)!.status).toBe(200);
      // The platform retries what it thinks failed: the same update again is stored once.
      expect((await bot.deliver(real)).status).toBe(200);
      await bot.waitFor(() => bot.texts(GROUP).find((t) => t.includes('Đã nhận tin')), 60_000);
      await new Promise((r) => setTimeout(r, 4000));
      expect(bot.texts(GROUP).filter((t) => t.includes('Đã nhận tin'))).toHaveLength(1);
      expect(bot.texts(GROUP).join('\n')).not.toContain('giả mạo');
      expect(bot.calls.filter((c) => c.method === 'getUpdates')).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);

  it.skipIf(skip)('an update the webhook answered 200 for survives a SIGKILL at that instant: told once after the restart', async () => {
    const { j, bot } = suite;
    const before = bot.texts(GROUP).filter((t) => t.includes('Đã nhận tin')).length;
    await bot.send({ chat: inGroup(GROUP), from: { id: 'c0ffee0011223344', display_name: 'Lò Văn Sáu' }, text: `@${BOT_NAME} Xã Bảo Vinh ra quân dọn vệ sinh môi trường\nSáng nay hơn 200 đoàn viên tham gia.` });
    expect(bot.deliveries.at(-1)!.status).toBe(200);
    // Killed before the quiet time of the sender's batch is over: nothing of it was handled yet.
    await j.kill();
    await j.restart();
    const receipts = () => bot.texts(GROUP).filter((t) => t.includes('Đã nhận tin'));
    await bot.waitFor(() => receipts().length > before, 60_000);
    await new Promise((r) => setTimeout(r, 4000));
    expect(receipts().slice(before)).toHaveLength(1);
    expect(receipts().at(-1)).toContain('Lò Văn Sáu');
  }, 180_000);
});
