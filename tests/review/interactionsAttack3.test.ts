// Review: does the public page tie a rater's name to their rating? (copy in /tmp/review)
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { BOT } from '../fakes/telegramApi.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { INTAKE, MODERATION, startJourney, type Journey, type TgUser } from '../helpers/journey.js';
import { postForm, tokenIn } from '../helpers/portalForm.js';

const C: TgUser = { id: 5_391_200_019, is_bot: false, first_name: 'Hoa', username: 'ctv3' };
describe('rater name', () => {
  let db: TestDatabase; let j: Journey; let code = ''; let ed: TgUser;
  beforeAll(async () => {
    db = await freshSqlite();
    j = await startJourney(db.url, {}, { mirrors: false, zaloGroup: false, env: { INTERACTIONS_FORM_MIN_SECONDS: '1' } });
    ed = await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor');
    const s = await j.person('Lê Minh Châu', 'chau@example.vn', 'secretary');
    const d = await j.person('Trần Thị Bích', 'bich@example.vn', 'deputy');
    await j.start();
    j.say(C, INTAKE, { text: 'Tin thử\nNội dung tin thử nghiệm đủ dài.' });
    code = /DN-\d{4}-\d{5}/.exec(await j.waitText(INTAKE, 'Đã nhận tin'))![0];
    await j.pressOn(ed, code, 'Tiếp nhận', 'Tiếp nhận');
    await j.pressOn(ed, code, 'Bước: Biên tập', 'Duyệt');
    await j.pressOn(s, code, 'Bước: Thư ký', 'Duyệt');
    await j.pressOn(d, code, 'Bước: Phó Trưởng ban', 'Duyệt xuất bản');
    await j.waitText(INTAKE, `${code} đã được xuất bản`);
  }, 400_000);
  afterAll(async () => { await j?.stop(); await db?.drop(); }, 60_000);
  it('publish a rated comment and dump', async () => {
    const art = `/vi/tin/${code}`;
    const tok = tokenIn(await (await fetch(`${j.portal}${art}`)).text());
    await sleep(1200);
    await postForm(`${j.portal}${art}/gop-y`, { token: tok, name: 'Nguyễn Bí Mật', text: 'RATED-COMMENT chê bài', content: '1', interface: '1', quality: '1', support: '1', website: '' }, { from: '127.0.0.77' });
    const card = await j.telegram.waitFor(() => j.telegram.sent('sendMessage', MODERATION).filter((c) => String(c.params.text).includes('RATED-COMMENT') && c.params.reply_markup).at(-1), 30_000);
    const b = (card.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat().find((x) => x.text.includes('Công khai'))!;
    j.telegram.push({ callback_query: { id: 'cq-x', from: ed, chat_instance: '-1', data: b.callback_data, message: { message_id: (card.result as { message_id: number }).message_id, from: BOT, chat: { id: MODERATION, type: 'supergroup' }, date: 0, text: String(card.params.text) } } });
    await sleep(3000);
    const page = await (await fetch(`${j.portal}${art}`)).text();
    const i = page.indexOf('Nguyễn Bí Mật');
    writeFileSync('/tmp/review/rated-article.html', page);
    writeFileSync('/tmp/review/rated-snippet.txt', page.slice(Math.max(0, i - 1500), i + 800));
    writeFileSync('/tmp/review/rated-api.json', await (await fetch(`${j.portal}/api/v1/interactions`)).text());
    writeFileSync('/tmp/review/rated-tuongtac.html', await (await fetch(`${j.portal}/vi/tuong-tac`)).text());
  }, 60_000);
});
