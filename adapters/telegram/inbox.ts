import { GrammyError, type Bot, type Context, type MiddlewareFn } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import type { Inbox } from '../../src/app/inbox/inbox.js';
import type { AlbumCollector } from './albums.js';

/**
 * The desk's first middleware: an update is stored raw in the inbox before anything else (in long
 * polling, before the next getUpdates tells Telegram it was received; as a webhook, before the 200),
 * and marked done once its handlers have saved their effect. A re-delivered update finds its row and
 * is skipped. A handler that fails leaves the update waiting: the next start hands it over again.
 */
export function inboxMiddleware(inbox: Inbox, albums: AlbumCollector, replaying: ReadonlySet<number>, log: Logger): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const key = `${inbox.prefix}${ctx.update.update_id}`;
    if (!replaying.has(ctx.update.update_id) && !(await inbox.take(key, ctx.update))) return;
    albums.handling(ctx.msg, key);
    try {
      await next();
    } catch (error) {
      // Telegram refused an answer (a press answered too late after a restart, say): what was saved stays saved.
      if (!(error instanceof GrammyError)) {
        log.error({ err: error, update: ctx.update.update_id }, 'telegram update failed; it is handled again at the next start');
        return;
      }
      log.warn({ err: error, update: ctx.update.update_id }, 'telegram refused an answer to an update');
    }
    await inbox.finish(key);
  };
}

/**
 * At start, before new updates are fetched: updates a crash left waiting are handled again, in the
 * order they arrived, and the albums left in the inbox are collected again.
 */
export async function replayInbox(bot: Bot, inbox: Inbox, albums: AlbumCollector, replaying: Set<number>, log: Logger): Promise<number> {
  const rows = await inbox.unfinished();
  let replayed = 0;
  for (const row of rows) {
    if (row.state !== 'waiting') continue;
    const update = JSON.parse(row.payload) as Update;
    replaying.add(update.update_id);
    try {
      await bot.handleUpdate(update);
      replayed += 1;
    } finally {
      replaying.delete(update.update_id);
    }
  }
  albums.resume(rows);
  if (rows.length > 0) log.info({ replayed, batched: rows.length - replayed }, 'telegram updates taken again from the inbox');
  return replayed;
}

/**
 * Webhook mode with several web processes: whichever process Telegram called stored the update
 * (`storeWebhookUpdate`); the desk's process hands the waiting ones over here, in the order they
 * arrived, one run at a time (the caller's job never overlaps itself). `tried` keeps the ids handed
 * over already: one whose handler failed stays waiting for the next start, as in long polling, instead
 * of failing again every run; ids no longer waiting leave it, so it stays as small as the backlog.
 */
export async function drainInbox(bot: Bot, inbox: Inbox, replaying: Set<number>, tried: Set<number>): Promise<number> {
  const waiting = (await inbox.unfinished()).filter((row) => row.state === 'waiting').map((row) => JSON.parse(row.payload) as Update);
  const still = new Set(waiting.map((u) => u.update_id));
  for (const id of tried) if (!still.has(id)) tried.delete(id);
  let handled = 0;
  for (const update of waiting) {
    if (tried.has(update.update_id)) continue;
    tried.add(update.update_id);
    replaying.add(update.update_id);
    try {
      await bot.handleUpdate(update);
      handled += 1;
    } finally {
      replaying.delete(update.update_id);
    }
  }
  return handled;
}

/** Webhook mode, any process: the update is stored (once, whatever Telegram repeats) for the desk's process to handle. */
export async function storeWebhookUpdate(inbox: Inbox, body: unknown): Promise<{ status: 200 | 400 | 500; body: { ok: boolean; error?: string } }> {
  if (typeof body !== 'object' || body === null || !Number.isInteger((body as { update_id?: unknown }).update_id)) return { status: 400, body: { ok: false, error: 'not_an_update' } };
  try {
    await inbox.take(`${inbox.prefix}${(body as Update).update_id}`, body);
    return { status: 200, body: { ok: true } };
  } catch {
    // Not stored: Telegram delivers it again.
    return { status: 500, body: { ok: false, error: 'failed' } };
  }
}
