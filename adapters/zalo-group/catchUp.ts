import { message } from '../../src/core/messages.js';
import type { Inbox } from '../../src/app/inbox/inbox.js';
import type { InboxRow } from '../../src/app/inbox/ports.js';
import type { ZaloDeskEnv } from './env.js';
import { eventKey, type ZaloEvent } from './mapping.js';

/** Older messages than this before the last one heard are not taken from the history (they were taken, or are chat from before). */
const HISTORY_MARGIN_MS = 60 * 60_000;

const LISTENING_SINCE = 'zalo-group:listening-since';

/** The first start of the desk is when intake from Zalo begins (in seconds, so the cursor's whole number holds it). */
export async function openListening(deps: ZaloDeskEnv['deps']): Promise<void> {
  if ((await deps.store.chatCursor(LISTENING_SINCE)) === null) await deps.store.setChatCursor(LISTENING_SINCE, Math.floor(deps.clock().getTime() / 1000));
}

/**
 * Zalo pushes messages only to a connected listener. At each connection the gateway asks for the
 * newest messages Zalo kept; whatever among them the inbox does not hold yet is taken in as if it
 * had just arrived. When the answer does not reach back to a message already heard, something may
 * be missing; when no answer comes, nothing could be checked: the intake groups are told either way,
 * so a collaborator without a 📥 receipt sends again.
 */
export class CatchUp {
  private timer: NodeJS.Timeout | null = null;
  private waiting = false;

  constructor(
    private readonly env: ZaloDeskEnv,
    private readonly inbox: Inbox,
    private readonly intakeGroups: readonly string[],
    private readonly take: (event: ZaloEvent) => void,
    private readonly waitMs: number,
  ) {}

  /** The listener connected and the history was asked for. */
  asked(): void {
    this.stop();
    this.waiting = true;
    this.timer = setTimeout(() => void this.unanswered(), this.waitMs);
  }

  async answered(events: ZaloEvent[]): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const judge = this.waiting;
    this.waiting = false;
    const { latest, overlaps } = await this.takeUnheard(events, 'm:', 'Zalo history read after connecting');
    // Nothing heard before (a first start): nothing to overlap with, and nothing could have been missed before it.
    if (judge && latest && events.length > 0 && !overlaps) await this.tell('zalo_catchup_gap');
  }

  /**
   * Reactions given while nobody listened (a reviewer's 👍 on a card during a restart) are taken in
   * like live ones. When the answer does not reach back to a reaction already heard, some given
   * meanwhile may be missing, and the reviewers are asked to react again.
   */
  async reactionsAnswered(events: ZaloEvent[]): Promise<void> {
    const { latest, overlaps } = await this.takeUnheard(events, 'r:', 'Zalo reaction history read after connecting');
    if (latest && events.length > 0 && !overlaps && this.env.reviewGroup) await this.env.say(this.env.reviewGroup, message('vi', 'zalo_reactions_gap'));
  }

  /**
   * Takes, oldest first, the events of one kind the inbox does not hold. What is from before the desk
   * first listened is not intake, nor what is much older than the last event of the kind heard.
   */
  private async takeUnheard(events: ZaloEvent[], kind: 'm:' | 'r:', what: string): Promise<{ latest: InboxRow | null; overlaps: boolean }> {
    const latest = await this.env.deps.store.latestInbound(`${this.inbox.prefix}${kind}`);
    const listening = ((await this.env.deps.store.chatCursor(LISTENING_SINCE)) ?? 0) * 1000;
    const since = Math.max(listening, latest ? latest.receivedAt.getTime() - HISTORY_MARGIN_MS : 0);
    let overlaps = false;
    let taken = 0;
    for (const event of [...events].sort((a, b) => Number(a.data.ts) - Number(b.data.ts))) {
      if (await this.env.deps.store.inboundRow(eventKey(event))) {
        overlaps = true;
        continue;
      }
      if (Number(event.data.ts) < since) continue;
      this.take(event);
      taken += 1;
    }
    this.env.log.info({ history: events.length, taken, overlaps }, what);
    return { latest, overlaps };
  }

  private async unanswered(): Promise<void> {
    this.timer = null;
    if (!this.waiting) return;
    this.waiting = false;
    this.env.log.warn('Zalo did not answer the old-message request; the intake groups are told');
    await this.tell('zalo_catchup_failed');
  }

  private async tell(key: 'zalo_catchup_gap' | 'zalo_catchup_failed'): Promise<void> {
    for (const group of this.intakeGroups) await this.env.say(group, message('vi', key));
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting = false;
  }
}
