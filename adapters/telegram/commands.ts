import type { Context } from 'grammy';
import { endOfDay, formatLocal } from '../../src/core/dates.js';
import { explain, isLang, message, type Lang } from '../../src/core/messages.js';
import type { QuotaRule } from '../../src/core/quota.js';
import { isRole, ROLES } from '../../src/core/roles.js';
import { siteTree } from '../../src/core/visibility.js';
import { delegate, revokeDelegation } from '../../src/app/delegation.js';
import { deskCounts, findItems, invite, lookUpCode, pendingFor, setLanguage, whoIs, type DeskScope } from '../../src/app/desk.js';
import { act } from '../../src/app/items.js';
import { grant, linkIdentity, revoke } from '../../src/app/people.js';
import type { PersonRecord } from '../../src/app/ports.js';
import { PLATFORM, siteOfDeskChat, type DeskEnv } from './cards.js';
import { CHANNEL_COMMANDS } from './channelCommands.js';

export interface CommandEnv extends DeskEnv {
  /** The site commands act on: the province portal unless a chat is tied to another site. */
  siteKeyFor(chatId: string): Promise<string>;
  /** Platform quotas, for /channels to show what is left. */
  quotas: Partial<Record<string, QuotaRule>>;
}

export type Handler = (env: CommandEnv, ctx: Context, args: string, who: { person: PersonRecord | null; lang: Lang }) => Promise<string>;

/** The longest text Telegram takes in one message. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Lines of /pending on one page: few enough that each may show most of a long title. */
const PENDING_PER_PAGE = 25;

const usage = (lang: Lang, text: string) => message(lang, 'usage', { usage: text });
const refusal = explain;

/** `@username`, a numeric Telegram id, or the author of the message replied to. */
async function personNamed(env: CommandEnv, ctx: Context, token: string): Promise<PersonRecord | null> {
  const replied = ctx.msg?.reply_to_message?.from;
  const identity = token.startsWith('@')
    ? await env.deps.store.identityByUsername(PLATFORM, token.slice(1))
    : /^\d+$/.test(token)
      ? { personId: (await env.deps.store.personByIdentity(PLATFORM, token))?.id ?? '' }
      : replied
        ? { personId: (await env.deps.store.personByIdentity(PLATFORM, String(replied.id)))?.id ?? '' }
        : null;
  return identity?.personId ? env.deps.store.personById(identity.personId) : null;
}

type LinkedHandler = (env: CommandEnv, ctx: Context, args: string, person: PersonRecord, lang: Lang) => Promise<string>;

const linked = (fn: LinkedHandler): Handler =>
  async (env, ctx, args, who) => (who.person ? fn(env, ctx, args, who.person, who.lang) : message(who.lang, 'not_linked'));

/** A command that changes who may do what, or what is public: tried by an account no one linked, it is recorded too. */
const privileged = (name: string, fn: LinkedHandler): Handler =>
  async (env, ctx, args, who) => {
    if (!who.person) void env.deps.refusals?.refused({ kind: 'privileged_command', source: `${PLATFORM}:${ctx.from?.id ?? '?'}`, detail: { action: name, reason: 'not_linked' } });
    return linked(fn)(env, ctx, args, who);
  };

type DeskHandler = (env: CommandEnv, ctx: Context, args: string, person: PersonRecord, lang: Lang, within: DeskScope) => Promise<string>;

/**
 * Drafts are shown only where no outsider reads along: a private chat with the bot, the editorial
 * chat, or a site's own desk chat — there only that site's (and its sub-sites') items, since all its
 * members read the answer. In a collaborators' group the answer would reach everyone in it.
 */
const inDeskChat =
  (fn: DeskHandler): LinkedHandler =>
  async (env, ctx, args, person, lang) => {
    const here = String(ctx.chat?.id);
    if (ctx.chat?.type === 'private' || (env.editorialChat !== null && here === env.editorialChat)) return fn(env, ctx, args, person, lang, null);
    const deskSite = siteOfDeskChat(env, here);
    const sites = deskSite === null ? [] : await env.deps.store.sites();
    const root = sites.find((s) => s.key === deskSite);
    return root ? fn(env, ctx, args, person, lang, new Set(siteTree(sites, root).map((s) => s.id))) : message(lang, 'private_only');
  };

export const COMMANDS: Record<string, Handler> = {
  ...CHANNEL_COMMANDS,
  help: async (_env, _ctx, _args, { lang }) => `${message(lang, 'help')}\n\n${message(lang, 'tdesk_help')}`,
  start: async (_env, _ctx, _args, { lang }) => `${message(lang, 'help')}\n\n${message(lang, 'tdesk_help')}`,

  async link(env, ctx, args, { lang }) {
    const from = ctx.from;
    if (!from || args.trim() === '') return usage(lang, '/link MÃ');
    const done = await linkIdentity(env.deps, args.trim(), { platform: PLATFORM, platformUserId: String(from.id), username: from.username ?? null });
    if (!done.ok) return message(lang, done.reason);
    const person = await env.deps.store.personById(done.personId);
    return message(person?.lang ?? lang, 'link_done', { name: person?.displayName ?? '' });
  },

  async whoami(env, ctx, _args, { person, lang }) {
    if (!person) return message(lang, 'whoami_unlinked', { user: ctx.from?.username ? `@${ctx.from.username}` : String(ctx.from?.id ?? '?') });
    const who = await whoIs(env.deps, person.id);
    const roles = who?.roles.map((r) => `${message(lang, `role_${r.role}`)} (${r.site.key})`).join(', ') || message(lang, 'no_roles');
    return message(lang, 'whoami', { name: person.displayName, roles, lang: person.lang });
  },

  pending: linked(inDeskChat(async (env, _ctx, args, person, lang, within) => {
    const wanted = args.trim() === '' ? 1 : Number(args.trim());
    // A page is a window the database cuts (the queue may hold thousands); each line is cut short
    // enough that a full page stays under Telegram's 4096 characters.
    const page = await pendingFor(env.deps, person.id, Number.isInteger(wanted) && wanted >= 1 ? wanted : 1, PENDING_PER_PAGE, within);
    const total = page.submissionCount + page.itemCount;
    if (total === 0) return message(lang, 'pending_none');
    const pages = Math.ceil(total / PENDING_PER_PAGE);
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > pages) return message(lang, 'page_none', { page: args.trim(), pages: String(pages) });
    const header = (n: number, of: number) => message(lang, 'pending_list', { count: String(total) }) + (of > 1 ? ` ${message(lang, 'page_of', { page: String(n), pages: String(of) })}` : '');
    const footer = (n: number, of: number) => (n < of ? message(lang, 'page_next', { next: String(n + 1) }) : '');
    const room = Math.floor((TELEGRAM_TEXT_LIMIT - header(99999, 99999).length - footer(99998, 99999).length - 2) / PENDING_PER_PAGE) - 1;
    const lines = [
      ...page.submissions.map((s) => `• ${s.code ?? '?'} — ${s.rawText.split('\n')[0] ?? ''} (${message(lang, 'step_intake')})`),
      ...page.items.map((i) => `• ${i.code} — ${i.revision.title} (${message(lang, `step_${i.step ?? 'editor'}`)})`),
    ].map((line) => (line.length > room ? `${line.slice(0, room - 1)}…` : line));
    return [header(wanted, pages), ...lines, footer(wanted, pages)].filter((l) => l !== '').join('\n');
  })),

  status: linked(
    inDeskChat(async (env, _ctx, args, person, lang, within) => {
      const code = args.trim().toUpperCase();
      if (code === '') return usage(lang, '/status MÃ-TIN');
      const found = await lookUpCode(env.deps, person.id, code, within);
      if (!found) return message(lang, 'unknown_item', { code });
      if ('submission' in found) {
        const sub = found.submission;
        return message(lang, 'status_line', { code, title: sub.rawText.split('\n')[0] ?? '', state: message(lang, `state_${sub.state}`), step: '' }) + (sub.triageNote ? `\n${sub.triageNote}` : '');
      }
      const item = found.item;
      const step = item.step ? message(lang, 'status_step', { step: message(lang, `step_${item.step}`) }) : '';
      const history = (await env.deps.store.decisionsOf(item.id)).map((d) => `• ${formatLocal(d.createdAt, env.deps.timeZone)} ${message(lang, `act_${d.action}`)} — ${d.actorName}${d.note ? `: ${d.note}` : ''}`);
      return [message(lang, 'status_line', { code: item.code, title: item.revision.title, state: message(lang, `state_${item.state}`), step }), ...history].join('\n');
    }),
  ),

  find: linked(
    inDeskChat(async (env, _ctx, args, person, lang, within) => {
      const text = args.trim();
      if (text === '') return usage(lang, '/find TỪ KHÓA');
      const found = await findItems(env.deps, person.id, text, 10, within);
      if (found.length === 0) return message(lang, 'find_none', { text });
      return [message(lang, 'find_list', { count: String(found.length), text }), ...found.map((i) => `• ${i.code} — ${i.revision.title} (${message(lang, `state_${i.state}`)})`)].join('\n');
    }),
  ),

  delegate: privileged('delegate', async (env, ctx, args, person, lang) => {
    const [who = '', date = ''] = args.trim().split(/\s+/);
    const until = endOfDay(date, env.deps.timeZone);
    if (who === '' || date === '') return usage(lang, '/delegate @thuky dd/mm/yyyy');
    if (!until) return message(lang, 'bad_date', { date });
    const to = await personNamed(env, ctx, who);
    if (!to) return message(lang, 'unknown_user', { user: who });
    const done = await delegate(env.deps, person.id, { siteKey: await env.siteKeyFor(String(ctx.chat?.id)), toPersonId: to.id, until });
    return done.ok ? message(lang, 'delegate_done', { name: to.displayName, until: date }) : refusal(lang, done);
  }),

  revoke: privileged('revoke', async (env, ctx, _args, person, lang) => {
    const siteKey = await env.siteKeyFor(String(ctx.chat?.id));
    const site = await env.deps.store.siteByKey(siteKey);
    const now = env.deps.clock();
    const mine = (await env.deps.store.delegationsOnSite(site?.id ?? '')).filter((d) => d.fromPersonId === person.id && d.revokedAt === null && d.validUntil > now);
    if (mine.length === 0) return message(lang, 'unknown_delegation');
    for (const d of mine) {
      const done = await revokeDelegation(env.deps, person.id, siteKey, d.id);
      if (!done.ok) return refusal(lang, done);
    }
    return message(lang, 'revoke_done', { count: String(mine.length) });
  }),

  grant: privileged('grant', (env, ctx, args, person, lang) => changeRole(env, ctx, args, person, lang, 'grant')),
  ungrant: privileged('ungrant', (env, ctx, args, person, lang) => changeRole(env, ctx, args, person, lang, 'ungrant')),

  takedown: privileged('takedown', async (env, _ctx, args, person, lang) => {
    const [code = '', ...reason] = args.trim().split(/\s+/);
    if (code === '' || reason.length === 0) return usage(lang, '/takedown MÃ-TIN lý do');
    const done = await act(env.deps, person.id, code, { type: 'takeDown', note: reason.join(' ') });
    return done.ok ? message(lang, 'takedown_done', { code: done.value.code }) : refusal(lang, done);
  }),

  lang: linked(async (env, _ctx, args, person, lang) => {
    const wanted = args.trim().toLowerCase();
    if (!isLang(wanted)) return message(lang, 'bad_lang');
    await setLanguage(env.deps, person.id, wanted);
    return message(wanted, 'lang_done');
  }),

  stats: linked(
    inDeskChat(async (env, _ctx, _args, person, lang, within) => {
      const c = await deskCounts(env.deps, person.id, within);
      if (!c) return message(lang, 'desk_only');
      const n = (r: Record<string, number>, k: string) => String(r[k] ?? 0);
      const waiting = Object.entries(c.waitingAt).map(([step, count]) => `${message(lang, `step_${step}`)}: ${count}`).join(', ') || '0';
      return message(lang, 'stats', {
        received: n(c.submissions, 'received'), accepted: n(c.submissions, 'accepted'), rejectedSubmissions: n(c.submissions, 'rejected'),
        review: n(c.items, 'review'), waiting, scheduled: n(c.items, 'scheduled'), published: n(c.items, 'published'), takenDown: n(c.items, 'takenDown'),
      });
    }),
  ),

  invite: privileged('invite', async (env, ctx, args, person, lang) => {
    if (ctx.chat?.type !== 'private') return message(lang, 'private_only');
    if (args.trim() === '') return usage(lang, '/invite Họ và tên');
    const done = await invite(env.deps, { kind: 'person', personId: person.id }, await env.siteKeyFor(String(ctx.chat.id)), args.trim());
    if (!done.ok) return refusal(lang, done);
    return message(lang, 'invite_done', { name: done.value.person.displayName, code: done.value.code, until: formatLocal(done.value.expiresAt, env.deps.timeZone) });
  }),
};

async function changeRole(env: CommandEnv, ctx: Context, args: string, person: PersonRecord, lang: Lang, kind: 'grant' | 'ungrant'): Promise<string> {
  const [who = '', role = '', siteArg] = args.trim().split(/\s+/);
  if (who === '' || role === '') return usage(lang, `/${kind} @nguoi VAI_TRÒ`);
  if (!isRole(role)) return message(lang, 'bad_role', { role, roles: ROLES.join(', ') });
  const target = await personNamed(env, ctx, who);
  if (!target) return message(lang, 'unknown_user', { user: who });
  const siteKey = siteArg ?? (await env.siteKeyFor(String(ctx.chat?.id)));
  const op = { kind: 'person' as const, personId: person.id };
  const done = kind === 'grant' ? await grant(env.deps, op, { personId: target.id, siteKey, role }) : await revoke(env.deps, op, { personId: target.id, siteKey, role });
  if (!done.ok) return refusal(lang, done);
  return message(lang, kind === 'grant' ? 'grant_done' : 'ungrant_done', { role: message(lang, `role_${role}`), name: target.displayName, site: siteKey });
}
