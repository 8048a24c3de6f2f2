import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../../fakes/telegramApi.js';
import { runCli } from '../../helpers/cli.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { freePort, startService, type Running } from '../../helpers/service.js';
import { fixture, TOKEN } from '../../helpers/telegram.js';

const SECRET = 'chat-service-test-hub-secret-0123456789abcdef';
const OLD_GROUP = -4012345678;
const NEW_GROUP = -1002012345678;
const ADMINS = -1009000000001;
const EDITORIAL = -1009000000002;

/**
 * The real service, driven only from outside: the operator's CLI, and a Bot API stand-in that
 * plays Telegram upgrading the intake group to a supergroup while collaborators keep posting.
 */
describe.each(BACKENDS)('the service follows an upgraded intake group on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let dataDir: string;
  let fake: FakeTelegram;
  let run: Running | null = null;

  beforeEach(async () => {
    if (skip) return;
    db = await fresh();
    dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-chat-'));
    fake = new FakeTelegram({ token: TOKEN });
    await fake.listen();
  });
  afterEach(async () => {
    if (skip) return;
    run?.child.kill('SIGTERM');
    if (run) await run.exited;
    await fake.close();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(skip)('records the new chat id as the same intake group, tells the admins once, and takes content (not stickers) from it', async () => {
    const env = { DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: SECRET };
    const init = await runCli(['init', '--site-key', 'tinh', '--name-vi', 'Cổng TTĐT tỉnh', '--name-en', 'Provincial portal', '--prefix', 'BP', '--admin-name', 'Quản Trị'], env);
    expect(init.code).toBe(0);
    run = startService(dataDir, await freePort(), {
      ...env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.root,
      TELEGRAM_INTAKE_CHATS: `${OLD_GROUP}=tinh`,
      TELEGRAM_ADMIN_CHAT: String(ADMINS),
      TELEGRAM_EDITORIAL_CHAT: String(EDITORIAL),
      LOG_FORMAT: 'json',
    });
    await fake.waitFor(() => fake.calls.some((c) => c.method === 'getUpdates'), 30_000);
    expect(fake.allowedUpdates).toEqual(['message', 'edited_message', 'callback_query']);

    // Telegram announces the upgrade in the old group and in the new supergroup.
    const upgrade = fixture<Record<string, object>>('group-upgrade.json');
    fake.push({ message: upgrade.migrate_to! });
    fake.push({ message: upgrade.migrate_from! });
    const sticker = fixture<Record<string, { chat: object }>>('not-content.json').sticker!;
    const newChat = { id: NEW_GROUP, title: 'CTV gửi tin - Cổng TTĐT tỉnh', type: 'supergroup' };
    fake.push({ message: { ...sticker, message_id: 2, chat: newChat } });
    fake.push({ message: { message_id: 3, from: { id: 5111000007, is_bot: false, first_name: 'Vy' }, chat: newChat, date: Math.floor(Date.now() / 1000), text: 'Tin đầu tiên sau nâng cấp nhóm\nNội dung tin.' } });

    const ack = await fake.waitFor(() => fake.texts(NEW_GROUP).find((x) => /Đã nhận tin BP-\d{4}-00001 của Vy/.test(x)), 30_000);
    expect(ack).toBeTruthy();
    const alert = await fake.waitFor(() => fake.texts(ADMINS).find((x) => x.includes('nâng cấp')), 30_000);
    expect(alert).toContain(`Nhóm tiếp nhận ${OLD_GROUP} (trang tinh) đã được Telegram nâng cấp thành siêu nhóm ${NEW_GROUP}`);
    expect(alert.indexOf('Nhóm tiếp nhận')).toBeLessThan(alert.indexOf('Intake group'));
    // The review card reaches the editors: the submission belongs to the intake group's site.
    await fake.waitFor(() => fake.texts(EDITORIAL).find((x) => /BP-\d{4}-00001/.test(x) && x.includes('Tin đầu tiên sau nâng cấp')), 30_000);
    // One submission (the sticker made none), one alert for two announcements, and a log line saying what happened.
    expect(fake.texts(NEW_GROUP).filter((x) => x.includes('Đã nhận tin'))).toHaveLength(1);
    expect(fake.texts(ADMINS).join('\n').match(/nâng cấp thành siêu nhóm/g)).toHaveLength(1);
    expect(run.output()).toContain('a Telegram group was upgraded to a supergroup; following it under its new id');
  }, 90_000);
});
