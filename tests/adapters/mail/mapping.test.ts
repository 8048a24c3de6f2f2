import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { mailFromSource } from '../../../adapters/mail/mapping.js';

const place = { mailbox: 'INBOX', uidValidity: 7, uid: 3 };
const compose = (mail: ConstructorParameters<typeof MailComposer>[0]) => new MailComposer(mail).compile().build();

describe('a raw mail as the hub reads it', () => {
  it('keeps addresses, threading, text and attachments', async () => {
    const raw = await compose({
      from: 'Nguyễn Văn Bình <Binh@Example.VN>',
      to: 'Tin bài <tinbai@portal.test>',
      cc: ['a@x.test', 'b@x.test'],
      subject: 'Khánh thành cầu',
      text: 'Nội dung tin.',
      messageId: '<m2@example.vn>',
      inReplyTo: '<m1@example.vn>',
      references: ['<m0@example.vn>', '<m1@example.vn>'],
      headers: { 'X-Original-To': 'tinbai@portal.test' },
      // The second has no name: the composer names it, as senders' clients do.
      attachments: [{ filename: 'anh.jpg', content: Buffer.from([0xff, 0xd8, 0xff, 0xe0]), contentType: 'image/jpeg' }, { content: Buffer.from('%PDF-1.4'), contentType: 'application/pdf' }],
    });
    const mail = await mailFromSource(raw, place);
    expect(mail).toMatchObject({
      ...place,
      messageId: '<m2@example.vn>',
      from: { address: 'binh@example.vn', name: 'Nguyễn Văn Bình' },
      to: ['tinbai@portal.test'],
      cc: ['a@x.test', 'b@x.test'],
      deliveredTo: ['tinbai@portal.test'],
      subject: 'Khánh thành cầu',
      text: 'Nội dung tin.',
      inReplyTo: '<m1@example.vn>',
      references: ['<m0@example.vn>', '<m1@example.vn>'],
      automatic: false,
      tooLarge: null,
    });
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.bytes.length])).toEqual([['anh.jpg', 'image/jpeg', 4], ['attachment-2.pdf', 'application/pdf', 8]]);
  });

  it('reads an HTML-only mail as text, also when it carries a text file', async () => {
    const html = '<p>Cho tôi hỏi <b>thủ tục</b> cấp phép&nbsp;xây dựng?</p><p>Xin cảm ơn &amp; chúc sức khỏe.</p>';
    for (const attachments of [[], [{ filename: 'ghi-chu.txt', content: 'ghi chú' }]]) {
      const mail = await mailFromSource(await compose({ from: 'a@x.test', to: 'hoidap@portal.test', subject: 'Hỏi', html, attachments }), place);
      expect(mail.text).toContain('Cho tôi hỏi thủ tục cấp phép xây dựng?');
      expect(mail.text).toContain('Xin cảm ơn & chúc sức khỏe.');
    }
  });

  it.each([
    ['Auto-Submitted: auto-replied', { 'Auto-Submitted': 'auto-replied' }, 'a@x.test', true],
    ['Auto-Submitted: no', { 'Auto-Submitted': 'no' }, 'a@x.test', false],
    ['Precedence: bulk', { Precedence: 'bulk' }, 'a@x.test', true],
    ['Precedence: list', { Precedence: 'list' }, 'a@x.test', true],
    ['Precedence: auto_reply', { Precedence: 'auto_reply' }, 'a@x.test', true],
    ['a null sender (bounce)', { 'Return-Path': '<>' }, 'a@x.test', true],
    ['from MAILER-DAEMON', {}, 'MAILER-DAEMON@mx.x.test', true],
    ['X-Autoreply', { 'X-Autoreply': 'yes' }, 'a@x.test', true],
    ['a person writing', {}, 'a@x.test', false],
  ])('%s → automatic %s', async (_what, headers, from, automatic) => {
    expect((await mailFromSource(await compose({ from, to: 'hoidap@portal.test', subject: 'x', text: 'y', headers }), place)).automatic).toBe(automatic);
  });

  it('a delivery report is automatic', async () => {
    const raw = Buffer.from('From: postmaster@mx.x.test\r\nTo: hoidap@portal.test\r\nSubject: Undelivered Mail\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--b--\r\n');
    expect((await mailFromSource(raw, place)).automatic).toBe(true);
  });

  it('a mail read by its headers only has no text and no attachments, and says how large it was', async () => {
    const mail = await mailFromSource(Buffer.from('From: a@x.test\r\nTo: tinbai@portal.test\r\nSubject: Video lớn\r\nMessage-ID: <big@x.test>\r\n\r\n'), place, { bytes: 90_000_000 });
    expect(mail).toMatchObject({ messageId: '<big@x.test>', text: '', attachments: [], tooLarge: { bytes: 90_000_000 } });
  });
});
