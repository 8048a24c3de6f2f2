import { BOT, type Call } from '../fakes/telegramApi.js';
import type { Journey, TgUser } from './journey.js';

type Button = { text: string; callback_data: string };

/** A ticket's cards in the tickets chat of a journey, read and pressed as a person at the desk does. */
export function ticketChat(j: () => Journey, chat: number) {
  const messageId = (c: Call) => (c.result as { message_id: number }).message_id;
  const cardsOf = (code: string) => j().telegram.sent('sendMessage', chat).filter((c) => String(c.params.text).startsWith(`📨 ${code}`));
  /** A card as it reads now: its last edit, or as sent. */
  const now = (card: Call) => {
    const last = j().telegram.sent('editMessageText', chat).filter((e) => Number(e.params.message_id) === messageId(card)).at(-1) ?? card;
    return { text: String(last.params.text), buttons: ((last.params.reply_markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat() };
  };
  const cardSays = (code: string, part: string) => j().telegram.waitFor(() => cardsOf(code).map(now).find((c) => c.text.includes(part)), 90_000);
  /** Presses `label` on the ticket's latest card as it reads now; the bot's popup. */
  async function press(who: TgUser, code: string, label: string): Promise<string> {
    const card = await j().telegram.waitFor(() => cardsOf(code).at(-1), 60_000);
    const button = now(card).buttons.find((b) => b.text.includes(label));
    if (!button) throw new Error(`no ${label} button on ${now(card).text}`);
    const id = `cq-${j().telegram.newMessageId()}`;
    j().telegram.push({ callback_query: { id, from: who, chat_instance: '-1', data: button.callback_data, message: { message_id: messageId(card), from: BOT, chat: { id: chat, type: 'supergroup', title: 'Hỏi đáp' }, date: 0, text: 'x' } } });
    const answered = await j().telegram.waitFor(() => j().telegram.sent('answerCallbackQuery').find((c) => c.params.callback_query_id === id), 60_000);
    return String(answered.params.text ?? '');
  }
  /** Answers the bot's latest prompt containing `promptPart` for `who` with `text`, as a reply in the group. */
  async function reply(who: TgUser, promptPart: string, text: string): Promise<void> {
    const prompt = await j().telegram.waitFor(() => j().telegram.sent('sendMessage', chat).filter((c) => String(c.params.text).includes(promptPart)).at(-1), 60_000);
    j().say(who, chat, { text, reply_to_message: { message_id: messageId(prompt), from: BOT, chat: { id: chat, type: 'supergroup' }, date: 0 } });
  }
  return { cardsOf, now, cardSays, press, reply };
}
