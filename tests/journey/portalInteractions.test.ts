import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/app/deps.js';
import { moderateInteraction } from '../../src/app/interactions/moderation.js';
import { auditKeys } from '../../src/core/audit.js';
import { formTokenKey, issueFormToken } from '../../src/core/interactions/formToken.js';
import { openClient } from '../../src/store/client.js';
import { createPrismaStore } from '../../src/store/prismaStore.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { INTAKE, startJourney, type Journey, type TgUser } from '../helpers/journey.js';
import { postForm, textareaIn, tokenIn } from '../helpers/portalForm.js';

const SECRET = 'portal-interactions-journey-secret-0123456789abcdef';
const MIN_SECONDS = 3;
const PER_MINUTE = 5;
const COLLABORATOR: TgUser = { id: 5_123_456_790, is_bot: false, first_name: 'Hoa', username: 'ctv_hoa_tuongtac' };
const TITLE = 'Sửa chữa đường ĐT768 đoạn qua xã Tân Bình';
const COMMENT = 'Đoạn đường trước chợ Tân Bình còn nhiều ổ gà, đề nghị sửa sớm trước mùa mưa.';
const ANSWER = 'Ban Biên tập đã chuyển ý kiến tới UBND xã Tân Bình; đoạn trước chợ sẽ được vá trong tuần này.';
/** Loopback addresses the citizens post from (each one another sender); none may appear anywhere public. */
const CITIZEN = '127.0.0.3';
const RATER = '127.0.0.4';

/**
 * Issue 14, the portal's acceptance, through the real service: an item published from chat, then
 * only HTTP as a citizen's browser (and a bot) would use it. The moderator's decisions are made
 * with moderateInteraction on the service's database: the moderators' chat cards are built in parallel.
 */
describe.each(BACKENDS)('a citizen comments on and rates an article on the portal, on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let j: Journey;
  let code = '';
  let moderatorDeps: Deps;
  let moderatorId = '';
  let closeStore: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    j = await startJourney(db.url, {}, { mirrors: false, zaloGroup: false, env: { HUB_SECRET: SECRET, INTERACTIONS_FORM_MIN_SECONDS: String(MIN_SECONDS), INTERACTIONS_FORM_PER_MINUTE: String(PER_MINUTE) } });
    const editor = await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor');
    const secretary = await j.person('Lê Minh Châu', 'chau@example.vn', 'secretary');
    const deputy = await j.person('Trần Thị Bích', 'bich@example.vn', 'deputy');
    await j.start();
    j.say(COLLABORATOR, INTAKE, { text: `${TITLE}\nUBND xã Tân Bình khởi công sửa chữa 3 km đường ĐT768, dự kiến xong trong tháng.` });
    code = /DN-\d{4}-\d{5}/.exec(await j.waitText(INTAKE, 'Đã nhận tin'))![0];
    await j.pressOn(editor, code, 'Tiếp nhận', 'Tiếp nhận');
    await j.pressOn(editor, code, 'Bước: Biên tập', 'Duyệt');
    await j.pressOn(secretary, code, 'Bước: Thư ký', 'Duyệt');
    await j.pressOn(deputy, code, 'Bước: Phó Trưởng ban', 'Duyệt xuất bản');
    await j.waitText(INTAKE, `${code} đã được xuất bản`);
    const store = createPrismaStore(db.url, auditKeys(SECRET));
    closeStore = () => store.close();
    moderatorDeps = { store, clock: () => new Date(), timeZone: 'Asia/Ho_Chi_Minh' };
    moderatorId = (await store.personByEmail('dung@example.vn'))!.id;
  }, 400_000);

  afterAll(async () => {
    if (skip) return;
    await closeStore();
    await j?.stop();
    await db?.drop();
  }, 120_000);

  const text = async (path: string) => (await fetch(`${j.portal}${path}`)).text();
  const json = async (path: string) => (await (await fetch(`${j.portal}${path}`)).json()) as Record<string, unknown>;
  /** The page as a browser from `from` gets it, and its form's token; then the time a person takes to fill it. */
  const openForm = async (path: string) => {
    const token = tokenIn(await text(path));
    await sleep(MIN_SECONDS * 1000);
    return token;
  };
  const rows = async () => {
    const read = openClient(db.url);
    try {
      return await read.interaction.findMany({ orderBy: { receivedAt: 'asc' } });
    } finally {
      await read.$disconnect();
    }
  };
  const waitFor = <T>(check: () => Promise<T | null | undefined | false>) => j.telegram.waitFor(check, 30_000);

  it.skipIf(skip)('a comment with a rating: the comment is invisible until a moderator publishes it, then shows with the answer; the rating counts at once, with no name, and publishing the comment does not move the average', async () => {
    const article = `/vi/tin/${code}`;
    const token = await openForm(article);
    const posted = await postForm(`${j.portal}${article}/gop-y`, { token, name: 'Trần Văn Dân', text: COMMENT, content: '5', interface: '4', quality: '4', support: '3', website: '' }, { from: CITIZEN });
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(`${article}/da-gui`);
    const thanks = await text(posted.location!);
    expect(thanks).toContain('Bình luận đang chờ Ban Biên tập kiểm duyệt');

    // Waiting for a moderator: on no page and in no answer of the API. Its rating is a record of its own, with no
    // name, counted at once: the named comment let out later cannot be tied to a score. (5+4+4+3)/4 = 4.
    const waiting = await text(article);
    expect(waiting).not.toContain(COMMENT);
    expect(waiting).toContain('Trung bình 4/5 từ 1 lượt đánh giá.');
    expect(JSON.stringify(await json('/api/v1/interactions'))).not.toContain(COMMENT);
    expect((await json(`/api/v1/items/${code}`)).rating).toEqual({ count: 1, mean: 4, aspects: { content: { count: 1, mean: 5 }, interface: { count: 1, mean: 4 }, quality: { count: 1, mean: 4 }, support: { count: 1, mean: 3 } } });

    // A bare rating is published on arrival.
    const rated = await postForm(`${j.portal}${article}/gop-y`, { token: await openForm(article), name: '', text: '', content: '2' }, { from: RATER });
    expect(rated.location).toBe(`${article}/da-danh-gia`);
    expect(await text(rated.location!)).toContain('đã được tính vào điểm trung bình');
    await waitFor(async () => (await text(article)).includes('Trung bình 3/5 từ 2 lượt đánh giá.'));
    const ratingRows = (await rows()).filter((r) => r.kind === 'rating');
    expect(ratingRows.map((r) => [r.authorName, r.authorRef, r.state])).toEqual([
      [null, null, 'published'],
      [null, null, 'published'],
    ]);

    const pending = (await rows()).find((r) => r.text === COMMENT)!;
    expect(pending).toMatchObject({ source: 'portal', kind: 'comment', state: 'new', authorName: 'Trần Văn Dân', authorRef: null, code });
    expect((await moderateInteraction(moderatorDeps, moderatorId, pending.id, { type: 'publish' })).ok).toBe(true);
    expect((await moderateInteraction(moderatorDeps, moderatorId, pending.id, { type: 'answer', text: ANSWER })).ok).toBe(true);

    const shown = await waitFor(async () => {
      const page = await text(article);
      return page.includes(ANSWER) && page;
    });
    expect(shown).toContain(COMMENT);
    expect(shown).toContain('<span class="talk-author">Trần Văn Dân</span>');
    expect(shown).toContain('Trả lời của Ban Biên tập');
    // 4 and 2: a mean of 3, as before the comment was let out; content (5+2)/2.
    expect(shown).toContain('Trung bình 3/5 từ 2 lượt đánh giá.');
    expect(shown).toContain('Nội dung: 3,5/5 (2 lượt)');
    const english = await text(`/en/news/${code}`);
    expect(english).toContain('Average 3 out of 5 from 2 ratings.');
    expect(english).toContain('Answer from the editorial board');

    const api = (await json('/api/v1/interactions')) as { interactions: Record<string, unknown>[]; nextCursor: string | null };
    expect(api.interactions).toEqual([
      {
        id: pending.id,
        source: 'portal',
        kind: 'comment',
        item: { code, url: `${j.portal}/vi/tin/${code}` },
        author: 'Trần Văn Dân',
        text: COMMENT,
        answer: ANSWER,
        occurredAt: expect.any(String),
        answeredAt: expect.any(String),
      },
    ]);
    expect((await json(`/api/v1/items/${code}`)).rating).toEqual({ count: 2, mean: 3, aspects: { content: { count: 2, mean: 3.5 }, interface: { count: 1, mean: 4 }, quality: { count: 1, mean: 4 }, support: { count: 1, mean: 3 } } });
    for (const page of ['/vi/tuong-tac', '/en/interactions', '/vi/tuong-tac?nguon=portal']) {
      const list = await text(page);
      expect(list, page).toContain(COMMENT);
      expect(list, page).toContain(ANSWER);
      expect(list, page).toContain(`href="/${page.startsWith('/vi') ? 'vi/tin' : 'en/news'}/${code}"`);
    }
    expect(await text('/vi/tuong-tac?nguon=facebook')).not.toContain(COMMENT);

    // Where the citizens posted from is nowhere: not on a page, in the API, a feed, the service's log, or the database.
    const everywhere = [
      shown,
      english,
      thanks,
      await text('/vi/tuong-tac'),
      await text('/en/interactions'),
      JSON.stringify(api),
      JSON.stringify(await json(`/api/v1/items/${code}`)),
      JSON.stringify(await json('/api/v1/items')),
      await text('/vi/feed.rss'),
      await text('/vi/feed.atom'),
      await text('/vi/feed.json'),
      await text('/sitemap.xml'),
      j.output(),
    ].join('\n');
    const read = openClient(db.url);
    const stored = JSON.stringify([await read.interaction.findMany(), await read.auditEvent.findMany({ where: { subjectType: 'interaction' } })]);
    await read.$disconnect();
    for (const address of [CITIZEN, RATER]) {
      expect(everywhere).not.toContain(address);
      expect(stored).not.toContain(address);
    }
  }, 120_000);

  it.skipIf(skip)('200 posts from one address in a minute: at most the configured number stored, the rest refused with a clear page', async () => {
    const from = '127.0.0.5';
    const before = (await rows()).length;
    const token = await openForm(`/vi/tin/${code}`);
    const answers = [];
    for (let i = 0; i < 200; i += 1) answers.push(await postForm(`${j.portal}/vi/tin/${code}/gop-y`, { token, text: `Tin rác số ${i}` }, { from }));
    const stored = (await rows()).length - before;
    expect(stored).toBe(answers.filter((a) => a.status === 303).length);
    expect(stored).toBeLessThanOrEqual(PER_MINUTE);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBe(200 - stored);
    expect(refused[0]!.headers['retry-after']).toBe('60');
    expect(refused[0]!.text).toContain(`Đã có quá ${PER_MINUTE} lần gửi từ kết nối của bạn trong một phút`);
    expect(refused[0]!.text).toContain(`More than ${PER_MINUTE} posts came from your connection within a minute`);
    // What they wrote is given back to send later.
    expect(textareaIn(refused.at(-1)!.text)).toBe('Tin rác số 199');
    // Another address is another sender.
    expect((await postForm(`${j.portal}/vi/tin/${code}/gop-y`, { token, text: 'Người khác, cùng lúc' }, { from: '127.0.0.6' })).status).toBe(303);
  }, 120_000);

  it.skipIf(skip)('the honeypot catches a naive bot: thanked like anyone, nothing stored', async () => {
    const before = (await rows()).length;
    const page = await text(`/vi/tin/${code}`);
    // A naive bot fills every field it finds, the one people never see too.
    const fields = Object.fromEntries([...page.matchAll(/<(?:input|textarea|select)[^>]*name="([^"]+)"/g)].map((m) => [m[1]!, m[1] === 'token' ? tokenIn(page) : m[1] === 'content' || m[1] === 'interface' || m[1] === 'quality' || m[1] === 'support' ? '5' : 'Mua ngay http://spam.example']));
    expect(Object.keys(fields).sort()).toEqual(['content', 'interface', 'name', 'q', 'quality', 'support', 'text', 'token', 'website']);
    await sleep(MIN_SECONDS * 1000);
    const bot = await postForm(`${j.portal}/vi/tin/${code}/gop-y`, fields, { from: '127.0.0.7' });
    expect(bot.status).toBe(303);
    expect(bot.location).toBe(`/vi/tin/${code}/da-gui`);
    expect((await rows()).length).toBe(before);
  }, 60_000);

  it.skipIf(skip)('a token posted too soon, too old, for another article or forged is refused with the text kept, and nothing is stored', async () => {
    const before = (await rows()).length;
    const post = (token: string, from: string, fields: Record<string, string> = {}) => postForm(`${j.portal}/vi/tin/${code}/gop-y`, { token, name: 'Lan', text: 'Ý kiến của Lan', ...fields }, { from });
    const key = formTokenKey(SECRET);
    const fresh = tokenIn(await text(`/vi/tin/${code}`));
    const [c, issued, mac] = fresh.split('.') as [string, string, string];
    const cases: [string, string, string][] = [
      [fresh, '127.0.1.1', 'gửi quá nhanh sau khi mở trang'],
      [issueFormToken(key, code, Date.now() - 7 * 3600_000), '127.0.1.2', 'biểu mẫu hết hạn'],
      [issueFormToken(key, code.replace(/\d{5}$/, '09999'), Date.now() - 60_000), '127.0.1.3', 'thuộc một bài viết khác'],
      [`${c}.${(Number.parseInt(issued, 36) - 600).toString(36)}.${mac}`, '127.0.1.4', 'Biểu mẫu không hợp lệ'],
      [issueFormToken(formTokenKey('someone-elses-secret-0123456789abcdefghij'), code, Date.now() - 60_000), '127.0.1.5', 'Biểu mẫu không hợp lệ'],
    ];
    for (const [token, from, says] of cases) {
      const refused = await post(token, from);
      expect(refused.status, says).toBe(400);
      expect(refused.text, says).toContain(says);
      expect(textareaIn(refused.text), says).toBe('Ý kiến của Lan');
    }
    // Too long or too large: said plainly, nothing kept (with a token a person would have by then).
    const filled = issueFormToken(key, code, Date.now() - 60_000);
    expect((await post(filled, '127.0.1.6', { name: 'N'.repeat(81) })).text).toContain('Tên hiển thị dài quá 80 ký tự');
    expect((await post(filled, '127.0.1.7', { text: 'x'.repeat(2001) })).text).toContain('Bình luận dài quá 2000 ký tự');
    const huge = await post(filled, '127.0.1.8', { text: 'x'.repeat(17 * 1024) });
    expect(huge.status).toBe(400);
    expect(huge.text).toContain('lớn quá 16 KB');
    expect((await rows()).length).toBe(before);

    // The refused page's own form carries a fresh token: what was typed goes through from there.
    const again = await post(issueFormToken(key, code, Date.now() - 7 * 3600_000), '127.0.1.9');
    await sleep(MIN_SECONDS * 1000);
    const sent = await post(tokenIn(again.text), '127.0.1.9', { text: textareaIn(again.text)! });
    expect(sent.status).toBe(303);
    expect((await rows()).length).toBe(before + 1);
  }, 90_000);

  it.skipIf(skip)('nothing along the way was logged as an error', () => {
    const errors = j.output().split('\n').filter((line) => /"level":(50|60)/.test(line));
    expect(errors).toEqual([]);
  });
});
