import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueLinkCode, OPERATOR } from '../../../src/app/people.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { GROUP, startZaloBed } from '../../helpers/zalo.js';

type Bed = Awaited<ReturnType<typeof startZaloBed>>;
const OTHER_GROUP = '7412000000000000099';
const settle = (ms = 700) => new Promise((r) => setTimeout(r, ms));

/**
 * The bot's personal Zalo account writes only where it is configured and to linked people: Zalo locks
 * accounts that message people who did not ask, and docs/operator.md promises strangers never hear from it.
 */
describe.each(BACKENDS)('whom the Zalo account answers, on $name', ({ fresh, skip }) => {
  describe.skipIf(skip)('through zca-js against the fake Zalo Web', () => {
    let db: TestDatabase;
    let bed: Bed;
    let logged: string[];

    beforeEach(async () => {
      db = await fresh();
      logged = [];
      bed = await startZaloBed(db.url, { log: pino({ level: 'info' }, { write: (line: string) => void logged.push(line) }) });
    });
    afterEach(async () => {
      await bed.stop();
      await db.drop();
    });

    const submissions = async () => (await bed.deps.store.counts()).submissions['received'] ?? 0;

    it('a stranger writing privately hears nothing, 30 messages or a wrong link code; a right code links and is answered, and then /help is', async () => {
      const stranger = bed.stranger('Người lạ');
      for (let i = 0; i < 30; i += 1) bed.fake.privateMessage({ from: stranger.uid, name: stranger.name, content: i % 3 === 0 ? '/help' : `Xin chào ${i}` });
      bed.fake.privateMessage({ from: stranger.uid, name: stranger.name, content: '/link SAIMA1' });
      await settle(1500);
      expect(bed.fake.sends).toEqual([]);

      const code = await issueLinkCode(bed.deps, OPERATOR, bed.tg.seeded.id.collaborator);
      if (!code.ok) throw new Error(code.reason);
      bed.fake.privateMessage({ from: stranger.uid, name: stranger.name, content: `/link ${code.value.code}` });
      const linked = await bed.sentTo(stranger.uid, /Đã liên kết tài khoản Zalo/);
      expect(linked.private).toBe(true);
      bed.fake.privateMessage({ from: stranger.uid, name: stranger.name, content: '/help' });
      await bed.sentTo(stranger.uid, /Gửi tin bài vào nhóm này/);
      expect(bed.fake.sends).toHaveLength(2);
      expect(await submissions()).toBe(0);
    });

    it('a group the bot is not configured for: nothing answered or taken, its id logged once, and told by /id to a portal admin only', async () => {
      const member = bed.stranger('Thành viên');
      for (const content of ['/help', 'Tin mới\nNội dung của một tin mới gửi nhầm nhóm.', '/duyet BP-2026-00001', '/id']) bed.fake.groupMessage({ threadId: OTHER_GROUP, from: member.uid, name: member.name, content });
      bed.fake.groupMessage({ threadId: OTHER_GROUP, from: member.uid, name: member.name, content: { title: '', description: '', href: bed.photo(), thumb: '', params: '{}' }, msgType: 'chat.photo' });
      await settle(1500);
      expect(bed.fake.sends).toEqual([]);
      expect(await submissions()).toBe(0);
      expect(logged.filter((line) => line.includes('Zalo group not configured') && line.includes(OTHER_GROUP))).toHaveLength(1);

      const admin = await bed.linkedMember(bed.tg.seeded.id.admin, 'Quản trị');
      bed.fake.groupMessage({ threadId: OTHER_GROUP, from: admin.uid, name: admin.name, content: '/id' });
      expect((await bed.sentTo(OTHER_GROUP, /Mã nhóm Zalo này/)).text).toContain(OTHER_GROUP);
      const editor = await bed.linkedMember(bed.tg.seeded.id.editor1, 'Biên tập');
      bed.fake.groupMessage({ threadId: OTHER_GROUP, from: editor.uid, name: editor.name, content: '/id' });
      await settle();
      expect(bed.fake.sends).toHaveLength(1);
    });

    it('a voice message in the intake group gets a clear answer and is no submission; a shared link is taken with its title and address', async () => {
      const sender = { uid: '880100200301', name: 'Lê Văn Tám' };
      const voice = bed.fake.groupMessage({ threadId: GROUP, from: sender.uid, name: sender.name, content: { href: bed.photo(), params: '{"duration":12000}' }, msgType: 'chat.voice' });
      const told = await bed.sentTo(GROUP, /tin nhắn thoại/);
      expect([told.text.startsWith('Lê Văn Tám'), told.quotedMsgId]).toEqual([true, voice]);
      await settle();
      expect(await submissions()).toBe(0);

      bed.fake.groupMessage({ threadId: GROUP, from: sender.uid, name: sender.name, content: { title: 'Báo Bình Phước: Khánh thành cầu Sông Bé', href: 'https://baobinhphuoc.com.vn/news/2', description: '' }, msgType: 'chat.link' });
      const code = /BP-\d{4}-\d{5}/.exec((await bed.sentTo(GROUP, /Đã nhận tin/)).text)![0];
      expect((await bed.deps.store.submissionByCode(code))?.rawText).toBe('Báo Bình Phước: Khánh thành cầu Sông Bé\nhttps://baobinhphuoc.com.vn/news/2');
    });
  });
});
