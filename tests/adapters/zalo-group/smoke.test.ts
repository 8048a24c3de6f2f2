import { afterAll, describe, expect, it } from 'vitest';
import { freshSqlite } from '../../helpers/databases.js';
import { GROUP, startZaloBed } from '../../helpers/zalo.js';

describe('zalo smoke', () => {
  it('signs in, hears a text and acknowledges it', async () => {
    const db = await freshSqlite();
    const bed = await startZaloBed(db.url);
    afterAll(async () => { await bed.stop(); await db.drop(); });
    const member = bed.stranger('Cộng tác viên A');
    bed.fake.groupMessage({ threadId: GROUP, from: member.uid, name: member.name, content: 'Hội nghị tổng kết năm\nNội dung tin.' });
    const ack = await bed.sentTo(GROUP, /Đã nhận tin/);
    console.log(ack, bed.fake.sends);
    expect(ack.text).toMatch(/BP-/);
  }, 30_000);
});
