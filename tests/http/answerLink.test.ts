import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPerson, createSite, OPERATOR } from '../../src/app/people.js';
import { setLanguage } from '../../src/app/desk.js';
import { actOnTicket } from '../../src/app/tickets/act.js';
import { calendarSource } from '../../src/app/tickets/calendarSource.js';
import type { TicketEnv } from '../../src/app/tickets/env.js';
import { receiveTicket } from '../../src/app/tickets/receive.js';
import { ticketLinkKey } from '../../src/core/tickets/links.js';
import { publicWeb } from '../../src/http/web.js';
import { openClient } from '../../src/store/client.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, type Desk } from '../helpers/desk.js';
import { withoutLinkValues } from '../helpers/leaks.js';

const DAY = 86_400_000;
const QUESTION = 'Tôi là Nguyễn Văn An, số điện thoại 0912 345 678, thư an.nguyen@example.vn. Xin hỏi lịch tiêm chủng mở rộng đợt 2 ở xã Tân Lập?';

/** The assignee's answer page over HTTP (the public web as the service mounts it): only the signed link opens it, once. */
describe.each(BACKENDS)('the answer link on $name', ({ fresh, skip }) => {
  describe.skipIf(skip)('in process', () => {
    let db: TestDatabase;
    let desk: Desk;
    let env: TicketEnv;
    let web: ReturnType<typeof publicWeb>;
    let mediaDir: string;
    let assignee: string;
    let code: string;
    let unitId: string;

    const read = async <T>(q: (c: ReturnType<typeof openClient>) => Promise<T>): Promise<T> => {
      const client = openClient(db.url);
      try {
        return await q(client);
      } finally {
        await client.$disconnect();
      }
    };
    const assign = async (personId: string) => {
      const done = await actOnTicket(env, { kind: 'person', personId: desk.id.editor1 }, code, { type: 'assign', unitSiteId: unitId, assigneeId: personId, dueAt: new Date(desk.time.clock().getTime() + 10 * DAY) });
      if (!done.ok) throw new Error(done.reason);
    };
    /** The link the assignee got by mail, as a path on the portal. */
    const linkFor = async (to: string) => {
      const mail = await read((c) => c.outgoingMail.findFirst({ where: { toAddress: to, purpose: { contains: ':assigned:' } }, orderBy: { createdAt: 'desc' } }));
      const link = /https?:\/\/\S+\/tra-loi\/\S+/.exec(mail?.text ?? '')?.[0];
      if (!link) throw new Error(`no answer link mailed to ${to}`);
      return new URL(link);
    };
    const get = (url: URL | string) => web.app.request(typeof url === 'string' ? url : `${url.pathname}${url.search}`);
    const post = (url: URL, fields: Record<string, string>) =>
      web.app.request(`${url.pathname}${url.search}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

    beforeEach(async () => {
      db = await fresh();
      desk = await seedDesk(db.url);
      env = {
        deps: desk.deps,
        calendar: calendarSource(desk.deps, null),
        settings: { answerWorkingDays: 15, remindWorkingDays: 2, publicName: 'initials', linkDays: 14 },
        portalBaseUrl: 'https://portal.example.vn',
        linkKey: ticketLinkKey('answer-link-test-hub-secret-0123456789abcdef'),
      };
      mediaDir = mkdtempSync(join(tmpdir(), 'portal-hub-media-'));
      web = publicWeb({ deps: desk.deps, baseUrl: 'https://portal.example.vn', mediaDir, emc: null, tickets: env });
      const unit = await createSite(desk.deps, { key: 'so-yte', kind: 'department', nameVi: 'Sở Y tế', nameEn: 'Department of Health', codePrefix: 'SYT', parentKey: 'tinh' });
      if (!unit.ok) throw new Error(unit.reason);
      unitId = unit.value.id;
      assignee = (await addPerson(desk.deps, { displayName: 'Trần Văn Bình', email: 'binh@soyte.gov.vn' }, OPERATOR)).id;
      const received = await receiveTicket(env, { kind: 'question', channel: 'portal', dedupeKey: 'form:1', siteId: null, question: QUESTION, senderName: 'Nguyễn Văn An', senderEmail: 'an.nguyen@example.vn', senderContact: { phone: '0912345678' } });
      if (!received.ok) throw new Error(received.reason);
      code = received.value.ticket.code;
      await assign(assignee);
    });
    afterEach(async () => {
      await desk.store.close();
      await db.drop();
      rmSync(mediaDir, { recursive: true, force: true });
    });

    it('shows the question without the sender’s contact data, the unit and the date, never cached, indexed or referred', async () => {
      const url = await linkFor('binh@soyte.gov.vn');
      const r = await get(url);
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toBe('private, no-store');
      expect(r.headers.get('x-robots-tag')).toBe('noindex, nofollow');
      const page = await r.text();
      // The page's own no-referrer (src/http/security.ts sets the site-wide Referrer-Policy header over the route's).
      expect(page).toContain('<meta name="referrer" content="no-referrer">');
      expect(page).toContain('<meta name="robots" content="noindex, nofollow">');
      expect(page).toContain(`Trả lời hỏi đáp ${code}`);
      expect(page).toContain('Kính gửi Trần Văn Bình: Ban Biên tập đề nghị Sở Y tế trả lời nội dung dưới đây trước 10/12/2026.');
      expect(page).toContain('lịch tiêm chủng mở rộng đợt 2');
      expect(withoutLinkValues(page, url)).not.toContain('0912');
      expect(page).not.toContain('an.nguyen@example.vn');
      expect(page).toContain('<textarea id="answer" name="answer"');
      expect(page).toContain(`<input type="hidden" name="t" value="${url.searchParams.get('t')}">`);
      // No script, no style, nothing loaded from anywhere: the link has nowhere to leak through.
      expect(page).not.toMatch(/<script|<link|<img|https?:\/\//);
    });

    it('refuses a forged link, another person’s, an expired one and one taken from a reassigned person, in both languages', async () => {
      const url = await linkFor('binh@soyte.gov.vn');
      const forged = new URL(url);
      const token = url.searchParams.get('t')!;
      // The last character changed, whatever it was (setting fixed ones matched a random token now and then).
      forged.searchParams.set('t', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
      const r1 = await get(forged);
      expect(r1.status).toBe(403);
      const text1 = await r1.text();
      expect(text1).toContain('Đường dẫn trả lời không hợp lệ.');
      expect(text1).toContain('This answer link is not valid.');
      expect(r1.headers.get('cache-control')).toBe('private, no-store');

      const other = new URL(url);
      other.searchParams.set('p', desk.id.editor1);
      expect((await get(other)).status).toBe(403);
      expect((await get(url.pathname.replace(code, 'HD-2026-09999') + url.search)).status).toBe(403);

      // Reassigned: the old link no longer answers.
      const second = (await addPerson(desk.deps, { displayName: 'Lê Thị Hoa', email: 'hoa@soyte.gov.vn' }, OPERATOR)).id;
      await assign(second);
      const r2 = await get(url);
      expect(r2.status).toBe(403);
      expect(await r2.text()).toContain(`Chỉ người được giao xử lý hồ sơ ${code} mới trả lời qua đường dẫn này.`);
      const r3 = await post(url, { t: url.searchParams.get('t')!, answer: 'Trả lời từ đường dẫn cũ.' });
      expect(r3.status).toBe(403);

      desk.time.advance(15 * DAY);
      const r4 = await get(await linkFor('hoa@soyte.gov.vn'));
      expect(r4.status).toBe(410);
      expect(await r4.text()).toContain('This answer link has expired; ask the editorial board for a new one.');
      expect((await desk.store.ticketByCode(code))?.answerText).toBeNull();
    });

    it('takes the answer once: a double submit stores one answer and mails the sender once; the page then says it is done', async () => {
      const url = await linkFor('binh@soyte.gov.vn');
      const token = url.searchParams.get('t')!;
      const answer = 'Lịch tiêm chủng đợt 2 tại xã Tân Lập: ngày 15 và 16/12/2026, tại trạm y tế xã.';
      const [a, b] = await Promise.all([post(url, { t: token, answer }), post(url, { t: token, answer })]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const texts = await Promise.all([a.text(), b.text()]);
      expect(texts.join('\n')).toContain(`Câu trả lời cho hồ sơ ${code} đã được lưu và chuyển Ban Biên tập.`);
      expect(texts.join('\n')).toContain(`Hồ sơ ${code} đã có câu trả lời`);
      const t = await desk.store.ticketByCode(code);
      expect([t?.state, t?.answerText, t?.answeredById, t?.answerSentVia]).toEqual(['answered', answer, assignee, 'email']);
      expect(await read((c) => c.auditEvent.count({ where: { action: 'ticket_answered' } }))).toBe(1);
      expect(await read((c) => c.outgoingMail.count({ where: { toAddress: 'an.nguyen@example.vn', purpose: `ticket:${code}:answer` } }))).toBe(1);
      const again = await get(url);
      expect(again.status).toBe(200);
      expect(await again.text()).toContain('đã có câu trả lời');
    });

    it('refuses a post without the token in its body, an empty answer and one over the limit (keeping the text), and a body too large to read', async () => {
      const url = await linkFor('binh@soyte.gov.vn');
      const token = url.searchParams.get('t')!;
      expect((await post(url, { answer: 'Không có mã trong thân.' })).status).toBe(403);
      expect((await post(url, { t: 'AAAA.BBBB', answer: 'Mã khác.' })).status).toBe(403);

      const empty = await post(url, { t: token, answer: '   ' });
      expect(empty.status).toBe(400);
      expect(await empty.text()).toContain('Cần nội dung trả lời.');

      const long = `Trả lời dài ${'ạ'.repeat(20_000)}`;
      const over = await post(url, { t: token, answer: long });
      expect(over.status).toBe(413);
      const page = await over.text();
      expect(page).toContain('Nội dung trả lời quá dài (tối đa 20.000 ký tự).');
      expect(page).toContain(long);

      const huge = await post(url, { t: token, answer: 'x'.repeat(400 * 1024) });
      expect(huge.status).toBe(413);
      expect(await huge.text()).toContain('What was sent is too large; nothing was stored.');
      expect((await desk.store.ticketByCode(code))?.state).toBe('handling');
      expect(await read((c) => c.auditEvent.count({ where: { action: 'ticket_answered' } }))).toBe(0);
    });

    it('speaks the assignee’s language', async () => {
      await setLanguage(desk.deps, assignee, 'en');
      const url = await linkFor('binh@soyte.gov.vn');
      const page = await (await get(url)).text();
      expect(page).toContain('<html lang="en">');
      expect(page).toContain(`Answer question ${code}`);
      expect(page).toContain('the editorial board asks Department of Health to answer the text below by 10/12/2026.');
      const done = await post(url, { t: url.searchParams.get('t')!, answer: 'On 15 and 16 December at the commune health station.' });
      expect(await done.text()).toContain(`The answer to ${code} is stored`);
    });
  });
});
