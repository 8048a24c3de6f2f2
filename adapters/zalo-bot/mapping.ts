/**
 * What the Zalo Bot Platform sends, checked once here. An update is `{event_name, message}` (getUpdates
 * answers one, as an object; the webhook posts one per request) [doc copy, platforms.md]. Field names
 * for a photo vary between third-party adapters (`photo`, `photo_url`, `image`) [unconfirmed]: each is
 * read. A message in a group reaches the bot only when it @mentions it; the mention is cut from the text.
 */
export type BotEventKind = 'text' | 'photo' | 'sticker' | 'unsupported';

export interface BotEvent {
  /** The inbox key: one per message, whichever way (poll, webhook, a retry) it came. */
  key: string;
  kind: BotEventKind;
  messageId: string;
  chatId: string;
  isGroup: boolean;
  from: string;
  name: string;
  /** When Zalo says it was sent (milliseconds in the documented sample). */
  at: Date;
  /** The text, or a photo's caption, without the bot's @mention. */
  text: string;
  photoUrl: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

const KINDS: Readonly<Record<string, BotEventKind>> = {
  'message.text.received': 'text',
  'message.image.received': 'photo',
  'message.sticker.received': 'sticker',
  'message.unsupported.received': 'unsupported',
};

/** An @mention at the start of a group message ("@Cổng tin tỉnh /duyet …", "@bot tin mới…"): the bot's name may have spaces, so up to a command's slash or the first line's end when the text starts with @. */
export function withoutMention(text: string, botName: string | null): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith('@')) return trimmed;
  if (botName && trimmed.slice(1).toLowerCase().startsWith(botName.toLowerCase())) return trimmed.slice(1 + botName.length).trim();
  const slash = trimmed.indexOf(' /');
  if (slash > 0) return trimmed.slice(slash + 1).trim();
  // One word after @: the mention; the rest is the message.
  return trimmed.replace(/^@\S+\s*/, '').trim();
}

/** The update's event, or null when it is not one the desk can read (kept in the log, never guessed at). */
export function toBotEvent(update: unknown, botName: string | null = null): BotEvent | null {
  if (!isRecord(update)) return null;
  const message = isRecord(update['message']) ? update['message'] : null;
  if (!message) return null;
  const chat = isRecord(message['chat']) ? message['chat'] : {};
  const from = isRecord(message['from']) ? message['from'] : {};
  const messageId = str(message['message_id']);
  const chatId = str(chat['id']);
  if (messageId === '' || chatId === '') return null;
  const photoUrl = str(message['photo']) || str(message['photo_url']) || str(message['image']) || null;
  const eventName = str(update['event_name']);
  const kind: BotEventKind = KINDS[eventName] ?? (photoUrl ? 'photo' : typeof message['text'] === 'string' ? 'text' : 'unsupported');
  const date = Number(message['date']);
  // Seconds in some adapters' samples, milliseconds in the platform's: a value below 10^11 is seconds.
  const at = new Date(Number.isFinite(date) && date > 0 ? (date < 1e11 ? date * 1000 : date) : Date.now());
  const raw = kind === 'photo' ? str(message['caption']) || str(message['text']) : str(message['text']);
  return {
    // With the chat: message ids may be numbered per chat, as Telegram's are.
    key: `zalo-bot:${chatId}:${messageId}`,
    kind,
    messageId,
    chatId,
    isGroup: str(chat['chat_type']).toUpperCase() === 'GROUP',
    from: str(from['id']),
    name: str(from['display_name']) || str(from['name']) || str(from['first_name']) || str(from['id']),
    at,
    text: withoutMention(raw, botName),
    photoUrl: kind === 'photo' ? photoUrl : null,
  };
}
