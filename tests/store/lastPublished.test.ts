import { describe, expect, it } from 'vitest';
import { act } from '../../src/app/items.js';
import { createSite } from '../../src/app/people.js';
import { BACKENDS } from '../helpers/databases.js';
import { deskPerSuite } from '../helpers/desk.js';
import { publishThrough } from '../helpers/portal.js';

describe.each(BACKENDS)('each site’s newest live publication on $name', ({ fresh, skip }) => {
  const suiteDesk = deskPerSuite({ fresh, skip });


  it.skipIf(skip)('is the newest one not taken down, per site; a site with none is absent', async () => {
    const desk = suiteDesk();
    const made = await createSite(desk.deps, { key: 'so-y-te', kind: 'department', nameVi: 'Sở Y tế', nameEn: 'Department of Health', codePrefix: 'SYT', parentKey: 'tinh' });
    if (!made.ok) throw new Error(made.reason);
    const first = await publishThrough(desk, { title: 'Tin thứ nhất', summary: '', body: 'Nội dung.', mediaRefs: [] });
    const firstAt = desk.time.clock();
    desk.time.advance(3_600_000);
    const second = await publishThrough(desk, { title: 'Tin thứ hai', summary: '', body: 'Nội dung.', mediaRefs: [] });
    expect((await desk.store.lastPublishedBySite()).get(desk.site.id)?.getTime()).toBe(desk.time.clock().getTime());
    // The newest taken down: the one before it counts.
    expect(await act(desk.deps, desk.id.deputy, second.code, { type: 'takeDown', note: 'Trùng tin' })).toMatchObject({ ok: true });
    const last = await desk.store.lastPublishedBySite();
    expect(last.get(desk.site.id)?.getTime()).toBe(firstAt.getTime());
    expect(last.has(made.value.id)).toBe(false);
    expect(first.code).not.toBe(second.code);
  });
});
