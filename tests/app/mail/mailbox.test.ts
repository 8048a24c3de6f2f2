import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionCard } from '../../../adapters/telegram/render.js';
import { imapMailbox } from '../../../adapters/mail/mailbox.js';
import { readMailbox } from '../../../src/app/mail/read.js';
import { sendOutbox } from '../../../src/app/mail/outbox.js';
import { tellMailOutcomes } from '../../../src/app/mail/outcomes.js';
import { triage } from '../../../src/app/intake.js';
import { addPerson, OPERATOR } from '../../../src/app/people.js';
import { makeMediaRef, parseMediaRef } from '../../../src/core/mediaRef.js';
import { dovecotPresent } from '../../fakes/dovecot.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { mailFixture, NEWS, PORTAL, QUESTIONS, type MailFixture } from '../../helpers/mail.js';
import { jpegBytes, pdfBytes } from '../../helpers/mediaBytes.js';

describe.each(BACKENDS)('the portal mailbox on $name', ({ fresh, skip: noDb }) => {
  const skip = noDb || !dovecotPresent;
  let db: TestDatabase;
  let f: MailFixture;
  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    f = await mailFixture(db.url, { maxBytes: 2 * 1024 * 1024 });
  }, 60_000);
  afterAll(async () => {
    if (skip) return;
    await f.close();
    await db.drop();
  });

  /** A mail handed to the portal's mail server, as an MTA does; the envelope is its To and Cc. */
  const arrive = async (mail: Mail.Options & { from: string; to: string }) => {
    const rcpt = [mail.to, ...(typeof mail.cc === 'string' ? [mail.cc] : [])].map((a) => /<([^>]+)>/.exec(a)?.[1] ?? a);
    await f.dovecot.deliver({ ...mail, envelope: { from: /<([^>]+)>/.exec(mail.from)?.[1] ?? mail.from, to: rcpt } });
  };
  const read = () => readMailbox(f.env, f.mailbox);
  const send = async () => {
    for (let i = 0; i < 3; i += 1) await sendOutbox(f.env, f.sender);
  };
  const mailsTo = (address: string) => f.sink.mails.filter((m) => m.to.includes(address));

  it.skipIf(skip)('a question becomes a ticket; its receipt carries the code and status link; a reply with the code, or in the thread, lands on it', async () => {
    await arrive({ from: 'Trần Văn Cường <cuong@example.vn>', to: QUESTIONS, subject: 'Hỏi về cấp phép xây dựng', text: 'Xin hỏi hồ sơ cấp phép xây nhà ở gồm những gì?', messageId: '<q1@example.vn>' });
    expect(await read()).toBe(1);
    const ticket = (await f.store.ticketByDedupeKey('mail:<q1@example.vn>'))!;
    expect(ticket).toMatchObject({ kind: 'question', channel: 'email', senderName: 'Trần Văn Cường', senderEmail: 'cuong@example.vn', subject: 'Hỏi về cấp phép xây dựng', reference: '<q1@example.vn>' });
    expect(ticket.code).toMatch(/^HD-\d{4}-\d{5}$/);
    expect(ticket.question).toBe('Xin hỏi hồ sơ cấp phép xây nhà ở gồm những gì?');
    await send();
    const [receipt] = mailsTo('cuong@example.vn');
    expect(receipt!.subject).toContain(ticket.code);
    expect(receipt!.text).toContain(`${PORTAL}/vi/hoi-dap/trang-thai/${ticket.code}?k=`);
    expect(receipt!.inReplyTo).toBe('<q1@example.vn>');

    // The citizen answers the receipt, keeping the code in the subject…
    await arrive({ from: 'cuong@example.vn', to: QUESTIONS, subject: `Re: ${receipt!.subject}`, text: 'Tôi bổ sung: nhà 3 tầng.\n\nOn Mon, Ban Biên tập wrote:\n> Kính gửi', messageId: '<q2@example.vn>', inReplyTo: receipt!.messageId, references: [receipt!.messageId] });
    // …and once more from a client that dropped it from the subject: the thread still names the receipt.
    await arrive({ from: 'cuong@example.vn', to: QUESTIONS, subject: 'Thêm ảnh', text: 'Diện tích 80 m2.', messageId: '<q3@example.vn>', inReplyTo: '<q2@example.vn>', references: [receipt!.messageId, '<q2@example.vn>'] });
    expect(await read()).toBe(2);
    const messages = await f.store.ticketMessages(ticket.id);
    expect(messages.map((m) => [m.direction, m.channel, m.text])).toEqual([
      ['in', 'email', 'Tôi bổ sung: nhà 3 tầng.'],
      ['in', 'email', 'Diện tích 80 m2.'],
    ]);
    // Nothing else came of them: no new ticket, no receipt.
    expect(await f.store.ticketByDedupeKey('mail:<q2@example.vn>')).toBeNull();
    await send();
    expect(mailsTo('cuong@example.vn')).toHaveLength(1);
  });

  it.skipIf(skip)('bounces and auto-replies are recorded and never answered', async () => {
    const before = f.sink.mails.length;
    await arrive({ from: 'MAILER-DAEMON@mx.example.vn', to: QUESTIONS, subject: 'Undelivered Mail Returned to Sender', text: 'delivery failed', messageId: '<b1@mx.example.vn>' });
    await arrive({ from: 'vang@example.vn', to: QUESTIONS, subject: 'Tự động trả lời: đang nghỉ phép', text: 'Tôi đang nghỉ phép đến hết tuần.', messageId: '<b2@example.vn>', headers: { 'Auto-Submitted': 'auto-replied' } });
    await arrive({ from: 'tin@bao.example.vn', to: QUESTIONS, subject: 'Bản tin tuần', text: 'Tin tức trong tuần qua rất nhiều sự kiện.', messageId: '<b3@bao.example.vn>', headers: { Precedence: 'bulk' } });
    expect(await read()).toBe(3);
    for (const id of ['<b1@mx.example.vn>', '<b2@example.vn>', '<b3@bao.example.vn>']) {
      expect(await f.store.incomingMail(id)).toMatchObject({ became: 'ignored', subjectId: null });
      expect(await f.store.ticketByDedupeKey(`mail:${id}`)).toBeNull();
    }
    await send();
    expect(f.sink.mails.length).toBe(before);
  });

  it.skipIf(skip)('read twice at once, or read again after the mailbox was rebuilt (new UIDVALIDITY), each mail is taken once', async () => {
    await arrive({ from: 'a@example.vn', to: QUESTIONS, subject: 'Câu hỏi một', text: 'Hỏi về thủ tục thứ nhất ạ.', messageId: '<r1@example.vn>' });
    // A mail without a Message-ID is keyed by where it lies.
    await f.dovecot.deliverRaw('From: b@example.vn\r\nTo: hoidap@portal.test\r\nSubject: Khong co ma thu\r\n\r\nHoi ve thu tuc thu hai.\r\n', { from: 'b@example.vn', to: [QUESTIONS] });
    const [x, y] = await Promise.all([read(), read()]);
    expect(x + y).toBe(2);
    const tickets = await f.store.listTickets({ limit: 100 });
    expect(tickets.filter((t) => t.senderEmail === 'a@example.vn')).toHaveLength(1);
    expect(tickets.filter((t) => t.senderEmail === 'b@example.vn')).toHaveLength(1);
    expect(tickets.find((t) => t.senderEmail === 'b@example.vn')!.dedupeKey).toMatch(/^mail:<uid-\d+\.\d+@INBOX\.portal-hub\.invalid>$/);

    // The operator restores the mailbox into a new folder from a backup: same mails, new UIDs and UIDVALIDITY.
    const imap = new ImapFlow({ host: '127.0.0.1', port: f.dovecot.imapPort, secure: false, auth: { user: f.dovecot.user, pass: f.dovecot.password }, logger: false });
    await imap.connect();
    await imap.mailboxCreate('Restored');
    const raw = await new MailComposer({ from: 'a@example.vn', to: QUESTIONS, subject: 'Câu hỏi một', text: 'Hỏi về thủ tục thứ nhất ạ.', messageId: '<r1@example.vn>' }).compile().build();
    await imap.append('Restored', raw);
    const status = await imap.status('Restored', { uidValidity: true });
    const uidValidity = status ? status.uidValidity : 0;
    await imap.logout();
    const restored = imapMailbox(`${f.dovecot.imapUrl}/Restored`, { maxMailBytes: 10_000_000 });
    expect(await readMailbox(f.env, restored)).toBe(0);
    expect((await f.store.listTickets({ limit: 100 })).filter((t) => t.senderEmail === 'a@example.vn')).toHaveLength(1);
    // Read, found taken, and passed: the cursor of this mailbox at its UIDVALIDITY moved past it.
    expect(await f.store.mailCursor('Restored', Number(uidValidity))).toBe(1);
  });

  it.skipIf(skip)('a news item with two photos and a PDF is one submission with three media, kept as chat intake keeps them; an outside sender is marked; the reply carries the code; a follow-up makes a revision', async () => {
    // The chat desk's side of the port: what it is told, to show cards at once.
    const told: string[] = [];
    f.env.desk = {
      submitted: (s) => void told.push(`submitted ${s.code} r${s.revision}`),
      revised: (before, after) => void told.push(`revised ${before.code} r${before.revision}→r${after.revision}`),
      toEditors: (code, _name, _text, kind) => void told.push(`${kind} ${code}`),
    };
    const photos = [await jpegBytes('#2a6', 640, 360), await jpegBytes('#a26', 640, 360)];
    const pdf = pdfBytes('Thông cáo báo chí');
    await arrive({
      from: 'Lê Thị Mai <mai@xa-tanphu.example.vn>',
      to: NEWS,
      subject: 'Khánh thành cầu Tân Phú',
      text: 'Sáng nay, xã Tân Phú khánh thành cầu bê tông mới.\nCầu dài 120 m, phục vụ 3.000 hộ dân.',
      messageId: '<n1@xa-tanphu.example.vn>',
      attachments: [{ filename: 'cau-1.jpg', content: photos[0] }, { filename: 'cau-2.jpg', content: photos[1] }, { filename: 'thong-cao.pdf', content: pdf }],
    });
    expect(await read()).toBe(1);
    const taken = (await f.store.incomingMail('<n1@xa-tanphu.example.vn>'))!;
    expect(taken.became).toBe('submission');
    const submission = (await f.store.submissionById(taken.subjectId!))!;
    expect(submission).toMatchObject({ channel: 'email', chatId: NEWS, senderPlatformId: 'mai@xa-tanphu.example.vn', senderName: 'Lê Thị Mai', senderPersonId: null, state: 'received', revision: 1 });
    expect(submission.rawText).toBe('Khánh thành cầu Tân Phú\nSáng nay, xã Tân Phú khánh thành cầu bê tông mới.\nCầu dài 120 m, phục vụ 3.000 hộ dân.');
    // The one ref format: month received, content hash, sniffed type — and the file is there under it.
    const expected = [[photos[0]!, 'jpg'], [photos[1]!, 'jpg'], [pdf, 'pdf']] as const;
    expect(submission.attachments.map((a) => [a.kind, a.name, a.ref])).toEqual([
      ['photo', 'cau-1.jpg', makeMediaRef(createHash('sha256').update(expected[0][0]).digest('hex'), 'jpg', f.time.clock())],
      ['photo', 'cau-2.jpg', makeMediaRef(createHash('sha256').update(expected[1][0]).digest('hex'), 'jpg', f.time.clock())],
      ['document', 'thong-cao.pdf', makeMediaRef(createHash('sha256').update(expected[2][0]).digest('hex'), 'pdf', f.time.clock())],
    ]);
    for (const [i, a] of submission.attachments.entries()) {
      expect(parseMediaRef(a.ref).ok).toBe(true);
      expect(readFileSync(join(f.mediaDir, a.ref)).equals(expected[i]![0])).toBe(true);
    }
    // The editors' card says where it came from.
    const card = submissionCard('vi', submission, 'Asia/Ho_Chi_Minh');
    expect(card).toContain('mai@xa-tanphu.example.vn');
    expect(card).toContain('người gửi bên ngoài');
    expect(submissionCard('en', submission, 'Asia/Ho_Chi_Minh')).toContain('an outside sender');

    await send();
    const [ack] = mailsTo('mai@xa-tanphu.example.vn');
    expect(ack!.subject).toContain(submission.code!);
    expect(ack!.text).toContain(submission.code!);
    expect(ack!.text).toMatch(/Kính gửi Lê Thị Mai[\s\S]*Dear Lê Thị Mai/);
    expect(ack!.inReplyTo).toBe('<n1@xa-tanphu.example.vn>');

    // She answers the acknowledgement with a correction and one more photo.
    const third = await jpegBytes('#26a', 640, 360);
    await arrive({
      from: 'mai@xa-tanphu.example.vn',
      to: QUESTIONS,
      subject: `Re: ${ack!.subject}`,
      text: 'Bổ sung: cầu do tỉnh đầu tư 15 tỷ đồng.\n\nVào Th 2, Ban Biên tập đã viết:\n> Kính gửi',
      messageId: '<n2@xa-tanphu.example.vn>',
      inReplyTo: ack!.messageId,
      references: ['<n1@xa-tanphu.example.vn>', ack!.messageId],
      attachments: [{ filename: 'cau-3.jpg', content: third }],
    });
    expect(await read()).toBe(1);
    const revised = (await f.store.submissionById(submission.id))!;
    expect(revised.revision).toBe(2);
    expect(revised.rawText).toBe(`${submission.rawText}\n\nBổ sung: cầu do tỉnh đầu tư 15 tỷ đồng.`);
    expect(revised.attachments.map((a) => a.name)).toEqual(['cau-1.jpg', 'cau-2.jpg', 'thong-cao.pdf', 'cau-3.jpg']);
    expect(await f.store.incomingMail('<n2@xa-tanphu.example.vn>')).toMatchObject({ became: 'submission-revision', subjectId: submission.id });
    await send();
    const reply = mailsTo('mai@xa-tanphu.example.vn').at(-1)!;
    expect(reply.subject).toContain(submission.code!);
    expect(reply.text).toContain('bản 2');
    expect(reply.inReplyTo).toBe('<n2@xa-tanphu.example.vn>');

    // The desk's decisions reach her by mail, once each, in the thread of her first mail.
    await tellMailOutcomes(f.env);
    const accepted = await triage(f.deps, f.desk.id.editor1, submission.id, { type: 'accept' });
    expect(accepted.ok).toBe(true);
    await tellMailOutcomes(f.env);
    await tellMailOutcomes(f.env);
    await send();
    const outcome = mailsTo('mai@xa-tanphu.example.vn').filter((m) => m.subject.includes('Kết quả'));
    expect(outcome).toHaveLength(1);
    expect(outcome[0]!.text).toMatch(new RegExp(`Tin ${submission.code} đã được tiếp nhận[\\s\\S]*${submission.code} was accepted`));
    expect(outcome[0]!.inReplyTo).toBe('<n1@xa-tanphu.example.vn>');

    // Accepted, the item is the editors' now: a further mail from her is passed to them, not written in.
    await arrive({ from: 'mai@xa-tanphu.example.vn', to: QUESTIONS, subject: `Re: ${ack!.subject}`, text: 'Xin sửa: 3.200 hộ dân.', messageId: '<n3@xa-tanphu.example.vn>', inReplyTo: ack!.messageId });
    expect(await read()).toBe(1);
    expect((await f.store.submissionById(submission.id))!.revision).toBe(2);
    expect(told).toEqual([`submitted ${submission.code} r1`, `revised ${submission.code} r1→r2`, `change ${submission.code}`]);
    await send();
    expect(mailsTo('mai@xa-tanphu.example.vn').at(-1)!.text).toContain('đã được chuyển tới biên tập viên');
    delete f.env.desk;
  });

  it.skipIf(skip)('a person of the hub writing from their address is linked; an oversized file is refused with a reply, the rest kept; a mail too large to read is answered', async () => {
    const person = await addPerson(f.deps, { displayName: 'Đặng Thị Hoa', email: 'hoa@example.vn' }, OPERATOR);
    const photo = await jpegBytes('#62a', 320, 180);
    const big = pdfBytes('x'.repeat(2 * 1024 * 1024 + 10));
    // Two recipients in one mailbox: the server stores two copies; they are one mail (one Message-ID).
    await arrive({ from: 'hoa@example.vn', to: 'Ban Biên tập <bbt@portal.test>', cc: NEWS, subject: 'Hội nghị chuyển đổi số', text: 'Chiều nay tỉnh tổ chức hội nghị chuyển đổi số.', messageId: '<h1@example.vn>', attachments: [{ filename: 'hoi-nghi.jpg', content: photo }, { filename: 'tai-lieu-lon.pdf', content: big }] });
    expect(await read()).toBe(1);
    const s = (await f.store.submissionById((await f.store.incomingMail('<h1@example.vn>'))!.subjectId!))!;
    expect(s).toMatchObject({ senderPersonId: person.id, origin: { byMail: { address: 'hoa@example.vn', outside: false } } });
    expect(s.attachments.map((a) => a.name)).toEqual(['hoi-nghi.jpg']);
    expect(submissionCard('vi', s, 'Asia/Ho_Chi_Minh')).not.toContain('bên ngoài');
    await send();
    const ack = mailsTo('hoa@example.vn').at(-1)!;
    expect(ack.text).toMatch(/tai-lieu-lon\.pdf \(2049 KB\): lớn hơn giới hạn 2048 KB[\s\S]*tai-lieu-lon\.pdf \(2049 KB\): larger than the 2048 KB limit/);

    const small = imapMailbox(f.dovecot.imapUrl, { maxMailBytes: 50_000 });
    await arrive({ from: 'hoa@example.vn', to: NEWS, subject: 'Video hội nghị', text: 'Video kèm theo.', messageId: '<h2@example.vn>', attachments: [{ filename: 'video.pdf', content: pdfBytes('y'.repeat(80_000)) }] });
    expect(await readMailbox(f.env, small)).toBe(1);
    expect(await f.store.incomingMail('<h2@example.vn>')).toMatchObject({ became: 'ignored' });
    await send();
    const tooLarge = mailsTo('hoa@example.vn').at(-1)!;
    expect(tooLarge.subject).toContain('Thư quá lớn');
    expect(tooLarge.inReplyTo).toBe('<h2@example.vn>');
  });
});
