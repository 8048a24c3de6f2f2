import type { Context } from 'grammy';
import { message, type Lang } from '../../src/core/messages.js';
import { setChannelState } from '../../src/app/channels.js';
import { channelsOverview, describeChannel, retryItem } from '../../src/app/mirrors.js';
import type { PersonRecord } from '../../src/app/ports.js';
import type { CommandEnv } from './commands.js';

type Handler = (env: CommandEnv, ctx: Context, args: string, who: { person: PersonRecord | null; lang: Lang }) => Promise<string>;

const asPerson = (fn: (env: CommandEnv, args: string, person: PersonRecord, lang: Lang) => Promise<string>): Handler =>
  async (env, _ctx, args, who) => (who.person ? fn(env, args.trim(), who.person, who.lang) : message(who.lang, 'not_linked'));

const usage = (lang: Lang, text: string) => message(lang, 'usage', { usage: text });

/** The operators' commands for mirrors; each names what fixes a problem. */
export const CHANNEL_COMMANDS: Record<string, Handler> = {
  channels: asPerson(async (env, _args, _person, lang) => {
    const all = await channelsOverview(env.deps, env.quotas);
    return all.length ? all.map((o) => describeChannel(o, lang, env.deps.timeZone)).join('\n') : message(lang, 'channels_none');
  }),

  retry: asPerson(async (env, args, person, lang) => {
    if (!args) return usage(lang, '/retry MÃ-TIN');
    const r = await retryItem(env.deps, { kind: 'person', personId: person.id }, args);
    if (!r.ok) return message(lang, r.reason, r.detail);
    const code = args.toUpperCase();
    return r.value > 0 ? message(lang, 'retry_done', { count: String(r.value), code }) : message(lang, 'retry_nothing', { code });
  }),

  pause: asPerson(async (env, args, person, lang) => {
    if (!args) return usage(lang, '/pause KÊNH');
    const r = await setChannelState(env.deps, { kind: 'person', personId: person.id }, args, 'paused');
    return r.ok ? message(lang, 'channel_paused', { key: args }) : message(lang, r.reason, r.detail);
  }),

  resume: asPerson(async (env, args, person, lang) => {
    if (!args) return usage(lang, '/resume KÊNH');
    const r = await setChannelState(env.deps, { kind: 'person', personId: person.id }, args, 'active');
    return r.ok ? message(lang, 'channel_resumed', { key: args }) : message(lang, r.reason, r.detail);
  }),

  // A token never travels through a chat: the reply says how to reconnect on the server.
  reconnect: asPerson(async (env, args, _person, lang) => {
    if (!args) return usage(lang, '/reconnect KÊNH');
    const known = (await env.deps.store.channels()).some((c) => c.key === args);
    return known ? message(lang, 'reconnect_howto', { key: args }) : message(lang, 'unknown_channel', { key: args });
  }),
};
