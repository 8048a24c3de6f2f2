import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zaloBotWebhookIntake } from '../../../adapters/zalo-bot/webhookIntake.js';
import { freshSqlite, type TestDatabase } from '../../helpers/databases.js';
import { BOT_GROUP as GROUP, BOT_HUB_SECRET as SECRET, startZaloBotBed, type ZaloBotBed } from '../../helpers/zaloBot.js';

/** The desk alone over the stand-in (no Telegram): faults the journey does not reach. SQLite only: nothing here depends on the database. */
describe('Zalo Bot desk under faults', () => {
  let db: TestDatabase;
  let bed: ZaloBotBed;
  let bot: ZaloBotBed['bot'];
  let seeded: ZaloBotBed['seeded'];
  let alerts: string[];
  let desk: ZaloBotBed['desk'] | null;

  const setUp = async (budget?: { perHour: number; perDay: number }) => {
    bed = await startZaloBotBed(db.url, { budget });
    ({ bot, seeded, alerts } = bed);
  };
  const start = async () => (desk = await bed.start());
  beforeEach(async () => {
    db = await freshSqlite();
  });
  afterEach(async () => {
    await bed.stop();
    await db.drop();
  });
  const news = (n: number) => bed.news(n);
  const receipts = () => bed.receipts();

  it('sends the platform answers 429 are told later, each once, none lost; the 429s spend no budget; an answer waits too', async () => {
    await setUp();
    await start();
    await bed.linked(seeded.id.editor1, 'ed1ed1ed1ed1');
    bot.throttle = true;
    for (let n = 1; n <= 5; n++) await bot.send(news(n));
    await bot.send({ chat: { id: 'ed1ed1ed1ed1', chat_type: 'PRIVATE' }, from: { id: 'ed1ed1ed1ed1', display_name: 'Phạm Thu Dung' }, text: '/help' });
    await bot.waitFor(async () => (await seeded.store.unfinishedInbound('zalo-bot:')).length === 0 && bot.calls.filter((c) => c.method === 'sendMessage' && c.status === 429).length >= 1, 30_000);
    expect(receipts()).toEqual([]);
    bot.throttle = false;
    // The clock's runs of the outcome job (every 3 s in the service): once the 429's pause is over, the receipts go.
    await bot.waitFor(async () => (await desk!.tellOutcomes(), receipts().length === 5), 30_000);
    await desk!.tellOutcomes();
    expect(receipts()).toHaveLength(5);
    expect(new Set(receipts().map((t) => /BP-\d{4}-\d{5}/.exec(t)![0])).size).toBe(5);
    await bot.waitFor(() => bot.texts('ed1ed1ed1ed1').find((t) => t.includes('/duyet')), 20_000);
    // Only what went out counts against the budget.
    const counted = (await seeded.store.chatSendLog('zalo-bot', new Date(0))).filter((e) => e.kind === 'sent').length;
    expect(counted).toBe(bot.sent().length);
  }, 60_000);

  it('a revoked token is one alert naming the fix, spends nothing and marks nothing told; once it works again the owed receipt goes, once', async () => {
    await setUp();
    await start();
    // A receipt left owed (the platform answered 429), then the token is regenerated in Zalo Bot Manager.
    bot.throttle = true;
    const update = await bot.send(news(7));
    const id = String((update.message as { message_id: string }).message_id);
    await bot.waitFor(async () => Boolean(await seeded.store.submissionByMessage('zalo-bot', GROUP, id)) && bot.calls.some((c) => c.status === 429), 20_000);
    bot.revoked = true;
    bot.throttle = false;
    await bot.waitFor(() => alerts.find((a) => a.includes('ZALO_BOT_TOKEN')), 20_000);
    expect(desk!.state).toBe('needsToken');
    const sendsBefore = bot.calls.filter((c) => c.method === 'sendMessage').length;
    for (let run = 0; run < 3; run++) await desk!.tellOutcomes();
    await new Promise((r) => setTimeout(r, 1500));
    expect(bot.calls.filter((c) => c.method === 'sendMessage').length).toBe(sendsBefore);
    expect(alerts.filter((a) => a.includes('ZALO_BOT_TOKEN'))).toHaveLength(1);
    bot.revoked = false;
    await bot.waitFor(() => desk!.state === 'on', 20_000);
    await desk!.tellOutcomes();
    await desk!.tellOutcomes();
    expect(receipts()).toHaveLength(1);
    expect(alerts.filter((a) => a.includes('nhận tin trở lại'))).toHaveLength(1);
  }, 60_000);

  it('someone not linked in the intake group is answered once, whatever they send; their news is still taken', async () => {
    await setUp();
    await start();
    const stranger = { id: 'ab12cd34ef56', display_name: 'Người lạ' };
    for (const text of ['@bot /help', '@bot /duyet BP-2026-00001 abcde', '@bot /lenhla']) await bot.send({ chat: { id: GROUP, chat_type: 'GROUP' }, from: stranger, text });
    await bot.send({ chat: { id: GROUP, chat_type: 'GROUP' }, from: stranger }, 'message.sticker.received');
    await bot.send({ chat: { id: GROUP, chat_type: 'GROUP' }, from: stranger, text: '@bot Tin từ người chưa liên kết: xã khánh thành nhà văn hóa ấp 3' });
    await bot.waitFor(() => receipts().length === 1, 20_000);
    await bot.waitFor(async () => (await seeded.store.unfinishedInbound('zalo-bot:')).length === 0, 20_000);
    const others = bot.texts(GROUP).filter((t) => !t.includes('Đã nhận tin'));
    expect(others).toHaveLength(1);
  }, 60_000);

  it('an update stored by the webhook before a crash is handled at the next start, once', async () => {
    await setUp();
    const intake = zaloBotWebhookIntake(seeded.deps, SECRET);
    const update = { event_name: 'message.text.received', message: { message_id: 'cafe0001', date: Date.now(), ...news(9) } };
    expect(await intake.take(update)).toMatchObject({ status: 200 });
    expect(await intake.take(update)).toMatchObject({ status: 200 });
    expect(await intake.take({ hello: 'world' })).toMatchObject({ status: 400 });
    await start();
    await bot.waitFor(() => receipts().length === 1, 30_000);
    await bed.stopDesk();
    await start();
    await new Promise((r) => setTimeout(r, 1500));
    expect(receipts()).toHaveLength(1);
  }, 60_000);

  it('a burst of 30 submissions sends at most the hourly budget; every one is recorded and, an hour on, told once, merged', async () => {
    await setUp({ perHour: 5, perDay: 100 });
    await start();
    const updates = [];
    for (let n = 1; n <= 30; n++) updates.push(await bot.send(news(100 + n)));
    const ids = updates.map((u) => String((u.message as { message_id: string }).message_id));
    await bot.waitFor(async () => (await Promise.all(ids.map((id) => seeded.store.submissionByMessage('zalo-bot', GROUP, id)))).every(Boolean), 60_000);
    await desk!.tellOutcomes();
    expect(bot.sent().length).toBeLessThanOrEqual(5);
    expect(alerts.filter((a) => a.includes('ZALO_BOT_SEND_PER_HOUR'))).toHaveLength(1);
    const firstHour = bot.sent().length;
    seeded.time.advance(60 * 60_000 + 1000);
    for (let run = 0; run < 10; run++) await desk!.tellOutcomes();
    const told = receipts().flatMap((t) => t.match(/BP-\d{4}-\d{5}/g) ?? []);
    expect(told).toHaveLength(30);
    expect(new Set(told).size).toBe(30);
    expect(bot.sent().length - firstHour).toBeLessThanOrEqual(5);
  }, 90_000);

  it('the 60-day rule’s weekly list reaches the review chat on Monday morning, once a week, only while the token works', async () => {
    const REVIEW = 'feedfacefeedface';
    bed = await startZaloBotBed(db.url, { budget: { perHour: 1000, perDay: 10_000 }, reviewChat: REVIEW });
    ({ bot, seeded, alerts } = bed);
    await start();
    const { publishThrough } = await import('../../helpers/portal.js');
    const code = (await publishThrough(seeded, { title: 'Hội chợ nông sản', summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] })).code;
    const lists = () => bot.texts(REVIEW).filter((t) => t.includes('chưa vào bảng nhuận bút đã duyệt'));
    expect(await desk!.remindDue()).toBe(0);
    // Monday 18/01/2027 09:00 in the province: day 49.
    seeded.time.advance(49 * 86_400_000);
    expect(await desk!.remindDue()).toBe(1);
    expect(lists()[0]).toContain(`• ${code} (30/11/2026) còn 11 ngày / 11 days left — chưa đặt nhuận bút / no royalty terms — Hội chợ nông sản`);
    expect(await desk!.remindDue()).toBe(0);
    expect(lists()).toHaveLength(1);
  }, 60_000);
});
