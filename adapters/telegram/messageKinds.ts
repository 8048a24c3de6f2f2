import type { Chat, Message } from 'grammy/types';
import { message } from '../../src/core/messages.js';
import type { ChatMessageKind, SubmissionOrigin } from '../../src/core/chatIntake.js';

/**
 * A Telegram message in intake's terms (src/core/chatIntake.ts): what it carries, who sent it as
 * whom, where it came from, which topic it is in, and whether it announces a group upgrade.
 * Field names follow the Bot API's Message object.
 */
export function kindOf(msg: Message): ChatMessageKind {
  if (msg.photo) return 'photo';
  if (msg.video) return 'video';
  // An animation also carries a `document` field; it is the animation that says what it is.
  if (msg.animation) return 'animation';
  if (msg.document) return 'document';
  if (msg.audio) return 'audio';
  if (msg.voice) return 'voice';
  if (msg.video_note) return 'videoNote';
  if (msg.sticker) return 'sticker';
  if (msg.poll) return 'poll';
  if (msg.location || msg.venue) return 'location';
  if (msg.contact) return 'contact';
  if (msg.dice || msg.game) return 'dice';
  if (msg.story) return 'story';
  if (msg.text !== undefined) return 'text';
  return isService(msg) ? 'service' : 'other';
}

/** Fields only service messages carry (members, pins, titles, topics, upgrades, calls, boosts…). */
const SERVICE_FIELDS = [
  'new_chat_members', 'left_chat_member', 'new_chat_title', 'new_chat_photo', 'delete_chat_photo', 'group_chat_created',
  'supergroup_chat_created', 'channel_chat_created', 'message_auto_delete_timer_changed', 'migrate_to_chat_id', 'migrate_from_chat_id',
  'pinned_message', 'forum_topic_created', 'forum_topic_edited', 'forum_topic_closed', 'forum_topic_reopened', 'general_forum_topic_hidden',
  'general_forum_topic_unhidden', 'video_chat_scheduled', 'video_chat_started', 'video_chat_ended', 'video_chat_participants_invited',
  'write_access_allowed', 'users_shared', 'chat_shared', 'proximity_alert_triggered', 'boost_added', 'chat_background_set',
  'giveaway_created', 'giveaway_completed', 'giveaway_winners', 'successful_payment', 'refunded_payment', 'connected_website',
] as const;

export function isService(msg: Message): boolean {
  const fields = msg as unknown as Record<string, unknown>;
  return SERVICE_FIELDS.some((f) => fields[f] !== undefined);
}

export const textOf = (msg: Message): string => msg.text ?? msg.caption ?? '';

const titleOf = (chat: Chat): string => ('title' in chat && chat.title) || ('first_name' in chat && chat.first_name) || String(chat.id);
const usernameOf = (chat: Chat): string | undefined => ('username' in chat && chat.username) || undefined;

/** A link to a channel post: public channels by username, private ones by their internal id (members only). */
function postLink(chat: Chat, messageId: number): string {
  const username = usernameOf(chat);
  if (username) return `https://t.me/${username}/${messageId}`;
  return `https://t.me/c/${String(chat.id).replace(/^-100/, '')}/${messageId}`;
}

/** Anonymous group admins post as the group itself (sender_chat is the chat the message is in). */
export const isAnonymousAdmin = (msg: Message): boolean => msg.sender_chat !== undefined && msg.sender_chat.id === msg.chat.id;

/** Where the message came from, when it is not simply its sender's own words; null otherwise. */
export function originOf(msg: Message): SubmissionOrigin | null {
  const origin: SubmissionOrigin = {};
  const f = msg.forward_origin;
  if (f) {
    const date = new Date(f.date * 1000).toISOString();
    if (f.type === 'user') {
      const name = [f.sender_user.first_name, f.sender_user.last_name].filter(Boolean).join(' ');
      origin.forwardedFrom = { type: 'user', name, ...(f.sender_user.username ? { username: f.sender_user.username } : {}), date };
    } else if (f.type === 'hidden_user') {
      origin.forwardedFrom = { type: 'hiddenUser', name: f.sender_user_name, date };
    } else if (f.type === 'chat') {
      const username = usernameOf(f.sender_chat);
      origin.forwardedFrom = { type: 'chat', name: titleOf(f.sender_chat), ...(username ? { username } : {}), date };
    } else {
      const username = usernameOf(f.chat);
      origin.forwardedFrom = { type: 'channel', name: titleOf(f.chat), ...(username ? { username } : {}), link: postLink(f.chat, f.message_id), date };
    }
  }
  if (isAnonymousAdmin(msg)) origin.anonymousAdminOf = { chatTitle: titleOf(msg.chat) };
  else if (msg.sender_chat) {
    const username = usernameOf(msg.sender_chat);
    origin.asChannel = { title: titleOf(msg.sender_chat), ...(username ? { username } : {}) };
  }
  return Object.keys(origin).length > 0 ? origin : null;
}

/**
 * Who sent it, honestly: a person by name; an anonymous admin as such (Telegram shows them as the
 * user "Group", id 1087968824, whom every anonymous admin shares); a channel by its title.
 */
export function senderOf(msg: Message): { platformId: string; name: string } {
  if (isAnonymousAdmin(msg)) return { platformId: `chat:${msg.chat.id}`, name: message('vi', 'sender_anonymous_admin', { chat: titleOf(msg.chat) }) };
  if (msg.sender_chat) return { platformId: `chat:${msg.sender_chat.id}`, name: titleOf(msg.sender_chat) };
  const f = msg.from;
  if (!f) return { platformId: '?', name: '?' };
  const name = [f.first_name, f.last_name].filter(Boolean).join(' ') || (f.username ? `@${f.username}` : String(f.id));
  return { platformId: String(f.id), name };
}

/** The forum topic to answer in; undefined outside topics (the General topic takes no thread id). */
export const threadOf = (msg: Message): number | undefined => (msg.is_topic_message ? msg.message_thread_id : undefined);

/** A group upgraded to a supergroup: announced in the old chat (migrate_to) and in the new one (migrate_from). */
export function upgradeOf(msg: Message): { from: string; to: string } | null {
  if (msg.migrate_to_chat_id !== undefined) return { from: String(msg.chat.id), to: String(msg.migrate_to_chat_id) };
  if (msg.migrate_from_chat_id !== undefined) return { from: String(msg.migrate_from_chat_id), to: String(msg.chat.id) };
  return null;
}

/** What the desk needs to answer the sender later in the right place: their message and its topic. */
export interface TelegramReplyRef {
  messageId: number;
  thread?: number;
}

export const replyRefOf = (msg: Message): string => JSON.stringify({ messageId: msg.message_id, ...(threadOf(msg) !== undefined ? { thread: threadOf(msg) } : {}) } satisfies TelegramReplyRef);

export function readReplyRef(ref: string | null | undefined): TelegramReplyRef | null {
  if (!ref) return null;
  try {
    const parsed = JSON.parse(ref) as Partial<TelegramReplyRef>;
    return typeof parsed.messageId === 'number' ? { messageId: parsed.messageId, ...(typeof parsed.thread === 'number' ? { thread: parsed.thread } : {}) } : null;
  } catch {
    return null;
  }
}

/** Telegram sends at most ten parts in one media group; a longer album arrives as several. */
export const ALBUM_LIMIT = 10;

/** The last album part the collector took from a sender in a chat. */
export interface AlbumTail {
  chatId: string;
  senderId: string;
  mediaGroupId: string;
  /** Parts of the (possibly joined) album so far. */
  parts: number;
  lastMessageId: number;
  lastDate: number;
}

/**
 * Whether a part of a new media group continues the album before it: Telegram splits an album of
 * more than ten into groups of ten, sent back to back by the same sender in the same chat. So a
 * new group continues the previous one when that one is a whole multiple of ten parts, from the
 * same sender and chat, and the part follows it directly (next message id, within a few seconds).
 */
export function continuesAlbum(tail: AlbumTail | undefined, part: { chatId: string; senderId: string; mediaGroupId: string; messageId: number; date: number }): boolean {
  if (!tail || tail.mediaGroupId === part.mediaGroupId) return false;
  return (
    tail.chatId === part.chatId &&
    tail.senderId === part.senderId &&
    tail.parts > 0 &&
    tail.parts % ALBUM_LIMIT === 0 &&
    part.messageId === tail.lastMessageId + 1 &&
    part.date - tail.lastDate <= 5
  );
}
