import { GrammyError, type InlineKeyboard } from 'grammy';
import { BoundedMap, MEMORY_CAP } from '../../src/core/boundedMap.js';
import { grantActive } from '../../src/core/grants.js';
import { message, type Lang } from '../../src/core/messages.js';
import type { TicketRecord } from '../../src/core/tickets/model.js';
import type { CardRecord } from '../../src/app/ports.js';
import type { TicketEnv, TicketNotifier } from '../../src/app/tickets/env.js';
import { newCardId } from './callbackData.js';
import { PLATFORM, type DeskEnv } from './cards.js';
import { cardFailureLevel, sortError } from './errors.js';
import { QueueStopped } from './sendQueue.js';
import { stateLabel, ticketCardText, ticketKeyboard, type TicketNames } from './ticketRender.js';

/** Read per run: a burst beyond it is taken by the next runs, a second or two apart. */
const READ_PER_RUN = 30;
/** The tickets chat is a group several people read: Vietnamese, as the editorial chat. */
export const TICKETS_CHAT_LANG: Lang = 'vi';

export interface TicketDeskOptions {
  env: TicketEnv;
  /** The tickets chat; null: the editorial chat; neither: no cards (tickets wait, unannounced). */
  chat: string | null;
}

const shownKey = (text: string, keyboard: InlineKeyboard | null) => `${text}\u0000${JSON.stringify(keyboard?.inline_keyboard ?? [])}`;
const notModified = (error: unknown) => error instanceof GrammyError && /message is not modified/i.test(error.description);

/**
 * Ticket cards in the tickets chat: one open card per ticket (ChatCard rows, subjectType `ticket`), edited
 * in place as the ticket moves, and sent afresh at the bottom when an answer arrives, since that is when the
 * desk must come back to it (decide on publishing, archive). The store clears `announcedAt` on every step;
 * a run shows every ticket without it.
 */
export class TicketCards {
  /** Runs follow each other, whether the clock or a press starts them: no card goes out twice. */
  private running: Promise<unknown> = Promise.resolve();
  /** What each card shows now, so an edit that changes nothing is not sent. Bounded: a forgotten card costs one edit. */
  private readonly shown = new BoundedMap<string, string>(MEMORY_CAP);
  private pausedUntil = 0;
  private failures = 0;
  /** Set by the desk once Telegram answers: before that, nobody can be reached in chat. */
  on = false;

  constructor(
    readonly env: DeskEnv,
    readonly options: TicketDeskOptions,
  ) {}

  get tickets(): TicketEnv {
    return this.options.env;
  }

  get chat(): string | null {
    return this.options.chat ?? this.env.editorialChat;
  }

  /** Cards for every ticket whose step changed since its card was last shown; how many were shown. */
  announce(): Promise<number> {
    const run = this.running.then(() => this.announceOnce());
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Resolves when the runs started so far are done (the desk's stop waits for it). */
  async settled(): Promise<void> {
    await this.running;
  }

  private async announceOnce(): Promise<number> {
    const chat = this.chat;
    const { store, clock } = this.env.deps;
    if (!chat || clock().getTime() < this.pausedUntil) return 0;
    let shown = 0;
    for (const ticket of await store.unannouncedTickets(READ_PER_RUN)) {
      try {
        await this.show(chat, ticket, false);
      } catch (error) {
        // The desk is stopping: the card was never sent, and the ticket stays unannounced for the next start.
        if (error instanceof QueueStopped) return shown;
        this.failures += 1;
        this.pausedUntil = clock().getTime() + Math.min(300_000, 2_000 * 2 ** (this.failures - 1));
        const failure = sortError(error);
        this.env.log[cardFailureLevel(failure, this.failures)]({ err: error, failure, failures: this.failures, chat, code: ticket.code }, 'ticket card not shown; tried again shortly');
        return shown;
      }
      this.failures = 0;
      shown += 1;
    }
    return shown;
  }

  /** `/ticket CODE` in the tickets chat: the card again at the bottom, the older one closed. */
  resend(ticket: TicketRecord): Promise<void> {
    return this.showNow(ticket.id, true);
  }

  /**
   * A press found the card behind the ticket: it shows the ticket as it is now. Not every change clears the
   * mark (an escalation moves the version only), and buttons must never stay on a version nobody can press.
   */
  refresh(ticket: Pick<TicketRecord, 'id'>): Promise<void> {
    return this.showNow(ticket.id, false).catch((error: unknown) => this.env.log.warn({ failure: sortError(error), ticket: ticket.id }, 'ticket card not refreshed'));
  }

  private showNow(ticketId: string, forceNew: boolean): Promise<void> {
    const chat = this.chat;
    if (!chat) return Promise.resolve();
    const run = this.running.then(async () => {
      // Read in turn, after the runs before it: the card shows the latest version.
      const ticket = await this.env.deps.store.ticketById(ticketId);
      if (ticket) await this.show(chat, ticket, forceNew);
    });
    this.running = run.catch(() => undefined);
    return run;
  }

  private async show(chat: string, ticket: TicketRecord, forceNew: boolean): Promise<void> {
    const { store, clock } = this.env.deps;
    const open = (await store.openCards(PLATFORM, ticket.id)).filter((c) => c.kind === 'card' && c.chatId === chat);
    const current = open.at(-1);
    const fresh = forceNew || !current || (ticket.state === 'answered' && current.revisionHash !== 'answered');
    const edited = !fresh && current ? await this.edit(current, ticket) : false;
    if (!edited) {
      const id = newCardId();
      const { text, keyboard } = await this.render(ticket, id);
      const sent = await this.env.queue.call(chat, () => this.env.api.sendMessage(chat, text, keyboard ? { reply_markup: keyboard } : {}));
      this.shown.set(id, shownKey(text, keyboard));
      await store.addCard(
        { id, platform: PLATFORM, chatId: chat, messageId: String(sent.message_id), kind: 'card', subjectType: 'ticket', subjectId: ticket.id, code: ticket.code, step: null, revisionHash: ticket.state, action: null, personId: null, previewId: null },
        clock(),
      );
      for (const old of open) await this.retire(old, ticket);
      if (!keyboard) await store.closeCard(id, clock());
    }
    // Marked, then read again: a step taken meanwhile (which clears the mark) is not hidden by this mark.
    await store.markTicket(ticket.id, { announcedAt: clock() });
    const now = await store.ticketById(ticket.id);
    if (now && now.version !== ticket.version) await store.markTicket(ticket.id, { announcedAt: null });
  }

  /** The open card shows the ticket as it is now; false when that message can no longer be edited. */
  private async edit(card: CardRecord, ticket: TicketRecord): Promise<boolean> {
    const { text, keyboard } = await this.render(ticket, card.id);
    const key = shownKey(text, keyboard);
    if (this.shown.get(card.id) !== key) {
      try {
        await this.env.queue.call(card.chatId, () => this.env.api.editMessageText(card.chatId, Number(card.messageId), text, keyboard ? { reply_markup: keyboard } : {}));
      } catch (error) {
        if (!notModified(error)) {
          if (!(error instanceof GrammyError)) throw error;
          // Deleted or too old to edit: a new card takes its place.
          this.env.log.warn({ failure: sortError(error), code: ticket.code }, 'ticket card could not be edited; a new one is sent');
          return false;
        }
      }
      this.shown.set(card.id, key);
    }
    if (!keyboard) await this.env.deps.store.closeCard(card.id, this.env.deps.clock());
    return true;
  }

  /** An older card loses its buttons and points to the new one (and no longer shows the sender's details). */
  private async retire(card: CardRecord, ticket: TicketRecord): Promise<void> {
    if (!(await this.env.deps.store.closeCard(card.id, this.env.deps.clock()))) return;
    const text = message(TICKETS_CHAT_LANG, 'tdesk_card_moved', { code: ticket.code, state: stateLabel(TICKETS_CHAT_LANG, ticket.state) });
    await this.env.queue
      .call(card.chatId, () => this.env.api.editMessageText(card.chatId, Number(card.messageId), text))
      .catch((error: unknown) => this.env.log.warn({ failure: sortError(error), code: ticket.code }, 'older ticket card could not be retired'));
  }

  async render(ticket: TicketRecord, cardId: string, lang: Lang = TICKETS_CHAT_LANG): Promise<{ text: string; keyboard: InlineKeyboard | null }> {
    const text = ticketCardText(lang, ticket, await this.names(ticket, lang), this.env.deps.timeZone, this.env.deps.clock());
    return { text, keyboard: ticketKeyboard(lang, ticket, cardId, this.env.signer) };
  }

  async names(t: TicketRecord, lang: Lang = TICKETS_CHAT_LANG): Promise<TicketNames> {
    const { store } = this.env.deps;
    const person = async (id: string | null) => (id ? ((await store.personById(id))?.displayName ?? '?') : undefined);
    const unit = t.unitSiteId ? await store.siteById(t.unitSiteId) : null;
    return {
      unit: unit ? (lang === 'en' ? unit.nameEn : unit.nameVi) : undefined,
      assignee: await person(t.assigneeId),
      answeredBy: await person(t.answeredById),
      decidedBy: await person(t.decidedById),
      receivedBy: await person(t.receivedById),
    };
  }

  /** How the ticket use cases reach people in chat (assignments, reminders, escalations). */
  readonly notifier: TicketNotifier = {
    toPerson: async (personId, text) => {
      if (!this.on) return false;
      const identity = await this.env.deps.store.identityOf(personId, PLATFORM);
      if (!identity) return false;
      try {
        await this.env.queue.call(identity.platformUserId, () => this.env.api.sendMessage(identity.platformUserId, text));
        return true;
      } catch (error) {
        // The person never opened a chat with the bot, or blocked it: they get mail instead.
        this.env.log.warn({ failure: sortError(error), person: personId }, 'ticket notice not delivered in chat; mail instead');
        return false;
      }
    },
    toDeputies: async (siteId, text) => {
      const chat = this.chat;
      if (!this.on || !chat) return 0;
      const deputies = await this.deputiesOf(siteId);
      const mentions = deputies.map((d) => d.mention).join(' ');
      await this.env.queue.call(chat, () => this.env.api.sendMessage(chat, mentions ? message(TICKETS_CHAT_LANG, 'tdesk_deputies', { mentions, text }) : text));
      return deputies.length;
    },
  };

  /** The standing deputy heads of the site, or of the province when the site has none. */
  private async deputiesOf(siteId: string): Promise<{ mention: string }[]> {
    const { store, clock } = this.env.deps;
    const now = clock();
    const roots = (await store.sites()).filter((s) => s.parentId === null).map((s) => s.id);
    for (const site of [siteId, ...roots]) {
      const grants = (await store.grantsOnSite(site)).filter((g) => g.role === 'deputy' && grantActive(g, now));
      if (grants.length === 0) continue;
      const out = [];
      for (const g of grants) {
        const [identity, person] = await Promise.all([store.identityOf(g.personId, PLATFORM), store.personById(g.personId)]);
        out.push({ mention: identity?.username ? `@${identity.username}` : (person?.displayName ?? '?') });
      }
      return out;
    }
    return [];
  }
}
