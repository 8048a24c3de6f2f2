import { DEADLINE_KINDS, UPDATE_DEADLINES, type DeadlineKind, type DeadlineTable } from './core/documents/timeliness.js';
import { PUBLIC_NAME_MODES, type PublicNameMode } from './core/tickets/privacy.js';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';

/** The one reader of the environment. Every problem is reported at once, then the process stops. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A base address: links are made by appending paths, so a query, a fragment or credentials would break every one. */
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .refine((u) => !/[?#]/.test(u) && !/^https?:\/\/[^/]*@/.test(u), {
    error: 'must be a base address: no ?query, #fragment or user:password@',
    params: { vi: 'phải là địa chỉ gốc: không có ?tham-số, #neo hay tên:mật-khẩu@' },
  })
  .transform((u) => u.replace(/\/+$/, ''));
/**
 * Where Zalo serves the pictures, videos and files of group messages (photo-stal-N.zdn.vn,
 * f*-zpcloud.zdn.vn, file-stal-N.dlfl.vn redirecting through flchat.vn and dlmd.me): the only hosts an
 * attachment's URL may point at. Each entry allows its subdomains.
 */
export const DEFAULT_ZALO_MEDIA_HOSTS = ['zdn.vn', 'zadn.vn', 'dlfl.vn', 'flchat.vn', 'dlmd.me'] as const;

const chatId = z.string().regex(/^-?\d+$/, 'must be a Telegram chat id (a number, negative for groups)');

const schema = z.object({
  PORT: z.coerce.number({ error: 'must be a port number (0–65535)' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .refine((v) => v.startsWith('file:') || /^postgres(ql)?:\/\/.+/.test(v), { message: 'must be file:PATH (SQLite) or postgres://… (PostgreSQL)', params: { vi: 'phải là file:ĐƯỜNG_DẪN (SQLite) hoặc postgres://… (PostgreSQL)' } })
    .optional(),
  DATA_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  HUB_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)').optional(),
  TIMEZONE: z
    .string()
    .default('Asia/Ho_Chi_Minh')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, { message: 'is not a known IANA time zone', params: { vi: 'không phải múi giờ IANA (vd. Asia/Ho_Chi_Minh)' } }),
  PUBLIC_BASE_URL: httpUrl.optional(),
  PORTAL_BASE_URL: httpUrl.optional(),
  MEDIA_DIR: z.string().min(1).optional(),
  MEDIA_MAX_MB: z.coerce.number({ error: 'must be a number of megabytes' }).positive().max(2000).default(20),
  PORTAL_EMC_LINK: httpUrl.optional(),
  PORTAL_EMC_IMAGE: httpUrl.optional(),
  FACEBOOK_GRAPH_BASE: httpUrl.default('https://graph.facebook.com'),
  FACEBOOK_GRAPH_VIDEO_BASE: httpUrl.default('https://graph-video.facebook.com'),
  FACEBOOK_GRAPH_VERSION: z.string().regex(/^v\d+\.\d+$/, 'must look like v24.0').default('v24.0'),
  YOUTUBE_API_ROOT: httpUrl.default('https://youtube.googleapis.com'),
  YOUTUBE_TOKEN_URL: httpUrl.default('https://oauth2.googleapis.com/token'),
  YOUTUBE_DAILY_UNITS: z.coerce.number({ error: 'must be a number of units' }).int().positive().default(10_000),
  YOUTUBE_UPLOAD_COST: z.coerce.number({ error: 'must be a number of units' }).int().positive().default(1600),
  YOUTUBE_CHUNK_MB: z.coerce.number({ error: 'must be a number of megabytes' }).positive().max(256).default(8),
  ZALO_BROADCASTS_PER_MONTH: z.coerce.number({ error: 'must be a whole number' }).int().min(0).default(4),
  FACEBOOK_APP_SECRET: z.string().min(16, 'must be the app secret from the Meta app dashboard (32 hex digits)').optional(),
  FACEBOOK_VERIFY_TOKEN: z.string().min(16, 'must be at least 16 characters: the token you type in the webhook settings').optional(),
  ZALO_OA_APP_ID: z.string().regex(/^\d+$/, 'must be the Zalo app id (digits)').optional(),
  ZALO_OA_SECRET_KEY: z.string().min(8, 'must be the OA secret key from the webhook settings').optional(),
  TELEGRAM_INTERACTIONS_CHAT: chatId.optional(),
  INTERACTIONS_FORM_PER_MINUTE: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(10_000).default(5),
  INTERACTIONS_FORM_MIN_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(0).max(600).default(3),
  INTERACTIONS_TRUSTED_PROXIES: z
    .string()
    .default('127.0.0.1,::1')
    .transform((v) => v.split(',').map((a) => a.trim()).filter((a) => a !== ''))
    .refine((list) => list.every((a) => isIP(a) !== 0), { message: 'must be IP addresses separated by commas (the reverse proxy in front of the portal)', params: { vi: 'phải là địa chỉ IP, cách nhau bằng dấu phẩy (reverse proxy đứng trước cổng)' } }),
  INTERACTIONS_DIGEST_AT: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:mm').default('08:00'),
  YOUTUBE_COMMENT_POLL_MINUTES: z.coerce.number({ error: 'must be a number of minutes' }).int().min(1).max(1440).default(15),
  /** Tests and trials: polls YouTube comments every so many seconds instead (each page costs a quota unit). */
  YOUTUBE_COMMENT_POLL_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(86_400).optional(),
  PAGE_VIEWS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  STALE_SITE_DAYS: z.coerce.number({ error: 'must be a whole number of days' }).int().min(1).max(365).default(30),
  DOCUMENT_DEADLINES: z
    .string()
    .regex(
      new RegExp(`^\\s*(${DEADLINE_KINDS.join('|')})=\\d{1,3}(\\s*,\\s*(${DEADLINE_KINDS.join('|')})=\\d{1,3})*\\s*$`),
      `must be kind=working days separated by commas, the kinds among ${DEADLINE_KINDS.join(', ')} (e.g. legal=2,policy=15)`,
    )
    .refine((list) => Object.values(deadlineTable(list)).every((days) => days >= 1 && days <= 365), { message: 'each deadline must be 1 to 365 working days', params: { vi: 'mỗi thời hạn phải từ 1 đến 365 ngày làm việc' } })
    .optional(),
  /** Where administrative procedures are served (Điều 13.1): a site's procedure links must point at one of these hosts (or a name under one). */
  PUBLIC_SERVICE_HOSTS: z
    .string()
    .transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter((h) => h !== ''))
    .refine((list) => list.length > 0 && list.every((h) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/.test(h)), {
      message: 'must be host names separated by commas (e.g. dichvucong.dongnai.gov.vn,dichvucong.gov.vn)',
      params: { vi: 'phải là tên máy chủ cách nhau bằng dấu phẩy (ví dụ dichvucong.dongnai.gov.vn,dichvucong.gov.vn)' },
    })
    .default(['dichvucong.gov.vn']),
  REPORT_AFTER_DAYS: z.coerce.number({ error: 'must be a whole number of days' }).int().min(0).max(60).default(5),
  /** Drills and tests only: the service's clock starts at this instant and runs on from there (a quarter's end, say). */
  CLOCK_START: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, 'must be an instant with its offset, e.g. 2027-01-05T07:59:00+07:00')
    .transform((v) => new Date(v))
    .optional(),
  TICKET_ANSWER_WORKING_DAYS: z.coerce.number({ error: 'must be a whole number of working days' }).int().min(1).max(90).default(15),
  TICKET_REMIND_WORKING_DAYS: z.coerce.number({ error: 'must be a whole number of working days' }).int().min(0).max(30).default(2),
  TICKET_PUBLIC_NAME: z.enum(PUBLIC_NAME_MODES, { error: `must be one of ${PUBLIC_NAME_MODES.join(', ')}` }).default('initials'),
  TICKET_LINK_DAYS: z.coerce.number({ error: 'must be a whole number of days' }).int().min(1).max(90).default(14),
  TELEGRAM_TICKETS_CHAT: chatId.optional(),
  /** How often drafts past their deadline are closed and their summaries made (tests and trials: a few seconds). */
  CONSULTATION_CLOSE_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(3600).default(60),
  /** A file of the year's holidays and make-up days replacing the one shipped (calendar/vn.json). */
  CALENDAR_FILE: z.string().min(1).optional(),
  MAIL_IMAP_URL: z.string().regex(/^imaps?:\/\/[^/]+@[^/]+/, 'must be imap(s)://user:password@host:port (the portal mailbox)').optional(),
  MAIL_SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, 'must be smtp(s)://user:password@host:port').optional(),
  MAIL_FROM: z.string().regex(/^(.*<)?[^@\s<>]+@[^@\s<>]+>?$/, 'must be an address, e.g. Cổng TTĐT <hoidap@dongnai.gov.vn>').optional(),
  /** Mail sent to this address is a news submission; everything else in the mailbox is a question or complaint. */
  MAIL_SUBMISSIONS_ADDRESS: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'must be an e-mail address').optional(),
  MAIL_POLL_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(3600).default(60),
  /** How long each step of sending a mail (connect, greeting, login, hand-over) may take. */
  MAIL_SMTP_TIMEOUT_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(600).default(60),
  /**
   * Several web processes on one database: the chat desks and scheduled jobs run in the one holding this
   * lease; a survivor takes them over within about 1.3 times this (plus the desk's start) after the holder dies.
   */
  DESK_LEASE_SECONDS: z.coerce.number({ error: 'must be a whole number of seconds' }).int().min(3, 'must be at least 3 (the lease is renewed every 30% of it)').max(60, 'must be at most 60 (a dead desk stays dead that long)').default(5),
  REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, 'must be redis://host:port').optional(),
  ZALO_OPENAPI_BASE: httpUrl.default('https://openapi.zalo.me'),
  ZALO_OAUTH_BASE: httpUrl.default('https://oauth.zaloapp.com'),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]{8,}$/, 'must look like 123456789:AAE… (from @BotFather)').optional(),
  TELEGRAM_API_ROOT: httpUrl.default('https://api.telegram.org'),
  TELEGRAM_INTAKE_CHATS: z
    .string()
    .regex(/^\s*-?\d+(=[a-z0-9-]+)?(\s*,\s*-?\d+(=[a-z0-9-]+)?)*\s*$/, 'must be chat ids separated by commas, each optionally =site-key (e.g. -1001234=tinh)')
    .optional(),
  TELEGRAM_EDITORIAL_CHAT: chatId.optional(),
  TELEGRAM_SITE_DESK_CHATS: z
    .string()
    .regex(/^\s*-?\d+=[a-z0-9-]+(\s*,\s*-?\d+=[a-z0-9-]+)*\s*$/, 'must be chat ids separated by commas, each =site-key (e.g. -1002222=so-y-te)')
    .optional(),
  TELEGRAM_ADMIN_CHAT: chatId.optional(),
  ZALO_GROUP_INTAKE: z
    .string()
    .regex(/^\s*\d+(=[a-z0-9-]+)?(\s*,\s*\d+(=[a-z0-9-]+)?)*\s*$/, 'must be Zalo group ids separated by commas, each optionally =site-key (e.g. 7412345678901234567=tinh)')
    .optional(),
  ZALO_REVIEW_GROUP: z.string().regex(/^\d+$/, 'must be a Zalo group id (digits)').optional(),
  ZALO_SEND_GAP_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(0).default(2500),
  ZALO_SEND_JITTER_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(0).default(1000),
  ZALO_WEB_BASE: httpUrl.optional(),
  ZALO_SEND_PER_HOUR: z.coerce.number({ error: 'must be a whole number of messages' }).int().min(1).default(60),
  ZALO_SEND_PER_DAY: z.coerce.number({ error: 'must be a whole number of messages' }).int().min(1).default(300),
  ZALO_BATCH_MAX_PARTS: z.coerce.number({ error: 'must be a whole number of messages' }).int().min(1).max(100).default(20),
  ZALO_BATCH_MAX_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(3600).default(60),
  ZALO_CAPTION_WINDOW_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).min(0).max(600).default(15),
  ZALO_BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]{8,}$/, 'must look like 1234567890:AbC… (from Zalo Bot Manager)').optional(),
  ZALO_BOT_API_ROOT: httpUrl.default('https://bot-api.zaloplatforms.com'),
  ZALO_BOT_INTAKE_CHATS: z
    .string()
    .regex(/^\s*[A-Za-z0-9_-]+(=[a-z0-9-]+)?(\s*,\s*[A-Za-z0-9_-]+(=[a-z0-9-]+)?)*\s*$/, 'must be Zalo Bot chat ids separated by commas, each optionally =site-key (send /id to the bot in the group)')
    .optional(),
  ZALO_BOT_REVIEW_CHAT: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be a Zalo Bot chat id (send /id to the bot in the group)').optional(),
  ZALO_BOT_SEND_PER_HOUR: z.coerce.number({ error: 'must be a whole number of messages' }).int().min(1).default(300),
  ZALO_BOT_SEND_PER_DAY: z.coerce.number({ error: 'must be a whole number of messages' }).int().min(1).default(2000),
  ZALO_MEDIA_HOSTS: z
    .string()
    .regex(/^\s*[A-Za-z0-9.:\[\]-]+(\s*,\s*[A-Za-z0-9.:\[\]-]+)*\s*$/, 'must be host names or addresses separated by commas (e.g. zdn.vn,dlfl.vn)')
    .default(DEFAULT_ZALO_MEDIA_HOSTS.join(',')),
}).refine((e) => (e.ZALO_OA_APP_ID === undefined) === (e.ZALO_OA_SECRET_KEY === undefined), {
  path: ['ZALO_OA_SECRET_KEY'],
  message: 'ZALO_OA_APP_ID and ZALO_OA_SECRET_KEY go together (both sign the Zalo OA webhook)',
  params: { vi: 'ZALO_OA_APP_ID và ZALO_OA_SECRET_KEY phải đặt cùng nhau (cả hai ký webhook của Zalo OA)' },
}).refine((e) => (e.PORTAL_EMC_LINK === undefined) === (e.PORTAL_EMC_IMAGE === undefined), {
  path: ['PORTAL_EMC_IMAGE'],
  message: 'PORTAL_EMC_LINK and PORTAL_EMC_IMAGE go together (the EMC label and where it links)',
  params: { vi: 'PORTAL_EMC_LINK và PORTAL_EMC_IMAGE phải đặt cùng nhau (biểu tượng EMC và nơi nó dẫn tới)' },
}).refine((e) => {
  // A desk chat shows drafts with their buttons: it must not be a group collaborators write in, nor another desk's.
  const desks = chatSites(e.TELEGRAM_SITE_DESK_CHATS);
  const others = new Set([...chatSites(e.TELEGRAM_INTAKE_CHATS).map((c) => c.id), e.TELEGRAM_EDITORIAL_CHAT ?? '', e.TELEGRAM_ADMIN_CHAT ?? '']);
  const one = (list: readonly (string | null)[]) => new Set(list).size === list.length;
  return one(desks.map((d) => d.id)) && one(desks.map((d) => d.siteKey)) && desks.every((d) => !others.has(d.id));
}, {
  path: ['TELEGRAM_SITE_DESK_CHATS'],
  message: 'a site’s desk chat must be a group of its own (not an intake group, the editorial or the admins’ chat, nor another site’s desk), one per site',
  params: { vi: 'nhóm duyệt tin của trang phải là nhóm riêng (không trùng nhóm nhận tin, nhóm Ban Biên tập, nhóm quản trị hay nhóm duyệt của trang khác), mỗi trang một nhóm' },
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  logFormat: 'json' | 'pretty';
  /** Null until bootstrap reads or creates data/hub-secret. Never logged. */
  hubSecret: string | null;
  timeZone: string;
  /** Where people reach this service from outside (webhooks); null means long polling. */
  publicBaseUrl: string | null;
  /** Where published items are read; links in chat point there. */
  portalBaseUrl: string;
  /** Whether the operator named it (PORTAL_BASE_URL or PUBLIC_BASE_URL); the default is this machine's own address. */
  portalBaseUrlSet: boolean;
  mediaDir: string;
  mediaMaxBytes: number;
  /** The national monitoring (EMC) label on the home page; null leaves its slot empty. */
  emc: { link: string; image: string } | null;
  /** Days without a publication after which a site is on the weekly list of stale sites. */
  staleSiteDays: number;
  /** Documents' update deadlines in working days: the regulation's defaults with DOCUMENT_DEADLINES over them. */
  documentDeadlines: DeadlineTable;
  /** The public-service portal's host names: a site's procedure links point there (PUBLIC_SERVICE_HOSTS). */
  publicServiceHosts: readonly string[];
  /** Days after a quarter, half-year or year closes that its reports are made and sent. */
  reportAfterDays: number;
  /** Drills and tests only: where the service's clock starts (null: the machine's clock). */
  clockStart: Date | null;
  /** Whether the web processes count reader page views (PAGE_VIEWS=off: the benchmark's side-by-side run). */
  pageViews: boolean;
  /** The Graph API the Facebook channel calls (a fake on 127.0.0.1 in tests). */
  facebook: { graphBase: string; graphVideoBase: string; graphVersion: string };
  /** The YouTube Data API and Google's token endpoint; quota as the Cloud project grants it. */
  youtube: { apiRoot: string; tokenUrl: string; units: number; uploadCost: number; chunkBytes: number };
  zaloOa: { openApiBase: string; oauthBase: string; broadcastsPerMonth: number };
  /** Public interactions: webhook secrets (absent: that webhook answers 404), the moderators' chat, the portal form's defences. */
  interactions: InteractionsConfig;
  /** The desk lease (one desk per deployment): its length and how often it is renewed. */
  deskLease: { leaseMs: number; renewMs: number };
  /** Set: channel rate limits are shared by every worker through Redis. Never logged (it may hold a password). */
  redisUrl: string | null;
  /** Citizens' questions and complaints: deadlines, the tickets chat, how names are published. */
  tickets: TicketsConfig;
  /** The portal's mailbox (tickets and news by e-mail) and outgoing mail; null: no mail is read or sent. */
  mail: MailConfig | null;
  /** Null when no bot token is set: the Telegram desk is off. */
  telegram: TelegramConfig | null;
  /** Null when no Zalo intake group is set: the Zalo desk is off. */
  zaloGroup: ZaloGroupConfig | null;
  /** Tests only: Zalo's fixed hosts (sign-in, QR) are reached here instead. */
  zaloWebBase: string | null;
  /** Null when no Zalo Bot Platform token is set: the official Zalo bot desk is off. */
  zaloBot: ZaloBotConfig | null;
}

/** Messages an account may send: at most this many in any hour and in any day (rolling). */
export interface SendBudget {
  perHour: number;
  perDay: number;
}

export interface ZaloBotConfig {
  /** Secret: never logged. `bot_id:access_token` from Zalo Bot Manager. */
  token: string;
  apiRoot: string;
  /** Group chats whose @mentions become submissions, and the site each feeds (null: the root site). */
  intakeChats: { chatId: string; siteKey: string | null }[];
  /** Where review cards go; null: reviewers are sent them privately once linked. */
  reviewChat: string | null;
  budget: SendBudget;
  /** Where the photos people send are downloaded from (ZALO_MEDIA_HOSTS, shared with the zca-js desk). */
  mediaHosts: string[];
}

export interface InteractionsConfig {
  /** Secret: verifies X-Hub-Signature-256 on Facebook's webhook. */
  facebookAppSecret: string | null;
  /** Secret: what Facebook echoes when the webhook is verified (hub.verify_token). */
  facebookVerifyToken: string | null;
  /** Zalo OA's webhook signature is sha256(appId + body + timestamp + secretKey); both are needed. */
  zaloOa: { appId: string; secretKey: string } | null;
  /** Where interaction cards go; null: the editorial chat. */
  telegramChat: string | null;
  /** Portal comment form: stored per address per minute; seconds a person takes at least to fill it. */
  formPerMinute: number;
  formMinSeconds: number;
  /** Proxies whose X-Forwarded-For names the sender the form's limit counts (a reverse proxy on the same host by default). */
  formTrustedProxies: string[];
  /** The daily digest of what is still unanswered, in the province's time zone. */
  digestAt: string;
  /** How often YouTube comment threads of mirrored videos are read (each page costs a quota unit). */
  youtubePollMs: number;
}

export interface TicketsConfig {
  answerWorkingDays: number;
  /** The assignee is reminded this many working days before the answer date. */
  remindWorkingDays: number;
  publicName: PublicNameMode;
  /** Days an assignee's signed answer link stays valid. */
  linkDays: number;
  /** Where ticket cards go; null: the editorial chat. */
  telegramChat: string | null;
  /** Replaces the shipped holiday calendar; null: calendar/vn.json. */
  calendarFile: string | null;
  /** How often the consultations-close job runs. */
  consultationCloseMs: number;
}

export interface MailConfig {
  /** Secret (holds the password). Null: the mailbox is not read. */
  imapUrl: string | null;
  /** Secret (holds the password). Null: nothing is sent by mail. */
  smtpUrl: string | null;
  from: string;
  submissionsAddress: string | null;
  pollMs: number;
  /** Each step of sending one mail; a mail caught on the wire by a crash is sent again after about four of these. */
  smtpTimeoutMs: number;
}

export interface ZaloGroupConfig {
  /** Zalo groups whose messages become submissions, and the site each feeds (null: the root site). */
  intakeGroups: { groupId: string; siteKey: string | null }[];
  /** Where reviewers who are only on Zalo get their cards; null: they use /duyet and /tralai. */
  reviewGroup: string | null;
  /** Every send waits this long after the previous one, plus up to `jitterMs` at random. */
  pace: { gapMs: number; jitterMs: number };
  /**
   * The only hosts attachments are downloaded from (with their subdomains); names must resolve to public
   * addresses, and an address is allowed only when listed as such (tests: 127.0.0.1).
   */
  mediaHosts: string[];
  /** The hourly and daily send budget of the bot's personal account. */
  budget: SendBudget;
  /** A sender's messages taken as one submission: at most `maxParts`, spanning at most `maxMs`; a caption joins photos sent up to `captionWindowMs` before it. */
  batch: { maxParts: number; maxMs: number; captionWindowMs: number };
}

/** `id=site, id` lists of chats or groups and the site each feeds. */
function deadlineTable(list: string | undefined): DeadlineTable {
  const table: Record<DeadlineKind, number> = { ...UPDATE_DEADLINES };
  for (const part of (list ?? '').split(',')) {
    const [kind = '', days = ''] = part.split('=').map((x) => x.trim());
    if ((DEADLINE_KINDS as string[]).includes(kind) && /^\d+$/.test(days)) table[kind as DeadlineKind] = Number(days);
  }
  return table;
}

function chatSites(list: string | undefined): { id: string; siteKey: string | null }[] {
  return (list ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [id = '', site] = part.split('=');
      return { id, siteKey: site ?? null };
    });
}

export interface TelegramConfig {
  /** Secret: never logged. */
  token: string;
  apiRoot: string;
  /** Group chats whose messages become submissions, and the site each feeds (null: the root site). */
  intakeChats: { chatId: string; siteKey: string | null }[];
  /** Where review cards go; without it, reviewers get them by private message. */
  editorialChat: string | null;
  /** A component site's own desk: its items' review cards go there (and its sites' below it), not to the editorial chat. */
  siteDeskChats: { chatId: string; siteKey: string }[];
  adminChat: string | null;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/**
 * Where the defaults live. The service runs in its project folder (npm start, the systemd unit), so
 * `./data` is enough; the CLI is run from anywhere, so it names the project's folder (and `--data`).
 */
export interface ConfigPlace {
  /** The folder `data/` defaults to being in; absent, the working directory. */
  root?: string;
  /** A data folder named on the command line: before DATA_DIR. */
  dataDir?: string;
}

const inside = (dir: string, name: string) => `${dir.replace(/\/+$/, '')}/${name}`;

/** The data folder, and the database in it unless DATABASE_URL names another: one place to back up. */
function placed(e: { DATA_DIR?: string | undefined; DATABASE_URL?: string | undefined }, place: ConfigPlace): { dataDir: string; databaseUrl: string } {
  const dataDir = place.dataDir ?? e.DATA_DIR ?? (place.root ? join(place.root, 'data') : './data');
  return { dataDir, databaseUrl: e.DATABASE_URL ?? `file:${inside(dataDir, 'portal-hub.db')}` };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, interactive = Boolean(process.stdout.isTTY), place: ConfigPlace = {}): ConfigResult {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${inVietnamese(i)} / ${i.message}`) };
  }
  const e = parsed.data;
  const { dataDir, databaseUrl } = placed(e, place);
  const zaloMediaHosts = e.ZALO_MEDIA_HOSTS.split(',').map((h) => h.trim().toLowerCase().replace(/^\[|\]$/g, '')).filter((h) => h !== '');
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      databaseUrl,
      dataDir,
      logLevel: e.LOG_LEVEL,
      logFormat: e.LOG_FORMAT ?? (interactive ? 'pretty' : 'json'),
      hubSecret: e.HUB_SECRET ?? null,
      timeZone: e.TIMEZONE,
      publicBaseUrl: e.PUBLIC_BASE_URL ?? null,
      portalBaseUrl: e.PORTAL_BASE_URL ?? e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`,
      portalBaseUrlSet: (e.PORTAL_BASE_URL ?? e.PUBLIC_BASE_URL) !== undefined,
      mediaDir: e.MEDIA_DIR ?? inside(dataDir, 'media'),
      mediaMaxBytes: Math.round(e.MEDIA_MAX_MB * 1024 * 1024),
      staleSiteDays: e.STALE_SITE_DAYS,
      documentDeadlines: deadlineTable(e.DOCUMENT_DEADLINES),
      publicServiceHosts: e.PUBLIC_SERVICE_HOSTS,
      reportAfterDays: e.REPORT_AFTER_DAYS,
      clockStart: e.CLOCK_START ?? null,
      pageViews: e.PAGE_VIEWS === 'on',
      facebook: { graphBase: e.FACEBOOK_GRAPH_BASE, graphVideoBase: e.FACEBOOK_GRAPH_VIDEO_BASE, graphVersion: e.FACEBOOK_GRAPH_VERSION },
      youtube: {
        apiRoot: e.YOUTUBE_API_ROOT,
        tokenUrl: e.YOUTUBE_TOKEN_URL,
        units: e.YOUTUBE_DAILY_UNITS,
        uploadCost: e.YOUTUBE_UPLOAD_COST,
        // Whole multiples of 256 KiB, as Google's resumable protocol asks.
        chunkBytes: Math.max(1, Math.round((e.YOUTUBE_CHUNK_MB * 1024 * 1024) / 262_144)) * 262_144,
      },
      zaloOa: { openApiBase: e.ZALO_OPENAPI_BASE, oauthBase: e.ZALO_OAUTH_BASE, broadcastsPerMonth: e.ZALO_BROADCASTS_PER_MONTH },
      // Renewed three times within a lease: one slow renewal does not lose it.
      deskLease: { leaseMs: e.DESK_LEASE_SECONDS * 1000, renewMs: e.DESK_LEASE_SECONDS * 300 },
      redisUrl: e.REDIS_URL ?? null,
      tickets: {
        answerWorkingDays: e.TICKET_ANSWER_WORKING_DAYS,
        remindWorkingDays: e.TICKET_REMIND_WORKING_DAYS,
        publicName: e.TICKET_PUBLIC_NAME,
        linkDays: e.TICKET_LINK_DAYS,
        telegramChat: e.TELEGRAM_TICKETS_CHAT ?? null,
        calendarFile: e.CALENDAR_FILE ?? null,
        consultationCloseMs: e.CONSULTATION_CLOSE_SECONDS * 1000,
      },
      mail:
        e.MAIL_IMAP_URL || e.MAIL_SMTP_URL
          ? { imapUrl: e.MAIL_IMAP_URL ?? null, smtpUrl: e.MAIL_SMTP_URL ?? null, from: e.MAIL_FROM ?? 'portal-hub@localhost', submissionsAddress: e.MAIL_SUBMISSIONS_ADDRESS?.toLowerCase() ?? null, pollMs: e.MAIL_POLL_SECONDS * 1000, smtpTimeoutMs: e.MAIL_SMTP_TIMEOUT_SECONDS * 1000 }
          : null,
      interactions: {
        facebookAppSecret: e.FACEBOOK_APP_SECRET ?? null,
        facebookVerifyToken: e.FACEBOOK_VERIFY_TOKEN ?? null,
        zaloOa: e.ZALO_OA_APP_ID && e.ZALO_OA_SECRET_KEY ? { appId: e.ZALO_OA_APP_ID, secretKey: e.ZALO_OA_SECRET_KEY } : null,
        telegramChat: e.TELEGRAM_INTERACTIONS_CHAT ?? null,
        formPerMinute: e.INTERACTIONS_FORM_PER_MINUTE,
        formMinSeconds: e.INTERACTIONS_FORM_MIN_SECONDS,
        formTrustedProxies: e.INTERACTIONS_TRUSTED_PROXIES,
        digestAt: e.INTERACTIONS_DIGEST_AT,
        youtubePollMs: e.YOUTUBE_COMMENT_POLL_SECONDS !== undefined ? e.YOUTUBE_COMMENT_POLL_SECONDS * 1000 : e.YOUTUBE_COMMENT_POLL_MINUTES * 60_000,
      },
      emc: e.PORTAL_EMC_LINK && e.PORTAL_EMC_IMAGE ? { link: e.PORTAL_EMC_LINK, image: e.PORTAL_EMC_IMAGE } : null,
      telegram: e.TELEGRAM_BOT_TOKEN
        ? {
            token: e.TELEGRAM_BOT_TOKEN,
            apiRoot: e.TELEGRAM_API_ROOT,
            intakeChats: chatSites(e.TELEGRAM_INTAKE_CHATS).map(({ id, siteKey }) => ({ chatId: id, siteKey })),
            editorialChat: e.TELEGRAM_EDITORIAL_CHAT ?? null,
            siteDeskChats: chatSites(e.TELEGRAM_SITE_DESK_CHATS).flatMap(({ id, siteKey }) => (siteKey ? [{ chatId: id, siteKey }] : [])),
            adminChat: e.TELEGRAM_ADMIN_CHAT ?? null,
          }
        : null,
      zaloGroup: e.ZALO_GROUP_INTAKE
        ? {
            intakeGroups: chatSites(e.ZALO_GROUP_INTAKE).map(({ id, siteKey }) => ({ groupId: id, siteKey })),
            reviewGroup: e.ZALO_REVIEW_GROUP ?? null,
            pace: { gapMs: e.ZALO_SEND_GAP_MS, jitterMs: e.ZALO_SEND_JITTER_MS },
            mediaHosts: zaloMediaHosts,
            budget: { perHour: e.ZALO_SEND_PER_HOUR, perDay: e.ZALO_SEND_PER_DAY },
            batch: { maxParts: e.ZALO_BATCH_MAX_PARTS, maxMs: e.ZALO_BATCH_MAX_SECONDS * 1000, captionWindowMs: Math.round(e.ZALO_CAPTION_WINDOW_SECONDS * 1000) },
          }
        : null,
      zaloWebBase: e.ZALO_WEB_BASE ?? null,
      zaloBot: e.ZALO_BOT_TOKEN
        ? {
            token: e.ZALO_BOT_TOKEN,
            apiRoot: e.ZALO_BOT_API_ROOT,
            intakeChats: chatSites(e.ZALO_BOT_INTAKE_CHATS).map(({ id, siteKey }) => ({ chatId: id, siteKey })),
            reviewChat: e.ZALO_BOT_REVIEW_CHAT ?? null,
            budget: { perHour: e.ZALO_BOT_SEND_PER_HOUR, perDay: e.ZALO_BOT_SEND_PER_DAY },
            mediaHosts: zaloMediaHosts,
          }
        : null,
    },
  };
}

/**
 * The Vietnamese half of a configuration problem: said from the kind of problem (the English half names
 * the exact rule), or the rule's own words where it gives them. A value is never repeated: it may be a secret.
 */
function inVietnamese(issue: z.core.$ZodIssue): string {
  const own = (issue as { params?: { vi?: unknown } }).params?.vi;
  if (typeof own === 'string') return own;
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' ? `quá ngắn (ít nhất ${issue.minimum} ký tự)` : `nhỏ quá (ít nhất ${issue.minimum})`;
    case 'too_big':
      return issue.origin === 'string' ? `quá dài (nhiều nhất ${issue.maximum} ký tự)` : `lớn quá (nhiều nhất ${issue.maximum})`;
    case 'invalid_value':
      return `phải là một trong: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return 'sai định dạng';
    case 'invalid_type':
      return issue.expected === 'number' || issue.expected === 'int' ? 'phải là một số' : 'sai kiểu giá trị';
    default:
      return 'giá trị không dùng được';
  }
}

let entryPlace: ConfigPlace = {};

/** Set once by an entry point that runs outside its project folder (the CLI) before it reads the config. */
export function placeConfig(place: ConfigPlace): void {
  entryPlace = place;
}

/** For entry points: the config, or every problem printed and exit code 2. */
export function configOrExit(): Config {
  const result = loadConfig(process.env, Boolean(process.stdout.isTTY), entryPlace);
  if (result.ok) return result.config;
  console.error('portal-hub: cấu hình không hợp lệ / invalid configuration:');
  for (const p of result.problems) console.error(`  - ${p}`);
  process.exit(2);
}
