import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { anchoring } from '../../src/app/auditCheckpoint.js';
import { addPerson, OPERATOR } from '../../src/app/people.js';
import { checkpointFile } from '../../src/store/auditCheckpoints.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk } from '../helpers/desk.js';

const MINUTE = 60_000;

/** The admins' chat gets the audit head at most hourly, and a run that could not send it is made good at the next minute's run. */
describe.each(BACKENDS)('audit anchors for the admins’ chat on $name', ({ fresh, skip }) => {
  let db: TestDatabase | null = null;
  let dir = '';
  afterEach(async () => {
    await db?.drop();
    db = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(skip)('a failed send is retried a minute later, then the chat hears at most once an hour and only when the head moved', async () => {
    db = await fresh();
    dir = mkdtempSync(join(tmpdir(), 'portal-hub-anchor-'));
    const desk = await seedDesk(db.url);
    const sent: string[] = [];
    let failing = true;
    const anchors = anchoring(desk.deps, checkpointFile(dir), Buffer.alloc(32, 7), (text) => {
      if (failing) throw new Error('the alert store is busy');
      sent.push(text);
    });

    await expect(anchors.toChat()).rejects.toThrow('busy');
    failing = false;
    desk.time.advance(MINUTE);
    await anchors.toChat();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('Mốc nhật ký kiểm tra');

    await addPerson(desk.deps, { displayName: 'Người mới' }, OPERATOR);
    desk.time.advance(MINUTE);
    await anchors.toChat();
    expect(sent).toHaveLength(1);

    desk.time.advance(60 * MINUTE);
    await anchors.toChat();
    expect(sent).toHaveLength(2);
    expect(sent[1]).not.toBe(sent[0]);

    // An hour later with nothing written since: nothing new to anchor, nothing sent.
    desk.time.advance(61 * MINUTE);
    await anchors.toChat();
    expect(sent).toHaveLength(2);
  });
});
