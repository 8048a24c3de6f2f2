import type { ChannelPolicy, ChannelProbe, ChannelState, DeliveryAction, DeliveryPart, DeliveryResult, DeliveryState, Lookup, PartsRule, Settlement } from '../core/delivery.js';
import type { CredentialsProblem } from '../core/credentialsShape.js';
import type { AuditEntry } from './ports.js';

export interface ChannelRecord {
  id: string;
  key: string;
  platform: string;
  accountId: string;
  policy: ChannelPolicy;
  state: ChannelState;
  /** Sealed; only the dispatcher unseals it, just before a call. */
  credentials: string;
  lastSuccessAt: Date | null;
  lastError: string | null;
}

export interface DeliveryRecord {
  id: string;
  channelId: string;
  itemId: string;
  code: string;
  action: DeliveryAction;
  part: DeliveryPart;
  revisionHash: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date;
  callStartedAt: Date | null;
  externalId: string | null;
  externalUrl: string | null;
  lastError: string | null;
  deadlineAt: Date;
  deliveredAt: Date | null;
  /** Set by a take-down before this row was settled: it is never posted, only looked up. */
  withdrawnAt: Date | null;
}

/** An alert for the admins' chat, waiting in the database for the process that holds the desk. */
export interface AlertRecord {
  id: string;
  text: string;
  createdAt: Date;
}

export interface OutboxStore {
  addChannel(channel: Omit<ChannelRecord, 'id' | 'lastSuccessAt' | 'lastError'>, audit: AuditEntry): Promise<ChannelRecord>;
  channels(): Promise<ChannelRecord[]>;
  setChannelState(id: string, state: ChannelState, audit: AuditEntry): Promise<void>;
  /** Takes the channel's refresh lock until `until`; false while another worker holds it. */
  lockRefresh(channelId: string, token: string, now: Date, until: Date): Promise<boolean>;
  /** Stores rotated credentials (sealed) and releases the lock, in one write. */
  saveRefreshed(channelId: string, token: string, credentials: string | null): Promise<void>;
  channelCredentials(channelId: string): Promise<string | null>;
  /** Codes of items whose take-down this channel has yet to carry out. */
  channelRemovalsOpen(channelId: string): Promise<string[]>;
  /** Token erased, state removed, what waited cancelled, in one write; how many posts it leaves on the platform. */
  removeChannel(id: string, now: Date, audit: AuditEntry): Promise<{ cancelled: number; postsLeft: number }>;
  /** New credentials, and the channel active again (a removed channel too). */
  reconnectChannel(id: string, credentials: string, audit: AuditEntry): Promise<void>;
  /**
   * What `channel test` found (src/app/channelTest.ts): the change and its audit row (if any) in one write, made only
   * while the channel is still in state `from`; false when it is not (reconnected, paused or removed meanwhile).
   */
  recordChannelTest(id: string, from: ChannelState, change: Pick<Settlement['channel'], 'state' | 'lastError'>, audit: AuditEntry | null): Promise<boolean>;

  /** Pending and due, or in flight with a lapsed lease (its worker died), on active channels but `skip`; oldest first. */
  dueDeliveries(now: Date, limit: number, skip?: readonly string[]): Promise<DeliveryRecord[]>;
  /** Claims due rows under one token; returns the ids this worker took (another may have taken some first). */
  claimDeliveries(ids: readonly string[], token: string, now: Date, leaseMs: number): Promise<string[]>;
  /** Keeps the claims of a token (on the rows given: the key finds them) while its rows wait or a long call (a video upload) runs. */
  extendClaims(ids: readonly string[], token: string, until: Date): Promise<number>;
  /** Gives back the rows of a token not settled yet (claimed, never tried): pending again, the attempt not counted. */
  releaseClaims(ids: readonly string[], token: string): Promise<number>;
  /** Recorded before a call that may post, under the claim; false when the claim is lost or a take-down withdrew the row. */
  markCallStarted(id: string, token: string, at: Date): Promise<boolean>;
  /** Writes results under their claims, each with its channel's change and an audit row, in one transaction; true where the claim held. */
  settleDeliveries(batch: readonly { delivery: DeliveryRecord; token: string; settlement: Settlement; audit: AuditEntry | null }[]): Promise<boolean[]>;

  deliveriesOfItem(itemId: string): Promise<DeliveryRecord[]>;

  quotaUsed(channelId: string, period: string): Promise<number>;
  /** Adds units to the period's count and returns the new total. */
  spendQuota(channelId: string, period: string, units: number): Promise<number>;
  /** True only the first time a period's warning (or exhaustion) is marked: operators hear it once. */
  markQuota(channelId: string, period: string, mark: 'warnedAt' | 'exhaustedAt', at: Date): Promise<boolean>;
  /** Deliveries not yet done (pending or in flight), per channel id. */
  waitingByChannel(): Promise<Record<string, number>>;
  /** Undelivered past their deadline on active channels or channels waiting for a reconnect, not yet reported; each is marked so it is reported once. */
  takeStuckDeliveries(now: Date): Promise<DeliveryRecord[]>;
  /** Makes the item's waiting or refused deliveries due now (never one a take-down withdrew); returns how many. */
  retryDeliveries(itemId: string, now: Date, audit: AuditEntry): Promise<number>;

  /** Stores an alert for the admins' chat; any process may raise one. */
  raiseAlert(text: string, at: Date): Promise<void>;
  /** Alerts not yet sent, oldest first. */
  unsentAlerts(limit: number): Promise<AlertRecord[]>;
  /** True only for the one process whose conditional update marks it sent: it sends it. */
  markAlertSent(id: string, at: Date): Promise<boolean>;
}

/** What a mirror shows of a published item; media as files on disk. */
export interface MirrorPost {
  /** Which of the item's parts on this channel the call is about. */
  part: DeliveryPart;
  /** For a part built on another (a broadcast of the article): that part's id on the platform. */
  basedOn: string | null;
  code: string;
  /** The article on the portal: every mirror links back to it. */
  url: string;
  lang: string;
  kind: string;
  /** The publishing site's name, in the item's language: the author line where a platform has one. */
  source: string;
  title: string;
  summary: string;
  body: string;
  /** Each file on disk, and where the portal serves it (platforms that fetch pictures by URL). */
  media: { path: string; url: string; type: string; kind: 'image' | 'video' | 'audio' | 'file' }[];
}

export interface ChannelAccount {
  accountId: string;
  /** Unsealed just for the call; never logged. */
  credentials: string;
  /**
   * For platforms with single-use refresh tokens: runs `rotate` on the newest stored credentials
   * under a lock held across workers, stores what it returns, and gives back the credentials to
   * use (another worker's, when it rotated first) or why not.
   */
  refreshed(rotate: (current: string) => Promise<string | DeliveryResult>): Promise<string | DeliveryResult>;
}

/** One platform's side of the outbox (adapters/<platform>/channel.ts). */
export interface ChannelAdapter {
  publish(account: ChannelAccount, post: MirrorPost): Promise<DeliveryResult>;
  update(account: ChannelAccount, externalId: string, post: MirrorPost): Promise<DeliveryResult>;
  /** Removing what is already gone counts as delivered. */
  remove(account: ChannelAccount, externalId: string): Promise<DeliveryResult>;
  /**
   * Whether an earlier publish of this post went through after all (its answer was lost): every
   * post made since `since` (shortly before the call started) is looked through, page by page.
   */
  lookup(account: ChannelAccount, post: MirrorPost, since: Date): Promise<Lookup>;
  /** One read call that changes nothing: whose account the token opens, and what it may do (`channel test`). */
  probe(account: ChannelAccount): Promise<ChannelProbe>;
}

/** What the rest of the system knows of a platform, declared by its adapter (adapters/<platform>/profile.ts). */
export interface ChannelProfile {
  /** Shown to readers (the article's links) and operators. */
  label: string;
  /** What the platform makes of an item; `broadcast` where the channel also sends to followers. */
  parts: (options: { broadcast: boolean }) => PartsRule;
  canBroadcast: boolean;
  /**
   * What is wrong with a token or credentials text as the operator pasted it (its field names, never its
   * values), or null when the platform's adapter can read it: checked before anything is stored.
   */
  credentialsProblem: (text: string) => CredentialsProblem | null;
}
