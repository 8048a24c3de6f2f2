import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpSender } from '../../../adapters/mail/sender.js';
import { MAIL_CLAIM_MS, MAIL_LEASE_MS, MAX_MAIL_ATTEMPTS, sendOutbox } from '../../../src/app/mail/outbox.js';
import { makeMediaRef } from '../../../src/core/mediaRef.js';
import { keepMedia } from '../../../src/store/mediaFiles.js';
import { dovecotPresent } from '../../fakes/dovecot.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { mailFixture, type MailFixture } from '../../helpers/mail.js';
import { jpegBytes } from '../../helpers/mediaBytes.js';

describe.each(BACKENDS)('the mail outbox on $name', ({ fresh, skip: noDb }) => {
  const skip = noDb || !dovecotPresent;
  let db: TestDatabase;
  let f: MailFixture;
  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    f = await mailFixture(db.url, { sendTimeoutMs: 1_000 });
  }, 60_000);
  afterAll(async () => {
    if (skip) return;
    await f.close();
    await db.drop();
  });

  let n = 0;
  const queue = async (extra: Partial<Parameters<MailFixture['store']['queueMail']>[0]> = {}) => {
    n += 1;
    return f.store.queueMail({ purpose: `test:${n}`, to: `dan${n}@example.vn`, subject: `Thư số ${n}`, text: `Nội dung thư ${n}.`, ...extra }, f.time.clock());
  };
  /** Runs the send job until nothing is due now. */
  const drain = async () => {
    for (let i = 0; i < 5; i += 1) await sendOutbox(f.env, f.sender);
  };

  it.skipIf(skip)('sends a queued mail once, with its Message-ID, its thread and its stored files', async () => {
    const photo = await keepMedia(await jpegBytes('#2a6'), 'anh.jpg', f.env.media, f.time.clock());
    if (!photo.ok) throw new Error('not kept');
    const { messageId, queued } = await queue({ inReplyTo: '<their-1@example.vn>', references: '<their-0@example.vn> <their-1@example.vn>', attachments: [{ filename: 'Ảnh hiện trường.jpg', ref: photo.ref }] });
    expect(queued).toBe(true);
    // Queued twice for the same purpose: one mail.
    expect((await f.store.queueMail({ purpose: `test:${n}`, to: 'x@example.vn', subject: 'x', text: 'x' }, f.time.clock())).queued).toBe(false);
    await drain();
    const got = f.sink.mails.filter((m) => m.messageId === messageId);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ to: [`dan${n}@example.vn`], subject: `Thư số ${n}`, inReplyTo: '<their-1@example.vn>', references: ['<their-0@example.vn>', '<their-1@example.vn>'] });
    expect(got[0]!.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    const stored = readFileSync(join(f.mediaDir, photo.ref));
    expect(got[0]!.parsed.attachments.map((a) => [a.filename, a.content.equals(stored)])).toEqual([['Ảnh hiện trường.jpg', true]]);
    expect(await f.store.outgoingMail(`test:${n}`)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it.skipIf(skip)('a 4xx is tried again after a back-off; a 5xx fails at once and the admins hear it in both languages', async () => {
    const later = await queue();
    f.sink.fault({ kind: 'refuse', code: 451, message: 'greylisted' });
    await sendOutbox(f.env, f.sender);
    const waiting = await f.store.outgoingMail(`test:${n}`);
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1 });
    expect(waiting!.lastError).toContain('451');
    expect(waiting!.nextAttemptAt.getTime()).toBeGreaterThan(f.time.clock().getTime());
    await drain();
    expect(f.sink.mails.filter((m) => m.messageId === later.messageId)).toHaveLength(0);
    f.time.advance(60_000);
    await drain();
    expect(f.sink.mails.filter((m) => m.messageId === later.messageId)).toHaveLength(1);

    await queue({ subject: 'Thư bị từ chối' });
    f.sink.fault({ kind: 'refuse', code: 550, message: 'no such user' });
    await drain();
    expect(await f.store.outgoingMail(`test:${n}`)).toMatchObject({ state: 'failed', attempts: 1 });
    const alert = f.alerts.at(-1)!;
    expect(alert).toContain(`dan${n}@example.vn`);
    expect(alert).toContain('Thư bị từ chối');
    expect(alert).toContain('550');
    expect(alert).toMatch(/không gửi được[\s\S]*could not be sent/);
  });

  it.skipIf(skip)('a server that takes the DATA and never answers: the outcome is unknown, the mail goes again with the same Message-ID', async () => {
    const mail = await queue();
    f.sink.fault({ kind: 'hang' });
    await sendOutbox(f.env, f.sender);
    expect(await f.store.outgoingMail(`test:${n}`)).toMatchObject({ state: 'pending', attempts: 1 });
    expect(f.logged.some((l) => l.msg.includes('outcome unknown'))).toBe(true);
    f.time.advance(60_000);
    await drain();
    // The server saw it twice (the first copy was on the wire); both carry the one Message-ID, so the reader's client shows one.
    const tried = f.sink.attempts.filter((raw) => raw.toString().includes(mail.messageId));
    expect(tried).toHaveLength(1);
    expect(f.sink.mails.filter((m) => m.messageId === mail.messageId)).toHaveLength(1);
    expect(await f.store.outgoingMail(`test:${n}`)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it.skipIf(skip)('a worker killed between its claim and the send: the mail goes once, after the lease; killed on the wire: again, same Message-ID', async () => {
    const claimedOnly = await queue();
    // Claimed as sendOutbox claims: a mail not yet on the wire is held for a minute, not for the on-wire lease.
    const [claimed] = await f.store.claimDueMails(f.time.clock(), 1, 'dead-worker', MAIL_CLAIM_MS);
    expect(claimed?.messageId).toBe(claimedOnly.messageId);
    // The dead worker's claim holds until its lease ends: nobody sends it meanwhile.
    await drain();
    expect(f.sink.mails.filter((m) => m.messageId === claimedOnly.messageId)).toHaveLength(0);
    f.time.advance(MAIL_CLAIM_MS + 1);
    await drain();
    expect(f.sink.mails.filter((m) => m.messageId === claimedOnly.messageId)).toHaveLength(1);
    expect(await f.store.outgoingMail(`test:${n}`)).toMatchObject({ state: 'sent', attempts: 1 });

    const onWire = await queue();
    const [second] = await f.store.claimDueMails(f.time.clock(), 1, 'dying-worker', MAIL_LEASE_MS);
    expect(await f.store.startMail(second!.id, 'dying-worker', new Date(f.time.clock().getTime() + MAIL_LEASE_MS))).toBe(true);
    f.time.advance(MAIL_LEASE_MS + 1);
    await drain();
    // Had the dying worker answered late, that would change nothing: the mail is another's now.
    expect(await f.store.settleMail(second!.id, 'dying-worker', { state: 'failed', lastError: 'late' })).toBe(false);
    expect(f.sink.mails.filter((m) => m.messageId === onWire.messageId)).toHaveLength(1);
    expect(await f.store.outgoingMail(`test:${n}`)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(f.logged.some((l) => l.msg.includes('on the wire when its worker stopped'))).toBe(true);
  });

  it.skipIf(skip)('two workers at once send each mail once', async () => {
    const mails = await Promise.all([queue(), queue(), queue(), queue()]);
    await Promise.all([sendOutbox(f.env, f.sender), sendOutbox(f.env, f.sender)]);
    for (const m of mails) expect(f.sink.mails.filter((s) => s.messageId === m.messageId)).toHaveLength(1);
  });

  it.skipIf(skip)('a server that stays unreachable: retried with back-off, then given up with an alert; a missing file fails at once', async () => {
    const down = smtpSender('smtp://127.0.0.1:1', { from: 'x@portal.test', mediaDir: f.mediaDir, timeoutMs: 1_000 });
    await queue({ subject: 'Máy chủ không mở' });
    for (let i = 0; i < MAX_MAIL_ATTEMPTS; i += 1) {
      await sendOutbox(f.env, down);
      f.time.advance(31 * 60_000);
    }
    const gone = await f.store.outgoingMail(`test:${n}`);
    expect(gone).toMatchObject({ state: 'failed', attempts: MAX_MAIL_ATTEMPTS });
    expect(gone!.lastError).toContain('ECONNREFUSED');
    expect(f.alerts.at(-1)).toContain('Máy chủ không mở');

    const ref = makeMediaRef('0'.repeat(64), 'pdf', f.time.clock());
    await queue({ subject: 'Tệp đã mất', attachments: [{ filename: 'quyet-dinh.pdf', ref }] });
    await drain();
    expect(await f.store.outgoingMail(`test:${n}`)).toMatchObject({ state: 'failed' });
    expect(f.alerts.at(-1)).toContain('quyet-dinh.pdf');
  });
});
