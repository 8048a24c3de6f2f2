import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveCredentials } from '../../../adapters/zalo-group/credentials.js';
import { askZaloResume } from '../../../adapters/zalo-group/resume.js';
import { sealingKey } from '../../../src/core/sealing.js';
import { freshSqlite, type TestDatabase } from '../../helpers/databases.js';
import { ADMIN_CHAT, GROUP, startZaloBed } from '../../helpers/zalo.js';

type Bed = Awaited<ReturnType<typeof startZaloBed>>;

/** The connection does not depend on the database; these run on SQLite only. */
describe('Zalo connection', () => {
  let db: TestDatabase;
  let bed: Bed;

  beforeEach(async () => {
    db = await freshSqlite();
    bed = await startZaloBed(db.url, { pace: { gapMs: 300, jitterMs: 200 }, disconnectAlertMs: 2_000 });
  });
  afterEach(async () => {
    await bed.stop();
    await db.drop();
  });

  const adminText = (part: string) => bed.tg.fake.waitFor(() => bed.tg.fake.texts(ADMIN_CHAT).find((t) => t.includes(part)), 60_000);
  /** A collaborator's message, and the bot's acknowledgement of it. */
  const heard = async (text: string) => {
    const before = bed.fake.sends.length;
    bed.fake.groupMessage({ threadId: GROUP, from: '880300400500', name: 'CTV Lộc Ninh', content: text });
    return bed.tg.fake.waitFor(() => bed.fake.sends.slice(before).find((s) => /Đã nhận tin/.test(s.text)));
  };

  it('alerts the admins within a minute when another Zalo Web session kicks the bot, and comes back when it may', async () => {
    await heard('Trước khi bị chiếm\nNội dung.');
    const kickedAt = Date.now();
    bed.fake.kick(3003);
    const alert = await adminText('bị một phiên Zalo Web khác chiếm');
    const alertAfterMs = Date.now() - kickedAt;
    expect(alert).toContain('mã 3003');
    expect(alert).toContain('đóng Zalo Web');
    expect(alertAfterMs).toBeLessThan(60_000);
    console.log(`kick → admins' alert: ${alertAfterMs} ms`);
    // The other session was closed meanwhile: the bot comes back by itself after its wait.
    await adminText('bot đã kết nối lại');
    expect(bed.zalo.gateway.connected).toBe(true);
    expect((await heard('Sau khi kết nối lại\nNội dung.')).text).toMatch(/BP-\d{4}-00002/);
  }, 90_000);

  it('taken over again: the bot stops fighting for the session, says so once, and connects again only after `zalo resume`', async () => {
    await heard('Trước khi bị chiếm\nNội dung.');
    // Someone keeps Zalo Web open: the bot's try after its wait is pushed out again (3000).
    bed.fake.state.refuseWith = 3000;
    bed.fake.kick(3003);
    const held = await adminText('zalo resume');
    expect(held).toContain('ngừng kết nối');
    expect((await bed.deps.store.chatAccount('zalo-group'))?.state).toBe('heldOff');
    const tries = bed.fake.state.connections;
    await new Promise((r) => setTimeout(r, 2_000));
    expect(bed.fake.state.connections).toBe(tries);
    // The session check changes nothing until an admin asks.
    await bed.zalo.checkSession();
    expect(bed.fake.state.connections).toBe(tries);
    expect(bed.tg.fake.texts(ADMIN_CHAT).filter((t) => t.includes('chiếm'))).toHaveLength(2);

    // A restart while held off stays held off: nobody on Zalo Web is pushed out again.
    bed.fake.state.refuseWith = null;
    const next = await bed.restarted();
    try {
      await new Promise((r) => setTimeout(r, 1_500));
      expect([next.gateway.heldOff, bed.fake.state.connections]).toEqual([true, tries]);
      await next.checkSession();
      expect(bed.fake.state.connections).toBe(tries);

      expect(await askZaloResume(bed.deps)).toEqual({ ok: true });
      expect(await askZaloResume(bed.deps)).toEqual({ ok: false, state: 'disconnected' });
      await next.checkSession();
      await bed.tg.fake.waitFor(() => next.gateway.connected, 20_000);
      await bed.tg.fake.waitFor(async () => (await bed.deps.store.chatAccount('zalo-group'))?.state === 'active');
      expect((await heard('Sau khi kết nối lại\nNội dung.')).text).toMatch(/BP-\d{4}-00002/);
    } finally {
      await next.stop();
    }
  }, 90_000);

  it('a 502 or a dropped answer at sign-in is Zalo’s trouble: the bot tries again by itself and asks nobody for a new QR', async () => {
    const before = bed.fake.logins.length;
    bed.fake.state.loginStatuses = [502, 502, 503];
    bed.fake.drop();
    await bed.tg.fake.waitFor(() => bed.fake.logins.length >= before + 4 && bed.zalo.gateway.connected, 30_000);
    expect(bed.tg.fake.texts(ADMIN_CHAT).filter((t) => t.includes('đăng nhập tài khoản bot thất bại'))).toEqual([]);
    expect((await bed.deps.store.chatAccount('zalo-group'))?.state).toBe('active');
    expect((await heard('Sau lỗi 502\nNội dung.')).text).toMatch(/BP-\d{4}-\d{5}/);
  }, 60_000);

  it('a listener away past the alert time: `zalo status` says disconnected at once, the admins hear it once, and again when it is back', async () => {
    await heard('Trước khi mất kết nối\nNội dung.');
    // A short drop that heals within the alert time tells nobody.
    bed.fake.drop();
    await bed.tg.fake.waitFor(() => bed.zalo.gateway.connected && bed.fake.state.connections >= 2, 20_000);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(bed.tg.fake.texts(ADMIN_CHAT).filter((t) => t.includes('mất kết nối'))).toEqual([]);

    bed.fake.state.refuseWith = 4000;
    bed.fake.drop();
    await bed.tg.fake.waitFor(async () => (await bed.deps.store.chatAccount('zalo-group'))?.state === 'disconnected');
    const alert = await adminText('mất kết nối với Zalo');
    expect(alert).toContain('4000');
    await new Promise((r) => setTimeout(r, 2_500));
    expect(bed.tg.fake.texts(ADMIN_CHAT).filter((t) => t.includes('mất kết nối'))).toHaveLength(1);

    bed.fake.state.refuseWith = null;
    await adminText('bot đã kết nối lại');
    expect((await bed.deps.store.chatAccount('zalo-group'))?.state).toBe('active');
  }, 60_000);

  it('alerts that a person must sign in again when Zalo refuses the session, and picks up the new one', async () => {
    bed.fake.state.validSession = 'sek-renewed';
    bed.fake.drop();
    const alert = await adminText('đăng nhập tài khoản bot thất bại');
    expect(alert).toContain('node bin/portal-hub.mjs zalo login');
    expect((await bed.deps.store.chatAccount('zalo-group'))?.state).toBe('needsLogin');
    // The session is never in the alert, the log line or the database in the clear.
    expect(alert).not.toContain('sek-valid');
    expect((await bed.deps.store.chatAccount('zalo-group'))?.credentials).not.toContain('sek-');

    await saveCredentials(bed.deps, sealingKey(bed.tg.hubSecret), bed.fake.credentials('sek-renewed'), '100', null);
    await bed.zalo.checkSession();
    await adminText('bot đã kết nối lại');
    expect((await bed.deps.store.chatAccount('zalo-group'))?.state).toBe('active');
    expect((await heard('Phiên mới\nNội dung.')).text).toMatch(/BP-\d{4}-\d{5}/);
  }, 90_000);

  it('never sends to Zalo faster than the configured pace, and not at an even beat', async () => {
    for (let i = 0; i < 8; i += 1) {
      bed.fake.groupMessage({ threadId: GROUP, from: `88070000000${i}`, name: `CTV ${i}`, content: `Tin số ${i}\nNội dung ${i}.` });
    }
    await bed.tg.fake.waitFor(() => bed.fake.sends.length >= 8, 30_000);
    const gaps = bed.fake.sends.slice(1).map((s, i) => s.at - bed.fake.sends[i]!.at);
    console.log(`gaps between Zalo sends (pace 300 ms + up to 200 ms): ${gaps.join(', ')} ms`);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(300);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeGreaterThan(10);
  }, 60_000);
});
