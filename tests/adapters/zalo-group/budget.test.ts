import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../src/core/sendBudget.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { GROUP, startZaloBed } from '../../helpers/zalo.js';

type Bed = Awaited<ReturnType<typeof startZaloBed>>;

const BURST = 30;
const PER_HOUR = 5;

describe.each(BACKENDS)('Zalo send budget on $name', ({ fresh, skip }) => {
  describe.skipIf(skip)('through zca-js against the fake Zalo Web', () => {
    let db: TestDatabase;
    let bed: Bed;
    const collaborator = { uid: '880100200399', name: 'Đặng Thị Hoa' };

    beforeEach(async () => {
      db = await fresh();
      bed = await startZaloBed(db.url, { budget: { perHour: PER_HOUR, perDay: 100 } });
    });
    afterEach(async () => {
      await bed.stop();
      await db.drop();
    });

    const send = (text: string) => bed.fake.groupMessage({ threadId: GROUP, from: collaborator.uid, name: collaborator.name, content: text });
    const submissions = async () => (await bed.deps.store.receivedSubmissionsPage(null, 100)).rows.filter((s) => s.channel === 'zalo');
    const groupSends = () => bed.fake.sends.filter((s) => s.threadId === GROUP);
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

    it('sends at most the hourly budget under a 30-submission burst, loses nothing, merges the owed acknowledgements, and keeps the count over a restart', async () => {
      // One sender, thirty separate posts: each after the batching quiet time, so each is its own submission.
      // (The next is posted once the last is on record, so a slow database does not join two into one batch.)
      for (let i = 1; i <= BURST; i += 1) {
        send(`Tin số ${i}\nNội dung tin số ${i} gửi Ban Biên tập.`);
        await bed.tg.fake.waitFor(async () => (await submissions()).length === i, 10_000);
      }
      // The clock's job runs as it would; the budget is spent, so nothing more goes out.
      for (let i = 0; i < 5; i += 1) {
        await bed.zalo.tellOutcomes();
        await sleep(150);
      }
      expect(groupSends()).toHaveLength(PER_HOUR);
      // The admins heard once, before it ran out (4 of 5 sent), on Telegram: the alert costs no Zalo message.
      const budgetAlerts = () => bed.alerts.filter((a) => a.includes('ZALO_SEND_PER_HOUR'));
      expect(budgetAlerts()).toHaveLength(1);
      expect(budgetAlerts()[0]).toContain('4/5');

      // A restart reads what was sent from the database: still nothing goes out within the hour.
      const next = await bed.restarted();
      try {
        await bed.tg.fake.waitFor(() => next.gateway.connected);
        for (let i = 0; i < 3; i += 1) {
          await next.tellOutcomes();
          await sleep(150);
        }
        // A command answered while the budget is spent waits for room, and the group's next post is still taken in.
        send('/khonglenhnay');
        send('Tin sau khi khởi động lại\nNội dung.');
        await bed.tg.fake.waitFor(async () => (await submissions()).length === BURST + 1, 10_000);
        expect(groupSends()).toHaveLength(PER_HOUR);

        // An hour on, the owed acknowledgements go first, the last ones merged into one message.
        bed.tg.seeded.time.advance(HOUR_MS);
        const codes = (await submissions()).map((s) => s.code!);
        const told = (code: string) => groupSends().filter((s) => s.text.includes(code)).length;
        await bed.tg.fake.waitFor(async () => {
          await next.tellOutcomes();
          return codes.every((code) => told(code) > 0);
        }, 20_000);
        await sleep(500);
        await next.tellOutcomes();
        expect(codes.map(told)).toEqual(codes.map(() => 1));
        const merged = groupSends().filter((s) => s.text.startsWith('🗂'));
        expect(merged).toHaveLength(1);
        expect(merged[0]!.text).toMatch(/^🗂 \d+ thông báo/);
        expect(merged[0]!.text).toContain('📥 Đã nhận tin');
        expect(merged[0]!.text).toContain(collaborator.name);
        // The second hour spent its budget too, and no more. The reply was waiting first, yet the
        // acknowledgements owed went before it: it goes in the hour after.
        const reply = () => groupSends().filter((s) => s.text.includes('/khonglenhnay'));
        expect(groupSends()).toHaveLength(2 * PER_HOUR);
        expect(reply()).toHaveLength(0);
        bed.tg.seeded.time.advance(HOUR_MS);
        await bed.tg.fake.waitFor(() => reply().length === 1, 10_000);
        await sleep(300);
        expect(groupSends()).toHaveLength(2 * PER_HOUR + 1);
      } finally {
        await next.stop();
      }
    });
  });
});
