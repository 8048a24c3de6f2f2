import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { facebookWebhookSource } from '../../adapters/facebook/webhook.js';
import { drainWebhooks } from '../../src/app/interactions/webhooks.js';
import { facebookWebhookRoutes } from '../../src/http/webhooks/facebook.js';
import { connectChannel } from '../../src/app/channels.js';
import { sealingKey } from '../../src/core/sealing.js';
import { CHANNEL_PROFILES } from '../../src/mirrorSetup.js';
import { openClient } from '../../src/store/client.js';
import { FakeGraph, metaJson } from '../fakes/graphApi.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, TEST_HUB_SECRET, type Desk } from '../helpers/desk.js';
import { journeyPerSuite } from '../helpers/journey.js';

const BINH = { id: '7230451129384756', name: 'Nguyễn Văn Bình' };
const POST = '1000_122131676912594941';
const ONE_MB = 1024 * 1024;

/** What the database holds of Facebook webhooks: inbox rows, interactions, and their audit rows. */
async function stored(url: string) {
  const read = openClient(url);
  try {
    const inbox = await read.inboundUpdate.findMany({ where: { key: { startsWith: 'webhook:facebook:' } } });
    const interactions = await read.interaction.findMany({ where: { source: 'facebook' } });
    const audit = await read.auditEvent.findMany({ where: { OR: [{ subjectType: 'interaction' }, { action: { startsWith: 'security.refused' } }] }, orderBy: { seq: 'asc' } });
    return { inbox, interactions, audit };
  } finally {
    await read.$disconnect();
  }
}

/**
 * The Facebook webhook as Meta and an attacker reach it: the signature over the raw bytes decides,
 * a refused body leaves nothing behind but an audit row, and a re-delivered or edited comment is
 * one record that shows its history.
 */
describe.each(BACKENDS)('the Facebook webhook in-process on $name', ({ fresh, skip }) => {
  let db: TestDatabase | null = null;
  let desk: Desk;
  const graph = new FakeGraph('1000', 'page-token');
  const refusals: [string, Record<string, string>][] = [];
  afterEach(async () => {
    await desk?.store.close();
    await db?.drop();
    db = null;
    refusals.length = 0;
  });
  const open = async (secrets: { appSecret: string; verifyToken: string } | null = { appSecret: graph.appSecret, verifyToken: graph.verifyToken }) => {
    db = await fresh();
    desk = await seedDesk(db.url);
    // The Page the events happen on is connected: events of any other Page are no concern of ours.
    const connected = await connectChannel(desk.deps, sealingKey(TEST_HUB_SECRET), CHANNEL_PROFILES, { key: 'facebook', platform: 'facebook', accountId: graph.pageId, token: graph.token });
    if (!connected.ok) throw new Error(connected.reason);
    const routes = facebookWebhookRoutes({ deps: desk.deps, source: facebookWebhookSource, secrets, refused: (source, detail) => refusals.push([source, detail]) });
    const send = (body: object | string | Buffer, signature: 'good' | 'wrong' | 'none' = 'good') => graph.sendWebhook('http://hub.test/webhooks/facebook', body, { signature, via: (url, init) => routes.request(url, init) });
    const verify = async (query: string) => {
      const r = await routes.request(`http://hub.test/webhooks/facebook?${query}`);
      return { status: r.status, text: await r.text() };
    };
    return { routes, send, verify };
  };

  it.skipIf(skip)('a wrong or missing signature is 401, nothing is stored, and the refusal is reported', async () => {
    const { send, routes } = await open();
    const body = graph.commentWebhook(graph.comment(POST, BINH, 'Giả mạo'), 'add');
    expect((await send(body, 'wrong')).status).toBe(401);
    expect((await send(body, 'none')).status).toBe(401);
    // Signed right, but one byte changed on the way.
    const tampered = Buffer.from(metaJson(body).replace('Gi', 'Gy'));
    const signedFor = metaJson(body);
    const forged = await graph.sendWebhook('http://hub.test/webhooks/facebook', tampered, { via: async (url, init) => {
      const headers = new Headers(init.headers);
      headers.set('X-Hub-Signature-256', `sha256=${createHmac('sha256', graph.appSecret).update(signedFor).digest('hex')}`);
      return routes.request(url, { ...init, headers });
    } });
    expect(forged.status).toBe(401);
    expect(refusals.map(([source, detail]) => [source, detail.reason])).toEqual([
      ['facebook:unknown', 'wrong'],
      ['facebook:unknown', 'missing'],
      ['facebook:unknown', 'wrong'],
    ]);
    await drainWebhooks(desk.deps, [facebookWebhookSource]);
    const { inbox, interactions } = await stored(db!.url);
    expect([inbox.length, interactions.length]).toEqual([0, 0]);
  });

  it.skipIf(skip)('the same comment delivered five times is one record; an edit then a removal both show, audited', async () => {
    const { send } = await open();
    const comment = graph.comment(POST, BINH, 'Khi nào đường ĐT768 thông xe?');
    const add = graph.commentWebhook(comment, 'add') as { entry: { time: number }[] };
    // Meta's retries: the same bytes, and the same change in an envelope of another time.
    for (let i = 0; i < 3; i += 1) expect(await send(add)).toEqual({ status: 200, text: 'EVENT_RECEIVED' });
    for (let i = 1; i <= 2; i += 1) expect((await send({ ...add, entry: add.entry.map((e) => ({ ...e, time: e.time + i })) })).status).toBe(200);
    await drainWebhooks(desk.deps, [facebookWebhookSource]);
    comment.message = 'Khi nào đường ĐT768 thông xe ạ?';
    await send(graph.commentWebhook(comment, 'edited'));
    await drainWebhooks(desk.deps, [facebookWebhookSource]);
    await send(graph.commentWebhook(comment, 'remove'));
    await drainWebhooks(desk.deps, [facebookWebhookSource]);

    const { inbox, interactions, audit } = await stored(db!.url);
    expect(inbox.map((r) => r.state)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(interactions).toHaveLength(1);
    const record = (await desk.store.interactionById(interactions[0]!.id))!;
    expect(record.text).toBe('Khi nào đường ĐT768 thông xe ạ?');
    expect(record.removedAt).not.toBeNull();
    expect(record.history.map((h) => [h.verb, h.text])).toEqual([
      ['edited', 'Khi nào đường ĐT768 thông xe?'],
      ['remove', 'Khi nào đường ĐT768 thông xe ạ?'],
    ]);
    expect(audit.map((a) => a.action)).toEqual(['interaction_edited', 'interaction_removed']);
  });

  it.skipIf(skip)('a correctly signed comment on a Page the hub is not connected to is taken from Meta but stored nowhere', async () => {
    const { send } = await open();
    const other = new FakeGraph('999999', 'other-token');
    expect((await send(other.commentWebhook(other.comment('999999_1', BINH, 'Trang khác'), 'add'))).status).toBe(200);
    expect((await send(graph.commentWebhook(graph.comment(POST, BINH, 'Trang của mình'), 'add'))).status).toBe(200);
    await drainWebhooks(desk.deps, [facebookWebhookSource]);
    const { inbox, interactions } = await stored(db!.url);
    expect(inbox.map((r) => r.state)).toEqual(['done', 'done']);
    expect(interactions.map((r) => r.text)).toEqual(['Trang của mình']);
  });

  it.skipIf(skip)('a correctly signed comment that names no Page is taken from Meta but stored nowhere (no one could answer it)', async () => {
    const { send } = await open();
    const body = graph.commentWebhook(graph.comment(POST, BINH, 'Không rõ trang'), 'add') as { entry: Record<string, unknown>[] };
    expect((await send({ ...body, entry: body.entry.map(({ id: _id, ...rest }) => rest) })).status).toBe(200);
    expect((await send({ ...body, entry: body.entry.map((e) => ({ ...e, id: '' })) })).status).toBe(200);
    await drainWebhooks(desk.deps, [facebookWebhookSource]);
    const { inbox, interactions } = await stored(db!.url);
    expect(inbox.map((r) => r.state)).toEqual(['done', 'done']);
    expect(interactions).toEqual([]);
  });

  it.skipIf(skip)('a body past 1 MB is refused with 413 and not stored, signed or not', async () => {
    const { send } = await open();
    const huge = Buffer.from(JSON.stringify({ object: 'page', entry: [], pad: 'x'.repeat(ONE_MB) }));
    expect((await send(huge, 'good')).status).toBe(413);
    expect((await send(huge, 'none')).status).toBe(401);
    expect((await stored(db!.url)).inbox).toHaveLength(0);
  });

  it.skipIf(skip)('the verification handshake echoes the challenge only for subscribe with the right token', async () => {
    const { verify } = await open();
    const t = encodeURIComponent(graph.verifyToken);
    expect(await verify(`hub.mode=subscribe&hub.verify_token=${t}&hub.challenge=1158201444`)).toEqual({ status: 200, text: '1158201444' });
    expect((await verify(`hub.mode=subscribe&hub.verify_token=${t}x&hub.challenge=1158201444`)).status).toBe(403);
    expect((await verify(`hub.mode=subscribe&hub.verify_token=${t.slice(0, -1)}&hub.challenge=1158201444`)).status).toBe(403);
    expect((await verify(`hub.mode=unsubscribe&hub.verify_token=${t}&hub.challenge=1158201444`)).status).toBe(403);
    expect((await verify('hub.challenge=1158201444')).status).toBe(403);
    // Only a token-like challenge is echoed: nothing of a stranger's markup comes back.
    expect((await verify(`hub.mode=subscribe&hub.verify_token=${t}&hub.challenge=${encodeURIComponent('<script>x</script>')}`)).status).toBe(400);
  });

  it.skipIf(skip)('without the app secret and verify token the webhook is off: 404 either way', async () => {
    const { send, verify } = await open(null);
    expect((await send(graph.commentWebhook(graph.comment(POST, BINH, 'Xin chào'), 'add'))).status).toBe(404);
    expect((await verify(`hub.mode=subscribe&hub.verify_token=${graph.verifyToken}&hub.challenge=1`)).status).toBe(404);
    expect((await stored(db!.url)).inbox).toHaveLength(0);
  });
});

/** The real service, driven only from outside: Meta's stand-in POSTs to its port; the database shows what it kept. */
describe.each(BACKENDS)('the Facebook webhook of the running service on $name', ({ fresh, skip }) => {
  // The operator connects the Page (the webhook keeps only what happens on a connected Page).
  const suite = journeyPerSuite(skip, fresh, {
    mirrors: false,
    zaloGroup: false,
    prepare: async (j) => void (await j.cli(['channel', 'connect', 'facebook', '--platform', 'facebook', '--account', j.graph.pageId], j.graph.token)),
  });

  const hook = () => `${suite.j.portal}/webhooks/facebook`;
  const until = <T>(probe: () => Promise<T | null | undefined | false>) => suite.j.telegram.waitFor(probe, 30_000);

  it.skipIf(skip)('answers Meta’s handshake, refuses forged and oversized bodies, and keeps one record per comment with its edit and removal', async () => {
    const t = encodeURIComponent(suite.j.graph.verifyToken);
    const handshake = await fetch(`${hook()}?hub.mode=subscribe&hub.verify_token=${t}&hub.challenge=987654321`);
    expect([handshake.status, await handshake.text()]).toEqual([200, '987654321']);
    expect((await fetch(`${hook()}?hub.mode=subscribe&hub.verify_token=wrong-token-0000000000&hub.challenge=1`)).status).toBe(403);

    const comment = suite.j.graph.comment(POST, BINH, 'Khi nào đường ĐT768 thông xe?');
    const add = suite.j.graph.commentWebhook(comment, 'add');
    expect((await suite.j.graph.sendWebhook(hook(), add, { signature: 'wrong' })).status).toBe(401);
    expect((await suite.j.graph.sendWebhook(hook(), add, { signature: 'none' })).status).toBe(401);
    expect((await suite.j.graph.sendWebhook(hook(), Buffer.alloc(ONE_MB + 1, 0x20))).status).toBe(413);

    for (let i = 0; i < 5; i += 1) expect(await suite.j.graph.sendWebhook(hook(), add)).toEqual({ status: 200, text: 'EVENT_RECEIVED' });
    const created = await until(async () => (await stored(suite.db.url)).interactions[0]);
    expect(created).toMatchObject({ externalId: comment.id, kind: 'comment', authorName: 'Nguyễn Văn Bình', text: 'Khi nào đường ĐT768 thông xe?', state: 'new' });

    comment.message = 'Khi nào đường ĐT768 thông xe ạ?';
    expect((await suite.j.graph.sendWebhook(hook(), suite.j.graph.commentWebhook(comment, 'edited'))).status).toBe(200);
    await until(async () => (await stored(suite.db.url)).interactions[0]?.editedAt);
    expect((await suite.j.graph.sendWebhook(hook(), suite.j.graph.commentWebhook(comment, 'remove'))).status).toBe(200);
    const removed = await until(async () => (await stored(suite.db.url)).interactions.find((r) => r.removedAt !== null));
    expect(JSON.parse(removed.history) as { verb: string; text: string }[]).toMatchObject([
      { verb: 'edited', text: 'Khi nào đường ĐT768 thông xe?' },
      { verb: 'remove', text: 'Khi nào đường ĐT768 thông xe ạ?' },
    ]);

    const { inbox, interactions, audit } = await stored(suite.db.url);
    expect(interactions).toHaveLength(1);
    // Three bodies were taken (the add once, however often it came; the edit; the removal); none of the refused ones.
    expect(inbox.map((r) => r.state)).toEqual(['done', 'done', 'done']);
    expect(audit.filter((a) => a.subjectType === 'interaction').map((a) => a.action)).toEqual(['interaction_edited', 'interaction_removed']);
    const refused = audit.filter((a) => a.action === 'security.refused.webhook_signature');
    expect(refused[0]).toMatchObject({ subjectId: 'facebook:127.0.0.1' });
    expect(JSON.parse(refused[0]!.data ?? '{}')).toMatchObject({ reason: 'wrong' });
    // The app secret is never written to the log.
    expect(suite.j.output()).not.toContain(suite.j.graph.appSecret);
  }, 120_000);
});
