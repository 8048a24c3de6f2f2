import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClient } from '../../../src/store/client.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { postForm, tokenIn } from '../../helpers/portalForm.js';
import { ticketPortal, type TicketPortal } from '../../helpers/ticketPortal.js';
import { withoutLinkValues } from '../../helpers/leaks.js';

const QUESTION = {
  name: 'Trần Văn Dân',
  email: 'dan.tran@example.vn',
  phone: '0912 345 678',
  field: 'dat-dai',
  subject: 'Thời hạn cấp giấy chứng nhận quyền sử dụng đất',
  question: 'Tôi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất tại xã Tân Bình đã 40 ngày.\nXin hỏi thời hạn giải quyết là bao lâu?',
};
const COMPLAINT = { name: 'Lê Thị Mai', phone: '', email: '', address: 'Ấp 3, xã Tân Bình', field: 'xay-dung', subject: 'Đèn đường hỏng', question: 'Đèn đường trước trường tiểu học Tân Bình hỏng đã hai tuần.' };

const textareaOf = (html: string) => /<textarea[^>]*name="question"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? null;
const valueOf = (html: string, name: string) => new RegExp(`<input [^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? null;

/**
 * The "Hỏi đáp" and "Liên hệ" forms over HTTP, as a browser and as a bot would use them: the same
 * defences as the article form, one ticket however often a page is sent, and what was typed kept
 * whenever a post is refused.
 */
describe.each(BACKENDS)('the question and contact forms on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let p: TicketPortal;
  let address = 10;
  /** Each test posts from addresses of its own: the per-minute limit is tested on purpose, not met by accident. */
  const sender = () => `127.0.1.${address++}`;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    p = await ticketPortal(db.url);
  });
  afterAll(async () => {
    if (skip) return;
    await p.close();
    await db.drop();
  });

  const tickets = async () => {
    const read = openClient(db.url);
    try {
      return await read.ticket.findMany({ orderBy: { receivedAt: 'asc' } });
    } finally {
      await read.$disconnect();
    }
  };
  const mails = async () => {
    const read = openClient(db.url);
    try {
      return await read.outgoingMail.findMany();
    } finally {
      await read.$disconnect();
    }
  };

  it.skipIf(skip)('the forms are drawn in both languages with a token, every field, and no address field on the question form', async () => {
    const vi = await p.get('/vi/hoi-dap/gui');
    expect(vi.status).toBe(200);
    expect(vi.text).toContain('<h2 id="h-ticket-form" class="visually-hidden">Gửi câu hỏi</h2>');
    expect(vi.text).toContain('Họ và tên (bắt buộc)');
    expect(vi.text).toContain('<option value="dat-dai">Đất đai</option>');
    expect(vi.text).not.toContain('name="address"');
    expect(vi.text).toContain('trong 15 ngày làm việc');
    expect(tokenIn(vi.text)).toMatch(/\./);
    const en = await p.get('/en/questions/ask');
    expect(en.text).toContain('Your question (required, up to 10,000 characters)');
    expect(en.text).toContain('href="/vi/hoi-dap/gui" hreflang="vi"');
    const contact = await p.get('/vi/lien-he');
    expect(contact.text).toContain('Liên hệ: phản ánh, kiến nghị');
    expect(contact.text).toContain('name="address"');
    expect((await p.get('/en/contact')).text).toContain('Contact: complaints and requests');
    // Every page links to both.
    const home = await p.get('/vi/');
    expect(home.text).toContain('<a href="/vi/hoi-dap">Hỏi đáp</a>');
    expect(home.text).toContain('<a href="/vi/lien-he">Liên hệ</a>');
  });

  it.skipIf(skip)('a question is received: the citizen is sent on to the code and the private status link, told a mail went out, and the mail is queued', async () => {
    const before = (await tickets()).length;
    const posted = await p.send('/vi/hoi-dap/gui', QUESTION, sender());
    expect(posted.status).toBe(303);
    expect(posted.location).toMatch(/^\/vi\/hoi-dap\/da-gui\/HD-\d{4}-\d{5}\?k=[A-Za-z0-9_-]{24}$/);
    const code = /HD-\d{4}-\d{5}/.exec(posted.location!)![0];
    const confirm = await p.get(posted.location!);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain(`Mã hồ sơ của ông/bà: ${code}`);
    const link = /<a href="(https:\/\/portal\.example\.test\/vi\/hoi-dap\/trang-thai\/[^"]+)"/.exec(confirm.text)![1]!;
    expect(link).toBe(`https://portal.example.test/vi/hoi-dap/trang-thai/${code}?k=${posted.location!.split('k=')[1]}`);
    expect(confirm.text).toContain('cũng đã được gửi tới địa chỉ thư điện tử');
    expect(confirm.headers.get('cache-control')).toBe('private, no-store');
    expect(confirm.headers.get('x-robots-tag')).toBe('noindex');
    expect(confirm.text).toContain('<meta name="referrer" content="no-referrer">');
    // The confirmation names no contact data, not even the sender's own.
    expect(confirm.text).not.toContain(QUESTION.email);
    expect(withoutLinkValues(confirm.text, link)).not.toContain('0912');

    const stored = (await tickets()).slice(before);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ code, kind: 'question', channel: 'portal', state: 'received', field: 'dat-dai', senderName: 'Trần Văn Dân', senderEmail: QUESTION.email, subject: QUESTION.subject, lang: 'vi' });
    expect(JSON.parse(stored[0]!.senderContact)).toEqual({ phone: '0912 345 678' });
    const mail = (await mails()).find((m) => m.purpose === `ticket:${code}:received`);
    expect(mail?.toAddress).toBe(QUESTION.email);
    expect(mail?.text).toContain(link);

    // The status link opens; the confirmation in English too.
    expect((await p.get(p.localPath(link))).text).toContain(`Tình trạng hồ sơ ${code}`);
    expect((await p.get(posted.location!.replace('/vi/hoi-dap/da-gui/', '/en/questions/sent/'))).text).toContain(`Your reference: ${code}`);
  });

  it.skipIf(skip)('a complaint from the contact form is a PA ticket from the contact channel, with its address kept for the desk; without an e-mail the page says to write the code down', async () => {
    const posted = await p.send('/en/contact', COMPLAINT, sender());
    expect(posted.status).toBe(303);
    expect(posted.location).toMatch(/^\/en\/questions\/sent\/PA-\d{4}-\d{5}\?k=/);
    const code = /PA-\d{4}-\d{5}/.exec(posted.location!)![0];
    const confirm = await p.get(posted.location!);
    expect(confirm.text).toContain('You gave no e-mail address');
    expect(confirm.text).toContain('complaint or request');
    const t = (await tickets()).find((x) => x.code === code)!;
    expect(t).toMatchObject({ kind: 'complaint', channel: 'contact', lang: 'en', senderEmail: null });
    expect(JSON.parse(t.senderContact)).toEqual({ address: 'Ấp 3, xã Tân Bình' });
    expect((await mails()).some((m) => m.purpose.startsWith(`ticket:${code}`))).toBe(false);
  });

  it.skipIf(skip)('a double click or a page sent again is one ticket; the same page edited and sent is another', async () => {
    const from = sender();
    const page = await p.get('/vi/hoi-dap/gui');
    p.desk.time.advance(5_000);
    const fields = { ...QUESTION, email: '', subject: 'Hỏi về học phí', question: 'Học phí năm học mới là bao nhiêu?', token: tokenIn(page.text) };
    const before = (await tickets()).length;
    const [one, two] = await Promise.all([postForm(`${p.base}/vi/hoi-dap/gui`, fields, { from }), postForm(`${p.base}/vi/hoi-dap/gui`, fields, { from })]);
    const again = await postForm(`${p.base}/vi/hoi-dap/gui`, fields, { from });
    expect([one.status, two.status, again.status]).toEqual([303, 303, 303]);
    expect(two.location).toBe(one.location);
    expect(again.location).toBe(one.location);
    expect((await tickets()).length).toBe(before + 1);
    const edited = await postForm(`${p.base}/vi/hoi-dap/gui`, { ...fields, question: 'Học phí năm học mới là bao nhiêu? Có được miễn giảm không?' }, { from });
    expect(edited.location).not.toBe(one.location);
    expect((await tickets()).length).toBe(before + 2);
  });

  it.skipIf(skip)('too soon after the page was served, a forged token, or another form’s token: refused with what was typed kept, nothing stored', async () => {
    const before = (await tickets()).length;
    const from = sender();
    const page = await p.get('/vi/hoi-dap/gui');
    const early = await postForm(`${p.base}/vi/hoi-dap/gui`, { ...QUESTION, token: tokenIn(page.text) }, { from });
    expect(early.status).toBe(400);
    expect(early.headers['cache-control']).toBe('no-store');
    expect(early.text).toContain('gửi quá nhanh');
    expect(early.text).toContain('sent too soon');
    expect(textareaOf(early.text)).toBe(QUESTION.question);
    expect(valueOf(early.text, 'name')).toBe(QUESTION.name);
    expect(valueOf(early.text, 'email')).toBe(QUESTION.email);
    expect(early.text).toContain('<option value="dat-dai" selected>');

    const forged = await postForm(`${p.base}/vi/hoi-dap/gui`, { ...QUESTION, token: 'VElDS0VUUzpRVUVTVElPTg.abc.AAAAAAAAAAAAAAAAAAAAAA' }, { from });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('Biểu mẫu không hợp lệ');
    const contactPage = await p.get('/vi/lien-he');
    p.desk.time.advance(5_000);
    const crossed = await postForm(`${p.base}/vi/hoi-dap/gui`, { ...QUESTION, token: tokenIn(contactPage.text) }, { from });
    expect(crossed.status).toBe(400);
    expect(crossed.text).toContain('thuộc một trang khác');
    expect((await tickets()).length).toBe(before);
  });

  it.skipIf(skip)('each mistake is named and the form comes back filled in: no name, bad e-mail, bad phone, no subject, empty or over-long question', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ name: '  ' }, 'Cần họ tên người gửi.'],
      [{ email: 'dan.tran@' }, 'Địa chỉ thư điện tử không hợp lệ.'],
      [{ phone: 'gọi tôi' }, 'Số điện thoại không hợp lệ'],
      [{ field: 'thu-nghiem' }, 'Hãy chọn lĩnh vực trong danh sách.'],
      [{ subject: '' }, 'Cần tiêu đề.'],
      [{ question: ' \n ' }, 'Cần nội dung câu hỏi hoặc phản ánh.'],
      [{ question: 'ạ'.repeat(10_001) }, 'Nội dung quá dài (tối đa 10.000 ký tự).'],
    ];
    const before = (await tickets()).length;
    for (const [change, said] of cases) {
      const posted = await p.send('/vi/hoi-dap/gui', { ...QUESTION, ...change }, sender());
      expect(posted.status, said).toBe(400);
      expect(posted.text).toContain(said);
      expect(posted.text).toContain('<h1>Chưa gửi được</h1>');
      if (!('question' in change)) expect(textareaOf(posted.text)).toBe(QUESTION.question);
    }
    // The over-long question is drawn again whole, so nothing written is lost.
    expect((await tickets()).length).toBe(before);
  });

  it.skipIf(skip)('a 100 kB question is refused cleanly before it is read; a body that is no form is refused', async () => {
    const before = (await tickets()).length;
    const big = await p.send('/vi/hoi-dap/gui', { ...QUESTION, question: 'x'.repeat(100_000) }, sender());
    expect(big.status).toBe(413);
    expect(big.text).toContain('lớn quá 64 KB');
    expect(tokenIn(big.text)).toBeTruthy();
    const json = await fetch(`${p.base}/vi/hoi-dap/gui`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(QUESTION) });
    expect(json.status).toBe(400);
    expect(await json.text()).toContain('Không đọc được nội dung gửi lên');
    expect((await tickets()).length).toBe(before);
  });

  it.skipIf(skip)('markup typed into the name or the question is shown as text, never run', async () => {
    const posted = await p.send('/vi/hoi-dap/gui', { ...QUESTION, name: '<script>alert("tên")</script>', subject: '', question: '<img src=x onerror=alert(1)></textarea><script>alert(2)</script>' }, sender());
    expect(posted.status).toBe(400);
    expect(posted.text).not.toContain('<script>alert');
    expect(posted.text).not.toContain('<img src=x');
    expect(posted.text).toContain('&lt;script&gt;alert(&quot;tên&quot;)&lt;/script&gt;');
    expect(posted.text).toContain('&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it.skipIf(skip)('a bot filling the hidden field is thanked and nothing is kept; a sender past the minute’s share is told to wait, others are not', async () => {
    const before = (await tickets()).length;
    const bot = await p.send('/vi/hoi-dap/gui', { ...QUESTION, website: 'http://spam.example' }, sender());
    expect(bot.status).toBe(200);
    expect(bot.text).toContain('nội dung đã được gửi tới Ban Biên tập');
    expect((await tickets()).length).toBe(before);

    const from = sender();
    const token = tokenIn((await p.get('/vi/lien-he')).text);
    p.desk.time.advance(5_000);
    const answers: number[] = [];
    for (let n = 1; n <= 6; n += 1) answers.push((await postForm(`${p.base}/vi/lien-he`, { ...COMPLAINT, subject: `Phản ánh số ${n}`, token }, { from })).status);
    expect(answers).toEqual([303, 303, 303, 303, 303, 429]);
    const limited = await postForm(`${p.base}/vi/lien-he`, { ...COMPLAINT, subject: 'Phản ánh số 7', token }, { from });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    expect(limited.text).toContain('Vui lòng đợi một phút');
    expect(valueOf(limited.text, 'subject')).toBe('Phản ánh số 7');
    // The question form shares the budget; another address does not.
    expect((await p.send('/vi/hoi-dap/gui', QUESTION, from)).status).toBe(429);
    expect((await postForm(`${p.base}/vi/lien-he`, { ...COMPLAINT, subject: 'Phản ánh số 8', token }, { from: sender() })).status).toBe(303);
    expect((await tickets()).length).toBe(before + 6);
  });
});
