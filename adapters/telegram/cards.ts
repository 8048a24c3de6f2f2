import { join } from 'node:path';
import { BoundedMap, MEMORY_CAP } from '../../src/core/boundedMap.js';
import { InputFile, type Api } from 'grammy';
import { articlePath } from '../../src/core/portal/paths.js';
import type { Logger } from 'pino';
import { grantActive } from '../../src/core/grants.js';
import { message, type Lang } from '../../src/core/messages.js';
import { STEP_ROLE } from '../../src/core/roles.js';
import { formatLocal } from '../../src/core/dates.js';
import type { Deps } from '../../src/app/deps.js';
import { openOutcomeCursor, outcomeText, tellAll } from '../../src/app/submitters.js';
import type { CardRecord, ItemRecord, QueueCursor, QueuePage, SubmissionRecord } from '../../src/app/ports.js';
import { newCardId, type CallbackSigner } from './callbackData.js';
import { decisionLine, itemCard, keyboard, submissionCard, type CardStep } from './render.js';
import { cardRoyalty } from '../../src/app/royalties/cardTerms.js';
import { QueueStopped, type SendQueue } from './sendQueue.js';
import { readReplyRef } from './messageKinds.js';
import { rememberNotice } from './notices.js';

export const PLATFORM = 'telegram';
const OUTCOME_CURSOR = 'telegram:outcomes';
/** Rows of a sweep read at once: the open cards of a page come in one query. */
const SWEEP_PAGE = 200;

export interface DeskEnv {
  deps: Deps;
  api: Api;
  queue: SendQueue;
  signer: CallbackSigner;
  /** Review cards go here; null sends them to each reviewer privately. */
  editorialChat: string | null;
  /** A component site's own desk chat by site key: its items' cards (and those of the sites below it) go there instead. */
  siteDeskChats?: ReadonlyMap<string, string>;
  portalBaseUrl: string;
  log: Logger;
  /** Where media storage is, to upload files other channels brought in; null: they are not previewed. */
  mediaDir: string | null;
}

/** The site whose own desk chat this is (TELEGRAM_SITE_DESK_CHATS), or null. */
export const siteOfDeskChat = (env: Pick<DeskEnv, 'siteDeskChats'>, chatId: string): string | null => [...(env.siteDeskChats ?? [])].find(([, chat]) => chat === chatId)?.[0] ?? null;

export const articleUrl = (base: string, code: string) => `${base}${articlePath('vi', code)}`;

/** Review cards: one per step and chat, bound to one revision; closed with the decision that ended them. */
export class CardDesk {
  /** Cards being sent now, so the sweep does not send them twice. */
  private readonly inFlight = new Set<string>();
  /** The media preview each code has in a chat: later cards reply to it. Bounded: a code long forgotten gets a new preview. */
  private readonly previews = new BoundedMap<string, string>(MEMORY_CAP);

  /** Chat follow-ups of a decision run after the person got their answer; they wait on rate limits. */
  private readonly running = new Set<Promise<void>>();
  /** The outcome notices being told now: runs follow each other, so none is told twice. */
  private telling: Promise<unknown> = Promise.resolve();

  constructor(private readonly env: DeskEnv) {}

  later(task: () => Promise<void>): void {
    const run = task()
      .catch((error: unknown) => this.env.log.error({ err: error }, 'chat follow-up failed'))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Resolves when every follow-up started so far has finished. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** The desk chat of the site or of the nearest site above it that has one; null: the province's desk. */
  private async siteDeskOf(siteId: string): Promise<string | null> {
    const desks = this.env.siteDeskChats;
    if (!desks || desks.size === 0) return null;
    const sites = new Map((await this.env.deps.store.sites()).map((s) => [s.id, s]));
    for (let site = sites.get(siteId), hops = 0; site && hops < sites.size; site = site.parentId ? sites.get(site.parentId) : undefined, hops += 1) {
      const chat = desks.get(site.key);
      if (chat) return chat;
    }
    return null;
  }

  private async targets(siteId: string, step: CardStep): Promise<{ chatId: string; lang: Lang }[]> {
    const own = await this.siteDeskOf(siteId);
    if (own) return [{ chatId: own, lang: 'vi' }];
    if (this.env.editorialChat) return [{ chatId: this.env.editorialChat, lang: 'vi' }];
    const role = step === 'intake' ? 'editor' : STEP_ROLE[step];
    const now = this.env.deps.clock();
    const out = [];
    for (const g of await this.env.deps.store.grantsOnSite(siteId)) {
      if (g.role !== role || !grantActive(g, now)) continue;
      const [identity, person] = await Promise.all([this.env.deps.store.identityOf(g.personId, PLATFORM), this.env.deps.store.personById(g.personId)]);
      if (identity && person) out.push({ chatId: identity.platformUserId, lang: person.lang });
    }
    return out;
  }

  /** A submission waiting for intake: its media first (albums cannot carry buttons), then the card. */
  async showSubmission(sub: SubmissionRecord): Promise<void> {
    for (const target of await this.targets(sub.siteId, 'intake')) {
      await this.send(sub.id, 'intake', null, target, sub.code ?? '?', 'submission', submissionCard(target.lang, sub, this.env.deps.timeZone), async () => this.sendPreview(target.chatId, sub));
    }
  }

  async showItem(item: ItemRecord): Promise<void> {
    if (item.state !== 'review' || item.step === null) return;
    const history = await this.env.deps.store.decisionsOf(item.id);
    const royalty = await cardRoyalty(this.env.deps, item.id);
    const sponsor = await this.env.deps.store.sponsorOfItem(item.id);
    for (const target of await this.targets(item.siteId, item.step)) {
      await this.send(item.id, item.step, item.revision.contentHash, target, item.code, 'item', itemCard(target.lang, item, history, this.env.deps.timeZone, true, royalty, sponsor), async () => null);
    }
  }

  private async send(subjectId: string, step: CardStep, hash: string | null, target: { chatId: string; lang: Lang }, code: string, subjectType: CardRecord['subjectType'], text: string, preview: () => Promise<string | null>) {
    const key = `${subjectId}:${target.chatId}`;
    if (this.inFlight.has(key)) return;
    const open = (await this.env.deps.store.openCards(PLATFORM, subjectId)).filter((c) => c.kind === 'card' && c.chatId === target.chatId);
    if (open.some((c) => c.step === step && c.revisionHash === hash)) return;
    this.inFlight.add(key);
    try {
      const previewId = this.previews.get(`${code}:${target.chatId}`) ?? (await preview());
      if (previewId) this.previews.set(`${code}:${target.chatId}`, previewId);
      const id = newCardId();
      const reply_parameters = previewId ? { message_id: Number(previewId), allow_sending_without_reply: true } : undefined;
      const sent = await this.env.queue.call(target.chatId, () =>
        this.env.api.sendMessage(target.chatId, text, { reply_markup: keyboard(target.lang, step, id, this.env.signer), reply_parameters }),
      );
      await this.env.deps.store.addCard(
        { id, platform: PLATFORM, chatId: target.chatId, messageId: String(sent.message_id), kind: 'card', subjectType, subjectId, code, step, revisionHash: hash, action: null, personId: null, previewId },
        this.env.deps.clock(),
      );
    } catch (error) {
      // A stopping desk never sent it; the sweep at the next start does.
      if (!(error instanceof QueueStopped)) this.env.log.error({ err: error, code, chat: target.chatId }, 'review card not sent; the sweep will try again');
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async sendPreview(chatId: string, sub: SubmissionRecord): Promise<string | null> {
    // Telegram's own files are shown again by id; files another channel brought in are uploaded from media storage.
    const source = (a: SubmissionRecord['attachments'][number]) => a.sourceId ?? (this.env.mediaDir && !a.ref.includes(':') ? new InputFile(join(this.env.mediaDir, a.ref)) : null);
    const files = sub.attachments.flatMap((a) => {
      const media = source(a);
      return media ? [{ kind: a.kind, media }] : [];
    });
    const visual = files.filter((a) => a.kind === 'photo' || a.kind === 'video');
    const caption = sub.code ?? undefined;
    if (visual.length >= 2) {
      const media = visual.slice(0, 10).map((a, i) => ({ type: a.kind as 'photo' | 'video', media: a.media, caption: i === 0 ? caption : undefined }));
      const sent = await this.env.queue.call(chatId, () => this.env.api.sendMediaGroup(chatId, media));
      return sent[0] ? String(sent[0].message_id) : null;
    }
    const first = files[0];
    if (!first) return null;
    const api = this.env.api;
    const sent = await this.env.queue.call(chatId, (): Promise<{ message_id: number }> =>
      first.kind === 'photo' ? api.sendPhoto(chatId, first.media, { caption }) : first.kind === 'video' ? api.sendVideo(chatId, first.media, { caption }) : api.sendDocument(chatId, first.media, { caption }),
    );
    return String(sent.message_id);
  }

  /** Every open card of the subject shows how it ended and loses its buttons. */
  async closeCards(subjectId: string, ending: (lang: Lang) => string, render: (lang: Lang) => string): Promise<void> {
    const at = this.env.deps.clock();
    for (const card of await this.env.deps.store.openCards(PLATFORM, subjectId)) {
      if (!(await this.env.deps.store.closeCard(card.id, at)) || card.kind !== 'card') continue;
      const lang: Lang = card.chatId === this.env.editorialChat || siteOfDeskChat(this.env, card.chatId) !== null ? 'vi' : ((await this.langOfChat(card.chatId)) ?? 'vi');
      const text = `${render(lang)}\n\n${ending(lang)}`;
      this.env.queue
        .call(card.chatId, () => this.env.api.editMessageText(card.chatId, Number(card.messageId), text.slice(0, 4096)))
        .catch((error: unknown) => this.env.log.warn({ err: error, code: card.code }, 'closed card could not be updated'));
    }
  }

  private async langOfChat(chatId: string): Promise<Lang | null> {
    return (await this.env.deps.store.personByIdentity(PLATFORM, chatId))?.lang ?? null;
  }

  /** After a decision on an item: old cards show it, the next step gets its card, and people hear the outcome. */
  async afterDecision(item: ItemRecord): Promise<void> {
    const history = await this.env.deps.store.decisionsOf(item.id);
    const last = history.at(-1);
    const tz = this.env.deps.timeZone;
    const sponsor = await this.env.deps.store.sponsorOfItem(item.id);
    if (last) await this.closeCards(item.id, (lang) => decisionLine(lang, last, tz), (lang) => itemCard(lang, item, [], tz, false, null, sponsor));
    await this.showItem(item);
    if (!last) return;
    const url = articleUrl(this.env.portalBaseUrl, item.code);
    if (item.state === 'published' && (last.action === 'approve' || last.action === 'publishScheduled')) {
      await this.announce(item.siteId, message('vi', 'card_published', { code: item.code, url }));
    } else if (item.state === 'scheduled' && last.action === 'approve' && item.scheduledAt) {
      await this.announce(item.siteId, message('vi', 'card_scheduled', { code: item.code, time: formatLocal(item.scheduledAt, tz) }));
    }
    await this.tellOutcomes();
  }

  /** After intake: the intake card shows the verdict; the sender hears it; an accepted item gets its editor card. */
  async afterTriage(sub: SubmissionRecord, item: ItemRecord | null, actorId: string): Promise<void> {
    const actor = await this.env.deps.store.personById(actorId);
    const decision = { action: sub.state, actorName: actor?.displayName ?? actorId, role: 'editor' as const, note: sub.triageNote, createdAt: this.env.deps.clock() };
    await this.closeCards(sub.id, (lang) => decisionLine(lang, decision, this.env.deps.timeZone), (lang) => submissionCard(lang, sub, this.env.deps.timeZone));
    await this.tellOutcomes();
    if (item) await this.showItem(item);
  }

  /**
   * Tells Telegram senders how their submissions ended, read from the audit trail in decision order,
   * so a decision taken here, on Zalo, by command or by the clock is told once, after a restart too.
   * Run after each decision here and by the clock; one run at a time.
   */
  /** A desk turned on for the first time tells from the present on. */
  openOutcomes(): Promise<void> {
    return openOutcomeCursor(this.env.deps, OUTCOME_CURSOR);
  }

  tellOutcomes(): Promise<number> {
    const run = this.telling.then(() => this.tellOnce());
    this.telling = run.catch((error: unknown) => void this.env.log.error({ err: error }, 'outcomes not told; the next run tries again'));
    return run;
  }

  private tellOnce(): Promise<number> {
    return tellAll(this.env.deps, OUTCOME_CURSOR, PLATFORM, async (notice) => {
      const chatId = notice.submission.chatId;
      try {
        const ref = readReplyRef(notice.submission.replyRef);
        const text = outcomeText(notice, this.env.portalBaseUrl) + (notice.outcome === 'needsInfo' ? `\n${message('vi', 'needs_info_reply_hint')}` : '');
        // Receipts are merged with the chat's other waiting notices (a burst is a few messages); every other
        // outcome replies to the sender's message. Both go to the sender's topic and are remembered, so an
        // answer to them finds the submission.
        const sentId =
          notice.outcome === 'received'
            ? await this.env.queue.noticeSent(chatId, text, ref?.thread)
            : (await this.env.queue.call(chatId, () => this.env.api.sendMessage(chatId, text, ref ? { message_thread_id: ref.thread, reply_parameters: { message_id: ref.messageId, allow_sending_without_reply: true } } : {}))).message_id;
        rememberNotice(this.env, notice.submission.id, Promise.resolve(sentId));
        this.env.log.info({ code: notice.code, outcome: notice.outcome, seq: notice.seq, chat: chatId, message: sentId }, 'sender told of the outcome');
      } catch (error) {
        // Shutting down: not sent, so told after the restart.
        if (error instanceof QueueStopped) return false;
        // Refused by Telegram (the bot left the group, say): logged, not retried for ever.
        this.env.log.error({ err: error, code: notice.code, chat: chatId }, 'sender not told of the outcome');
      }
      return true;
    });
  }

  /** A sender took the submission back before intake: its cards say so and lose their buttons. */
  async afterWithdrawal(sub: SubmissionRecord): Promise<void> {
    await this.closeCards(sub.id, (lang) => message(lang, 'card_withdrawn'), (lang) => submissionCard(lang, sub, this.env.deps.timeZone));
  }

  /**
   * To the desk that reviews the site's items: its own desk chat, else the editorial chat (none: the cards go
   * privately, and so does nothing else). `siteId` null: the province's desk.
   */
  async announce(siteId: string | null, text: string): Promise<void> {
    const desk = (siteId === null ? null : await this.siteDeskOf(siteId)) ?? this.env.editorialChat;
    if (desk) this.env.queue.notice(desk, text);
  }

  /** Items the clock just published: the desk and their senders hear it. */
  async announcePublished(codes: string[]): Promise<void> {
    for (const code of codes) {
      const item = await this.env.deps.store.itemByCode(code);
      if (item) this.later(() => this.afterDecision(item));
    }
  }

  /** Restores what a restart or a failed send lost: every waiting submission and item has its card. */
  async sweep(): Promise<number> {
    let shown = 0;
    // Submissions from every channel (Zalo groups too) are triaged here. Read a page at a time, with the
    // open cards of a whole page in one read: a backlog of thousands is neither held nor read row by row.
    const { store } = this.env.deps;
    for (let after: QueueCursor | null = null, first = true; first || after; first = false) {
      const page: QueuePage<SubmissionRecord> = await store.receivedSubmissionsPage(after, SWEEP_PAGE);
      const carded = new Set((await store.openCardsOf(PLATFORM, page.rows.map((s) => s.id))).map((c) => c.subjectId));
      for (const sub of page.rows.filter((s) => !carded.has(s.id))) {
        await this.showSubmission(sub);
        shown += 1;
      }
      after = page.next;
    }
    for (let after: QueueCursor | null = null, first = true; first || after; first = false) {
      const page: QueuePage<ItemRecord> = await store.itemsInReviewPage(after, SWEEP_PAGE);
      const open = await store.openCardsOf(PLATFORM, page.rows.map((i) => i.id));
      for (const item of page.rows) {
        if (!open.some((c) => c.subjectId === item.id && c.kind === 'card' && c.step === item.step && c.revisionHash === item.revision.contentHash)) {
          await this.showItem(item);
          shown += 1;
        }
      }
      after = page.next;
    }
    return shown;
  }
}
