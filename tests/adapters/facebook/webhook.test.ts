import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { facebookEvents, facebookWebhookSource, sameSecret, verifyHubSignature } from '../../../adapters/facebook/webhook.js';
import { commentOfPost } from '../../../adapters/facebook/sweep.js';

const raw = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/facebook', name));
const fixture = (name: string): unknown => JSON.parse(raw(name).toString('utf8'));
const SECRET = 'meta-app-secret-0123456789abcdef';
const sign = (body: Buffer, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const POST = '104857600123456_122131676912594941';
const COMMENT = '122131676912594941_1213590066982748';

/** What Meta's Page webhook says, read into interactions: comments and replies, their edits and removals, nothing else. */
describe('Facebook comment notifications', () => {
  it('a citizen’s comment on a Page post is a comment under that post, dated by created_time', () => {
    expect(facebookEvents(fixture('comment-add.json'))).toEqual([
      {
        source: 'facebook',
        kind: 'comment',
        externalId: COMMENT,
        verb: 'add',
        parentExternalId: POST,
        mirrorExternalId: POST,
        channelAccount: '104857600123456',
        authorName: 'Nguyễn Văn Bình',
        authorRef: '7230451129384756',
        text: 'Khi nào đường ĐT768 thông xe?',
        occurredAt: new Date(1796004009 * 1000),
      },
    ]);
    expect(facebookWebhookSource.prefix).toBe('webhook:facebook:');
    expect(facebookWebhookSource.events(fixture('comment-add.json'))).toHaveLength(1);
  });

  it('a reply under a comment is a reply whose parent is that comment, still placed under the post', () => {
    const [reply] = facebookEvents(fixture('reply-add.json'));
    expect(reply).toMatchObject({ kind: 'reply', externalId: '122131676912594941_1213590066999001', parentExternalId: COMMENT, mirrorExternalId: POST, authorName: 'Trần Thị Hoa', text: 'Mình cũng muốn biết' });
  });

  it('an edit carries the new text; a removal carries none (the record keeps what it had)', () => {
    expect(facebookEvents(fixture('comment-edited.json'))).toMatchObject([{ verb: 'edited', externalId: COMMENT, text: 'Khi nào đường ĐT768 thông xe ạ?', occurredAt: new Date(1796004399 * 1000) }]);
    expect(facebookEvents(fixture('comment-remove.json'))).toMatchObject([{ verb: 'remove', externalId: COMMENT, text: '', kind: 'comment' }]);
  });

  it('the Page’s own replies (from the entry’s Page) are not interactions', () => {
    expect(facebookEvents(fixture('page-reply.json'))).toEqual([]);
  });

  it('reactions, likes, posts, hide events, Instagram and Messenger bodies, and junk hold no comments', () => {
    for (const body of fixture('not-comments.json') as unknown[]) expect(facebookEvents(body)).toEqual([]);
    for (const junk of [null, 42, 'page', [], {}, { object: 'page' }, { object: 'page', entry: 'x' }, { object: 'page', entry: [null, { changes: [null, { field: 'feed' }] }] }]) expect(facebookEvents(junk)).toEqual([]);
    // A comment change without its ids cannot be kept apart from others.
    const body = fixture('comment-add.json') as { entry: { changes: { value: Record<string, unknown> }[] }[] };
    delete body.entry[0]!.changes[0]!.value.comment_id;
    expect(facebookEvents(body)).toEqual([]);
  });

  it('several changes in several entries are each read', () => {
    const a = fixture('comment-add.json') as { entry: unknown[] };
    const b = fixture('reply-add.json') as { entry: unknown[] };
    const c = fixture('page-reply.json') as { entry: unknown[] };
    expect(facebookEvents({ object: 'page', entry: [...a.entry, ...c.entry, ...b.entry] }).map((e) => e.kind)).toEqual(['comment', 'reply']);
  });
});

describe('the X-Hub-Signature-256 check', () => {
  const body = raw('comment-add.json');

  it('takes the HMAC-SHA256 of the raw bytes with the app secret, in either case of hex', () => {
    expect(verifyHubSignature(body, sign(body), SECRET)).toBe(true);
    expect(verifyHubSignature(body, sign(body).toUpperCase().replace('SHA256=', 'sha256='), SECRET)).toBe(true);
  });

  it('refuses another secret, a changed byte, the same text re-serialised, a missing or malformed header', () => {
    expect(verifyHubSignature(body, sign(body, `${SECRET}x`), SECRET)).toBe(false);
    const tampered = Buffer.from(body);
    tampered[tampered.indexOf('768')] = '9'.charCodeAt(0);
    expect(verifyHubSignature(tampered, sign(body), SECRET)).toBe(false);
    // Meta signs its escaped bytes: the same JSON written unescaped is other bytes.
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))));
    expect(verifyHubSignature(reserialised, sign(body), SECRET)).toBe(false);
    const sha1 = `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}`;
    for (const header of [undefined, null, '', 'sha256=', sign(body).slice(0, -2), `${sign(body)}00`, sha1, sign(body).replace('sha256=', '')]) expect(verifyHubSignature(body, header, SECRET)).toBe(false);
  });

  it('compares verify tokens whole, whatever their length', () => {
    expect(sameSecret('fake-verify-token-for-portal-hub', 'fake-verify-token-for-portal-hub')).toBe(true);
    expect(sameSecret('fake-verify-token-for-portal-hu', 'fake-verify-token-for-portal-hub')).toBe(false);
    expect(sameSecret('', 'fake-verify-token-for-portal-hub')).toBe(false);
  });
});

describe('comments as the sweep lists them', () => {
  const PAGE = '104857600123456';
  it('are comments or replies under the post; the Page’s own are left out', () => {
    expect(commentOfPost(PAGE, POST, { id: COMMENT, from: { id: '7230451129384756', name: 'Nguyễn Văn Bình' }, message: 'Khi nào?', created_time: '2026-12-01T02:00:09+0000' })).toMatchObject({
      kind: 'comment',
      parentExternalId: POST,
      mirrorExternalId: POST,
      verb: 'add',
      occurredAt: new Date('2026-12-01T02:00:09Z'),
    });
    expect(commentOfPost(PAGE, POST, { id: 'x_2', from: { id: '66', name: 'Hoa' }, message: 'Ừ', created_time: '2026-12-01T02:01:00+0000', parent: { id: COMMENT } })).toMatchObject({ kind: 'reply', parentExternalId: COMMENT });
    expect(commentOfPost(PAGE, POST, { id: 'x_3', from: { id: PAGE, name: 'Trang' }, message: 'Cảm ơn', created_time: '2026-12-01T02:02:00+0000', parent: { id: COMMENT } })).toBeNull();
    // Graph leaves `from` out where it may not tell who wrote: kept, unnamed.
    expect(commentOfPost(PAGE, POST, { id: 'x_4', message: 'Ẩn danh', created_time: '2026-12-01T02:03:00+0000' })).toMatchObject({ authorName: null, authorRef: null });
  });
});
