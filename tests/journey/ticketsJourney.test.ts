import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dovecotPresent, startDovecot, type Dovecot } from '../fakes/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../fakes/smtpSink.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { startJourney, type Journey, type TgUser } from '../helpers/journey.js';
import { postForm, tokenIn } from '../helpers/portalForm.js';
import { ticketChat } from '../helpers/ticketChat.js';

const TICKETS = -1001555000777;
const QUESTIONS = 'hoidap@dongnai.example.gov.vn';
const CITIZEN = { name: 'Nguyễn Thị Hồng', email: 'hong.nguyen@example.vn', phone: '0912 345 678' };
const QUESTION = 'Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì? Nếu cần, gọi tôi 0912 345 678 hoặc viết cho hong.nguyen@example.vn.';
const ANSWER = 'Hồ sơ gồm đơn đề nghị cấp phép, bản sao giấy tờ quyền sử dụng đất và hai bộ bản vẽ thiết kế; nộp tại bộ phận một cửa.';

/**
 * Issue 15's acceptance, through the real service only — HTTP, the fake Bot API, a real IMAP server (dovecot)
 * and a real SMTP sink: a question from the portal form → code shown → assigned in chat → answered by the
 * assignee through the signed web link → the citizen mailed → published on /vi/hoi-dap without the citizen's
 * contact data → archived. The same kind of ticket arriving by e-mail and by `portal-hub ticket add`.
 */
describe.each(BACKENDS)('a citizen’s question from the form to the public answer, on $name', ({ fresh, skip: noDb }) => {
  const skip = noDb || !dovecotPresent;
  let db: TestDatabase;
  let j: Journey;
  let dovecot: Dovecot;
  let sink: SmtpSink;
  let editor: TgUser;
  let deputy: TgUser;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    [dovecot, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
    j = await startJourney(db.url, {}, {
      mirrors: false,
      zaloGroup: false,
      env: {
        TELEGRAM_TICKETS_CHAT: String(TICKETS),
        INTERACTIONS_FORM_MIN_SECONDS: '0',
        MAIL_IMAP_URL: dovecot.imapUrl,
        MAIL_SMTP_URL: sink.url,
        MAIL_FROM: `Cổng TTĐT <${QUESTIONS}>`,
        MAIL_POLL_SECONDS: '1',
      },
    });
    editor = await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor');
    deputy = await j.person('Trần Thị Bích', 'bich@example.vn', 'deputy');
    await j.cli(['site', 'add', '--key', 'so-xd', '--kind', 'department', '--name-vi', 'Sở Xây dựng', '--name-en', 'Department of Construction', '--prefix', 'SXD', '--parent', 'tinh']);
    await j.cli(['person', 'add', '--name', 'Trương Văn Kiên', '--email', 'kien@soxd.example.gov.vn']);
    await j.start();
  }, 600_000);
  afterAll(async () => {
    if (skip) return;
    await j?.stop();
    await Promise.all([dovecot?.stop(), sink?.stop()]);
    await db?.drop();
  }, 120_000);

  const get = async (path: string) => {
    const r = await fetch(path.startsWith('http') ? path : `${j.portal}${path}`, { redirect: 'manual' });
    return { status: r.status, text: await r.text() };
  };
  const mailTo = (address: string, part: string) => sink.waitFor(() => sink.to(address).find((m) => m.text.includes(part) || m.subject.includes(part)), 90_000);
  const { cardSays, press, reply } = ticketChat(() => j, TICKETS);

  it.skipIf(skip)('ACCEPTANCE: form → code → assigned in chat → answered through the signed link → citizen mailed → on /vi/hoi-dap without contact data → archived', async () => {
    const form = await get('/vi/hoi-dap/gui');
    expect(form.status).toBe(200);
    const posted = await postForm(`${j.portal}/vi/hoi-dap/gui`, { token: tokenIn(form.text), website: '', ...CITIZEN, field: 'xay-dung', subject: 'Giấy phép xây dựng', question: QUESTION }, { from: '127.0.0.9' });
    expect(posted.status).toBe(303);
    const confirm = await get(posted.location!);
    const code = /Mã hồ sơ của ông\/bà: (HD-\d{4}-\d{5})/.exec(confirm.text)![1]!;
    const status = new RegExp(`<a href="(${j.portal}/vi/hoi-dap/trang-thai/${code}\\?k=[A-Za-z0-9_-]+)">`).exec(confirm.text)![1]!;

    // The citizen's mailbox: the code and the same private link.
    const receipt = await mailTo(CITIZEN.email, code);
    expect(receipt.text).toContain(status);

    // The desk: the card in the tickets chat; assigned to an officer who is on no chat.
    await cardSays(code, 'Bước: Tiếp nhận');
    await press(editor, code, 'Giao xử lý');
    await reply(editor, `để giao ${code}`, 'so-xd kien@soxd.example.gov.vn');
    await cardSays(code, 'Người xử lý: Trương Văn Kiên');

    // The officer's mailbox: the signed link; the answer is written on the web page it opens.
    const assignment = await mailTo('kien@soxd.example.gov.vn', code);
    const link = new URL(/http\S+\/tra-loi\/\S+/.exec(assignment.text)![0]);
    const page = await get(link.toString());
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(CITIZEN.email);
    const sent = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ t: link.searchParams.get('t')!, answer: ANSWER }).toString() });
    expect(sent.status).toBe(200);

    // The citizen is mailed the answer, in the thread of the receipt's code.
    const answerMail = await mailTo(CITIZEN.email, 'bộ bản vẽ thiết kế');
    expect(answerMail.subject).toContain(code);
    await cardSays(code, 'Bước: Đã trả lời');

    // Archiving waits for the publish decision; the deputy decides to publish, with a reason.
    expect(await press(deputy, code, 'Lưu trữ')).toBe('Chưa quyết định công khai hay không (kèm lý do): chưa thể lưu trữ hồ sơ.');
    await press(deputy, code, 'Công khai');
    await reply(deputy, `lý do công khai ${code}`, 'Thủ tục nhiều người cần biết.');
    await cardSays(code, 'Công khai — Trần Thị Bích');

    const listed = await j.telegram.waitFor(async () => {
      const list = await get('/vi/hoi-dap');
      return list.text.includes(code) ? list : null;
    }, 30_000);
    expect(listed.text).toContain('bộ phận một cửa');
    const single = await get(`/vi/hoi-dap/${code}`);
    expect(single.status).toBe(200);
    for (const text of [listed.text, single.text, (await get('/en/questions')).text]) {
      for (const secret of [CITIZEN.email, CITIZEN.phone, '0912345678', CITIZEN.name]) expect(text).not.toContain(secret);
    }
    expect(single.text).toContain('N.T.H.');

    expect(await press(deputy, code, 'Lưu trữ')).toBe(`Đã ghi nhận: lưu trữ — ${code}.`);
    const archived = await get(status);
    expect(archived.text).toMatch(/<li aria-current="step"><strong>Lưu trữ<\/strong>: <time/);
  }, 600_000);

  it.skipIf(skip)('the same kind of question by e-mail and by `portal-hub ticket add --channel phone` gets its code, its card and (with an address) its receipt', async () => {
    await dovecot.deliver({
      from: 'Lý Văn Sơn <son.ly@example.vn>',
      to: QUESTIONS,
      subject: 'Hỏi về giấy phép xây dựng',
      text: 'Nhà tôi cần xin phép sửa mái thì nộp hồ sơ ở đâu?',
      messageId: '<q-1@example.vn>',
      envelope: { from: 'son.ly@example.vn', to: [QUESTIONS] },
    });
    const receipt = await mailTo('son.ly@example.vn', 'Đã tiếp nhận');
    const byMail = /HD-\d{4}-\d{5}/.exec(receipt.subject)![0];
    expect(receipt.inReplyTo).toBe('<q-1@example.vn>');
    expect((await cardSays(byMail, 'Bước: Tiếp nhận')).text).toContain('Thư điện tử');

    const out = await j.cli(['ticket', 'add', '--channel', 'phone', '--kind', 'complaint', '--name', 'Đỗ Văn Tám', '--phone', '0987 111 222', '--question', 'Công trình xây dựng cạnh nhà tôi làm ồn sau 22 giờ.', '--by', 'dung@example.vn']);
    const byPhone = /PA-\d{4}-\d{5}/.exec(out)![0];
    expect((await cardSays(byPhone, 'Bước: Tiếp nhận')).text).toContain('Điện thoại');
  }, 300_000);
});
