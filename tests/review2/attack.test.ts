import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/app/deps.js';
import { moderateInteraction } from '../../src/app/interactions/moderation.js';
import { auditKeys } from '../../src/core/audit.js';
import { formTokenKey, issueFormToken } from '../../src/core/interactions/formToken.js';
import { openClient } from '../../src/store/client.js';
import { createPrismaStore } from '../../src/store/prismaStore.js';
import { BOT, type Call } from '../fakes/telegramApi.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { HUB_SECRET, INTAKE, MODERATION, startJourney, type Journey, type TgUser } from '../helpers/journey.js';
import { postForm, textareaIn, tokenIn } from '../helpers/portalForm.js';

type Json = Record<string, any>;
type Button = { text: string; callback_data: string };
const COLLAB: TgUser = { id: 5_391_200_009, is_bot: false, first_name: 'Hoa', username: 'ctv_r2' };
const log = (...a: unknown[]) => console.log('R2>', ...a);
const zaloEv = (msgId: string, text: string, sender: string, oa: string | null = 'oa-1', name?: string) => ({
  event_name: 'user_send_text', app_id: '4321', sender: { id: sender, ...(name ? { display_name: name } : {}) }, ...(oa === null ? {} : { recipient: { id: oa } }),
  message: { text, msg_id: msgId }, timestamp: String(Date.now()), user_id_by_app: '55021467431100' });

describe.each(BACKENDS.filter((b) => b.name === 'SQLite'))('review2 $name', ({ fresh, skip }) => {
  let db: TestDatabase; let j: Journey; let people: Record<string, TgUser>; let code = ''; let postId = '';
  let mdeps: Deps; let mid = ''; let close = async () => {};
  beforeAll(async () => {
    db = await fresh();
    j = await startJourney(db.url, {}, { zaloGroup: false, env: { INTERACTIONS_FORM_MIN_SECONDS: '1' } });
    people = { editor: await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor'), secretary: await j.person('Lê Minh Châu', 'chau@example.vn', 'secretary'), deputy: await j.person('Trần Thị Bích', 'bich@example.vn', 'deputy') };
    await j.start();
    j.say(COLLAB, INTAKE, { text: 'Khánh thành cầu Rạch Đông\nCầu mới nối hai xã Tân Phú và Phú Lộc, thông xe sáng nay.' });
    code = /DN-\d{4}-\d{5}/.exec(await j.waitText(INTAKE, 'Đã nhận tin'))![0];
    await j.pressOn(people.editor!, code, 'Tiếp nhận', 'Tiếp nhận');
    await j.pressOn(people.editor!, code, 'Bước: Biên tập', 'Duyệt');
    await j.pressOn(people.secretary!, code, 'Bước: Thư ký', 'Duyệt');
    await j.pressOn(people.deputy!, code, 'Bước: Phó Trưởng ban', 'Duyệt xuất bản');
    postId = (await j.telegram.waitFor(() => j.graph.live.find((p) => p.message.includes(code)), 90_000)).id;
    const store = createPrismaStore(db.url, auditKeys(HUB_SECRET));
    close = () => store.close();
    mdeps = { store, clock: () => new Date(), timeZone: 'Asia/Ho_Chi_Minh' };
    mid = (await store.personByEmail('dung@example.vn'))!.id;
  }, 600_000);
  afterAll(async () => { await close(); await j?.stop(); await db?.drop(); }, 120_000);

  const mId = (c: Call) => (c.result as { message_id: number }).message_id;
  const cardWith = (w: string) => j.telegram.sent('sendMessage', MODERATION).filter((c) => String(c.params.text).includes(w) && c.params.reply_markup);
  async function press(words: string, label: string) {
    const card = await j.telegram.waitFor(() => cardWith(words).at(-1), 60_000);
    const latest = j.telegram.sent('editMessageText', MODERATION).filter((c) => Number(c.params.message_id) === mId(card)).at(-1) ?? card;
    const b = ((latest.params.reply_markup as any)?.inline_keyboard.flat() ?? []).find((x: Button) => x.text.includes(label));
    if (!b) return `NO BUTTON ${label}: ${String(latest.params.text)}`;
    const id = `cq-${j.telegram.newMessageId()}`;
    j.telegram.push({ callback_query: { id, from: people.editor, chat_instance: '-1', data: b.callback_data, message: { message_id: mId(card), from: BOT, chat: { id: MODERATION, type: 'supergroup' }, date: 0, text: String(latest.params.text) } } });
    return String((await j.telegram.waitFor(() => j.telegram.sent('answerCallbackQuery').find((c) => c.params.callback_query_id === id), 60_000)).params.text ?? '');
  }
  async function answer(words: string, text: string, label = 'Trả lời', prompt = 'Phạm Thu Dung: trả lời') {
    const before = j.telegram.sent('sendMessage', MODERATION).length;
    log('press', await press(words, label));
    const p = await j.telegram.waitFor(() => j.telegram.sent('sendMessage', MODERATION).slice(before).find((c) => String(c.params.text).includes(prompt)), 60_000);
    j.say(people.editor!, MODERATION, { text, reply_to_message: { message_id: mId(p), from: BOT, chat: { id: MODERATION, type: 'supergroup' }, date: 0 } });
  }
  const txt = async (p: string) => (await fetch(`${j.portal}${p}`)).text();
  const publicBlob = async () => [await txt('/api/v1/interactions?limit=100'), await txt('/vi/tuong-tac'), await txt('/en/interactions'), await txt(`/vi/tin/${code}`), await txt(`/api/v1/items/${code}`), await txt('/feed.rss'), await txt('/feed.json')].join('\n');
  const rows = async () => { const r = openClient(db.url); try { return await r.interaction.findMany(); } finally { await r.$disconnect(); } };
  const zsend = (ev: object) => j.zalo.sendWebhook(`${j.portal}/webhooks/zalo-oa`, ev);

  it('zalo privacy', async () => {
    const FOL = '9990001112223334445';
    // A: answer, then hide
    await zsend(zaloEv('zA', 'Tin riêng A: số CCCD 079123456789', FOL, 'oa-1', 'Nguyễn Bí Mật'));
    await j.telegram.waitFor(() => cardWith('Tin riêng A').at(-1), 60_000);
    log('card A text:', String(cardWith('Tin riêng A').at(-1)!.params.text));
    await answer('Tin riêng A', 'Trả lời riêng A');
    await j.telegram.waitFor(() => j.zalo.messages.find((m) => m.text === 'Trả lời riêng A'), 60_000);
    await sleep(3000);
    let blob = await publicBlob();
    log('A public after answer?', blob.includes('Tin riêng A'), blob.includes('Trả lời riêng A'));
    await answer('Tin riêng A', 'lý do: riêng tư', 'Ẩn', 'lý do ẩn');
    await sleep(3000);
    log('A press Công khai after hide:', await press('Tin riêng A', 'Công khai'));
    blob = await publicBlob();
    log('A public after hide?', blob.includes('Tin riêng A'), blob.includes('Trả lời riêng A'));
    // B: publish before answer
    await zsend(zaloEv('zB', 'Tin riêng B hỏi giờ làm việc', FOL, 'oa-1', 'Nguyễn Bí Mật'));
    await j.telegram.waitFor(() => cardWith('Tin riêng B').at(-1), 60_000);
    log('B publish:', await press('Tin riêng B', 'Công khai'));
    await answer('Tin riêng B', 'Trả lời B công khai');
    await j.telegram.waitFor(() => j.zalo.messages.find((m) => m.text === 'Trả lời B công khai'), 60_000);
    await sleep(3000);
    blob = await publicBlob();
    log('B public text/answer:', blob.includes('Tin riêng B'), blob.includes('Trả lời B công khai'), 'name leak:', blob.includes('Bí Mật'), 'id leak:', blob.includes(FOL), blob.includes('55021467431100'));
    // C: "edit" (same msg_id, new text) after answer only
    await zsend(zaloEv('zC', 'Tin riêng C gốc', FOL));
    await j.telegram.waitFor(() => cardWith('Tin riêng C').at(-1), 60_000);
    await answer('Tin riêng C', 'Trả lời C');
    await j.telegram.waitFor(() => j.zalo.messages.find((m) => m.text === 'Trả lời C'), 60_000);
    await zsend({ ...zaloEv('zC', 'Tin riêng C SỬA', FOL), timestamp: String(Date.now() + 5) });
    await sleep(5000);
    blob = await publicBlob();
    log('C public?', blob.includes('Tin riêng C'), blob.includes('Trả lời C'));
    log('C row', JSON.stringify((await rows()).filter((r) => r.externalId === 'zC').map((r) => [r.text, r.publicText, r.state])));
    log('zalo replies to FOL', JSON.stringify(j.zalo.messages.filter((m) => m.userId === FOL).map((m) => m.text)));
  }, 400_000);

  it('foreign accounts', async () => {
    // Facebook: other page id, signed
    const c1 = j.graph.comment(postId, { id: '8001', name: 'Ngoại' }, 'FB trang khác 1');
    const ev: any = j.graph.commentWebhook(c1, 'add'); ev.entry[0].id = '99999';
    log('fb other page', (await j.graph.sendWebhook(`${j.portal}/webhooks/facebook`, ev)).status);
    const c2 = j.graph.comment(postId, { id: '8002', name: 'Ngoại' }, 'FB không có id trang');
    const ev2: any = j.graph.commentWebhook(c2, 'add'); delete ev2.entry[0].id;
    log('fb no page id', (await j.graph.sendWebhook(`${j.portal}/webhooks/facebook`, ev2)).status);
    const c3 = j.graph.comment(postId, { id: '8003', name: 'Ngoại' }, 'FB id trang rỗng');
    const ev3: any = j.graph.commentWebhook(c3, 'add'); ev3.entry[0].id = '';
    log('fb empty page id', (await j.graph.sendWebhook(`${j.portal}/webhooks/facebook`, ev3)).status);
    log('zalo other oa', (await zsend(zaloEv('zX1', 'Zalo OA khác', '111', 'oa-999'))).status);
    log('zalo no recipient', (await zsend(zaloEv('zX2', 'Zalo không có recipient', '112', null))).status);
    log('zalo empty recipient', (await zsend({ ...zaloEv('zX3', 'Zalo recipient rỗng', '113'), recipient: { id: '' } })).status);
    await sleep(8000);
    const r = await rows();
    for (const w of ['FB trang khác 1', 'FB không có id trang', 'FB id trang rỗng', 'Zalo OA khác', 'Zalo không có recipient', 'Zalo recipient rỗng']) {
      const row = r.find((x) => x.text === w);
      log('stored?', w, row ? `YES channel=${row.channelId} state=${row.state}` : 'no', 'card?', cardWith(w).length);
    }
  }, 200_000);

  it('portal comment+rating and expired token', async () => {
    const art = `/vi/tin/${code}`;
    const token = tokenIn(await txt(art)); await sleep(1500);
    const p = await postForm(`${j.portal}${art}/gop-y`, { token, name: 'Lê Văn Chấm', text: 'Bình luận có chấm điểm', content: '1', interface: '1', quality: '1', support: '1', website: '' }, { from: '127.0.0.7' });
    log('posted', p.status, p.location);
    let r = await rows();
    log('portal rows', JSON.stringify(r.filter((x) => x.source === 'portal').map((x) => [x.kind, x.authorName, x.rating, x.state, x.externalId])));
    const com = r.find((x) => x.text === 'Bình luận có chấm điểm')!;
    await moderateInteraction(mdeps, mid, com.id, { type: 'publish' });
    const blob = await publicBlob();
    const i = blob.indexOf('Lê Văn Chấm');
    log('name shown', i >= 0, 'context near name:', blob.slice(Math.max(0, i - 300), i + 300).replace(/\s+/g, ' '));
    log('item api rating', JSON.stringify(JSON.parse(await txt(`/api/v1/items/${code}`)).rating));
    const api = JSON.parse(await txt('/api/v1/interactions?limit=100')).interactions.find((x: Json) => x.author === 'Lê Văn Chấm');
    log('api row', JSON.stringify(api));
    // expired token
    const old = issueFormToken(formTokenKey(HUB_SECRET), code, Date.now() - 6 * 3600_000 - 60_000);
    const e = await postForm(`${j.portal}${art}/gop-y`, { token: old, name: 'Hết hạn', text: 'Văn bản giữ lại sau khi hết hạn', website: '' }, { from: '127.0.0.8' });
    log('expired', e.status, 'kept:', textareaIn(e.text), 'stored?', (await rows()).some((x) => x.text.includes('giữ lại sau')));
  }, 200_000);

  it('kill between answer and zalo call', async () => {
    for (let round = 1; round <= 4; round += 1) {
      const w = `Zalo kill vòng ${round}`;
      await zsend(zaloEv(`zk${round}`, w, `77${round}`));
      await j.telegram.waitFor(() => cardWith(w).at(-1), 60_000);
      const ans = `Trả lời kill ${round}`;
      await answer(w, ans);
      await sleep(Math.floor(Math.random() * 2500));
      await j.kill(); await j.restart();
      await sleep(8000);
      log('round', round, 'replies', j.zalo.messages.filter((m) => m.text === ans).length);
    }
    for (let round = 1; round <= 2; round += 1) {
      const w = `FB kill vòng ${round}`;
      const c = j.graph.comment(postId, { id: `91${round}`, name: `Dân ${round}` }, w);
      await j.graph.sendWebhook(`${j.portal}/webhooks/facebook`, j.graph.commentWebhook(c, 'add'));
      await j.telegram.waitFor(() => cardWith(w).at(-1), 60_000);
      const ans = `Trả lời FB kill ${round}`;
      await answer(w, ans);
      await sleep(Math.floor(Math.random() * 2500));
      await j.kill(); await j.restart();
      await sleep(8000);
      log('fb round', round, 'replies', j.graph.repliesOf(c.id).filter((m) => m.message === ans).length);
    }
    const r = openClient(db.url);
    try { log('actions', JSON.stringify((await r.interactionAction.findMany()).map((a) => [a.state, a.attempts, a.lastError]))); } finally { await r.$disconnect(); }
  }, 400_000);

  it('takedown', async () => {
    const texts: string[] = [];
    for (let k = 0; k < 45; k += 1) {
      const c = j.graph.comment(postId, { id: `60${k}`, name: `Người ${k}` }, `Bình luận gỡ số ${k}`);
      texts.push(c.message);
      await j.graph.sendWebhook(`${j.portal}/webhooks/facebook`, j.graph.commentWebhook(c, 'add'));
    }
    await j.telegram.waitFor(async () => ((await rows()).filter((x) => x.text.startsWith('Bình luận gỡ số')).length === 45 ? true : undefined), 60_000);
    for (const x of (await rows()).filter((x) => x.text.startsWith('Bình luận gỡ số'))) await moderateInteraction(mdeps, mid, x.id, { type: 'publish' });
    log('before takedown api has', (await txt('/api/v1/interactions?limit=100')).includes('Bình luận gỡ số'));
    j.say(people.deputy!, people.deputy!.id, { text: `/takedown ${code} Sai thông tin` });
    await j.telegram.waitFor(async () => ((await fetch(`${j.portal}/vi/tin/${code}`)).status === 410 ? true : undefined), 60_000);
    log('article', (await fetch(`${j.portal}/vi/tin/${code}`)).status, (await fetch(`${j.portal}/en/news/${code}`)).status);
    // a comment arriving after takedown
    const late = j.graph.comment(postId, { id: '6999', name: 'Muộn' }, 'Bình luận gỡ muộn');
    await j.graph.sendWebhook(`${j.portal}/webhooks/facebook`, j.graph.commentWebhook(late, 'add'));
    await sleep(4000);
    const lr = (await rows()).find((x) => x.text === 'Bình luận gỡ muộn'); if (lr) await moderateInteraction(mdeps, mid, lr.id, { type: 'publish' });
    let cursor: string | null = null; let pages = 0; let leaks = 0; let total = 0;
    do {
      const res: Json = JSON.parse(await txt(`/api/v1/interactions?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
      pages += 1; total += res.interactions.length;
      leaks += res.interactions.filter((x: Json) => String(x.text).includes('Bình luận gỡ') || x.item?.code === code).length;
      cursor = res.nextCursor;
    } while (cursor && pages < 50);
    log('api pages', pages, 'rows', total, 'leaks', leaks);
    for (const base of ['/vi/tuong-tac', '/en/interactions']) {
      let path: string | null = base; let n = 0; let lk = 0;
      while (path && n < 20) {
        const h = await txt(path); n += 1; if (h.includes('Bình luận gỡ')) lk += 1;
        const m = /<a rel="next" href="([^"]+)"/.exec(h); path = m ? m[1]!.replace(/&amp;/g, '&') : null;
      }
      log(base, 'pages', n, 'leaking pages', lk);
    }
    log('source filter', (await txt('/api/v1/interactions?source=facebook')).includes('Bình luận gỡ'), 'item filter', (await fetch(`${j.portal}/api/v1/interactions?item=${code}`)).status, (await txt(`/api/v1/interactions?item=${code}`)).slice(0, 200));
    log('ma filter', (await fetch(`${j.portal}/vi/tuong-tac?ma=${code}`)).status, 'item api', (await fetch(`${j.portal}/api/v1/items/${code}`)).status);
    log('late stored', lr ? [lr.code, lr.state] : 'no');
  }, 300_000);
});
