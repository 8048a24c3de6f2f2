import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approve, writeItem } from '../../../src/app/items.js';
import { OPERATOR } from '../../../src/app/people.js';
import { addPartner, decideContract, proposeContract } from '../../../src/app/revenue/contracts.js';
import { sponsorItem } from '../../../src/app/revenue/sponsored.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { portalFixture, publishThrough, within, type PortalFixture } from '../../helpers/portal.js';

/**
 * Issue 19.7 and 19.9: a sponsored article ("bài giới thiệu", seed Điều 14.3.b) is tied to an approved contract,
 * goes through the three-step approval like any news, and wherever the public sees it — its page, the lists,
 * the API — carries "Thông tin tài trợ / Sponsored" with the partner's name. The label is vouched for by the trail.
 */
describe.each(BACKENDS)('sponsored articles on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let p: PortalFixture;
  const contracts: Record<string, string> = {};
  const person = (who: 'editor1' | 'secretary' | 'deputy') => ({ kind: 'person' as const, personId: p.desk.id[who] });

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    p = await portalFixture(db.url);
    const partner = await addPartner(p.desk.deps, OPERATOR, { name: 'HTX Điều Bình Phước', taxNumber: '3801234567' });
    if (!partner.ok) throw new Error(partner.reason);
    for (const kind of ['sponsored', 'banner', 'pending', 'second', 'lapsed'] as const) {
      const proposed = await proposeContract(p.desk.deps, OPERATOR, {
        site: 'tinh', partner: '3801234567', kind: kind === 'banner' ? 'banner' : 'sponsored', title: `Hợp đồng ${kind}`, value: 22_000_000, taxPercent: 10,
        startDay: kind === 'lapsed' ? '2025-01-01' : '2026-11-01', endDay: kind === 'lapsed' ? '2025-12-31' : '2026-12-31', shares: [{ person: p.desk.id.secretary, sharePercent: 100 }],
      });
      if (!proposed.ok) throw new Error(proposed.reason);
      contracts[kind] = proposed.value.code;
      if (kind !== 'pending') expect(await decideContract(p.desk.deps, person('deputy'), proposed.value.code, 'approved', null)).toMatchObject({ ok: true });
    }
  });
  afterAll(async () => {
    if (skip) return;
    await p.close();
    await db.drop();
  });

  it.skipIf(skip)('tied while in review, approved in three steps, published with the label on its page, in the lists and in the API', async () => {
    const written = await writeItem(p.desk.deps, p.desk.id.editor1, 'tinh', { kind: 'article', category: 'kinh-te', content: { title: 'Hạt điều Bình Phước vào mùa', summary: 'Giới thiệu sản phẩm OCOP.', body: 'Nội dung giới thiệu.', language: 'vi' } });
    if (!written.ok) throw new Error(written.reason);
    const code = written.value.code;
    // Only the desk ties it, only to an approved sponsored-article contract of the same site.
    expect(await sponsorItem(p.desk.deps, person('editor1'), { item: code, contract: contracts.sponsored! })).toMatchObject({ ok: false, reason: 'service_not_desk' });
    expect(await sponsorItem(p.desk.deps, OPERATOR, { item: code, contract: contracts.banner! })).toMatchObject({ ok: false, reason: 'sponsor_not_sponsored' });
    expect(await sponsorItem(p.desk.deps, OPERATOR, { item: code, contract: contracts.pending! })).toMatchObject({ ok: false, reason: 'sponsor_contract_not_approved' });
    expect(await sponsorItem(p.desk.deps, OPERATOR, { item: 'TT-2026-99999', contract: contracts.sponsored! })).toMatchObject({ ok: false, reason: 'unknown_item' });
    expect(await sponsorItem(p.desk.deps, OPERATOR, { item: code, contract: contracts.lapsed! })).toMatchObject({ ok: false, reason: 'sponsor_outside_contract', detail: { end: '31/12/2025' } });
    expect(await sponsorItem(p.desk.deps, OPERATOR, { item: '  ', contract: contracts.sponsored! })).toMatchObject({ ok: false, reason: 'unknown_item', detail: { code: '""' } });
    expect(await sponsorItem(p.desk.deps, person('secretary'), { item: code, contract: contracts.sponsored! })).toMatchObject({ ok: true, value: { partner: 'HTX Điều Bình Phước', published: false } });
    // Tied once: the same contract again is no change, another is refused naming the first.
    expect(await sponsorItem(p.desk.deps, OPERATOR, { item: code, contract: contracts.sponsored! })).toMatchObject({ ok: true });
    expect(await sponsorItem(p.desk.deps, OPERATOR, { item: code, contract: contracts.second! })).toMatchObject({ ok: false, reason: 'sponsor_already', detail: { contract: contracts.sponsored } });

    // Not published by being tied: the same three steps as any news.
    expect((await p.page(`/vi/tin/${code}`)).status).toBe(404);
    let item = written.value;
    for (const who of ['editor2', 'secretary', 'deputy'] as const) {
      const r = await approve(p.desk.deps, p.desk.id[who], item.code, item.revision.contentHash);
      if (!r.ok) throw new Error(`${who}: ${r.reason}`);
      item = r.value;
    }
    expect(item.state).toBe('published');
    // Approved as news past the editor, an item is not labelled behind its reviewers' backs.
    const plain = await writeItem(p.desk.deps, p.desk.id.editor1, 'tinh', { kind: 'article', category: null, content: { title: 'Tin thường', summary: '', body: 'Nội dung.', language: 'vi' } });
    if (!plain.ok) throw new Error(plain.reason);
    expect(await approve(p.desk.deps, p.desk.id.editor2, plain.value.code, plain.value.revision.contentHash)).toMatchObject({ ok: true });
    expect(await sponsorItem(p.desk.deps, OPERATOR, { item: plain.value.code, contract: contracts.second! })).toMatchObject({ ok: false, reason: 'sponsor_after_approval' });
    await within(1000, async () => (await p.page(`/vi/tin/${code}`)).status === 200);
    const article = (await p.page(`/vi/tin/${code}`)).text;
    expect(article).toContain('<p class="sponsored" lang="vi">Thông tin tài trợ của HTX Điều Bình Phước</p>');
    expect((await p.page(`/en/news/${code}`)).text).toContain('Sponsored by HTX Điều Bình Phước');
    // In a list, the card says it too, above its title.
    const list = (await p.page('/vi/chuyen-muc/kinh-te')).text;
    expect(list).toMatch(/<p class="sponsored" lang="vi">Thông tin tài trợ<\/p><h2><a href="\/vi\/tin\/[^"]+">Hạt điều Bình Phước vào mùa<\/a><\/h2>/);
    const api = (await (await p.get(`/api/v1/items/${code}`)).json()) as { sponsor: string | null };
    expect(api.sponsor).toBe('HTX Điều Bình Phước');
    // Feeds say it where a feed reader looks: the title and the summary.
    const rss = (await p.page('/vi/feed.rss')).text;
    expect(rss).toContain('[Thông tin tài trợ] Hạt điều Bình Phước vào mùa');
    expect(rss).toContain('Thông tin tài trợ của HTX Điều Bình Phước. Giới thiệu sản phẩm OCOP.');
    expect((await p.page('/vi/feed.json')).text).toContain('[Thông tin tài trợ] Hạt điều Bình Phước vào mùa');
    expect((await p.desk.store.verifyAudit([])).findings).toEqual([]);
  });

  it.skipIf(skip)('news is never labelled; an item already published is labelled at once, and the trail vouches for the label', async () => {
    const news = await publishThrough(p.desk, { title: 'Họp báo thường kỳ', summary: '', body: 'Nội dung.', language: 'vi' }, 'kinh-te');
    expect((await p.page(`/vi/tin/${news.code}`)).text).not.toContain('Thông tin tài trợ của');
    expect(((await (await p.get(`/api/v1/items/${news.code}`)).json()) as { sponsor: string | null }).sponsor).toBeNull();

    expect(await sponsorItem(p.desk.deps, OPERATOR, { item: news.code, contract: contracts.sponsored! })).toMatchObject({ ok: true, value: { published: true } });
    await within(5000, async () => (await p.page(`/vi/tin/${news.code}`)).text.includes('Thông tin tài trợ của HTX Điều Bình Phước'));
    expect((await p.desk.store.verifyAudit([])).findings).toEqual([]);
  });
});
