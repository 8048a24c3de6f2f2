import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quotaDay } from '../../src/core/quota.js';
import { openClient } from '../../src/store/client.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { INTAKE, startJourney, type Journey, type TelegramFiles, type TgUser } from '../helpers/journey.js';
import { mp4Bytes } from '../helpers/mediaBytes.js';

const COLLABORATOR: TgUser = { id: 5_391_000_001, is_bot: false, first_name: 'Hòa', username: 'ctv_hoa' };

/**
 * The real service: a collaborator's video is published through the desk and mirrored to the YouTube
 * stand-in; a viewer comments there, and the service's own poller (every second here) brings the
 * comment in under the item, then the viewer's edit, counting its pages in the channel's quota day.
 */
describe.each(BACKENDS)('a YouTube comment reaches the hub by polling, on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let j: Journey;
  let people: Record<'editor' | 'secretary' | 'deputy', TgUser>;
  const video = mp4Bytes(300 * 1024);
  const files: TelegramFiles = { 'yt-video-1': { path: 'videos/file_9.mp4', bytes: video } };

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    j = await startJourney(db.url, files, { zaloGroup: false, env: { YOUTUBE_COMMENT_POLL_SECONDS: '1' } });
    people = {
      editor: await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor'),
      secretary: await j.person('Lê Minh Châu', 'chau@example.vn', 'secretary'),
      deputy: await j.person('Trần Thị Bích', 'bich@example.vn', 'deputy'),
    };
    await j.start();
  }, 400_000);

  afterAll(async () => {
    if (skip) return;
    await j?.stop();
    await db?.drop();
  }, 120_000);

  it.skipIf(skip)('a published video’s comment is stored under its item, once, and its edit follows', async () => {
    j.say(COLLABORATOR, INTAKE, { video: { file_id: 'yt-video-1', file_unique_id: 'ytv1', width: 1280, height: 720, duration: 8, mime_type: 'video/mp4', file_size: video.length }, caption: 'Thông xe cầu Rạch Đông\nCầu mới nối hai xã, thông xe sáng nay.' });
    const code = /DN-\d{4}-\d{5}/.exec(await j.waitText(INTAKE, 'Đã nhận tin'))![0];
    await j.pressOn(people.editor, code, 'Tiếp nhận', 'Tiếp nhận');
    await j.pressOn(people.editor, code, 'Bước: Biên tập', 'Duyệt');
    await j.pressOn(people.secretary, code, 'Bước: Thư ký', 'Duyệt');
    await j.pressOn(people.deputy, code, 'Bước: Phó Trưởng ban', 'Duyệt xuất bản');
    const url = `${j.portal}/vi/tin/${code}`;
    const uploaded = await j.telegram.waitFor(() => j.youtube.live.find((v) => v.description.includes(url) && v.playlists.length > 0), 90_000);

    const read = openClient(db.url);
    try {
      // The delivery is written once the playlist is joined: from then on the poller reads the video.
      await j.telegram.waitFor(async () => (await read.delivery.findFirst({ where: { code, state: 'delivered', externalId: uploaded.id } })) !== null, 60_000);
      const id = j.youtube.comments.comment(uploaded.id, { author: 'Nguyễn Văn Bình', text: 'Cầu có cho xe tải qua không?', channelId: 'UCbinh' });
      const row = await j.telegram.waitFor(() => read.interaction.findUnique({ where: { sourceKey: `youtube:${id}` } }), 60_000);
      expect(row).toMatchObject({ source: 'youtube', kind: 'comment', code, mirrorExternalId: uploaded.id, authorName: 'Nguyễn Văn Bình', authorRef: 'UCbinh', text: 'Cầu có cho xe tải qua không?', state: 'new' });

      j.youtube.comments.edit(id, 'Cầu có cho xe tải trên 10 tấn qua không?');
      const edited = await j.telegram.waitFor(async () => {
        const r = await read.interaction.findUnique({ where: { sourceKey: `youtube:${id}` } });
        return r?.editedAt ? r : null;
      }, 60_000);
      expect(edited.text).toBe('Cầu có cho xe tải trên 10 tấn qua không?');
      expect(await read.interaction.count({ where: { source: 'youtube' } })).toBe(1);
      const audit = await read.auditEvent.findMany({ where: { subjectType: 'interaction', subjectId: row.id }, orderBy: { seq: 'asc' } });
      expect(audit.map((a) => a.action)).toEqual(['interaction_received', 'interaction_edited']);

      // Every page read is counted in the Pacific day's quota, beside the upload (1,600 + thumbnail and playlist).
      const quota = await read.channelQuota.findFirst({ where: { period: quotaDay(new Date(), 'America/Los_Angeles'), channel: { platform: 'youtube' } } });
      expect(quota?.used).toBeGreaterThan(1700);
      expect(quota!.used - 1700).toBeLessThanOrEqual(j.youtube.comments.units);
    } finally {
      await read.$disconnect();
    }
    // Polling every second leaves no error in the service's log.
    expect(j.output().split('\n').filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
  }, 400_000);
});
