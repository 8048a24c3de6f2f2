import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { createTelegramDesk } from '../../adapters/telegram/desk.js';
import type { InteractionDeskOptions } from '../../adapters/telegram/interactionCards.js';
import { issueLinkCode, linkIdentity, OPERATOR } from '../../src/app/people.js';
import { calendarSource } from '../../src/app/tickets/calendarSource.js';
import type { TicketEnv } from '../../src/app/tickets/env.js';
import { ticketLinkKey } from '../../src/core/tickets/links.js';
import { BOT, FakeTelegram, type Call } from '../fakes/telegramApi.js';
import { seedDesk } from './desk.js';

export const TOKEN = '7000001:TEST-token_for-the-fake';
export const INTAKE = -1001987654321;
export const EDITORIAL = -1001555000111;
export const fixture = <T>(name: string): T => JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/telegram', name), 'utf8')) as T;

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(400, 7)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 1)]);

/** Files the fake serves: the fixtures' photos are real JPEG bytes; one program file the desk must refuse. */
export const FILES = {
  'AgACAgUAAxkBAAIFemdKq1-large': { path: 'photos/file_1.jpg', bytes: JPEG },
  'AgACAgUAAxkBAAIFgmdKr-a-large': { path: 'photos/file_2.jpg', bytes: Buffer.concat([JPEG, Buffer.from('a')]) },
  'AgACAgUAAxkBAAIFg2dKr-b-large': { path: 'photos/file_3.jpg', bytes: Buffer.concat([JPEG, Buffer.from('b')]) },
  'BQACAgUAAxkBAAIF-setup-exe': { path: 'documents/setup.exe', bytes: EXE },
  // Past the desks' 1 MB test limit; sent without a declared size, as forwarded files sometimes are.
  'BQACAgUAAxkBAAIF-big-pdf': { path: 'documents/bao-cao.pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2 * 1024 * 1024, 32)]) },
};

export interface TgUser {
  id: number;
  is_bot: false;
  first_name: string;
  username: string;
}

export async function startTelegramDesk(url: string, options: { publicBaseUrl?: string; inject429Every?: number; adminChat?: string; interactions?: InteractionDeskOptions; tickets?: { chat: string | null }; log?: Logger; staleDays?: number } = {}) {
  const seeded = await seedDesk(url);
  const fake = new FakeTelegram({ token: TOKEN, files: FILES, inject429Every: options.inject429Every });
  await fake.listen();
  const mediaDir = mkdtempSync(join(tmpdir(), 'hub-media-'));
  const hubSecret = 'a'.repeat(64);
  // The ticket use cases as the service wires them (src/ticketSetup.ts), over the seeded desk.
  const ticketEnv: TicketEnv = {
    deps: seeded.deps,
    calendar: calendarSource(seeded.deps, null),
    settings: { answerWorkingDays: 15, remindWorkingDays: 2, publicName: 'initials', linkDays: 14 },
    portalBaseUrl: 'https://portal.example.vn',
    linkKey: ticketLinkKey(hubSecret),
  };
  const telegram = createTelegramDesk({
    config: { token: TOKEN, apiRoot: fake.root, intakeChats: [{ chatId: String(INTAKE), siteKey: null }], editorialChat: String(EDITORIAL), siteDeskChats: [], adminChat: options.adminChat ?? null },
    deps: seeded.deps,
    hubSecret,
    media: { dir: mediaDir, maxBytes: 1024 * 1024 },
    portalBaseUrl: 'https://portal.example.vn',
    publicBaseUrl: options.publicBaseUrl ?? null,
    log: options.log ?? pino({ level: process.env.TEST_LOG ?? 'silent' }),
    botInfo: BOT,
    albumQuietMs: 300,
    interactions: options.interactions,
    tickets: options.tickets ? { env: ticketEnv, chat: options.tickets.chat } : undefined,
    ...(options.staleDays ? { timeliness: { staleDays: options.staleDays } } : {}),
  });
  if (telegram.tickets) ticketEnv.notifier = telegram.tickets.notifier;
  await telegram.start();

  let nextUserId = 5_300_000_000;
  /** A Telegram account linked to one of the seeded people through a real link code. */
  const linkedUser = async (personId: string, username: string): Promise<TgUser> => {
    const user: TgUser = { id: nextUserId++, is_bot: false, first_name: username, username };
    const code = await issueLinkCode(seeded.deps, OPERATOR, personId);
    if (!code.ok) throw new Error(code.reason);
    const linked = await linkIdentity(seeded.deps, code.value.code, { platform: 'telegram', platformUserId: String(user.id), username });
    if (!linked.ok) throw new Error(linked.reason);
    return user;
  };
  const stranger = (name: string): TgUser => ({ id: nextUserId++, is_bot: false, first_name: name, username: name });

  const say = (from: TgUser, chatId: number, fields: Record<string, unknown>) =>
    fake.push({ message: { message_id: fake.newMessageId(), from, chat: { id: chatId, type: chatId < 0 ? 'supergroup' : 'private', title: 'g' }, date: Math.floor(Date.now() / 1000), ...fields } });

  /** The open card of a code: the latest message in the editorial chat for it with buttons. */
  const cardOf = (code: string): Call | undefined =>
    fake
      .sent('sendMessage', EDITORIAL)
      .filter((c) => String(c.params.text).includes(code) && c.params.reply_markup)
      .at(-1);

  const buttonsOf = (card: Call): { text: string; callback_data: string }[] => ((card.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard ?? []).flat();

  const press = (from: TgUser, card: Call, data: string) =>
    fake.push({
      callback_query: {
        id: `cq-${fake.newMessageId()}`,
        from,
        chat_instance: '-3409221451937470536',
        data,
        message: { message_id: (card.result as { message_id: number }).message_id, from: BOT, chat: { id: EDITORIAL, type: 'supergroup', title: 'Ban Biên tập' }, date: Math.floor(Date.now() / 1000), text: String(card.params.text) },
      },
    });

  /** The popup answer the bot gave to a press. */
  const answerTo = async (pressId: string) =>
    fake.waitFor(() => fake.sent('answerCallbackQuery').find((c) => c.params.callback_query_id === pressId)?.params);

  /** Presses the button labelled `label` on the latest card of `code` (at the step named, if given) and returns the popup. */
  async function pressOn(who: TgUser, code: string, label: string, stepText?: string) {
    const card = await fake.waitFor(() => {
      const c = cardOf(code);
      return c && (!stepText || String(c.params.text).includes(stepText)) ? c : undefined;
    });
    const button = buttonsOf(card).find((b) => b.text.includes(label));
    if (!button) throw new Error(`no button ${label} on ${String(card.params.text)}`);
    const update = press(who, card, button.callback_data);
    return { popup: await answerTo(update.callback_query.id), card, data: button.callback_data };
  }

  const stop = async () => {
    await telegram.stop();
    await fake.close();
    await seeded.store.close();
  };
  return { seeded, fake, telegram, ticketEnv, linkedUser, stranger, say, cardOf, buttonsOf, press, answerTo, pressOn, stop, hubSecret, mediaDir };
}
