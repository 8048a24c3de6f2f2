import { message, type Lang } from '../../src/core/messages.js';
import { lookUpCode } from '../../src/app/desk.js';
import { coefficientCommand } from '../../src/app/royalties/cardTerms.js';
import { linkIdentity, mayAdministerPortal } from '../../src/app/people.js';
import type { PersonRecord } from '../../src/app/ports.js';
import { PLATFORM, type ZaloDeskEnv } from './env.js';
import type { IncomingMessage } from './mapping.js';
import type { ZaloReviews } from './reviews.js';

type Handler = (env: ZaloDeskEnv, reviews: ZaloReviews, msg: IncomingMessage, args: string, who: { person: PersonRecord | null; lang: Lang }) => Promise<string | null>;

const usage = (lang: Lang, text: string) => message(lang, 'usage', { usage: text });

/** Reviewer commands need a linked account; the answer names the person, since the group is shared. */
const reviewer =
  (fn: (env: ZaloDeskEnv, reviews: ZaloReviews, msg: IncomingMessage, args: string, person: PersonRecord) => Promise<string | null>): Handler =>
  async (env, reviews, msg, args, who) =>
    who.person ? fn(env, reviews, msg, args, who.person) : message(who.lang, 'zalo_not_linked', { name: msg.name });

const approve: Handler = reviewer(async (env, reviews, msg, args, person) => {
  const code = args.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
  if (code === '') return usage(person.lang, '/duyet MÃ-TIN');
  // By command the reviewer approves what is current now; a card (👍) approves the revision it shows.
  // A code that does not exist and one the reviewer may not see get the same answer from `act`.
  const found = await lookUpCode(env.deps, person.id, code);
  const revisionHash = found && 'item' in found ? found.item.revision.contentHash : '';
  await reviews.decide(msg.threadId, person, code, { type: 'approve', revisionHash });
  return null;
});

const giveBack: Handler = reviewer(async (_env, reviews, msg, args, person) => {
  const [code = '', ...reason] = args.trim().split(/\s+/);
  if (code === '' || reason.length === 0) return usage(person.lang, '/tralai MÃ-TIN lý do');
  await reviews.decide(msg.threadId, person, code.toUpperCase(), { type: 'return', note: reason.join(' ') });
  return null;
});

/** `/heso CODE GENRE COEFFICIENT`: the desk sets a work's genre and coefficient, as on Telegram; the answer names the person (the group is shared). */
const coefficient: Handler = reviewer(async (env, _reviews, _msg, args, person) => `${person.displayName}: ${await coefficientCommand(env.deps, person.id, person.lang, args)}`);

const help: Handler = async (_env, _reviews, _msg, _args, { lang }) => message(lang, 'zalo_help');

/** `/id`: a chat's id for a portal admin setting the bot up; nobody else is answered. */
const threadId: Handler = async (env, _reviews, msg, _args, { person, lang }) =>
  person && (await mayAdministerPortal(env.deps, { kind: 'person', personId: person.id })) ? message(lang, 'zalo_thread_id', { id: msg.threadId }) : null;

const link: Handler = async (env, _reviews, msg, args, { lang }) => {
  if (args.trim() === '') return usage(lang, '/link MÃ');
  const done = await linkIdentity(env.deps, args.trim(), { platform: PLATFORM, platformUserId: msg.from, username: null });
  if (!done.ok) return `${msg.name}: ${message(lang, done.reason)}`;
  const person = await env.deps.store.personById(done.personId);
  return message(person?.lang ?? lang, 'zalo_link_done', { name: person?.displayName ?? msg.name });
};

/**
 * The commands heard where the bot answers nobody (audience.ts): a `/link`
 * that links its sender is answered, a failed one is not; `/id` answers a portal admin only.
 */
export const QUIET_HANDLERS: Readonly<Record<string, Handler>> = {
  async link(env, reviews, msg, args, who) {
    const answer = await link(env, reviews, msg, args, who);
    return (await env.deps.store.personByIdentity(PLATFORM, msg.from)) ? answer : null;
  },
  id: threadId,
};

export const ZALO_COMMANDS: Readonly<Record<string, Handler>> = {
  help,
  huongdan: help,
  duyet: approve,
  approve,
  tralai: giveBack,
  return: giveBack,
  heso: coefficient,
  link,
  id: threadId,
};

export { parseSlashCommand as parseCommand } from '../../src/core/slashCommand.js';
