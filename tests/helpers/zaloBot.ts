import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createZaloBotDesk, type ZaloBotDesk } from '../../adapters/zalo-bot/desk.js';
import type { SendBudget } from '../../src/config.js';
import { FakeZaloBot } from '../fakes/zaloBotApi.js';
import { seedDesk } from './desk.js';
import { issueLinkCode, linkIdentity, OPERATOR } from '../../src/app/people.js';

export const BOT_TOKEN = '5550001:desk-test-token';
export const BOT_GROUP = 'aa00bb11cc22dd33';
export const BOT_HUB_SECRET = 'b'.repeat(64);

/**
 * The official Zalo bot's desk alone over the Bot Platform stand-in, on a seeded database (no Telegram).
 * `budget`: the desk runs on the seeded clock, which the caller moves by hand; without it, on the wall clock.
 */
export async function startZaloBotBed(url: string, options: { budget?: SendBudget; reviewChat?: string } = {}) {
  const seeded = await seedDesk(url);
  const bot = new FakeZaloBot({ token: BOT_TOKEN });
  await bot.start();
  const alerts: string[] = [];
  const newDesk = () =>
    createZaloBotDesk({
      config: { token: BOT_TOKEN, apiRoot: bot.url, intakeChats: [{ chatId: BOT_GROUP, siteKey: null }], reviewChat: options.reviewChat ?? null, budget: options.budget ?? { perHour: 1000, perDay: 10_000 }, mediaHosts: ['127.0.0.1'] },
      deps: options.budget ? seeded.deps : { ...seeded.deps, clock: () => new Date() },
      hubSecret: BOT_HUB_SECRET,
      media: { dir: mkdtempSync(join(tmpdir(), 'bot-media-')), maxBytes: 1024 * 1024 },
      portalBaseUrl: 'https://portal.example.vn',
      publicBaseUrl: null,
      hooks: { submitted: () => undefined, withdrawn: () => undefined, decided: () => undefined, alert: (text) => alerts.push(text) },
      log: pino({ level: process.env.TEST_LOG ?? 'silent' }),
      quietMs: 100,
      pollSeconds: 1,
      gapMs: 10,
      budgetPollMs: 50,
      maxPauseMs: 300,
    });
  let desk: ZaloBotDesk | null = null;
  const bed = {
    seeded,
    bot,
    alerts,
    get desk(): ZaloBotDesk {
      if (!desk) throw new Error('the Zalo bot desk is not running');
      return desk;
    },
    async start(): Promise<ZaloBotDesk> {
      desk = newDesk();
      await desk.start();
      return desk;
    },
    /** The service stopped (its desk with it); `start` again is the next run. */
    async stopDesk(): Promise<void> {
      await desk?.stop();
      desk = null;
    },
    /** A collaborator's news item, @mentioning the bot in the intake group. */
    news: (n: number) => ({ chat: { id: BOT_GROUP, chat_type: 'GROUP' as const }, from: { id: `u${n}`, display_name: `CTV ${n}` }, text: `@bot Tin số ${n}: xã tổ chức ra quân làm sạch kênh mương nội đồng` }),
    receipts: () => bot.texts(BOT_GROUP).filter((t) => t.includes('Đã nhận tin')),
    /** A Zalo Bot user linked to a seeded person with a real link code, as `/link` does. */
    async linked(personId: string, userId: string) {
      const code = await issueLinkCode(seeded.deps, OPERATOR, personId);
      if (!code.ok) throw new Error(code.reason);
      const done = await linkIdentity(seeded.deps, code.value.code, { platform: 'zalo-bot', platformUserId: userId, username: null });
      if (!done.ok) throw new Error(done.reason);
    },
    async stop(): Promise<void> {
      await desk?.stop();
      await bot.stop();
      await seeded.store.close();
    },
  };
  return bed;
}

export type ZaloBotBed = Awaited<ReturnType<typeof startZaloBotBed>>;
