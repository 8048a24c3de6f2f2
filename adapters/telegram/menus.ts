import type { Api } from 'grammy';
import type { BotCommandScope } from 'grammy/types';
import { mergedMenu, type MenuAudience } from '../../src/core/commandMenus.js';
import { LANGS } from '../../src/core/messages.js';

/** The chats a deployment names, each with its own menu. */
export interface MenuChats {
  editorialChat: string | null;
  ticketsChat: string | null;
  adminChat: string | null;
}

const chatScope = (chatId: string): BotCommandScope => ({ type: 'chat', chat_id: /^-?\d+$/.test(chatId) ? Number(chatId) : chatId });

/**
 * Sets what Telegram's command menu offers, per chat and language: everyone's (Vietnamese by default,
 * English for people whose Telegram is in English), then the desk's, the tickets' and the admins' chats.
 * Returns how many menus were set.
 */
export async function publishMenus(api: Api, chats: MenuChats): Promise<number> {
  // A chat named for several roles gets one menu with all of theirs: set one after the other, the last would replace the rest.
  const byChat = new Map<string, MenuAudience[]>();
  for (const [chat, audience] of [[chats.editorialChat, 'desk'], [chats.ticketsChat, 'tickets'], [chats.adminChat, 'admin']] as const) {
    if (chat) byChat.set(chat, [...(byChat.get(chat) ?? []), audience]);
  }
  const targets: { audiences: MenuAudience[]; scope?: BotCommandScope }[] = [{ audiences: ['everyone'] }, ...[...byChat].map(([chat, audiences]) => ({ audiences, scope: chatScope(chat) }))];
  let set = 0;
  for (const t of targets) {
    for (const lang of LANGS) {
      await api.setMyCommands(mergedMenu(t.audiences, lang), { ...(t.scope ? { scope: t.scope } : {}), ...(lang === 'vi' ? {} : { language_code: lang }) });
      set += 1;
    }
  }
  return set;
}
