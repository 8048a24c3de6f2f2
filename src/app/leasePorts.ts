/**
 * The lease row as a claimant last read it. `expiresAt` changes at every renewal, so the pair is the
 * row's version: a holder that still renews never shows the same pair twice.
 */
export interface LeaseSeen {
  holder: string;
  expiresAt: Date;
}

/** What a claim ended in: the lease is ours, or someone else's as it stands now (null: nobody's, e.g. just released). */
export type LeaseClaim = { ours: true } | { ours: false; seen: LeaseSeen | null };

/** The lease's statements, on the store's own connection (part of the Store: see src/store/lease.ts for why on SQLite). */
export interface LeaseStore {
  claimLease(name: string, holder: string, now: Date, leaseMs: number, stale: LeaseSeen | null): Promise<LeaseClaim>;
  releaseLease(name: string, holder: string): Promise<void>;
}

/** A named lease in the shared database, one row per name. */
export interface LeasePort {
  /**
   * Renews the lease when `holder` holds it, takes it when nobody does, or when it still stands exactly
   * as `stale` (a holder seen not renewing for a whole lease); refuses otherwise. Never takes a lease
   * another holder renewed meanwhile.
   */
  claim(name: string, holder: string, now: Date, leaseMs: number, stale: LeaseSeen | null): Promise<LeaseClaim>;
  /** Gives the lease up when `holder` holds it (a clean shutdown), so another takes it at its next try. */
  release(name: string, holder: string): Promise<void>;
  close(): Promise<void>;
}
