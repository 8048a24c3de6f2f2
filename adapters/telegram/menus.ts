import type { Api } from 'grammy';
import type { BotCommandScope } from 'grammy/types';
import { commandMenu, type MenuAudience } from '../../src/core/commandMenus.js';
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
  const targets: { audience: MenuAudience; scope?: BotCommandScope }[] = [{ audience: 'everyone' }];
  if (chats.editorialChat) targets.push({ audience: 'desk', scope: chatScope(chats.editorialChat) });
  if (chats.ticketsChat) targets.push({ audience: 'tickets', scope: chatScope(chats.ticketsChat) });
  if (chats.adminChat) targets.push({ audience: 'admin', scope: chatScope(chats.adminChat) });
  let set = 0;
  for (const t of targets) {
    for (const lang of LANGS) {
      await api.setMyCommands(commandMenu(t.audience, lang), { ...(t.scope ? { scope: t.scope } : {}), ...(lang === 'vi' ? {} : { language_code: lang }) });
      set += 1;
    }
  }
  return set;
}
