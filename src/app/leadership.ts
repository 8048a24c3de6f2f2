import type { LeaseClaim, LeasePort, LeaseSeen } from './leasePorts.js';

/** The lease that picks the one process running the chat desks and the schedule table. */
export const DESK_LEASE = 'desk';

export interface LeadershipLog {
  info: (detail: object, text: string) => void;
  warn: (detail: object, text: string) => void;
  error: (detail: object, text: string) => void;
}

export interface LeadershipOptions {
  lease: LeasePort;
  /** This process, for as long as it lives: a random id, never reused. */
  holder: string;
  leaseMs: number;
  /** How often the lease is renewed (the leader) or claimed (a follower); well under `leaseMs`. */
  renewMs: number;
  /** The time written into the row (for operators); never compared across processes. */
  clock: () => Date;
  /** This process's monotonic milliseconds: every duration the lease rests on is measured with it. */
  monotonic: () => number;
  /** Starts the desks and the scheduler; resolves to what stops them. */
  lead: () => Promise<() => Promise<void>>;
  log: LeadershipLog;
  /** A stop still running after `stuckMs`: something may still be sending, so the process must go (see main.ts). */
  stuck: () => void;
  stuckMs: number;
}

export interface Leadership {
  /** Whether this process may run the desk now: it holds a lease that has not run out by its own clock. */
  holds: () => boolean;
  /**
   * For /healthz: this process's id (`holder`), whether it holds the desk, since when (ms of `monotonic`),
   * and the id holding the lease at the last answer (`leader`; null: nobody, or not asked yet).
   */
  state: () => { holder: string; held: boolean; since: number | null; leader: string | null };
  /** Clean shutdown: the desk is stopped, then the lease is given up, so a follower takes it at its next try. */
  stop: () => Promise<void>;
}

/**
 * One desk per deployment. Every process claims the lease every `renewMs`: the holder renews it; a
 * follower takes it when it is absent, or when the row stood unchanged for a whole lease by the
 * follower's own clock (its holder stopped renewing: killed, frozen, cut off). Nothing compares clocks
 * across hosts.
 *
 * Why two desks never overlap: the leader counts its lease from the moment it sent its last successful
 * renewal, and stops its desk one renewal interval before that lease ends, by a timer, whether or not
 * the database answers; a follower takes over no sooner than a whole lease after it *read* that renewal
 * (which was sent earlier still). So the old desk is stopping at least `renewMs` before the new one
 * starts. A refused renewal (someone else holds the row) stops the desk at once.
 *
 * Losing the lease stops the desk and jobs and the process goes back to following: the portal, API and
 * webhooks it serves stay up (exiting would drop them on every process at once when the database blinks).
 * If the stop itself hangs, `stuck` is called: then only an exit can be sure nothing is still sending.
 */
export function startLeadership(o: LeadershipOptions): Leadership {
  let stopped = false;
  /** Shutting down: the lease is still renewed while the desk stops, but not taken up again. */
  let closing = false;
  /** The desk runs (or is starting): between winning and stepping down. */
  let leading = false;
  let since: number | null = null;
  let validUntil = 0;
  let observed: { seen: LeaseSeen; at: number } | null = null;
  let stopTerm: (() => Promise<void>) | null = null;
  /** Starts and stops of the desk, one after the other. */
  let transitions: Promise<void> = Promise.resolve();
  let watchdog: NodeJS.Timeout | null = null;
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<void> = Promise.resolve();
  let unreachableSince: number | null = null;

  const begin = () => {
    leading = true;
    since = o.monotonic();
    transitions = transitions.then(async () => {
      if (!leading || stopped) return;
      o.log.info({ holder: o.holder }, 'tiến trình này giữ bàn biên tập: bàn chat và việc định kỳ chạy tại đây / this process holds the desk lease: chat desks and scheduled jobs start here');
      try {
        stopTerm = await o.lead();
      } catch (error) {
        o.log.error({ err: error }, 'the desk did not start; the lease is kept and the start tried again at the next loss / bàn biên tập không khởi động được');
      }
    });
  };

  const stepDown = (why: 'refused' | 'unreachable' | 'shutdown') => {
    if (!leading) return transitions;
    leading = false;
    since = null;
    validUntil = 0;
    if (watchdog) clearTimeout(watchdog);
    watchdog = null;
    if (why !== 'shutdown') {
      o.log.warn(
        { holder: o.holder, why },
        why === 'refused'
          ? 'desk lease taken by another process: chat desks and scheduled jobs stop here, this process keeps serving the web / tiến trình khác đã nhận bàn biên tập: dừng bàn chat và việc định kỳ tại đây, vẫn phục vụ web'
          : 'desk lease not renewed in time (database unreachable?): chat desks and scheduled jobs stop here until it is held again / không gia hạn được bàn biên tập (mất kết nối cơ sở dữ liệu?): dừng bàn chat và việc định kỳ tại đây',
      );
    }
    transitions = transitions.then(async () => {
      const stop = stopTerm;
      stopTerm = null;
      if (!stop) return;
      const alarm = setTimeout(o.stuck, o.stuckMs);
      try {
        await stop();
      } catch (error) {
        o.log.error({ err: error }, 'the desk did not stop cleanly / bàn biên tập không dừng gọn');
      } finally {
        clearTimeout(alarm);
      }
    });
    return transitions;
  };

  /** Who held the lease at the last answer: this process, another, or nobody. */
  let lastHolder: string | null = null;

  const tick = async () => {
    const sent = o.monotonic();
    const stale = observed && sent - observed.at >= o.leaseMs ? observed.seen : null;
    let claim: LeaseClaim | null = null;
    try {
      claim = await o.lease.claim(DESK_LEASE, o.holder, o.clock(), o.leaseMs, stale);
      if (unreachableSince !== null) o.log.info({ seconds: Math.round((o.monotonic() - unreachableSince) / 1000) }, 'cơ sở dữ liệu đã kết nối lại / desk lease: database reachable again');
      unreachableSince = null;
    } catch (error) {
      // Logged once per outage; the watchdog stops a leader's desk when its lease runs out.
      if (unreachableSince === null) o.log.error({ err: error }, 'desk lease: database unreachable / không kết nối được cơ sở dữ liệu để giữ bàn biên tập');
      // Who holds the desk is not known while the lease cannot be read.
      lastHolder = null;
      unreachableSince ??= sent;
    }
    const answered = o.monotonic();
    if (claim) lastHolder = claim.ours ? o.holder : (claim.seen?.holder ?? null);
    if (stopped || !claim) return;
    if (claim.ours) {
      observed = null;
      const until = sent + o.leaseMs - o.renewMs;
      // An answer that came too late counts for nothing: the watchdog may already have stopped the desk.
      if (answered >= until) return;
      validUntil = until;
      if (watchdog) clearTimeout(watchdog);
      watchdog = setTimeout(() => void stepDown('unreachable'), until - answered);
      if (!leading && !closing) begin();
      return;
    }
    if (leading) void stepDown('refused');
    const seen = claim.seen;
    if (!seen) observed = null;
    else if (!observed || observed.seen.holder !== seen.holder || observed.seen.expiresAt.getTime() !== seen.expiresAt.getTime()) observed = { seen, at: answered };
  };

  const loop = () => {
    if (stopped) return;
    ticking = tick().finally(() => {
      if (stopped) return;
      // A follower tries again the moment the row it watches has stood still a whole lease, not up to a renewal later.
      const due = observed ? observed.at + o.leaseMs - o.monotonic() : o.renewMs;
      timer = setTimeout(loop, Math.max(0, Math.min(o.renewMs, due)));
    });
  };
  loop();

  return {
    holds: () => leading && o.monotonic() < validUntil,
    state: () => ({ holder: o.holder, held: leading && o.monotonic() < validUntil, since, leader: lastHolder }),
    async stop() {
      // Renewals go on while the desk stops, so nobody starts another desk before this one is down.
      closing = true;
      await stepDown('shutdown');
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking;
      // Only once the desk is stopped may another process start its own.
      await o.lease.release(DESK_LEASE, o.holder).catch((error: unknown) => o.log.warn({ err: error }, 'chưa trả được bàn biên tập; tiến trình khác nhận khi hết hạn / desk lease not released; another process takes it once it runs out'));
    },
  };
}
