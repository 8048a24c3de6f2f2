import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ZALO_MEDIA_HOSTS, loadConfig } from '../../src/config.js';
import { startInternalHost } from '../fakes/internalHost.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { GROUP, startZaloBed } from '../helpers/zalo.js';

type Bed = Awaited<ReturnType<typeof startZaloBed>>;
type Internal = Awaited<ReturnType<typeof startInternalHost>>;

const collaborator = { uid: '880100200399', name: 'Người Lạ' };
const REFUSED = /không nằm trên máy chủ tệp của Zalo/;
/** Zalo's file hosts as found in real message payloads (photo-stal-N.zdn.vn, file-stal-N.dlfl.vn → flchat.vn, dlmd.me). */
const ZALO_CDN = ['zdn.vn', 'zadn.vn', 'dlfl.vn', 'flchat.vn', 'dlmd.me'];
const codeIn = (text: string) => /BP-\d{4}-\d{5}/.exec(text)![0];

/** A Zalo photo message is only a URL the sender chose: the hub must not be aimed at its own network through it. */
describe('Zalo attachment URLs reach only Zalo’s file hosts', () => {
  let db: TestDatabase;
  let bed: Bed | null = null;
  let internal: Internal;

  beforeEach(async () => {
    db = await freshSqlite();
    internal = await startInternalHost();
  });
  afterEach(async () => {
    await bed?.stop();
    bed = null;
    await internal.close();
    await db.drop();
  });

  const sendPhoto = (href: string) => {
    bed!.fake.groupMessage({ threadId: GROUP, from: collaborator.uid, name: collaborator.name, content: { title: '', description: '', href, thumb: '', params: '{"width":640,"height":480}' }, msgType: 'chat.photo' });
    bed!.fake.groupMessage({ threadId: GROUP, from: collaborator.uid, name: collaborator.name, content: 'Ảnh hiện trường\nGửi kèm ảnh chụp sáng nay tại xã.' });
  };
  const attachmentsOf = async (text: string) => (await bed!.deps.store.submissionByCode(codeIn(text)))?.attachments ?? [];

  it('by default only Zalo’s CDN hosts are allowed; ZALO_MEDIA_HOSTS replaces the list', () => {
    const defaults = loadConfig({ ZALO_GROUP_INTAKE: GROUP }, false);
    expect(defaults.ok && defaults.config.zaloGroup?.mediaHosts).toEqual(ZALO_CDN);
    expect(DEFAULT_ZALO_MEDIA_HOSTS).toEqual(ZALO_CDN);
    const listed = loadConfig({ ZALO_GROUP_INTAKE: GROUP, ZALO_MEDIA_HOSTS: 'zdn.vn, 127.0.0.1' }, false);
    expect(listed.ok && listed.config.zaloGroup?.mediaHosts).toEqual(['zdn.vn', '127.0.0.1']);
  });

  it('with the default hosts, a photo URL on the loopback is never requested; the sender hears why and the rest is kept', async () => {
    bed = await startZaloBed(db.url, { mediaHosts: ZALO_CDN });
    sendPhoto(`http://127.0.0.1:${internal.port}/admin/keys`);
    const told = await bed.sentTo(GROUP, REFUSED);
    expect(internal.hits).toEqual([]);
    // Not kept as a link either: an editor must not be handed an address inside our network.
    expect(await attachmentsOf(told.text)).toEqual([]);
    expect((await bed.deps.store.submissionByCode(codeIn(told.text)))?.rawText).toContain('Ảnh hiện trường');
  });

  it('a listed name that resolves to the loopback is refused too: a redirect there from an allowed host is not followed', async () => {
    // 127.0.0.1 plays Zalo's file host; `localhost` is listed, yet it resolves inside our network.
    bed = await startZaloBed(db.url, { mediaHosts: ['127.0.0.1', 'localhost'] });
    sendPhoto(`http://127.0.0.1:${internal.port}/to?url=${encodeURIComponent(`http://localhost:${internal.port}/admin/keys`)}`);
    const told = await bed.sentTo(GROUP, REFUSED);
    expect(internal.hits.filter((h) => h.startsWith('/admin'))).toEqual([]);
    expect(await attachmentsOf(told.text)).toEqual([]);
  });

  it('every redirect hop is checked against the list: a hop to a host not on it is not followed, one within it is', async () => {
    bed = await startZaloBed(db.url, { mediaHosts: ['127.0.0.1'] });
    sendPhoto(`http://127.0.0.1:${internal.port}/to?url=${encodeURIComponent(`http://localhost:${internal.port}/admin/keys`)}`);
    const refused = await bed.sentTo(GROUP, REFUSED);
    expect(internal.hits.filter((h) => h.startsWith('/admin'))).toEqual([]);
    expect(await attachmentsOf(refused.text)).toEqual([]);

    sendPhoto(`http://127.0.0.1:${internal.port}/to?url=${encodeURIComponent(`http://127.0.0.1:${internal.port}/file`)}`);
    const second = await bed.tg.fake.waitFor(() => bed!.fake.sends.filter((s) => /Đã nhận tin/.test(s.text))[1]);
    expect((await attachmentsOf(second.text)).map((a) => a.kind)).toEqual(['photo']);
  });
});
