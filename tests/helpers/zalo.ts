import pino, { type Logger } from 'pino';
import { createZaloDesk } from '../../adapters/zalo-group/desk.js';
import { saveCredentials } from '../../adapters/zalo-group/credentials.js';
import type { Backoff } from '../../adapters/zalo-group/gateway.js';
import type { Pace } from '../../adapters/zalo-group/pacer.js';
import { issueLinkCode, linkIdentity, OPERATOR } from '../../src/app/people.js';
import { sealingKey } from '../../src/core/sealing.js';
import { zaloHooks } from '../../src/deskHooks.js';
import { startZaloWebFake } from '../fakes/zaloWeb.js';
import { zaloFetch } from '../../adapters/zalo-group/web.js';
import { startTelegramDesk } from './telegram.js';
import type { SendBudget, ZaloGroupConfig } from '../../src/config.js';

export const GROUP = '7412000000000000001';
export const REVIEW_GROUP = '7412000000000000002';
export const ADMIN_CHAT = '-1001000000999';
/** Fast enough for tests, slow enough that a send out of turn shows in the fake's times. */
export const TEST_PACE: Pace = { gapMs: 120, jitterMs: 60 };
/** The fake serves files on 127.0.0.1, which only an explicit entry lets the desk download from. */
export const FAKE_MEDIA_HOSTS = ['127.0.0.1'];
export const TEST_BACKOFF: Backoff = { firstMs: 100, maxMs: 400, takenOverMs: 500 };

const JPEG = (n: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(600, n)]);

/** The Telegram desk (editorial chat, admins' chat) and the Zalo desk, wired as the service wires them, over the two fakes. */
export async function startZaloBed(url: string, options: { pace?: Pace; reviewGroup?: boolean; catchUpWaitMs?: number; mediaHosts?: string[]; log?: Logger; disconnectAlertMs?: number; budget?: SendBudget; budgetPollMs?: number; batch?: ZaloGroupConfig['batch'] } = {}) {
  const tg = await startTelegramDesk(url, { adminChat: ADMIN_CHAT });
  const deps = tg.seeded.deps;
  const fake = await startZaloWebFake();
  await saveCredentials(deps, sealingKey(tg.hubSecret), fake.credentials(), null, null);
  const alerts: string[] = [];
  const newDesk = () =>
    createZaloDesk({
    config: { intakeGroups: [{ groupId: GROUP, siteKey: null }], reviewGroup: options.reviewGroup ? REVIEW_GROUP : null, pace: options.pace ?? TEST_PACE, mediaHosts: options.mediaHosts ?? FAKE_MEDIA_HOSTS, budget: options.budget ?? { perHour: 10_000, perDay: 100_000 }, batch: options.batch ?? { maxParts: 20, maxMs: 60_000, captionWindowMs: 400 } },
    deps,
    hubSecret: tg.hubSecret,
    media: { dir: tg.mediaDir, maxBytes: 1024 * 1024 },
    portalBaseUrl: 'https://portal.example.vn',
    hooks: zaloHooks(tg.telegram, (text) => {
      alerts.push(text);
      tg.telegram.alertAdmins(text);
    }),
    log: options.log ?? pino({ level: process.env.TEST_LOG ?? 'silent' }),
    fetch: zaloFetch(fake.base),
    backoff: TEST_BACKOFF,
    quietMs: 250,
    catchUpWaitMs: options.catchUpWaitMs,
    disconnectAlertMs: options.disconnectAlertMs,
    // The test clock moves by hand: sends waiting for the budget look again often.
    budgetPollMs: options.budgetPollMs ?? 50,
  });
  const zalo = newDesk();
  await zalo.start();
  await tg.fake.waitFor(() => zalo.gateway.connected);

  let nextUid = 880_000_001;
  /** A Zalo member linked to one of the seeded people with a real link code, sent as /link in the group. */
  const linkedMember = async (personId: string, name: string) => {
    const uid = String(nextUid++);
    const code = await issueLinkCode(deps, OPERATOR, personId);
    if (!code.ok) throw new Error(code.reason);
    const linked = await linkIdentity(deps, code.value.code, { platform: 'zalo', platformUserId: uid, username: null });
    if (!linked.ok) throw new Error(linked.reason);
    return { uid, name };
  };
  const stranger = (name: string) => ({ uid: String(nextUid++), name });
  let photoNo = 0;
  const photo = () => {
    photoNo += 1;
    return fake.host(`photo-${photoNo}.jpg`, 'image/jpeg', JPEG(photoNo));
  };
  /** Waits for a message from the bot in a thread whose text matches. */
  const sentTo = (threadId: string, pattern: RegExp) => tg.fake.waitFor(() => fake.sends.find((s) => s.threadId === threadId && pattern.test(s.text)));

  /** The service restarted: this desk stopped, a new one started on the same database (not waiting for it to connect). */
  const restarted = async () => {
    await zalo.stop();
    const next = newDesk();
    await next.start();
    return next;
  };
  const stop = async () => {
    await zalo.stop();
    await fake.close();
    await tg.stop();
  };
  return { tg, deps, fake, zalo, restarted, alerts, linkedMember, stranger, photo, sentTo, stop };
}
