import type { Refused } from '../core/result.js';
import type { Deps } from './deps.js';
import type { AuditEntry } from './ports.js';

/** A privileged attempt that was refused: a wrong webhook secret, a forged button, a command beyond the sender's roles. */
export interface Refusal {
  kind: 'webhook_secret' | 'webhook_signature' | 'callback_data' | 'privileged_command';
  /** Who or where it came from: an address, a chat account (`telegram:123`), a person. */
  source: string;
  /** The linked person, when there is one. */
  actorId?: string | null;
  detail?: Record<string, unknown>;
}

/** Distinct sources (and actions) kept apart per kind and minute; refusals from any further source share one row. */
const MAX_SOURCES = 50;
const MINUTE_MS = 60_000;
const OTHERS = '(other sources)';

interface Tally {
  refusal: Refusal;
  count: number;
  firstAt: Date;
  lastAt: Date;
}

/**
 * Refused attempts go to the audit trail, bounded so that a flood cannot fill it. Within a minute,
 * the first refusal of a kind from a source is written at once (who tried what); the ones that
 * follow from that source are only counted, and the count is written as one row when the minute
 * is flushed (the `security-refusals` job, or the next refusal after the minute). Past MAX_SOURCES
 * sources in a minute, further sources are counted together. So whatever the flood, a kind writes
 * at most 2 × (MAX_SOURCES + 1) rows a minute, and memory holds at most that many tallies.
 */
export class RefusalLog {
  private minute = -1;
  private tallies = new Map<string, Tally>();
  private sources = new Map<Refusal['kind'], number>();

  constructor(
    private readonly deps: Pick<Deps, 'store' | 'clock'>,
    /** Writing the trail failed: the refusal itself stands, the caller is not held up. */
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Records a refusal; never throws and never delays the answer to the refused party. */
  refused(refusal: Refusal): Promise<void> {
    return this.take(refusal).catch(this.onError);
  }

  private async take(refusal: Refusal): Promise<void> {
    const now = this.deps.clock();
    const minute = Math.floor(now.getTime() / MINUTE_MS);
    if (minute !== this.minute) await this.flush(minute);
    // Kept apart by what was tried too, so a count row never lumps a /grant with a /retry.
    const key = `${refusal.kind}\u0000${refusal.source}\u0000${String(refusal.detail?.['action'] ?? '')}`;
    const known = this.tallies.get(key);
    if (known) {
      known.count += 1;
      known.lastAt = now;
      return;
    }
    const seen = this.sources.get(refusal.kind) ?? 0;
    if (seen >= MAX_SOURCES) {
      const others = `${refusal.kind}\u0000${OTHERS}`;
      const tally = this.tallies.get(others);
      if (tally) {
        tally.count += 1;
        tally.lastAt = now;
      } else this.tallies.set(others, { refusal: { kind: refusal.kind, source: OTHERS }, count: 1, firstAt: now, lastAt: now });
      return;
    }
    this.sources.set(refusal.kind, seen + 1);
    this.tallies.set(key, { refusal, count: 1, firstAt: now, lastAt: now });
    await this.deps.store.recordAudit([entry(refusal, now, { count: 1 })]);
  }

  /** Writes the counts of the minute that ended; the `security-refusals` job calls it every minute. */
  async flush(minute = Math.floor(this.deps.clock().getTime() / MINUTE_MS)): Promise<number> {
    if (minute === this.minute) return 0;
    const ended = [...this.tallies.values()];
    this.minute = minute;
    this.tallies = new Map();
    this.sources = new Map();
    // The first of each source is written already; what followed it (and the shared tally of further sources) is written now.
    const rows = ended
      .map((t) => (t.refusal.source === OTHERS ? { ...t, more: t.count } : { ...t, more: t.count - 1 }))
      .filter((t) => t.more > 0)
      .map((t) => entry(t.refusal, t.lastAt, { repeated: t.more, from: t.firstAt.toISOString(), until: t.lastAt.toISOString() }));
    if (rows.length > 0) await this.deps.store.recordAudit(rows);
    return rows.length;
  }
}

function entry(refusal: Refusal, at: Date, counts: Record<string, unknown>): AuditEntry {
  return {
    at,
    actorId: refusal.actorId ?? null,
    action: `security.refused.${refusal.kind}`,
    subjectType: 'security',
    subjectId: refusal.source,
    data: { source: refusal.source, ...refusal.detail, ...counts },
  };
}

/**
 * A command refused because the sender's roles do not cover it: answered as the refusal it is, and
 * recorded where the refusal is produced, so no desk or command has to remember to.
 */
export function refusedForRole<R extends string>(deps: Deps, personId: string, action: string, refusal: Refused<R>): Refused<R> {
  void deps.refusals?.refused({ kind: 'privileged_command', source: `person:${personId}`, actorId: personId, detail: { action, reason: refusal.reason } });
  return refusal;
}
