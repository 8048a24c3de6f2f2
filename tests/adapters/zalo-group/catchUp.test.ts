import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { GROUP, startZaloBed } from '../../helpers/zalo.js';

type Bed = Awaited<ReturnType<typeof startZaloBed>>;

describe.each(BACKENDS)('Zalo catching up after a disconnection on $name', ({ fresh, skip }) => {
  describe.skipIf(skip)('through zca-js against the fake Zalo Web', () => {
    let db: TestDatabase;
    let bed: Bed;
    const hoa = { uid: '880100200301', name: 'Đặng Thị Hoa' };
    const nam = { uid: '880100200302', name: 'Lê Văn Nam' };

    beforeEach(async () => {
      db = await fresh();
      bed = await startZaloBed(db.url, { catchUpWaitMs: 1500 });
    });
    afterEach(async () => {
      await bed.stop();
      await db.drop();
    });

    const send = (who: { uid: string; name: string }, text: string) => bed.fake.groupMessage({ threadId: GROUP, from: who.uid, name: who.name, content: text });
    const acks = (name: string) => bed.fake.sends.filter((s) => s.threadId === GROUP && s.text.includes('Đã nhận tin') && s.text.includes(name));

    /** The connection is lost for a while (Zalo closes each try); what the group posts meanwhile reaches nobody live. */
    async function away(during: () => void): Promise<void> {
      const connectionsBefore = bed.fake.state.connections;
      bed.fake.state.refuseWith = 4000;
      bed.fake.drop();
      await bed.tg.fake.waitFor(() => !bed.zalo.gateway.connected && bed.fake.openSockets === 0);
      during();
      bed.fake.state.refuseWith = null;
      await bed.tg.fake.waitFor(() => bed.fake.state.connections > connectionsBefore && bed.zalo.gateway.connected);
    }

    it('takes in what was posted while it was not listening, once, from Zalo’s history', async () => {
      send(hoa, 'Hội nghị tổng kết năm 2026\nNội dung hội nghị.');
      await bed.tg.fake.waitFor(() => acks(hoa.name)[0]);

      await away(() => {
        send(nam, 'Khánh thành cầu Bà Rá\nSáng nay cầu đã thông xe.');
        send(hoa, 'Lễ hội trái cây Long Khánh\nKhai mạc tối 1/12.');
      });

      // Both items posted meanwhile are acknowledged once; the one from before is not taken again.
      await bed.tg.fake.waitFor(() => acks(nam.name).length === 1 && acks(hoa.name).length === 2);
      const subs = await bed.deps.store.receivedSubmissions();
      expect(subs.map((s) => s.rawText.split('\n')[0]).sort()).toEqual(['Hội nghị tổng kết năm 2026', 'Khánh thành cầu Bà Rá', 'Lễ hội trái cây Long Khánh']);
      // A second reconnection reads the same history again and takes nothing twice; the group hears no warning.
      await away(() => undefined);
      await bed.tg.fake.waitFor(() => bed.fake.state.historyRequests >= 3);
      await new Promise((r) => setTimeout(r, 500));
      expect(await bed.deps.store.receivedSubmissions()).toHaveLength(3);
      expect(acks(hoa.name)).toHaveLength(2);
      expect(bed.fake.sends.filter((s) => s.text.includes('⚠️'))).toHaveLength(0);
    });

    it('tells the group when the history does not reach back, and when Zalo does not answer', async () => {
      send(hoa, 'Hội nghị tổng kết năm 2026\nNội dung hội nghị.');
      await bed.tg.fake.waitFor(() => acks(hoa.name)[0]);

      // Only the newest message comes back: the one before it may be lost, and the group is asked to send again.
      bed.fake.state.historyPage = 1;
      await away(() => {
        send(nam, 'Khánh thành cầu Bà Rá\nSáng nay cầu đã thông xe.');
        send(nam, 'Lễ hội trái cây Long Khánh\nKhai mạc tối 1/12.');
      });
      await bed.tg.fake.waitFor(() => bed.fake.sends.find((s) => s.threadId === GROUP && s.text.includes('không lấy lại được hết tin')));
      await bed.tg.fake.waitFor(() => acks(nam.name).length === 1);

      // No answer at all: the group hears that nothing could be checked.
      bed.fake.state.historyPage = null;
      await away(() => undefined);
      const silent = await bed.tg.fake.waitFor(() => bed.fake.sends.find((s) => s.threadId === GROUP && s.text.includes('Zalo không trả lại')));
      expect(silent.text).toContain('gửi lại');
    });
  });
});
