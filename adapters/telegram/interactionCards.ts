import type { InlineKeyboard } from 'grammy';
import { BoundedMap, MEMORY_CAP } from '../../src/core/boundedMap.js';
import { cardGroups, decodeLines, digestDay, encodeLines, needsCard, versionOf, type CardGroup } from '../../src/core/interactions/desk.js';
import type { InteractionRecord } from '../../src/core/interactions/model.js';
import { message, type Lang } from '../../src/core/messages.js';
import type { CardRecord } from '../../src/app/ports.js';
import { newCardId } from './callbackData.js';
import { PLATFORM, type DeskEnv } from './cards.js';
import { cardFailureLevel, sortError } from './errors.js';
import { QueueStopped } from './sendQueue.js';
import { decidersOf, digestText, interactionCard, sourceLabel, type ShownLine } from './interactionRender.js';

/** Read per run: a burst beyond it is taken by the next runs, a second apart. */
const READ_PER_RUN = 50;
/** Enough to count a backlog per source; the digest lists the oldest of them. */
const DIGEST_READ = 1_000;
const DIGEST_CURSOR = 'telegram:interactions-digest';
const shownKey = (text: string, keyboard: InlineKeyboard | null) => `${text}\u0000${JSON.stringify(keyboard?.inline_keyboard ?? [])}`;

/** The moderators' chat is a group read by several people: Vietnamese, as the editorial chat. */
const CHAT_LANG: Lang = 'vi';

export interface InteractionDeskOptions {
  /** The moderators' chat; null: the editorial chat; neither: no cards (interactions wait, unannounced). */
  chat: string | null;
  /** HH:mm in the province's zone: the daily digest goes out at the first run after it. */
  digestAt: string;
}

/**
 * Interaction cards in the moderators' chat. A card is one message listing the new interactions of one
 * item (or of one source, for those under no item), each numbered with its buttons. Its ChatCard row
 * (subjectType `interaction`) keeps which interactions the lines are and the version each line showed
 * (revisionHash, see core/interactions/desk.ts); a button names its line and the state shown there.
 */
export class InteractionCards {
  /** Re-renders of one card follow each other, so two decisions on its lines cannot undo each other's edit. */
  private readonly rendering = new Map<string, Promise<void>>();
  /** What each card shows now: an edit that changes nothing is not sent (Telegram refuses it). Bounded: a forgotten card costs one edit. */
  private readonly shown = new BoundedMap<string, string>(MEMORY_CAP);
  /** After a failed send the job waits before trying again, so a chat that refuses is not hammered every second. */
  private pausedUntil = 0;
  private failures = 0;

  constructor(
    readonly env: DeskEnv,
    private readonly options: InteractionDeskOptions,
  ) {}

  get chat(): string | null {
    return this.options.chat ?? this.env.editorialChat;
  }

  /**
   * Sends cards for what arrived since the last run; each group is marked announced only once its
   * card is out. A crash between the two sends the card again at the next start: a repeat, never a loss.
   */
  async announce(): Promise<number> {
    const chat = this.chat;
    const { store, clock } = this.env.deps;
    if (!chat || clock().getTime() < this.pausedUntil) return 0;
    // An edit stored after this read is owed a card of its own: it is not marked with these.
    const readAt = clock();
    const fresh = await store.unannounced(READ_PER_RUN);
    // Bare ratings count at once and need nobody: marked, never shown.
    const silent = fresh.filter((r) => !needsCard(r)).map((r) => r.id);
    if (silent.length > 0) await store.markAnnounced(silent, clock());
    let sent = 0;
    for (const group of cardGroups(fresh.filter(needsCard))) {
      try {
        await this.send(chat, group, readAt);
      } catch (error) {
        // The desk is stopping: the card was never sent, and its lines stay unannounced for the next start.
        if (error instanceof QueueStopped) return sent;
        this.failures += 1;
        this.pausedUntil = clock().getTime() + Math.min(300_000, 2_000 * 2 ** (this.failures - 1));
        const failure = sortError(error);
        this.env.log[cardFailureLevel(failure, this.failures)]({ err: error, failure, failures: this.failures, chat, group: group.key }, 'interaction card not sent; tried again shortly');
        return sent;
      }
      this.failures = 0;
      sent += group.records.length;
    }
    return sent;
  }

  private async send(chat: string, group: CardGroup, readAt: Date): Promise<void> {
    const { store, clock } = this.env.deps;
    const id = newCardId();
    const title = await this.titleOf(group.code, group.source);
    const lines = group.records.map((record) => ({ record, outdated: false }));
    const { text, keyboard } = interactionCard(CHAT_LANG, title, lines, await this.names(lines), this.env.deps.timeZone, { cardId: id, signer: this.env.signer });
    const sent = await this.env.queue.call(chat, () => this.env.api.sendMessage(chat, text, keyboard ? { reply_markup: keyboard } : {}));
    this.shown.set(id, shownKey(text, keyboard));
    await store.addCard(
      {
        id, platform: PLATFORM, chatId: chat, messageId: String(sent.message_id), kind: 'card', subjectType: 'interaction', subjectId: group.key,
        code: group.code ?? '', step: null, revisionHash: encodeLines(group.records.map((r) => ({ id: r.id, version: versionOf(r) }))), action: null, personId: null, previewId: null,
      },
      clock(),
    );
    await store.markAnnounced(group.records.map((r) => r.id), clock(), readAt);
  }

  private async titleOf(code: string | null, source: InteractionRecord['source']): Promise<string> {
    const item = code ? await this.env.deps.store.itemByCode(code) : null;
    return item ? message(CHAT_LANG, 'icard_title_item', { code: item.code, title: item.revision.title }) : message(CHAT_LANG, 'icard_title_source', { source: sourceLabel(CHAT_LANG, source) });
  }

  private async names(lines: readonly ShownLine[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of decidersOf(lines)) out.set(id, (await this.env.deps.store.personById(id))?.displayName ?? '?');
    return out;
  }

  /** The card's lines as they stand now, with whether each was edited after the card went out. */
  async linesOf(card: CardRecord): Promise<({ line: ShownLine; version: number } | null)[]> {
    return Promise.all(
      decodeLines(card.revisionHash).map(async ({ id, version }) => {
        const record = await this.env.deps.store.interactionById(id);
        return record ? { line: { record, outdated: versionOf(record) !== version }, version } : null;
      }),
    );
  }

  /**
   * Shows on the card what was decided on each line and the buttons still left; a card with none left
   * is closed. Runs after every decision and on a stale press, one at a time per card.
   */
  refresh(card: CardRecord): Promise<void> {
    const previous = this.rendering.get(card.id) ?? Promise.resolve();
    const run = previous
      .then(() => this.render(card))
      // Not shown (a shutdown, Telegram refusing): the card shows an older state, and a press on it finds that out and renders it again.
      .catch((error: unknown) => void (error instanceof QueueStopped || this.env.log.warn({ failure: sortError(error), card: card.id }, 'interaction card could not be updated')));
    this.rendering.set(card.id, run);
    void run.finally(() => this.rendering.get(card.id) === run && this.rendering.delete(card.id));
    return run;
  }

  /** Resolves when every card update started so far has finished (the desk's stop waits for it). */
  async settled(): Promise<void> {
    while (this.rendering.size > 0) await Promise.allSettled([...this.rendering.values()]);
  }

  private async render(card: CardRecord): Promise<void> {
    const lines = (await this.linesOf(card)).flatMap((l) => (l ? [l.line] : []));
    const first = lines[0]?.record;
    const title = await this.titleOf(card.code || null, first?.source ?? 'portal');
    const { text, keyboard } = interactionCard(CHAT_LANG, title, lines, await this.names(lines), this.env.deps.timeZone, { cardId: card.id, signer: this.env.signer });
    if (!keyboard) await this.env.deps.store.closeCard(card.id, this.env.deps.clock());
    const key = shownKey(text, keyboard);
    if (this.shown.get(card.id) === key) return;
    await this.env.queue.call(card.chatId, () => this.env.api.editMessageText(card.chatId, Number(card.messageId), text, keyboard ? { reply_markup: keyboard } : {}));
    this.shown.set(card.id, key);
  }

  /** Once a day after `digestAt`: what still waits, oldest first; nothing waiting, no message. */
  async digest(): Promise<number> {
    const chat = this.chat;
    const { store, clock, timeZone } = this.env.deps;
    if (!chat) return 0;
    const now = clock();
    const day = digestDay(now, timeZone, this.options.digestAt, await store.cursor(DIGEST_CURSOR));
    if (!day) return 0;
    const waiting = await store.awaitingModeration(DIGEST_READ);
    // Sent before the day is marked: a crash between the two repeats the digest rather than skipping it.
    if (waiting.length > 0) await this.env.queue.call(chat, () => this.env.api.sendMessage(chat, digestText(CHAT_LANG, waiting, now)));
    await store.setCursor(DIGEST_CURSOR, day, now);
    return waiting.length;
  }
}
