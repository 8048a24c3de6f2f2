import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { GROUP, REVIEW_GROUP, startZaloBed } from '../../helpers/zalo.js';
import { writeItem } from '../../../src/app/items.js';

type Bed = Awaited<ReturnType<typeof startZaloBed>>;
type Member = { uid: string; name: string };

const LIKE = '/-strong';
const DISLIKE = '/-weak';

describe.each(BACKENDS)('Zalo reviewer fallback on $name', ({ fresh, skip }) => {
  describe.skipIf(skip)('cards in the review group, reactions and commands', () => {
    let db: TestDatabase;
    let bed: Bed;
    let secretary: Member;
    let deputy: Member;

    beforeEach(async () => {
      db = await fresh();
      bed = await startZaloBed(db.url, { reviewGroup: true });
      const id = bed.tg.seeded.id;
      secretary = await bed.linkedMember(id.secretary, 'Lê Minh Châu');
      deputy = await bed.linkedMember(id.deputy, 'Trần Thị Bích');
    });
    afterEach(async () => {
      await bed.stop();
      await db.drop();
    });

    /** An item the editor wrote and approved on the editor step: it waits for the secretary. */
    async function itemAtSecretary(title: string): Promise<string> {
      const id = bed.tg.seeded.id;
      const written = await writeItem(bed.deps, id.editor1, 'tinh', { kind: 'news', content: { title, body: 'Nội dung tin bài.' } });
      if (!written.ok) throw new Error(written.reason);
      const { approve } = await import('../../../src/app/items.js');
      const approved = await approve(bed.deps, id.editor2, written.value.code, written.value.revision.contentHash);
      if (!approved.ok) throw new Error(approved.reason);
      return written.value.code;
    }
    const cardFor = async (code: string, step: RegExp) => {
      await bed.zalo.sweep();
      return bed.sentTo(REVIEW_GROUP, new RegExp(`${code} — chờ duyệt, bước: ${step.source}`));
    };
    const react = (who: Member, msgId: string, icon: string) => bed.fake.reaction({ threadId: REVIEW_GROUP, from: who.uid, name: who.name, icon, msgId });
    const say = (who: Member, content: string, quote?: string) =>
      bed.fake.groupMessage({ threadId: REVIEW_GROUP, from: who.uid, name: who.name, content, quote: quote ? { globalMsgId: Number(quote), ownerId: '100', cliMsgId: 1, msg: '' } : undefined });
    const stateOf = async (code: string) => {
      const item = await bed.deps.store.itemByCode(code);
      return `${item?.state}/${item?.step}`;
    };

    it('a reviewer only on Zalo approves by 👍 on the card and by /duyet; a member who is not linked changes nothing', async () => {
      const code = await itemAtSecretary('Khánh thành cầu Sông Bé');
      const card = await cardFor(code, /Thư ký Ban Biên tập/);

      const stranger = bed.stranger('Người lạ');
      react(stranger, card.msgId, LIKE);
      expect((await bed.sentTo(REVIEW_GROUP, /Người lạ: tài khoản Zalo này chưa được liên kết/)).text).toContain('/link');
      expect(await stateOf(code)).toBe('review/secretary');

      react(secretary, card.msgId, LIKE);
      await bed.sentTo(REVIEW_GROUP, new RegExp(`Lê Minh Châu đã duyệt ${code}`));
      expect(await stateOf(code)).toBe('review/deputy');
      // The Telegram desk moved on too: its card for the deputy is out.
      await bed.tg.fake.waitFor(() => bed.tg.fake.texts(-1001555000111).find((t) => t.includes(code) && t.includes('Phó Trưởng ban')));

      // The old card is stale now: a second 👍 on it does nothing.
      react(deputy, card.msgId, LIKE);
      await bed.sentTo(REVIEW_GROUP, /Trần Thị Bích: Thẻ này đã cũ/);
      expect(await stateOf(code)).toBe('review/deputy');

      say(deputy, `/duyet ${code}`);
      await bed.sentTo(REVIEW_GROUP, new RegExp(`Trần Thị Bích đã duyệt ${code}`));
      expect(await stateOf(code)).toBe('published/null');
      const decisions = await bed.deps.store.decisionsOf((await bed.deps.store.itemByCode(code))!.id);
      expect(decisions.map((d) => d.actorName)).toEqual(expect.arrayContaining(['Lê Minh Châu', 'Trần Thị Bích']));
    });

    it('the card shows what pays the work; /heso from the review group sets it, and the next step’s card shows it', async () => {
      const code = await itemAtSecretary('Ngày hội đọc sách');
      const card = await cardFor(code, /Thư ký Ban Biên tập/);
      expect(card.text).toContain(`Chưa có thể loại và hệ số nhuận bút: /heso ${code} THỂ_LOẠI HỆ_SỐ`);
      say(secretary, `/heso ${code} tin-anh 1,9`);
      await bed.sentTo(REVIEW_GROUP, /Lê Minh Châu: Hệ số 1,9 ngoài khung/);
      say(secretary, `/heso ${code} tin-anh 1,5`);
      await bed.sentTo(REVIEW_GROUP, new RegExp(`Lê Minh Châu: ${code}: Tin sự kiện có ảnh, hệ số 1,5 \\(đề xuất`));
      const stranger = bed.stranger('Người lạ');
      say(stranger, `/heso ${code} tin-anh 1,8`);
      await bed.sentTo(REVIEW_GROUP, /Người lạ: tài khoản Zalo này chưa được liên kết/);
      react(secretary, card.msgId, LIKE);
      const next = await cardFor(code, /Phó Trưởng ban/);
      expect(next.text).toContain('💰 Nhuận bút: Tin sự kiện có ảnh, hệ số 1,5 (đề xuất; xuất bản là xác nhận)');
      expect((await bed.deps.store.workRoyalty((await bed.deps.store.itemByCode(code))!.id))?.coefficient).toBe(150);
    });

    it('the 60-day rule’s weekly list reaches the review group on Monday morning, once a week', async () => {
      const { publishThrough } = await import('../../helpers/portal.js');
      const code = (await publishThrough(bed.tg.seeded, { title: 'Hội chợ nông sản', summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] })).code;
      const lists = () => bed.fake.sends.filter((m) => m.threadId === REVIEW_GROUP && m.text.includes('chưa vào bảng nhuận bút đã duyệt'));
      expect(await bed.zalo.remindDue()).toBe(0);
      // Monday 18/01/2027 09:00 in the province: day 49.
      bed.tg.seeded.time.advance(49 * 86_400_000);
      expect(await bed.zalo.remindDue()).toBe(1);
      const [list] = lists();
      expect(list?.text).toContain(`• ${code} (30/11/2026) còn 11 ngày / 11 days left — chưa đặt nhuận bút / no royalty terms — Hội chợ nông sản`);
      expect(await bed.zalo.remindDue()).toBe(0);
      expect(lists()).toHaveLength(1);
    });

    it('a 👍 given while the desk was not listening is taken when it reconnects, once', async () => {
      const code = await itemAtSecretary('Thông xe cầu Bà Rá');
      const card = await cardFor(code, /Thư ký Ban Biên tập/);
      const reconnect = async () => {
        const connections = bed.fake.state.connections;
        bed.fake.state.refuseWith = null;
        await bed.tg.fake.waitFor(() => bed.fake.state.connections > connections && bed.zalo.gateway.connected);
      };
      // The connection is lost for a while; the secretary approves meanwhile, live to nobody.
      bed.fake.state.refuseWith = 4000;
      bed.fake.drop();
      await bed.tg.fake.waitFor(() => !bed.zalo.gateway.connected && bed.fake.openSockets === 0);
      react(secretary, card.msgId, LIKE);
      expect(await stateOf(code)).toBe('review/secretary');
      await reconnect();
      await bed.sentTo(REVIEW_GROUP, new RegExp(`Lê Minh Châu đã duyệt ${code}`));
      expect(await stateOf(code)).toBe('review/deputy');

      // A second reconnection reads the same reactions again: nothing is decided twice, nothing said twice.
      const requests = bed.fake.state.reactionHistoryRequests;
      bed.fake.state.refuseWith = 4000;
      bed.fake.drop();
      await bed.tg.fake.waitFor(() => !bed.zalo.gateway.connected);
      await reconnect();
      await bed.tg.fake.waitFor(() => bed.fake.state.reactionHistoryRequests > requests);
      await new Promise((r) => setTimeout(r, 500));
      expect(bed.fake.sends.filter((m) => m.text.includes(`đã duyệt ${code}`))).toHaveLength(1);
      const decisions = await bed.deps.store.decisionsOf((await bed.deps.store.itemByCode(code))!.id);
      expect(decisions.filter((d) => d.actorName === 'Lê Minh Châu')).toHaveLength(1);
      expect(await stateOf(code)).toBe('review/deputy');
    });

    it('when Zalo returns too few of the reactions given while away, the review group is asked to react again', async () => {
      const heard = await itemAtSecretary('Khai mạc hội chợ');
      react(secretary, (await cardFor(heard, /Thư ký Ban Biên tập/)).msgId, LIKE);
      await bed.sentTo(REVIEW_GROUP, new RegExp(`Lê Minh Châu đã duyệt ${heard}`));
      const code = await itemAtSecretary('Thông xe cầu Bà Rá');
      // The sweep the approval started may have read the queue before this item was in it.
      await bed.zalo.sweep();
      const card = await cardFor(code, /Thư ký Ban Biên tập/);
      const chatter = bed.fake.groupMessage({ threadId: GROUP, from: '880100209999', name: 'CTV', content: 'Tin về lễ hội' });
      bed.fake.state.refuseWith = 4000;
      bed.fake.drop();
      await bed.tg.fake.waitFor(() => !bed.zalo.gateway.connected && bed.fake.openSockets === 0);
      // The 👍, then more reactions in the intake group than one answer of Zalo's holds (the stand-in's: 50).
      react(secretary, card.msgId, LIKE);
      for (let i = 0; i < 60; i += 1) bed.fake.reaction({ threadId: GROUP, from: String(880100300000 + i), name: `Người ${i}`, icon: '/-heart', msgId: chatter });
      const connections = bed.fake.state.connections;
      bed.fake.state.refuseWith = null;
      await bed.tg.fake.waitFor(() => bed.fake.state.connections > connections && bed.zalo.gateway.connected);
      const notice = await bed.sentTo(REVIEW_GROUP, /không lấy lại được hết các biểu tượng/);
      expect(notice.text).toContain('/duyet');
      // The reviewer does as asked: the item moves on, once.
      react(secretary, card.msgId, LIKE);
      await bed.sentTo(REVIEW_GROUP, new RegExp(`Lê Minh Châu đã duyệt ${code}`));
      expect(await stateOf(code)).toBe('review/deputy');
    });

    it('the same rules as Telegram: the wrong step is refused and said why', async () => {
      const code = await itemAtSecretary('Lịch tiếp công dân');
      say(deputy, `/duyet ${code}`);
      expect((await bed.sentTo(REVIEW_GROUP, /Trần Thị Bích: Bước hiện tại/)).text).toContain('Thư ký');
      expect(await stateOf(code)).toBe('review/secretary');
      say(bed.stranger('Khách'), `/duyet ${code}`);
      await bed.sentTo(REVIEW_GROUP, /Khách: tài khoản Zalo này chưa được liên kết/);
    });

    it('👎 asks for the reason; the reviewer’s quoted reply returns the item, someone else’s does not', async () => {
      const code = await itemAtSecretary('Thông báo tuyển dụng');
      const card = await cardFor(code, /Thư ký Ban Biên tập/);
      react(secretary, card.msgId, DISLIKE);
      const prompt = await bed.sentTo(REVIEW_GROUP, new RegExp(`Lê Minh Châu: trả lời \\(trích dẫn\\) tin này kèm lý do trả lại ${code}`));
      say(deputy, 'Tôi trả lời thay', prompt.msgId);
      await bed.sentTo(REVIEW_GROUP, /Chỉ Lê Minh Châu/);
      expect(await stateOf(code)).toBe('review/secretary');
      say(secretary, 'Thiếu nguồn tin, đề nghị bổ sung', prompt.msgId);
      expect((await bed.sentTo(REVIEW_GROUP, new RegExp(`Lê Minh Châu đã trả lại ${code}`))).text).toContain('Thiếu nguồn tin');
      expect(await stateOf(code)).toBe('review/editor');

      say(secretary, `/tralai ${code}`);
      expect((await bed.sentTo(REVIEW_GROUP, /Cách dùng: \/tralai/)).text).toContain('lý do');
    });
  });
});
