import { describe, expect, it } from 'vitest';
import { triage } from '../../../src/app/intake.js';
import { logNewsByHand } from '../../../src/app/manualIntake.js';
import { setWorkRoyalty } from '../../../src/app/royalties/works.js';
import { explain } from '../../../src/core/messages.js';
import { BACKENDS } from '../../helpers/databases.js';
import { deskPerSuite } from '../../helpers/desk.js';

/** An item typed in from a letter names the staff member who typed it as its sender: the royalty goes to whoever wrote it, named first. */
describe.each(BACKENDS)('royalty terms of an item typed in by hand on $name', ({ fresh, skip }) => {
  const suiteDesk = deskPerSuite({ fresh, skip });


  it.skipIf(skip)('genre and coefficient alone are refused, saying how to name the author; with the author named, taken', async () => {
    const desk = suiteDesk();
    const logged = await logNewsByHand(desk.deps, { channel: 'post', reference: 'CV 12/UBND', title: 'Khánh thành trường tiểu học', body: 'Nội dung công văn.', loggedById: desk.id.secretary, siteKey: null });
    if (!logged.ok) throw new Error(logged.reason);
    const accepted = await triage(desk.deps, desk.id.editor1, logged.value.submission.id, { type: 'accept' });
    if (!accepted.ok || !accepted.value.item) throw new Error('not accepted');
    const code = accepted.value.item.code;
    const deputy = { kind: 'person' as const, personId: desk.id.deputy };
    const refused = await setWorkRoyalty(desk.deps, deputy, code, { genreKey: 'tin-anh', coefficient: 150 });
    expect(refused).toMatchObject({ ok: false, reason: 'royalty_author_by_hand' });
    if (refused.ok) throw new Error('taken');
    expect(explain('vi', refused)).toContain(`node bin/portal-hub.mjs royalty work ${code} --author EMAIL:100`);
    const named = await setWorkRoyalty(desk.deps, deputy, code, { genreKey: 'tin-anh', coefficient: 150, authors: [{ personId: desk.id.collaborator, penName: null, sharePercent: 100 }] });
    expect(named).toMatchObject({ ok: true, value: { authors: [{ personId: desk.id.collaborator, sharePercent: 100 }] } });
    // Once named, the terms can be changed without naming again.
    expect(await setWorkRoyalty(desk.deps, deputy, code, { genreKey: 'tin-tong-hop', coefficient: 200 })).toMatchObject({ ok: true, value: { coefficient: 200, authors: [{ personId: desk.id.collaborator }] } });
  });
});
