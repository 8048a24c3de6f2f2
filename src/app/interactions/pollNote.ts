import type { InteractionStore } from './ports.js';

/** How a poller that shares a channel's quota with its uploads fared this period: read less, or not at all. */
export type PollNote = 'reduced' | 'paused';

const keyOf = (channelId: string) => `poll-quota:${channelId}`;

/** Written by the poller at each run: the note of its latest run in that period (none when it read in full). */
export async function notePolling(store: Pick<InteractionStore, 'setCursor'>, channelId: string, period: string, note: PollNote | null, at: Date): Promise<void> {
  await store.setCursor(keyOf(channelId), `${period} ${note ?? 'full'}`, at);
}

/** What /channels says of the channel's polling in this period; a note from an earlier period is stale. */
export async function pollingNote(store: Pick<InteractionStore, 'cursor'>, channelId: string, period: string): Promise<PollNote | null> {
  const [at, note] = (await store.cursor(keyOf(channelId)))?.split(' ') ?? [];
  return at === period && (note === 'reduced' || note === 'paused') ? note : null;
}
