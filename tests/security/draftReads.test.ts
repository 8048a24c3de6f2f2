import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/databases.js';
import { INTAKE, ZALO_INTAKE, journeyPerTest, type TgUser } from '../helpers/journey.js';

const TITLE = 'Dự thảo kế hoạch nhân sự quý IV';
const COLLABORATOR: TgUser = { id: 5_390_000_001, is_bot: false, first_name: 'Hòa', username: 'ctv_hoa' };
const STRANGER: TgUser = { id: 5_390_000_666, is_bot: false, first_name: 'Lạ', username: 'nguoi_la' };
const MISSING = (code: string) => code.replace(/\d{5}$/, '09999');

/**
 * Drafts are official information before the deputy publishes them. The real service, driven
 * only through the Telegram and Zalo stand-ins: strangers, and linked people without a part in
 * the site, get the same short refusal for a code that exists and one that does not.
 */
describe.each(BACKENDS)('draft reads are for the desk on $name', ({ fresh, skip }) => {
  const journey = journeyPerTest(fresh, { mirrors: false });

  it.skipIf(skip)('strangers and outsiders learn nothing from /status, /find, /stats, /pending or /duyet; the desk reads in private', async () => {
    const j = await journey();
    const editor = await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor');
    const outsider = await j.person('Ngô Văn Ngoài', 'ngoai@example.vn', 'collaborator');
    await j.start();

    j.say(COLLABORATOR, INTAKE, { text: `${TITLE}\nNội dung nháp, chưa được phép công bố.` });
    const ack = await j.waitText(INTAKE, 'Đã nhận tin');
    const code = /([A-Z]+-\d{4}-\d{5})/.exec(ack)![1]!;
    await j.pressOn(editor, code, 'Tiếp nhận', 'Tiếp nhận');

    /** Sends a command and returns the bot's next answer in that chat. */
    const ask = async (from: TgUser, chat: number, text: string) => {
      const before = j.telegram.texts(chat).length;
      j.say(from, chat, { text });
      return j.telegram.waitFor(() => j.telegram.texts(chat)[before], 30_000);
    };
    const leaks = (text: string) => text.includes(TITLE) || text.includes('Phạm Thu Dung') || /\d+ (chờ|đang|đã)/.test(text);

    for (const [who, chat] of [
      [STRANGER, STRANGER.id],
      [STRANGER, INTAKE],
      [outsider, outsider.id],
    ] as const) {
      const existing = await ask(who, chat, `/status ${code}`);
      const missing = await ask(who, chat, `/status ${MISSING(code)}`);
      expect(existing.replace(code, 'X')).toBe(missing.replace(MISSING(code), 'X'));
      for (const command of ['/find nhân sự', `/find ${code}`, '/stats', '/pending']) {
        const answer = await ask(who, chat, command);
        expect(leaks(answer), `${command} by ${who.first_name}: ${answer}`).toBe(false);
      }
      const foundMissing = await ask(who, chat, `/find ${MISSING(code)}`);
      expect((await ask(who, chat, `/find ${code}`)).replace(code, 'X')).toBe(foundMissing.replace(MISSING(code), 'X'));
      expect(leaks(existing)).toBe(false);
    }

    // The desk still reads, in a private chat; in the collaborators' group the answer would reach everyone.
    const status = await ask(editor, editor.id, `/status ${code}`);
    expect(status).toContain(TITLE);
    expect(status).toContain('Tiếp nhận — Phạm Thu Dung');
    expect(status).not.toContain('act_');
    expect(await ask(editor, editor.id, '/find nhân sự')).toContain(code);
    expect(await ask(editor, editor.id, '/stats')).toContain('📊');
    const inGroup = await ask(editor, INTAKE, `/status ${code}`);
    expect(inGroup).not.toContain(TITLE);
    expect(inGroup).toContain('tin nhắn riêng');

    // Zalo: the same for someone not linked and for a linked person with no part in the site.
    const zaloAsk = async (uid: string, name: string, text: string) => {
      const before = j.zaloWeb.sends.length;
      j.zaloWeb.groupMessage({ threadId: ZALO_INTAKE, from: uid, name, content: text });
      return (await j.telegram.waitFor(() => j.zaloWeb.sends.slice(before).find((m) => m.threadId === ZALO_INTAKE), 30_000)).text;
    };
    const zaloCode = /\/link (\S+)/m.exec(await j.cli(['link-code', '--person', 'ngoai@example.vn']))![1]!;
    expect(await zaloAsk('880100200001', 'Ngoài', `/link ${zaloCode}`)).toContain('Đã liên kết');
    for (const [uid, name] of [
      ['880100209999', 'Khách'],
      ['880100200001', 'Ngoài'],
    ] as const) {
      for (const command of ['/duyet', '/tralai']) {
        const existing = await zaloAsk(uid, name, `${command} ${code} đồng ý`);
        const missing = await zaloAsk(uid, name, `${command} ${MISSING(code)} đồng ý`);
        expect(existing.replace(code, 'X')).toBe(missing.replace(MISSING(code), 'X'));
        expect(leaks(existing)).toBe(false);
      }
    }
  }, 300_000);
});
