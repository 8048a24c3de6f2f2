import { describe, expect, it } from 'vitest';
import { reportWriter } from '../../../adapters/office/index.js';
import { addPerson, createSite, grant, OPERATOR } from '../../../src/app/people.js';
import { reportOnDemand } from '../../../src/app/reports/onDemand.js';
import { BACKENDS } from '../../helpers/databases.js';
import { deskPerSuite } from '../../helpers/desk.js';

describe.each(BACKENDS)('a report asked for by someone whose role does not cover it, on $name', ({ fresh, skip }) => {
  const suiteDesk = deskPerSuite({ fresh, skip });

  it.skipIf(skip)('a department’s deputy asking for the province’s is refused, told in both names, and shown the report they may ask for', async () => {
    const desk = suiteDesk();
    const made = await createSite(desk.deps, { key: 'so-y-te', kind: 'department', nameVi: 'Sở Y tế', nameEn: 'Department of Health', codePrefix: 'SYT', parentKey: 'tinh' });
    if (!made.ok) throw new Error(made.reason);
    const deputy = await addPerson(desk.deps, { displayName: 'Trần Thị Bích' }, OPERATOR);
    expect((await grant(desk.deps, OPERATOR, { personId: deputy.id, siteKey: 'so-y-te', role: 'deputy' })).ok).toBe(true);
    const year = String(desk.deps.clock().getUTCFullYear());
    const province = await reportOnDemand(desk.deps, reportWriter, deputy.id, year, null, 30);
    expect(province).toMatchObject({ ok: false, reason: 'report_not_allowed', detail: { site: desk.site.nameVi, siteEn: desk.site.nameEn, own: 'so-y-te', period: year } });
    const own = await reportOnDemand(desk.deps, reportWriter, deputy.id, year, 'so-y-te', 30);
    expect(own.ok).toBe(true);
    // Someone with no reading role anywhere is shown nothing to try.
    const editor = await reportOnDemand(desk.deps, reportWriter, desk.id.editor1, year, null, 30);
    expect(editor).toMatchObject({ ok: false, reason: 'report_not_allowed', detail: { own: '' } });
  }, 120_000);
});
