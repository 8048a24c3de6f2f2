import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approve, correct, writeItem } from '../../src/app/items.js';
import { setLanguage } from '../../src/app/desk.js';
import { putCategory, setFeatured } from '../../src/app/portalAdmin.js';
import { portalChangesAfter } from '../../src/app/portalChanges.js';
import { TAG } from '../../src/core/portal/changes.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { portalFixture, publishThrough, type PortalFixture } from '../helpers/portal.js';

describe.each(BACKENDS)('what the page cache reads from the audit trail on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let p: PortalFixture;
  const store = () => p.desk.store;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    p = await portalFixture(db.url);
    await putCategory(p.desk.deps, { key: 'kinh-te', nameVi: 'Kinh tế', nameEn: 'Economy', position: 1 });
  });
  afterAll(async () => {
    if (skip) return;
    await p.close();
    await db.drop();
  });

  it.skipIf(skip)('a /lang command, a new item and approvals short of publishing drop nothing', async () => {
    const before = await store().changeStamp();
    await setLanguage(p.desk.deps, p.desk.id.editor1, 'en');
    const written = await writeItem(p.desk.deps, p.desk.id.editor1, 'tinh', { kind: 'article', category: 'kinh-te', content: { title: 'Bản nháp', body: 'Nội dung.' } });
    if (!written.ok) throw new Error(written.reason);
    const approved = await approve(p.desk.deps, p.desk.id.editor2, written.value.code, written.value.revision.contentHash);
    expect(approved.ok).toBe(true);
    const change = await portalChangesAfter(store(), before);
    expect(change.seq).toBeGreaterThanOrEqual(before + 3);
    expect(change.drop).toEqual([]);
  });

  it.skipIf(skip)('a publication drops its article, its site’s and section’s lists in its language, search, sitemap and API lists', async () => {
    const before = await store().changeStamp();
    const item = await publishThrough(p.desk, { title: 'Khánh thành cầu', body: 'Nội dung.' }, 'kinh-te');
    const change = await portalChangesAfter(store(), before);
    expect(change.drop).not.toBe('all');
    expect([...change.drop].sort()).toEqual(
      [TAG.item(item.code), TAG.site(p.desk.site.id, 'vi'), TAG.category('kinh-te', 'vi'), TAG.search, TAG.sitemap, TAG.apiItems, TAG.interactions, TAG.media].sort(),
    );

    const corrected = await store().changeStamp();
    const fixed = await correct(p.desk.deps, p.desk.id.deputy, item.code, { title: 'Khánh thành cầu mới', body: 'Nội dung.' }, 'Sửa tên');
    expect(fixed.ok).toBe(true);
    expect((await portalChangesAfter(store(), corrected)).drop).toContain(TAG.item(item.code));

    const featured = await store().changeStamp();
    await setFeatured(p.desk.deps, item.code, true);
    expect((await portalChangesAfter(store(), featured)).drop).toContain(TAG.site(p.desk.site.id, 'vi'));
  });

  it.skipIf(skip)('a new section drops everything, as do more rows than the bound and a trail that went back', async () => {
    const before = await store().changeStamp();
    await putCategory(p.desk.deps, { key: 'the-thao', nameVi: 'Thể thao', nameEn: 'Sport', position: 3 });
    expect((await portalChangesAfter(store(), before)).drop).toBe('all');

    const quiet = await store().changeStamp();
    for (const lang of ['vi', 'en', 'vi'] as const) await setLanguage(p.desk.deps, p.desk.id.editor2, lang);
    expect((await portalChangesAfter(store(), quiet)).drop).toEqual([]);
    expect((await portalChangesAfter(store(), quiet, 2)).drop).toBe('all');
    expect((await portalChangesAfter(store(), quiet + 1000)).drop).toBe('all');
  });
});
