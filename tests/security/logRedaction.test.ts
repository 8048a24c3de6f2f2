import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookSecret } from '../../adapters/telegram/callbackData.js';
import { FaultyFront, type Fault } from '../fakes/faultyFront.js';
import { FakeZaloBot } from '../fakes/zaloBotApi.js';
import { zaloBotWebhookSecret } from '../../adapters/zalo-bot/webhookSecret.js';
import { FakeGraph } from '../fakes/graphApi.js';
import { BOT, FakeTelegram } from '../fakes/telegramApi.js';
import { FakeYoutube } from '../fakes/youtubeApi.js';
import { FakeZaloOa } from '../fakes/zaloOaApi.js';
import { startZaloWebFake, type ZaloWebFake } from '../fakes/zaloWeb.js';
import { runCli } from '../helpers/cli.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { mp4Bytes } from '../helpers/mediaBytes.js';
import { freePort, startService } from '../helpers/service.js';

// Every secret carries characters a URL encodes, so both spellings are looked for.
const TOKEN = '7000001:AAH-logs_secret_bot_token_0123456789';
const ZALO_BOT_TOKEN = '5550002:zalo-bot_logs_secret_token_0123';
const HUB_SECRET = 'logs-hub-secret/0123456789+abcdef=0123456789';
const PAGE_TOKEN = 'EAAGlogs/page+token=0123456789abcdef';
const USER_TOKEN = 'EAAGlogs/user+token=fedcba9876543210';
const YT_CLIENT_SECRET = 'GOCSPX-logs/client+secret=0123';
const YT_REFRESH = '1//logs-refresh+token/0123456789';
const OA_ACCESS = 'oa-access/logs+token=0123456789';
const OA_REFRESH = 'oa-refresh/logs+token=0123456789';
const ZALO_SESSION = 'zalo-session-logs-cookie-0123456789abcdef';
const INTAKE = -1001987654321;
const EDITORIAL = -1001555000111;
const ZALO_INTAKE = '7412000000000000777';
/** One label past DNS's 63 octets: the resolver refuses the name itself, no query leaves the machine. */
const UNRESOLVABLE = `http://${'x'.repeat(70)}.invalid`;

type User = { id: number; is_bot: false; first_name: string; username: string };

/**
 * Issue 13, point 2: the real service at LOG_LEVEL=trace, with every platform call failing — error
 * answers, hangs, refused connections and names that do not resolve — for Telegram, Facebook,
 * YouTube, Zalo OA and the Zalo group gateway, while a submission, review cards, a publication
 * mirrored to every channel and token refreshes run; then every byte it wrote is searched for
 * every secret it knows.
 */
describe('secrets never reach the log, whatever the platforms do', () => {
  let db: TestDatabase;
  let cwd: string;
  let telegram: FakeTelegram;
  let graph: FakeGraph;
  let youtube: FakeYoutube;
  let zalo: FakeZaloOa;
  let zaloWeb: ZaloWebFake;
  let zaloBot: FakeZaloBot;
  let fronts: Record<'telegram' | 'graph' | 'youtube' | 'oaApi' | 'oaAuth' | 'zaloWeb' | 'zaloBot', FaultyFront>;
  let env: Record<string, string>;
  let port: number;
  const outputs: string[] = [];
  // YouTube takes only videos: the item carries one, so every mirror has a part to post.
  const video = mp4Bytes(300 * 1024);
  const staff: { user: User; code: string }[] = [];
  let people: Record<'editor' | 'secretary' | 'deputy', User>;

  const cli = async (args: string[], input?: string) => {
    const run = await runCli(args, env, input);
    outputs.push(run.stdout, run.stderr);
    if (run.code !== 0) throw new Error(`portal-hub ${args.join(' ')} failed (${run.code}): ${run.stderr}`);
    return run.stdout;
  };
  const setAll = (fault: Fault) => Promise.all(Object.values(fronts).map((f) => f.set(fault)));

  beforeAll(async () => {
    db = await freshSqlite();
    cwd = mkdtempSync(join(tmpdir(), 'portal-hub-logs-'));
    telegram = new FakeTelegram({ token: TOKEN, chatGapMs: 0, groupPerMinute: 1000, files: { 'video-1': { path: 'videos/file_1.mp4', bytes: video } } });
    graph = new FakeGraph('1000', PAGE_TOKEN);
    graph.userToken = USER_TOKEN;
    youtube = new FakeYoutube();
    youtube.refreshToken = YT_REFRESH;
    zalo = new FakeZaloOa();
    zalo.accessToken = OA_ACCESS;
    zalo.refreshToken = OA_REFRESH;
    zaloWeb = await startZaloWebFake({ session: ZALO_SESSION });
    zaloBot = new FakeZaloBot({ token: ZALO_BOT_TOKEN });
    await Promise.all([telegram.listen(), graph.start(), youtube.start(), zalo.start(), zaloBot.start()]);
    fronts = {
      // Updates still come in while every call the bot makes fails: that is how traffic meets the failures.
      telegram: new FaultyFront(telegram.root, (path) => /\/(getUpdates|getMe)$/.test(path)),
      graph: new FaultyFront(graph.url),
      youtube: new FaultyFront(youtube.url),
      oaApi: new FaultyFront(zalo.url),
      oaAuth: new FaultyFront(zalo.url),
      zaloWeb: new FaultyFront(zaloWeb.base),
      // The official Zalo bot: its token is in every URL it calls.
      zaloBot: new FaultyFront(zaloBot.url),
    };
    await Promise.all(Object.values(fronts).map((f) => f.start()));
    port = await freePort();
    env = {
      DATABASE_URL: db.url,
      DATA_DIR: join(cwd, 'data'),
      HUB_SECRET,
      LOG_LEVEL: 'trace',
      LOG_FORMAT: 'json',
      PORTAL_BASE_URL: `http://127.0.0.1:${port}`,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fronts.telegram.url,
      TELEGRAM_INTAKE_CHATS: String(INTAKE),
      TELEGRAM_EDITORIAL_CHAT: String(EDITORIAL),
      FACEBOOK_GRAPH_BASE: fronts.graph.url,
      FACEBOOK_GRAPH_VIDEO_BASE: fronts.graph.url,
      YOUTUBE_API_ROOT: fronts.youtube.url,
      YOUTUBE_TOKEN_URL: `${fronts.youtube.url}/token`,
      ZALO_OPENAPI_BASE: fronts.oaApi.url,
      ZALO_OAUTH_BASE: fronts.oaAuth.url,
      ZALO_WEB_BASE: fronts.zaloWeb.url,
      ZALO_GROUP_INTAKE: ZALO_INTAKE,
      ZALO_BOT_TOKEN,
      ZALO_BOT_API_ROOT: fronts.zaloBot.url,
      ZALO_SEND_GAP_MS: '20',
      ZALO_SEND_JITTER_MS: '5',
    };
    await cli(['init', '--site-key', 'tinh', '--name-vi', 'Cổng tỉnh', '--name-en', 'Province', '--prefix', 'DN', '--admin-name', 'Quản Trị']);
    await cli(['channel', 'connect', 'facebook', '--platform', 'facebook', '--account', graph.pageId], JSON.stringify({ pageToken: PAGE_TOKEN, userToken: USER_TOKEN, appId: '5550001' }));
    await cli(['channel', 'connect', 'youtube', '--platform', 'youtube', '--account', 'UCfake'], JSON.stringify({ clientId: 'logs-client.apps.example', clientSecret: YT_CLIENT_SECRET, refreshToken: YT_REFRESH, playlistId: 'PLtintuc' }));
    await cli(['channel', 'connect', 'zalo-oa', '--platform', 'zalo-oa', '--account', 'oa-1'], JSON.stringify({ appId: zalo.appId, secretKey: zalo.secretKey, accessToken: OA_ACCESS, refreshToken: OA_REFRESH }));
    await cli(['zalo', 'login', '--qr-path', join(cwd, 'zalo-qr.png')]);
    let nextId = 5_400_000_000;
    const person = async (name: string, email: string, role: string): Promise<User> => {
      await cli(['person', 'add', '--name', name, '--email', email]);
      await cli(['grant', '--person', email, '--site', 'tinh', '--role', role]);
      const code = /^\/link (\S+)/m.exec(await cli(['link-code', '--person', email]))![1]!;
      const user: User = { id: nextId++, is_bot: false, first_name: name, username: email.split('@')[0]! };
      staff.push({ user, code });
      return user;
    };
    people = {
      editor: await person('Phạm Thu Dung', 'dung@example.vn', 'editor'),
      secretary: await person('Lê Minh Châu', 'chau@example.vn', 'secretary'),
      deputy: await person('Trần Thị Bích', 'bich@example.vn', 'deputy'),
    };
  }, 180_000);

  afterAll(async () => {
    await Promise.all(Object.values(fronts ?? {}).map((f) => f.close()));
    await Promise.all([telegram?.close(), graph?.stop(), youtube?.stop(), zalo?.stop(), zaloWeb?.close(), zaloBot?.stop()]);
    rmSync(cwd, { recursive: true, force: true });
    await db?.drop();
  }, 60_000);

  const run = async (extra: Record<string, string> = {}) => {
    const service = startService(cwd, port, { ...env, ...extra });
    const stop = async () => {
      service.child.kill('SIGTERM');
      await service.exited;
      outputs.push(service.output());
    };
    return { service, stop };
  };

  const say = (from: User, chatId: number, text: string, fields: Record<string, unknown> = { text }) =>
    telegram.push({ message: { message_id: telegram.newMessageId(), from, chat: chatId < 0 ? { id: chatId, type: 'supergroup', title: 'CTV' } : { id: chatId, type: 'private', first_name: from.first_name }, date: Math.floor(Date.now() / 1000), ...fields } });

  /** Presses `label` on the newest card of `code` at `step`, as the reviewer does in the editorial group. */
  const press = async (who: User, code: string, step: string, label: string) => {
    const card = await telegram.waitFor(() => telegram.sent('sendMessage', EDITORIAL).filter((c) => String(c.params.text).includes(code) && String(c.params.text).includes(step) && c.params.reply_markup).at(-1), 60_000);
    const button = (card.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat().find((b) => b.text.includes(label))!;
    const id = `cq-${telegram.newMessageId()}`;
    telegram.push({ callback_query: { id, from: who, chat_instance: '1', data: button.callback_data, message: { message_id: (card.result as { message_id: number }).message_id, from: BOT, chat: { id: EDITORIAL, type: 'supergroup', title: 'BBT' }, date: 0, text: String(card.params.text) } } });
    await telegram.waitFor(() => telegram.sent('answerCallbackQuery').find((c) => c.params.callback_query_id === id), 60_000);
  };

  it('every platform failing every way, with traffic through all of them: no token, cookie or secret in any log line', async () => {
    const first = await run();
    await telegram.waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status === 200, 120_000);
    for (const { user, code } of staff) {
      say(user, user.id, `/link ${code}`);
      await telegram.waitFor(() => telegram.texts(user.id).find((t) => t.includes('Đã liên kết')), 30_000);
    }

    // Every mirror answers with errors from the publication on: Facebook, YouTube (its token refresh first), Zalo OA.
    await Promise.all([fronts.graph.set('error'), fronts.youtube.set('error'), fronts.oaApi.set('error')]);
    const collaborator: User = { id: 5_123_456_789, is_bot: false, first_name: 'Hoa', username: 'hoa_ctv' };
    say(collaborator, INTAKE, '', {
      video: { file_id: 'video-1', file_unique_id: 'v1', width: 1280, height: 720, duration: 12, mime_type: 'video/mp4', file_size: video.length },
      caption: 'Ngày hội Đại đoàn kết toàn dân tộc\nKhu dân cư ấp 3 tổ chức ngày hội với văn nghệ và trao quà cho các hộ.',
    });
    const ack = await telegram.waitFor(() => telegram.texts(INTAKE).find((t) => t.includes('Đã nhận tin')), 60_000);
    const code = /DN-\d{4}-\d{5}/.exec(ack)![0];
    await press(people.editor, code, 'Tiếp nhận', 'Tiếp nhận');
    await press(people.editor, code, 'Bước: Biên tập', 'Duyệt');
    await press(people.secretary, code, 'Bước: Thư ký', 'Duyệt');
    await press(people.deputy, code, 'Bước: Phó Trưởng ban', 'Duyệt xuất bản');
    await telegram.waitFor(() => fronts.graph.met.error > 0 && fronts.youtube.met.error > 0 && fronts.oaApi.met.error > 0, 60_000);

    // Zalo OA's access token runs out; refreshing it meets an error answer.
    zalo.accessToken = 'oa-access-now-unknown-to-the-hub';
    await fronts.oaApi.set('pass');
    await fronts.oaAuth.set('error');
    await cli(['channel', 'retry', code]);
    await telegram.waitFor(() => fronts.oaAuth.met.error > 0, 60_000);

    // Telegram answers every call the bot makes with an error; a new submission needs a receipt and a review card.
    await fronts.telegram.set('error');
    say(collaborator, INTAKE, 'Nông dân xã Tân Lợi thu hoạch lúa vụ mùa\nNăng suất đạt 6,2 tấn mỗi héc-ta, cao hơn năm trước.');
    await telegram.waitFor(() => fronts.telegram.met.error >= 2, 60_000);
    // The Zalo group: a collaborator's message whose receipt Zalo refuses.
    zaloWeb.state.failNextSends.push(-1, -1, -1);
    zaloWeb.groupMessage({ threadId: ZALO_INTAKE, from: '880100200999', name: 'Nguyễn Văn Tư', content: 'Xã Tân Lợi khánh thành cầu mới\nCây cầu dài 40 mét nối hai ấp, do người dân cùng góp công.' });
    await telegram.waitFor(() => zaloWeb.state.failNextSends.length < 3, 60_000);
    // The Zalo listener drops; signing in again, with the session cookie, meets an error answer.
    await fronts.zaloWeb.set('error');
    zaloWeb.drop();
    await telegram.waitFor(() => fronts.zaloWeb.met.error > 0, 60_000);

    // Every platform hangs; then nothing listens any more (the hanging calls break, new ones are refused).
    await setAll('hang');
    say(collaborator, INTAKE, 'Tỉnh tổ chức hội chợ nông sản cuối năm\nHội chợ có hơn 200 gian hàng của các hợp tác xã trong tỉnh.');
    await cli(['channel', 'retry', code]);
    await telegram.waitFor(() => fronts.telegram.met.hang > 0 && fronts.graph.met.hang + fronts.youtube.met.hang + fronts.oaApi.met.hang > 0, 60_000);
    await new Promise((r) => setTimeout(r, 2000));
    await setAll('refuse');
    await cli(['channel', 'retry', code]);
    await new Promise((r) => setTimeout(r, 6000));
    await first.stop();

    // Started again where no platform's name resolves.
    const unresolvable = {
      TELEGRAM_API_ROOT: UNRESOLVABLE,
      FACEBOOK_GRAPH_BASE: UNRESOLVABLE,
      FACEBOOK_GRAPH_VIDEO_BASE: UNRESOLVABLE,
      YOUTUBE_API_ROOT: UNRESOLVABLE,
      YOUTUBE_TOKEN_URL: `${UNRESOLVABLE}/token`,
      ZALO_OPENAPI_BASE: UNRESOLVABLE,
      ZALO_OAUTH_BASE: UNRESOLVABLE,
      ZALO_WEB_BASE: UNRESOLVABLE,
      ZALO_BOT_API_ROOT: UNRESOLVABLE,
    };
    await cli(['channel', 'retry', code]);
    const second = await run(unresolvable);
    await telegram.waitFor(() => /ENOTFOUND|EAI_AGAIN|EAI_FAIL/.test(second.service.output()), 60_000);
    await new Promise((r) => setTimeout(r, 6000));
    await second.stop();

    const all = outputs.join('\n');
    // The failures were met and logged, so finding nothing below means something.
    expect(all).toMatch(/"level":50/);
    // The official Zalo bot's long poll may span a whole fault window; it meets the unresolvable run below instead.
    for (const [name, f] of Object.entries(fronts)) if (name !== 'zaloBot') expect(f.met.error + f.met.hang, name).toBeGreaterThan(0);
    expect(all).toMatch(/"desk":"zalo-bot"[^\n]*"level":(40|50)|"level":(40|50)[^\n]*"desk":"zalo-bot"/);
    // A mirror that fails is never silent: each missed delivery is a line naming the channel and why.
    for (const channel of ['facebook', 'youtube', 'zalo-oa']) expect(all).toMatch(new RegExp(`"channel":"${channel}"[^\\n]*delivery not made|delivery not made[^\\n]*"channel":"${channel}"`));
    const secrets = { TOKEN, ZALO_BOT_TOKEN, zaloBotWebhookSecret: zaloBotWebhookSecret(HUB_SECRET), HUB_SECRET, webhookSecret: webhookSecret(HUB_SECRET), PAGE_TOKEN, USER_TOKEN, YT_CLIENT_SECRET, YT_REFRESH, OA_ACCESS, OA_REFRESH, OA_SECRET_KEY: zalo.secretKey, ZALO_SESSION };
    const leaks = Object.entries(secrets).flatMap(([name, value]) =>
      [value, encodeURIComponent(value)].filter((form) => all.includes(form)).map((form) => `${name} (${form === value ? 'raw' : 'URL-encoded'}): …${all.slice(Math.max(0, all.indexOf(form) - 120), all.indexOf(form) + form.length + 40)}…`),
    );
    expect(leaks).toEqual([]);
  }, 420_000);
});
