import type { AddressInfo } from 'node:net';
import { get, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderateInteraction, receiveInteraction } from '../../src/app/interactions/moderation.js';
import type { InboundInteraction } from '../../src/core/interactions/model.js';
import { createPortalServer } from '../../src/http/fastPath.js';
import { openClient } from '../../src/store/client.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { portalFixture, publishThrough, within, type PortalFixture } from '../helpers/portal.js';
import { postForm, textareaIn, tokenIn } from '../helpers/portalForm.js';

const comment = (n: number, over: Partial<InboundInteraction> = {}): InboundInteraction => ({
  source: 'portal',
  kind: 'comment',
  externalId: `c-${n}`,
  verb: 'add',
  authorName: `Người gửi ${n}`,
  authorRef: null,
  text: `Ý kiến số ${n}`,
  occurredAt: new Date(Date.UTC(2026, 10, 30, 2, n)),
  ...over,
});

/**
 * The article's form and what the public sees of interactions, in-process over a real socket with a
 * clock the test moves: the token of a kept page is signed when it is served, the minimum fill time
 * holds, and only what a moderator let out shows, newest twenty under the article.
 */
describe.each(BACKENDS)('the comment form and published interactions on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let p: PortalFixture;
  let server: Server;
  let base: string;
  let code = '';

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    p = await portalFixture(db.url);
    const item = await publishThrough(p.desk, { title: 'Sửa đường ĐT768', body: 'Tỉnh sửa đường.' }, 'thoi-su');
    code = item.code;
    server = createPortalServer(p.web.cache, p.web.headers, p.web.app.fetch);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    if (skip) return;
    await new Promise((resolve) => server.close(resolve));
    await p.close();
    await db.drop();
  });

  const stored = async () => {
    const read = openClient(db.url);
    try {
      return await read.interaction.count();
    } finally {
      await read.$disconnect();
    }
  };
  const kept = (path: string) => within(2000, async () => (await fetch(`${base}${path}`)).ok && p.web.cache.peek(path) !== null);

  it.skipIf(skip)('a kept article page carries a token signed when it is served; its bytes and gzip copy stay whole', async () => {
    const path = `/vi/tin/${code}`;
    await kept(path);
    const first = await fetch(`${base}${path}`);
    const firstText = await first.text();
    p.desk.time.advance(20_000);
    // Still kept 20 s on: asking the cache draws nothing (peek would also depend on the 250 ms freshness window).
    let drawn = 0;
    await p.web.cache.get(path, async () => {
      drawn += 1;
      throw new Error('the article page was not kept');
    });
    expect(drawn).toBe(0);
    await kept(path);
    const second = await fetch(`${base}${path}`);
    const secondText = await second.text();
    expect(tokenIn(secondText)).not.toBe(tokenIn(firstText));
    expect(secondText.replace(tokenIn(secondText), 'T')).toBe(firstText.replace(tokenIn(firstText), 'T'));
    // fetch asks for gzip: the page put together per request decompresses to the same page.
    expect(second.headers.get('content-encoding')).toBe('gzip');
    // Within the same second the gzip copy is the same page, token and all.
    const zipped = await new Promise<Buffer>((resolve, reject) => {
      get(`${base}${path}`, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.headers['content-encoding'] === 'gzip' ? resolve(Buffer.concat(chunks)) : reject(new Error('not gzip'))));
      });
    });
    expect(gunzipSync(zipped).toString('utf8')).toBe(secondText);

    // The fresher token is too fresh to post; the one served twenty seconds ago is not.
    expect((await postForm(`${base}/vi/tin/${code}/gop-y`, { token: tokenIn(secondText), text: 'Quá nhanh' }, { from: '127.0.0.21' })).status).toBe(400);
    const sent = await postForm(`${base}/vi/tin/${code}/gop-y`, { token: tokenIn(firstText), text: 'Đủ thời gian' }, { from: '127.0.0.21' });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/vi/tin/${code}/da-gui`);
    // The same token spelt another way (a leading zero in its time) is not a new token: refused, nothing more stored.
    const before = await stored();
    const [article, issued, signature] = tokenIn(firstText).split('.') as [string, string, string];
    const respelt = await postForm(`${base}/vi/tin/${code}/gop-y`, { token: `${article}.0${issued}.${signature}`, text: 'Đủ thời gian' }, { from: '127.0.0.21' });
    expect(respelt.status).toBe(400);
    expect(await stored()).toBe(before);
  });

  it.skipIf(skip)('a client holding the page gets 304 for ten minutes at most, then a page with a fresh token', async () => {
    const path = `/vi/tin/${code}`;
    await kept(path);
    const first = await fetch(`${base}${path}`);
    const etag = first.headers.get('etag')!;
    await first.text();
    await kept(path);
    expect((await fetch(`${base}${path}`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    p.desk.time.advance(10 * 60_000);
    await kept(path);
    const later = await fetch(`${base}${path}`, { headers: { 'If-None-Match': etag } });
    expect(later.status).toBe(200);
    expect(later.headers.get('etag')).not.toBe(etag);
  });

  it.skipIf(skip)('a post too soon after the page was served is refused with what was typed kept; the same post later goes through', async () => {
    const before = await stored();
    const page = await (await fetch(`${base}/en/news/${code}`)).text();
    const fields = { token: tokenIn(page), name: 'Lan', text: 'When will the road reopen?\nThanks.', content: '4' };
    const early = await postForm(`${base}/en/news/${code}/feedback`, fields, { from: '127.0.0.22', encoding: 'urlencoded' });
    expect(early.status).toBe(400);
    expect(early.headers['cache-control']).toBe('no-store');
    expect(early.text).toContain('sent too soon');
    expect(early.text).toContain('gửi quá nhanh');
    expect(textareaIn(early.text)).toBe('When will the road reopen?\nThanks.');
    expect(early.text).toMatch(/<option value="4" selected>/);
    expect(await stored()).toBe(before);
    p.desk.time.advance(5_000);
    const later = await postForm(`${base}/en/news/${code}/feedback`, fields, { from: '127.0.0.22', encoding: 'urlencoded' });
    expect(later.status).toBe(303);
    expect(later.location).toBe(`/en/news/${code}/sent`);
    // A comment and, of its own with no name, its rating.
    expect(await stored()).toBe(before + 2);
    const thanks = await fetch(`${base}${later.location}`);
    expect(thanks.status).toBe(200);
    expect(await thanks.text()).toContain('waits for the editorial board');
    // The form's address takes posts only; a GET there is no page.
    expect((await fetch(`${base}/vi/tin/${code}/gop-y`)).status).toBe(404);
  });

  it.skipIf(skip)('only what a moderator let out shows: the newest twenty under the article, oldest of them first, the rest on the interactions page', async () => {
    const moderator = p.desk.id.editor1;
    for (let n = 1; n <= 25; n += 1) {
      p.desk.time.advance(1000);
      const { record } = await receiveInteraction(p.desk.deps, comment(n, { itemCode: code }));
      const published = await moderateInteraction(p.desk.deps, moderator, record.id, n === 25 ? { type: 'answer', text: 'Ban Biên tập trả lời số 25' } : { type: 'publish' });
      expect(published.ok).toBe(true);
    }
    // Never public: waiting, hidden, turned into a ticket, withdrawn by its author.
    await receiveInteraction(p.desk.deps, comment(90, { itemCode: code, text: 'CHỜ DUYỆT' }));
    const hidden = await receiveInteraction(p.desk.deps, comment(91, { itemCode: code, text: 'ĐÃ ẨN' }));
    expect((await moderateInteraction(p.desk.deps, moderator, hidden.record.id, { type: 'hide', reason: 'xúc phạm' })).ok).toBe(true);
    const ticket = await receiveInteraction(p.desk.deps, comment(92, { itemCode: code, text: 'THÀNH PHẢN ÁNH' }));
    expect((await moderateInteraction(p.desk.deps, moderator, ticket.record.id, { type: 'toTicket' })).ok).toBe(true);
    const withdrawn = await receiveInteraction(p.desk.deps, comment(93, { itemCode: code, text: 'TÁC GIẢ ĐÃ XOÁ' }));
    expect((await moderateInteraction(p.desk.deps, moderator, withdrawn.record.id, { type: 'publish' })).ok).toBe(true);
    await receiveInteraction(p.desk.deps, comment(93, { itemCode: code, verb: 'remove', text: '' }));

    const page = await (await fetch(`${base}/vi/tin/${code}`)).text();
    const shown = [...page.matchAll(/Ý kiến số (\d+)/g)].map((m) => Number(m[1]));
    expect(shown).toEqual(Array.from({ length: 20 }, (_, i) => i + 6));
    expect(page).toContain('Trả lời của Ban Biên tập');
    expect(page).toContain('Ban Biên tập trả lời số 25');
    expect(page).toContain(`href="/vi/tuong-tac?ma=${code}"`);

    const list = await (await fetch(`${base}/vi/tuong-tac?ma=${code}`)).text();
    expect([...list.matchAll(/Ý kiến số (\d+)/g)].map((m) => Number(m[1]))).toEqual(Array.from({ length: 20 }, (_, i) => 25 - i));
    const older = /<a rel="next" href="([^"]+)"/.exec(list)![1]!.replace(/&amp;/g, '&');
    const rest = await (await fetch(`${base}${older}`)).text();
    expect([...rest.matchAll(/Ý kiến số (\d+)/g)].map((m) => Number(m[1]))).toEqual([5, 4, 3, 2, 1]);
    expect(rest).not.toContain('rel="next"');

    const api = (await (await fetch(`${base}/api/v1/interactions?item=${code}&limit=100`)).json()) as { interactions: { text: string }[] };
    const everything = [page, list, rest, JSON.stringify(api), await (await fetch(`${base}/en/interactions`)).text()].join('\n');
    for (const secret of ['CHỜ DUYỆT', 'ĐÃ ẨN', 'THÀNH PHẢN ÁNH', 'TÁC GIẢ ĐÃ XOÁ', 'xúc phạm']) expect(everything).not.toContain(secret);
    expect(api.interactions.filter((i) => i.text.startsWith('Ý kiến số'))).toHaveLength(25);
    expect((await fetch(`${base}/vi/tuong-tac?nguon=khong-co`)).status).toBe(404);
    expect((await fetch(`${base}/api/v1/interactions?cursor=bad`)).status).toBe(400);
  });
});
