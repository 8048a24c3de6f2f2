import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imapMailbox, imapTarget } from '../../../adapters/mail/mailbox.js';
import { smtpTarget } from '../../../adapters/mail/sender.js';
import type { MailIn } from '../../../src/app/mail/ports.js';
import { dovecotPresent, startDovecot, type Dovecot } from '../../fakes/dovecot.js';

describe('the mail servers’ addresses', () => {
  it('reads imap(s) and smtp(s) URLs with their defaults and encoded passwords', () => {
    expect(imapTarget('imaps://hoidap%40tinh.gov.vn:p%40ss%2Fw@mail.tinh.gov.vn/T%C3%ADn%20b%C3%A0i')).toEqual({ host: 'mail.tinh.gov.vn', port: 993, secure: true, user: 'hoidap@tinh.gov.vn', pass: 'p@ss/w', mailbox: 'Tín bài' });
    expect(imapTarget('imap://u:p@127.0.0.1:1143')).toMatchObject({ port: 1143, secure: false, mailbox: 'INBOX' });
    expect(smtpTarget('smtps://u:p%21@smtp.tinh.gov.vn')).toEqual({ host: 'smtp.tinh.gov.vn', port: 465, secure: true, user: 'u', pass: 'p!' });
    expect(smtpTarget('smtp://relay.tinh.gov.vn:25')).toEqual({ host: 'relay.tinh.gov.vn', port: 25, secure: false, user: null, pass: null });
  });
});

describe.skipIf(!dovecotPresent)('the portal mailbox over IMAP (dovecot)', () => {
  let d: Dovecot;
  beforeAll(async () => {
    d = await startDovecot();
  }, 30_000);
  afterAll(async () => d?.stop());

  it('hands the mails after the cursor in UID order, at most the limit, and tells the UIDVALIDITY it read at', async () => {
    for (const i of [1, 2, 3]) await d.deliver({ from: 'a@x.test', to: 'hoidap@portal.test', subject: `Thư ${i}`, text: `Nội dung ${i}`, envelope: { from: 'a@x.test', to: ['hoidap@portal.test'] } });
    const box = imapMailbox(d.imapUrl, { maxMailBytes: 1_000_000 });
    const seen: number[] = [];
    const got: MailIn[] = [];
    expect(await box.read(async (v) => (seen.push(v), 1), async (m) => void got.push(m), 10)).toBe(2);
    expect(got.map((m) => [m.uid, m.subject])).toEqual([[2, 'Thư 2'], [3, 'Thư 3']]);
    expect(got.every((m) => m.uidValidity === seen[0] && m.mailbox === 'INBOX')).toBe(true);
    const first: MailIn[] = [];
    expect(await box.read(async () => 0, async (m) => void first.push(m), 1)).toBe(1);
    expect(first.map((m) => m.uid)).toEqual([1]);
    // Past the last UID, nothing (IMAP's `n:*` still names the last mail; the cursor filters it).
    expect(await box.read(async () => 3, async () => undefined, 10)).toBe(0);
  });

  it('a mail over the size read whole is read by its headers only', async () => {
    await d.deliver({ from: 'a@x.test', to: 'tinbai@portal.test', subject: 'Video lớn', text: 'x'.repeat(20_000), messageId: '<big@x.test>', envelope: { from: 'a@x.test', to: ['tinbai@portal.test'] } });
    const got: MailIn[] = [];
    await imapMailbox(d.imapUrl, { maxMailBytes: 5_000 }).read(async () => 3, async (m) => void got.push(m), 10);
    expect(got[0]).toMatchObject({ messageId: '<big@x.test>', subject: 'Video lớn', text: '', tooLarge: { bytes: expect.any(Number) } });
  });

  it('says what is wrong in words an operator acts on: the login, the mailbox, the server', async () => {
    const fail = (url: string) => imapMailbox(url, { maxMailBytes: 1_000 }).read(async () => 0, async () => undefined, 1).then(() => 'read', (e: Error) => e.message);
    expect(await fail(d.imapUrl.replace(d.password, 'wrong'))).toContain('IMAP login refused (AUTHENTICATIONFAILED)');
    expect(await fail(`${d.imapUrl}/Khong-co`)).toContain('IMAP mailbox not found');
    expect(await fail('imap://u:p@127.0.0.1:1')).toBe('IMAP server not reachable (ECONNREFUSED)');
  });
});
