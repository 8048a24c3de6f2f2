import { message, type Lang } from '../../src/core/messages.js';
import { linkIdentity, mayAdministerPortal } from '../../src/app/people.js';
import { coefficientCommand } from '../../src/app/royalties/cardTerms.js';
import type { PersonRecord } from '../../src/app/ports.js';
import { PLATFORM, type ZaloBotEnv } from './env.js';
import type { BotEvent } from './mapping.js';
import type { BotReviews } from './reviews.js';

export interface Who {
  person: PersonRecord | null;
  lang: Lang;
}

/** A command's answer for the chat it came from, or null when the bot stays silent (or already answered). */
type Handler = (env: ZaloBotEnv, reviews: BotReviews, event: BotEvent, args: string, who: Who) => Promise<string | null>;

const usage = (lang: Lang, text: string) => message(lang, 'usage', { usage: text });
/** Item codes are `PREFIX-YYYY-NNNNN`: well under this. */
const MAX_CODE = 40;

const help: Handler = async (_env, _reviews, _event, _args, { lang }) => message(lang, 'zalo_bot_help');

/** `/id`: the chat's id, for a portal admin setting the bot up; nobody else is answered. */
const chatId: Handler = async (env, _reviews, event, _args, { person, lang }) =>
  person && (await mayAdministerPortal(env.deps, { kind: 'person', personId: person.id })) ? message(lang, 'zalo_bot_chat_id', { id: event.chatId }) : null;

export const link: Handler = async (env, _reviews, event, args, { lang }) => {
  if (args.trim() === '') return usage(lang, '/link MÃ');
  const done = await linkIdentity(env.deps, args.trim(), { platform: PLATFORM, platformUserId: event.from, username: null });
  if (!done.ok) return `${event.name}: ${message(lang, done.reason)}`;
  const person = await env.deps.store.personById(done.personId);
  return message(person?.lang ?? lang, 'zalo_link_done', { name: person?.displayName ?? event.name });
};

/** `/duyet CODE TAG` and `/tralai CODE TAG reason`, for linked people only. */
const reviewer =
  (kind: 'approve' | 'return'): Handler =>
  async (_env, reviews, event, args, { person, lang }) => {
    if (!person) return message(lang, 'zalo_not_linked', { name: event.name });
    const [code = '', tag = '', ...reason] = args.trim().split(/\s+/);
    // A tag is five letters or digits and a code is short: anything else is answered with the usage, never repeated back.
    const malformed = !/^[a-z0-9]{5}$/i.test(tag) || code.length > MAX_CODE;
    if (code === '' || malformed || (kind === 'return' && reason.length === 0)) return usage(person.lang, kind === 'approve' ? '/duyet MÃ-TIN THẺ' : '/tralai MÃ-TIN THẺ lý do');
    await reviews.command(event.chatId, person, kind, code.toUpperCase(), tag, reason.join(' '));
    return null;
  };

/** `/heso CODE GENRE COEFFICIENT`: the desk sets a work's genre and coefficient, as on Telegram, for linked people only. */
const coefficient: Handler = async (env, _reviews, event, args, { person, lang }) =>
  person ? `${person.displayName}: ${await coefficientCommand(env.deps, person.id, person.lang, args)}` : message(lang, 'zalo_not_linked', { name: event.name });

export const BOT_COMMANDS: Readonly<Record<string, Handler>> = {
  help,
  huongdan: help,
  start: help,
  id: chatId,
  link,
  duyet: reviewer('approve'),
  approve: reviewer('approve'),
  tralai: reviewer('return'),
  return: reviewer('return'),
  heso: coefficient,
};

/** In a group the bot is not configured for, only a portal admin's `/id` is answered. */
export const OTHER_GROUP_COMMANDS: Readonly<Record<string, Handler>> = { id: chatId };

export { parseSlashCommand as parseCommand } from '../../src/core/slashCommand.js';
