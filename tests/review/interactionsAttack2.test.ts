// Review attacks on issue 14 (interactions). Copy kept at /tmp/review/interactionsAttack.test.ts.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openClient } from '../../src/store/client.js';
import { BOT, type Call } from '../fakes/telegramApi.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { EDITORIAL, INTAKE, MODERATION, startJourney, type Journey, type TgUser } from '../helpers/journey.js';
import { postForm, tokenIn } from '../helpers/portalForm.js';

const LOG = '/tmp/review/results2.log';
const note = (k: string, v: unknown) => { const line = `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}\n`; appendFileSync(LOG, line); console.info(line); };
type Button = { text: string; callback_data: string };
type Json = Record<string, unknown>;
const COLLABORATOR: TgUser = { id: 5_391_200_009, is_bot: false, first_name: 'Hoa', username: 'ctv_hoa_rv' };
const STRANGER: TgUser = { id: 5_391_299_999, is_bot: false, first_name: 'Lạ', username: 'stranger' };

describe('review attacks', () => {
  let db: TestDatabase;
  let j: Journey;
  let people: Record<'editor' | 'secretary' | 'deputy' | 'tech', TgUser> & { other: { user: TgUser; c: string } };
  let code = '';
  let fbPostId = '';
  beforeAll(async () => {
    writeFileSync(LOG, '');
    db = await freshSqlite();
    j = await startJourney(db.url, {}, { zaloGroup: false, env: { INTERACTIONS_FORM_MIN_SECONDS: '1', INTERACTIONS_FORM_PER_MINUTE: '5' } });
    people = {
      editor: await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor'),
      secretary: await j.person('Lê Minh Châu', 'chau@example.vn', 'secretary'),
      deputy: await j.person('Trần Thị Bích', 'bich@example.vn', 'deputy'),
      tech: await j.person('Võ Kỹ Thuật', 'tech@example.vn', 'tech'),
      other: await (async () => { await j.cli(['site', 'add', '--key', 'dongxoai', '--kind', 'district', '--parent', 'tinh', '--prefix', 'DX', '--name-vi', 'UBND Đồng Xoài', '--name-en', 'Dong Xoai']); await j.cli(['person', 'add', '--name', 'Biên Tập Huyện', '--email', 'huyen@example.vn']); await j.cli(['grant', '--person', 'huyen@example.vn', '--site', 'dongxoai', '--role', 'editor']); const c = /^\/link (\S+)/m.exec(await j.cli(['link-code', '--person', 'huyen@example.vn']))![1]!; return { user: { id: 5_499_000_001, is_bot: false as const, first_name: 'Huyện', username: 'huyen' }, c }; })(),
    };
    await j.start();
    j.say(people.other.user, people.other.user.id, { text: `/link ${people.other.c}` });
    await j.telegram.waitFor(() => j.telegram.texts(people.other.user.id).find((t) => t.includes('Đã liên kết')), 30_000);
    j.say(COLLABORATOR, INTAKE, { text: 'Khánh thành cầu Rạch Đông\nCầu mới nối hai xã Tân Phú và Phú Lộc, thông xe sáng nay.' });
    code = /DN-\d{4}-\d{5}/.exec(await j.waitText(INTAKE, 'Đã nhận tin'))![0];
    await j.pressOn(people.editor, code, 'Tiếp nhận', 'Tiếp nhận');
    await j.pressOn(people.editor, code, 'Bước: Biên tập', 'Duyệt');
    await j.pressOn(people.secretary, code, 'Bước: Thư ký', 'Duyệt');
    await j.pressOn(people.deputy, code, 'Bước: Phó Trưởng ban', 'Duyệt xuất bản');
    const url = `${j.portal}/vi/tin/${code}`;
    fbPostId = (await j.telegram.waitFor(() => j.graph.live.find((p) => p.message.includes(url)), 90_000)).id;
    note('setup', { code, fbPostId });
  }, 600_000);
  afterAll(async () => {
    writeFileSync('/tmp/review/service-output.log', j?.output() ?? '');
    await j?.stop();
    await db?.drop();
  }, 120_000);

  const FB = () => `${j.portal}/webhooks/facebook`;
  const ZA = () => `${j.portal}/webhooks/zalo-oa`;
  const mid = (c: Call) => (c.result as { message_id: number }).message_id;
  const cardWith = (w: string) => j.telegram.sent('sendMessage', MODERATION).filter((c) => String(c.params.text).includes(w) && c.params.reply_markup);
  const rows = async () => { const r = openClient(db.url); try { return await r.interaction.findMany({ orderBy: { receivedAt: 'asc' } }); } finally { await r.$disconnect(); } };
  const audits = async () => { const r = openClient(db.url); try { return await r.auditEvent.findMany({ orderBy: { seq: 'asc' } }); } finally { await r.$disconnect(); } };
  const text = async (p: string) => (await fetch(`${j.portal}${p}`)).text();
  const press = async (who: TgUser, card: Call, label: string) => {
    const b = (card.params.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat().find((x) => x.text.includes(label));
    if (!b) throw new Error(`no ${label}: ${JSON.stringify(card.params.reply_markup)}`);
    const id = `cq-${j.telegram.newMessageId()}`;
    j.telegram.push({ callback_query: { id, from: who, chat_instance: '-1', data: b.callback_data, message: { message_id: mid(card), from: BOT, chat: { id: MODERATION, type: 'supergroup', title: 'Kiểm duyệt' }, date: 0, text: String(card.params.text) } } });
    return (await j.telegram.waitFor(() => j.telegram.sent('answerCallbackQuery').find((c) => c.params.callback_query_id === id), 30_000)).params;
  };
  const replyTo = (who: TgUser, prompt: Call, t: string) => j.say(who, MODERATION, { text: t, reply_to_message: { message_id: mid(prompt), from: BOT, chat: { id: MODERATION, type: 'supergroup' }, date: 0 } });
  const sendFb = async (author: { id: string; name: string }, words: string) => {
    const c = j.graph.comment(fbPostId, author, words);
    const r = await j.graph.sendWebhook(FB(), j.graph.commentWebhook(c, 'add'));
    return { c, r };
  };
  const safe = (name: string, fn: () => Promise<void>) => async () => { try { await fn(); } catch (e) { note(`${name} ERROR`, String(e instanceof Error ? e.stack?.split('\n').slice(0, 3).join(' | ') : e)); } };


  it('audits of refusals', safe('aud', async () => {
    const c = j.graph.comment(fbPostId, { id: '8001', name: 'Forger' }, 'FORGED2');
    await j.graph.sendWebhook(FB(), j.graph.commentWebhook(c, 'add'), { signature: 'wrong' });
    await j.zalo.sendWebhook(ZA(), { event_name: 'user_send_text', sender: { id: '1' }, message: { text: 'x', msg_id: 'q' } }, { signature: 'wrong' });
    await sleep(1500);
    note('audit actions so far', [...new Set((await audits()).map((a) => a.action))]);
    note('refusal rows', (await audits()).filter((a) => /refus|webhook|forg/i.test(a.action)).map((a) => ({ action: a.action, data: a.data.slice(0, 200) })));
  }), 60_000);

  it('edit before publish, then publish from old card', safe('editpre', async () => {
    const { c } = await sendFb({ id: '7400', name: 'Người Sửa' }, 'EDITPRE-ORIGINAL câu hỏi hợp lệ');
    const card = await j.telegram.waitFor(() => cardWith('EDITPRE-ORIGINAL').at(-1), 30_000);
    c.message = 'EDITPRE-SPAM mua sim giá rẻ 0909';
    await j.graph.sendWebhook(FB(), j.graph.commentWebhook(c, 'edited'));
    await sleep(3000);
    note('editpre: moderation msgs', j.telegram.sent(undefined, MODERATION).filter((x) => String(x.params.text).includes('EDITPRE')).map((x) => [x.method, String(x.params.text).slice(0, 200), !!x.params.reply_markup]));
    note('editpre: press publish on OLD card', await press(people.editor, card, 'Công khai'));
    await sleep(2000);
    const page = await text(`/vi/tin/${code}`);
    note('editpre: page has ORIGINAL / SPAM', { orig: page.includes('EDITPRE-ORIGINAL'), spam: page.includes('EDITPRE-SPAM') });
    note('editpre: api has SPAM', (await text('/api/v1/interactions?limit=100')).includes('EDITPRE-SPAM'));
    note('editpre: row', (await rows()).find((r) => r.sourceKey === `facebook:${c.id}`));
    // hidden then edited → back?
    const before = j.telegram.sent('sendMessage', MODERATION).length;
    const cur = j.telegram.sent(undefined, MODERATION).filter((x) => String(x.params.text).includes('EDITPRE') && x.params.reply_markup).at(-1)!;
    await press(people.editor, cur, 'Ẩn');
    const prompt = await j.telegram.waitFor(() => j.telegram.sent('sendMessage', MODERATION).slice(before).find((x) => String(x.params.text).includes('lý do')), 30_000);
    replyTo(people.editor, prompt, 'Spam');
    await sleep(3000);
    c.message = 'EDITPRE-AFTERHIDE lại';
    await j.graph.sendWebhook(FB(), j.graph.commentWebhook(c, 'edited'));
    await sleep(3000);
    const p2 = await text(`/vi/tin/${code}`);
    note('hidden then edited: page shows any EDITPRE?', p2.includes('EDITPRE'));
    note('hidden then edited: fb hidden still', j.graph.comments.find((x) => x.id === c.id)?.hidden);
    note('hidden then edited: row state', (await rows()).find((r) => r.sourceKey === `facebook:${c.id}`)?.state);
    note('audits for it', (await audits()).filter((a) => a.subjectId === (rows as never as undefined) || a.data.includes(c.id)).map((a) => a.action));
    const row = (await rows()).find((r) => r.sourceKey === `facebook:${c.id}`)!;
    note('audits by subject', (await audits()).filter((a) => a.subjectId === row.id).map((a) => [a.action, a.actorId ? 'actor' : 'none', a.data.slice(0, 150)]));
  }), 120_000);

  it('other-site editor presses', safe('othersite', async () => {
    const { c } = await sendFb({ id: '7500', name: 'Dân' }, 'OTHERSITE câu hỏi');
    const card = await j.telegram.waitFor(() => cardWith('OTHERSITE').at(-1), 30_000);
    note('other-site editor publish', await press(people.other.user, card, 'Công khai'));
    note('other-site editor hide', await press(people.other.user, card, 'Ẩn'));
    await sleep(1500);
    note('state', (await rows()).find((r) => r.sourceKey === `facebook:${c.id}`)?.state);
    // stray comment (under no item) → province site; other-site editor?
    const stray = j.graph.comment('1000_424242', { id: '8003', name: 'Stray' }, 'STRAY2 bài không mirror');
    await j.graph.sendWebhook(FB(), j.graph.commentWebhook(stray, 'add'));
    const sc = await j.telegram.waitFor(() => cardWith('STRAY2').at(-1), 30_000);
    note('stray card text', sc.params.text);
    note('other-site editor on stray', await press(people.other.user, sc, 'Công khai'));
  }), 120_000);

  it('reply: platform posts then hangs', safe('pth', async () => {
    const { c } = await sendFb({ id: '7600', name: 'Người Hỏi' }, 'PTH câu hỏi');
    const card = await j.telegram.waitFor(() => cardWith('PTH').at(-1), 30_000);
    j.graph.inject('POST', `${c.id}/comments`, { kind: 'postThenHang' }, 1);
    const before = j.telegram.sent('sendMessage', MODERATION).length;
    await press(people.editor, card, 'Trả lời');
    const prompt = await j.telegram.waitFor(() => j.telegram.sent('sendMessage', MODERATION).slice(before).find((x) => String(x.params.text).includes('trả lời')), 30_000);
    replyTo(people.editor, prompt, 'PTH-ANSWER');
    // second press of reply and a second answer while the first is on the wire
    await sleep(3000);
    const b2 = j.telegram.sent('sendMessage', MODERATION).length;
    const again = await press(people.editor, cardWith('PTH').at(-1)!, 'Trả lời').catch((e) => String(e));
    note('pth: second reply press', again);
    const p2 = j.telegram.sent('sendMessage', MODERATION).slice(b2).find((x) => String(x.params.text).includes('trả lời'));
    if (p2) replyTo(people.editor, p2, 'PTH-ANSWER-2');
    await sleep(40_000);
    j.graph.releaseHung();
    await sleep(20_000);
    note('pth: replies', j.graph.repliesOf(c.id).map((r) => r.message));
    note('pth: row', (await rows()).find((r) => r.sourceKey === `facebook:${c.id}`));
    note('pth: admin/moderation msgs', j.telegram.sent('sendMessage').filter((x) => /PTH/.test(String(x.params.text))).map((x) => String(x.params.text).slice(0, 200)));
  }), 180_000);

  it('zalo answered without publish, portal card', safe('priv', async () => {
    const base = JSON.parse(readFileSync(new URL('../fixtures/zalo-oa/user_send_text.json', import.meta.url), 'utf8')) as Json;
    await j.zalo.sendWebhook(ZA(), { ...base, sender: { id: '2468458835296190001' }, message: { text: 'ZPRIV số CCCD của tôi là 079123456789, SĐT 0909123456', msg_id: 'zp-1' } });
    const card = await j.telegram.waitFor(() => cardWith('ZPRIV').at(-1), 30_000);
    note('zalo card buttons', (card.params.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat().map((b) => b.text));
    const before = j.telegram.sent('sendMessage', MODERATION).length;
    await press(people.editor, card, 'Trả lời');
    const prompt = await j.telegram.waitFor(() => j.telegram.sent('sendMessage', MODERATION).slice(before).find((x) => String(x.params.text).includes('trả lời')), 30_000);
    note('zalo prompt', prompt.params.text);
    replyTo(people.editor, prompt, 'ZPRIV-ANSWER chúng tôi đã nhận');
    await sleep(5000);
    note('zalo private msg public after answer only?', { tuongtac: (await text('/vi/tuong-tac')).includes('079123456789'), api: (await text('/api/v1/interactions?limit=100')).includes('079123456789') });
    note('after-answer msgs', j.telegram.sent('sendMessage', MODERATION).slice(before).map((x) => String(x.params.text).slice(0, 200)));
    // portal comment w/ rating: card content
    const art = `/vi/tin/${code}`;
    const tok = tokenIn(await text(art));
    await sleep(1200);
    const p = await postForm(`${j.portal}${art}/gop-y`, { token: tok, name: 'Nguyễn Bí Mật', text: 'PORTALCARD ý kiến', content: '1', website: '' }, { from: '127.0.0.77' });
    note('portal post', p.status);
    const pc = await j.telegram.waitFor(() => cardWith('PORTALCARD').at(-1), 30_000);
    note('portal card', { text: pc.params.text, buttons: (pc.params.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat().map((b) => b.text) });
    note('rating before publish', JSON.parse(await text(`/api/v1/items/${code}`)).rating);
    await press(people.editor, pc, 'Công khai');
    await sleep(2000);
    note('rating after publish', JSON.parse(await text(`/api/v1/items/${code}`)).rating);
    const pub = [await text(art), await text('/vi/tuong-tac'), await text('/api/v1/interactions?limit=100'), await text(`/api/v1/items/${code}`), await text('/vi/feed.json')].join('\n');
    note('portal rater name/ip public?', { name: pub.includes('Nguyễn Bí Mật'), ip: pub.includes('127.0.0.77') });
  }), 120_000);

  it('takedown detail', safe('td', async () => {
    const b = { tt: await text('/vi/tuong-tac'), api: await text('/api/v1/interactions?limit=100') };
    j.say(people.deputy, EDITORIAL, { text: `/takedown ${code} Sai thông tin` });
    await sleep(8000);
    const a = { tt: await text('/vi/tuong-tac'), api: await text('/api/v1/interactions?limit=100'), en: await text('/en/interactions') };
    const m = (s: string) => (s.match(/PORTALCARD|ZPRIV-ANSWER|EDITPRE-ORIGINAL|OTHERSITE|STRAY2/g) ?? []).sort();
    note('before takedown', { tt: m(b.tt), api: m(b.api) });
    note('after takedown', { tt: m(a.tt), api: m(a.api), en: m(a.en), linkToCode: a.tt.includes(`/vi/tin/${code}`) });
    note('article', (await fetch(`${j.portal}/vi/tin/${code}`)).status);
  }), 60_000);
});
