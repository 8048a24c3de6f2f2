import { message, type Lang } from './messages.js';

/** Who sees a menu: everyone (any chat), the editorial desk's chat, the tickets chat, the admins' chat. */
export type MenuAudience = 'everyone' | 'desk' | 'tickets' | 'admin';

const EVERYONE = ['help', 'link', 'whoami', 'lang', 'submit', 'nhuanbut'] as const;
const DESK = ['pending', 'status', 'find', 'stats', 'baocao', 'submit', 'whoami', 'lang', 'help'] as const;
const TICKETS = ['tickets', 'ticket', 'nhap', 'whoami', 'help'] as const;
const ADMIN = ['pending', 'status', 'find', 'grant', 'ungrant', 'invite', 'delegate', 'revoke', 'takedown', 'channels', 'retry', 'pause', 'resume', 'reconnect', 'stats', 'help'] as const;

/**
 * The commands Telegram's menu offers, by audience: a collaborator sees how to send news and link an
 * account; reviewers their queue; admins the roles and channels. Descriptions from the one catalogue.
 */
export const MENUS: Record<MenuAudience, readonly string[]> = { everyone: EVERYONE, desk: DESK, tickets: TICKETS, admin: ADMIN };

export function commandMenu(audience: MenuAudience, lang: Lang): { command: string; description: string }[] {
  return MENUS[audience].map((command) => ({ command, description: message(lang, `menu_${command}`) }));
}

/** One chat's menu when it serves several audiences (a small province's one group for the desk and tickets): each command once, in order. */
export function mergedMenu(audiences: readonly MenuAudience[], lang: Lang): { command: string; description: string }[] {
  const seen = new Set<string>();
  return audiences.flatMap((audience) => commandMenu(audience, lang)).filter((c) => (seen.has(c.command) ? false : (seen.add(c.command), true)));
}
