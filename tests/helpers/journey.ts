import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { BOT, FakeTelegram, type Call } from '../fakes/telegramApi.js';
import { FakeGraph } from '../fakes/graphApi.js';
import { FakeYoutube } from '../fakes/youtubeApi.js';
import { FakeZaloOa } from '../fakes/zaloOaApi.js';
import { startZaloWebFake } from '../fakes/zaloWeb.js';
import { runCli } from './cli.js';
import type { TestDatabase } from './databases.js';
import { freePort, startService, type Running } from './service.js';

export const TOKEN = '7000001:JOURNEY-token_for-the-fake';
export const INTAKE = -1001987654321;
export const EDITORIAL = -1001555000111;
/** The moderators' chat, where interaction cards go. */
export const MODERATION = -1001555000222;
/** The Zalo group collaborators without Telegram post in. */
export const ZALO_INTAKE = '7412000000000000777';
/** The service's HUB_SECRET: a test writing to the journey's database as the service does keys its audit rows with it. */
export const HUB_SECRET = 'journey-hub-secret-0123456789abcdef0123456789';

export interface TgUser {
  id: number;
  is_bot: false;
  first_name: string;
  username: string;
  /** What the person's Telegram app shows; a stranger is answered in it (Vietnamese unless it is another language). */
  language_code?: string;
}

/** Files a user's phone uploads to Telegram; the stand-in serves them to the bot by file id. */
export type TelegramFiles = Record<string, { path: string; bytes: Buffer }>;

/**
 * The real service process with every platform replaced by its stand-in on 127.0.0.1, set up the way an
 * operator does it: `portal-hub` commands in a terminal, then `/link CODE` in a private chat with the bot.
 */
export async function startJourney(databaseUrl: string, files: TelegramFiles, options: { mirrors?: boolean; zaloGroup?: boolean; webhooks?: boolean; env?: Record<string, string> } = {}) {
  // `databaseUrl` is migrated already (tests/helpers/databases.ts), as `portal-hub migrate` leaves it.
  const cwd = mkdtempSync(join(tmpdir(), 'portal-hub-journey-'));
  const telegram = new FakeTelegram({ token: TOKEN, files });
  const graph = new FakeGraph('1000', 'page-token');
  const youtube = new FakeYoutube();
  const zalo = new FakeZaloOa();
  const zaloWeb = await startZaloWebFake({ session: 'journey-zalo-session' });
  await Promise.all([telegram.listen(), graph.start(), youtube.start(), zalo.start()]);
  const port = await freePort();
  const portal = `http://127.0.0.1:${port}`;
  const env = {
    DATABASE_URL: databaseUrl,
    DATA_DIR: join(cwd, 'data'),
    HUB_SECRET,
    PORTAL_BASE_URL: portal,
    // Webhook mode: platforms post to the service itself, here on 127.0.0.1.
    ...(options.webhooks ? { PUBLIC_BASE_URL: portal } : {}),
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.root,
    TELEGRAM_INTAKE_CHATS: String(INTAKE),
    TELEGRAM_EDITORIAL_CHAT: String(EDITORIAL),
    FACEBOOK_GRAPH_BASE: graph.url,
    FACEBOOK_GRAPH_VIDEO_BASE: graph.url,
    YOUTUBE_API_ROOT: youtube.url,
    YOUTUBE_TOKEN_URL: `${youtube.url}token`,
    YOUTUBE_CHUNK_MB: '0.25',
    ZALO_OPENAPI_BASE: zalo.url,
    ZALO_OAUTH_BASE: zalo.url,
    ZALO_WEB_BASE: zaloWeb.base,
    ...(options.zaloGroup === false ? {} : { ZALO_GROUP_INTAKE: ZALO_INTAKE }),
    // The fake's files are on 127.0.0.1: only listed as such may attachments come from there.
    ZALO_MEDIA_HOSTS: '127.0.0.1',
    ZALO_SEND_GAP_MS: '50',
    ZALO_SEND_JITTER_MS: '10',
    // Journeys follow one item at a time; the send budgets have tests of their own.
    ZALO_SEND_PER_HOUR: '100000',
    ZALO_SEND_PER_DAY: '1000000',
    TELEGRAM_INTERACTIONS_CHAT: String(MODERATION),
    FACEBOOK_APP_SECRET: graph.appSecret,
    FACEBOOK_VERIFY_TOKEN: graph.verifyToken,
    ZALO_OA_APP_ID: zalo.appId,
    ZALO_OA_SECRET_KEY: zalo.oaSecretKey,
    ...options.env,
  };
  const cli = async (args: string[], input?: string) => {
    const run = await runCli(args, env, input);
    if (run.code !== 0) throw new Error(`portal-hub ${args.join(' ')} failed (${run.code}): ${run.stderr}`);
    return run.stdout;
  };

  await cli(['init', '--site-key', 'tinh', '--name-vi', 'Cổng thông tin điện tử tỉnh Đồng Nai', '--name-en', 'Dong Nai Provincial Portal', '--prefix', 'DN', '--admin-name', 'Quản Trị']);
  // Each `portal-hub` run costs seconds: a journey that needs no mirrors or no Zalo group skips setting them up.
  if (options.mirrors !== false) {
    await cli(['channel', 'connect', 'facebook', '--platform', 'facebook', '--account', graph.pageId], JSON.stringify({ pageToken: graph.token, userToken: graph.userToken, appId: '5550001' }));
    await cli(['channel', 'connect', 'youtube', '--platform', 'youtube', '--account', 'UCfake'], JSON.stringify({ clientId: 'c', clientSecret: 's', refreshToken: youtube.refreshToken, playlistId: 'PLtintuc' }));
  }
  // The bot's Zalo account signs in by QR, scanned on the phone (the stand-in confirms at once).
  if (options.zaloGroup !== false) await cli(['zalo', 'login', '--qr-path', join(cwd, 'zalo-qr.png')]);
  if (options.mirrors !== false) {
    await cli(['channel', 'connect', 'zalo-oa', '--platform', 'zalo-oa', '--account', 'oa-1'], JSON.stringify({ appId: zalo.appId, secretKey: zalo.secretKey, accessToken: zalo.accessToken, refreshToken: zalo.refreshToken }));
  }

  /** A person added and granted a role in the terminal, who then links their Telegram account. */
  let nextUserId = 5_400_000_000;
  const staff: { user: TgUser; code: string }[] = [];
  const person = async (name: string, email: string, role: string): Promise<TgUser> => {
    await cli(['person', 'add', '--name', name, '--email', email]);
    await cli(['grant', '--person', email, '--site', 'tinh', '--role', role]);
    const code = /^\/link (\S+)/m.exec(await cli(['link-code', '--person', email]))![1]!;
    const user: TgUser = { id: nextUserId++, is_bot: false, first_name: name.split(' ').at(-1)!, username: email.split('@')[0]! };
    staff.push({ user, code });
    return user;
  };

  let service: Running | null = null;
  /** What processes killed before this one printed. */
  const earlier: string[] = [];
  const serve = async () => {
    // One process (tsx's loader inside it): a SIGKILL reaches the service itself, not only a wrapper.
    service = startService(cwd, port, env, true);
    await telegram.waitFor(async () => (await fetch(`${portal}/healthz`).catch(() => null))?.status === 200, 120_000);
  };
  /** A crash at this instant: SIGKILL, no shutdown of any kind. */
  const kill = async () => {
    const running = service as Running | null;
    service = null;
    if (!running) return;
    running.child.kill('SIGKILL');
    await running.exited;
    earlier.push(running.output());
  };
  /** The service's clock for its next start (CLOCK_START), or the machine's again: a drill across a quarter's end. */
  const moveClock = (instant: string | null) => {
    const vars: Record<string, string> = env;
    if (instant === null) delete vars.CLOCK_START;
    else vars.CLOCK_START = instant;
  };
  /** The service started again after a crash, as systemd would; people stay linked. */
  const restart = serve;
  const start = async () => {
    await serve();
    for (const { user, code } of staff) {
      say(user, user.id, { text: `/link ${code}` });
      await telegram.waitFor(() => telegram.texts(user.id).find((t) => t.includes('Đã liên kết')), 30_000);
    }
  };

  const say = (from: TgUser, chatId: number, fields: Record<string, unknown>) =>
    telegram.push({ message: { message_id: telegram.newMessageId(), from, chat: chatId < 0 ? { id: chatId, type: 'supergroup', title: 'CTV gửi tin' } : { id: chatId, type: 'private', first_name: from.first_name }, date: Math.floor(Date.now() / 1000), ...fields } });

  const waitText = (chat: number, part: string, timeoutMs = 90_000) => telegram.waitFor(() => telegram.texts(chat).find((x) => x.includes(part)), timeoutMs);

  const cardOf = (code: string, step: string, deskChat: number): Call | undefined =>
    telegram
      .sent('sendMessage', deskChat)
      .filter((c) => String(c.params.text).includes(code) && String(c.params.text).includes(step) && c.params.reply_markup)
      .at(-1);

  /** Presses the button labelled `label` on the card of `code` at `step` in the desk chat, and waits for the bot's answer to the press. */
  const pressOn = async (who: TgUser, code: string, step: string, label: string, deskChat = EDITORIAL) => {
    const card = await telegram.waitFor(() => cardOf(code, step, deskChat), 90_000);
    const buttons = (card.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    const button = buttons.find((b) => b.text.includes(label));
    if (!button) throw new Error(`no button ${label} on ${String(card.params.text)}`);
    const id = `cq-${telegram.newMessageId()}`;
    telegram.push({
      callback_query: {
        id,
        from: who,
        chat_instance: '-3409221451937470536',
        data: button.callback_data,
        message: { message_id: (card.result as { message_id: number }).message_id, from: BOT, chat: { id: deskChat, type: 'supergroup', title: 'Ban Biên tập' }, date: Math.floor(Date.now() / 1000), text: String(card.params.text) },
      },
    });
    return telegram.waitFor(() => telegram.sent('answerCallbackQuery').find((c) => c.params.callback_query_id === id)?.params, 60_000);
  };

  const stop = async () => {
    const running = service as Running | null;
    if (running) {
      running.child.kill('SIGTERM');
      await running.exited;
    }
    await Promise.all([telegram.close(), graph.stop(), youtube.stop(), zalo.stop(), zaloWeb.close()]);
    rmSync(cwd, { recursive: true, force: true });
  };

  return { databaseUrl, portal, port, telegram, graph, youtube, zalo, zaloWeb, cli, person, start, kill, restart, moveClock, say, waitText, pressOn, stop, output: () => [...earlier, (service as Running | null)?.output() ?? ''].join('\n') };
}

export type Journey = Awaited<ReturnType<typeof startJourney>>;

/** A journey on a fresh database for each test of the calling suite, stopped and dropped after it. */
export function journeyPerTest(fresh: () => Promise<TestDatabase>, options: Parameters<typeof startJourney>[2] = {}): () => Promise<Journey> {
  let db: TestDatabase | null = null;
  let journey: Journey | null = null;
  afterEach(async () => {
    await journey?.stop();
    await db?.drop();
    journey = null;
    db = null;
  });
  return async () => {
    db = await fresh();
    journey = await startJourney(db.url, {}, options);
    return journey;
  };
}

/**
 * One journey for the whole calling suite on a fresh database: `prepare` runs before the service starts (people,
 * channels, as an operator sets them up); stopped and dropped after the suite's last test.
 */
export function journeyPerSuite(
  skip: boolean,
  fresh: () => Promise<TestDatabase>,
  options: Parameters<typeof startJourney>[2] & { files?: TelegramFiles; prepare?: (j: Journey) => Promise<void> } = {},
): { readonly j: Journey; readonly db: TestDatabase } {
  let db: TestDatabase | null = null;
  let journey: Journey | null = null;
  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    journey = await startJourney(db.url, options.files ?? {}, options);
    await options.prepare?.(journey);
    await journey.start();
  }, 400_000);
  afterAll(async () => {
    await journey?.stop();
    await db?.drop();
  }, 120_000);
  return {
    get j() {
      if (!journey) throw new Error('the journey has not started');
      return journey;
    },
    get db() {
      if (!db) throw new Error('the journey has no database');
      return db;
    },
  };
}

/**
 * A collaborator's text sent to an intake group (the province's unless named: a component site's has its own) and
 * carried through the three steps by buttons, as the desk presses them (in the editorial chat, or the site's own desk
 * chat); the item's code once the group is told it is published.
 */
export async function publishFromChat(j: Journey, sender: TgUser, desk: { editor: TgUser; secretary: TgUser; deputy: TgUser }, text: string, chat = INTAKE, deskChat = EDITORIAL): Promise<string> {
  const receipts = () => j.telegram.texts(chat).filter((t) => t.includes('Đã nhận tin'));
  const before = receipts().length;
  j.say(sender, chat, { text });
  const code = /[A-Z]+-\d{4}-\d{5}/.exec(await j.telegram.waitFor(() => receipts()[before], 90_000))![0];
  await j.pressOn(desk.editor, code, 'Tiếp nhận', 'Tiếp nhận', deskChat);
  await j.pressOn(desk.editor, code, 'Bước: Biên tập', 'Duyệt', deskChat);
  await j.pressOn(desk.secretary, code, 'Bước: Thư ký', 'Duyệt', deskChat);
  await j.pressOn(desk.deputy, code, 'Bước: Phó Trưởng ban', 'Duyệt xuất bản', deskChat);
  await j.waitText(chat, `${code} đã được xuất bản`);
  return code;
}
