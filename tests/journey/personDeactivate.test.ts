import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { startJourney, type Journey } from '../helpers/journey.js';

/**
 * Someone who left, closed from the terminal while the service runs: their linked Telegram account is no
 * longer anyone's, their roles are over, and a link code they still held opens nothing.
 */
describe('person deactivate, through the running service', () => {
  let db: TestDatabase;
  let j: Journey;

  beforeAll(async () => {
    db = await freshSqlite();
    j = await startJourney(db.url, {}, { mirrors: false, zaloGroup: false });
  }, 120_000);
  afterAll(async () => {
    await j?.stop();
    await db?.drop();
  }, 60_000);

  it('unlinks the chat, ends every role and voids unused link codes; the trail still verifies', { timeout: 300_000 }, async () => {
    const hoa = await j.person('Lê Thị Hoa', 'hoa@example.vn', 'editor');
    await j.start();
    j.say(hoa, hoa.id, { text: '/whoami' });
    await j.waitText(hoa.id, 'Vai trò: Biên tập viên (tinh)');
    const spare = /^\/link (\S+)/m.exec(await j.cli(['link-code', '--person', 'hoa@example.vn']))![1]!;

    const closed = await j.cli(['person', 'deactivate', 'hoa@example.vn']);
    expect(closed).toContain('Access closed for hoa@example.vn: roles ended tinh:editor; chat accounts unlinked telegram; link codes voided 1.');

    j.say(hoa, hoa.id, { text: '/whoami' });
    await j.waitText(hoa.id, 'chưa được liên kết');
    // The code given before she left opens nothing now.
    j.say(hoa, hoa.id, { text: `/link ${spare}` });
    await j.telegram.waitFor(() => j.telegram.texts(hoa.id).filter((t) => !t.includes('Vai trò') && !t.includes('Đã liên kết') && !t.includes('chưa được liên kết')).length > 0, 60_000);
    j.say(hoa, hoa.id, { text: '/whoami' });
    await j.telegram.waitFor(() => j.telegram.texts(hoa.id).filter((t) => t.includes('chưa được liên kết')).length >= 2, 60_000);
    const shown = await j.cli(['person', 'show', 'hoa@example.vn']);
    expect(shown).toMatch(/tinh\s+editor\s+.*revoked/);
    expect(shown).toContain('not linked');
    expect(await j.cli(['audit', 'verify'])).toContain('Audit trail intact');
  });
});
