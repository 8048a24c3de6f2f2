import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('runs on its embedded defaults', () => {
    const result = loadConfig({}, false);
    expect(result).toEqual({
      ok: true,
      config: {
        port: 3000,
        host: '0.0.0.0',
        databaseUrl: 'file:./data/portal-hub.db',
        dataDir: './data',
        logLevel: 'info',
        logFormat: 'json',
        hubSecret: null,
        timeZone: 'Asia/Ho_Chi_Minh',
        publicBaseUrl: null,
        portalBaseUrl: 'http://localhost:3000',
        portalBaseUrlSet: false,
        mediaDir: './data/media',
        mediaMaxBytes: 20 * 1024 * 1024,
        staleSiteDays: 30,
        documentDeadlines: { legal: 2, legalOther: 10, policy: 15, plans: 10, statistics: 10, science: 20 },
        reportAfterDays: 5,
        publicServiceHosts: ['dichvucong.gov.vn'],
        clockStart: null,
        pageViews: true,
        emc: null,
        facebook: { graphBase: 'https://graph.facebook.com', graphVideoBase: 'https://graph-video.facebook.com', graphVersion: 'v24.0' },
        youtube: { apiRoot: 'https://youtube.googleapis.com', tokenUrl: 'https://oauth2.googleapis.com/token', units: 10_000, uploadCost: 1600, chunkBytes: 8 * 1024 * 1024 },
        zaloOa: { openApiBase: 'https://openapi.zalo.me', oauthBase: 'https://oauth.zaloapp.com', broadcastsPerMonth: 4 },
        deskLease: { leaseMs: 5_000, renewMs: 1_500 },
        redisUrl: null,
        tickets: { answerWorkingDays: 15, remindWorkingDays: 2, publicName: 'initials', linkDays: 14, telegramChat: null, calendarFile: null, consultationCloseMs: 60_000 },
        mail: null,
        interactions: { facebookAppSecret: null, facebookVerifyToken: null, zaloOa: null, telegramChat: null, formPerMinute: 5, formMinSeconds: 3, formTrustedProxies: ['127.0.0.1', '::1'], digestAt: '08:00', youtubePollMs: 15 * 60_000 },
        telegram: null,
        zaloGroup: null,
        zaloBot: null,
        zaloWebBase: null,
      },
    });
  });

  it('keeps the default database in the data folder, wherever that is named', () => {
    const where = (env: Record<string, string>, place = {}) => {
      const r = loadConfig(env, false, place);
      if (!r.ok) throw new Error(r.problems.join('; '));
      return { dataDir: r.config.dataDir, databaseUrl: r.config.databaseUrl, mediaDir: r.config.mediaDir };
    };
    expect(where({ DATA_DIR: '/srv/hub/data/' })).toEqual({ dataDir: '/srv/hub/data/', databaseUrl: 'file:/srv/hub/data/portal-hub.db', mediaDir: '/srv/hub/data/media' });
    // The CLI names its project's folder: run from anywhere, it finds the same database.
    expect(where({}, { root: '/srv/hub' })).toEqual({ dataDir: '/srv/hub/data', databaseUrl: 'file:/srv/hub/data/portal-hub.db', mediaDir: '/srv/hub/data/media' });
    expect(where({ DATA_DIR: '/other' }, { root: '/srv/hub', dataDir: '/named' }).databaseUrl).toBe('file:/named/portal-hub.db');
    expect(where({ DATA_DIR: '/other', DATABASE_URL: 'postgres://hub@db/portal' }, { root: '/srv/hub' })).toEqual({ dataDir: '/other', databaseUrl: 'postgres://hub@db/portal', mediaDir: '/other/media' });
  });

  it('takes the portal’s address only as a base every link can be appended to', () => {
    for (const url of ['http://dongnai.gov.vn/p?x=1', 'https://dongnai.gov.vn/#f', 'https://admin:secret@dongnai.gov.vn']) {
      const r = loadConfig({ PORTAL_BASE_URL: url }, false);
      expect(r, url).toEqual({ ok: false, problems: ['PORTAL_BASE_URL: phải là địa chỉ gốc: không có ?tham-số, #neo hay tên:mật-khẩu@ / must be a base address: no ?query, #fragment or user:password@'] });
    }
    expect(loadConfig({ PORTAL_BASE_URL: 'https://dongnai.gov.vn/cong/' }, false)).toMatchObject({ ok: true, config: { portalBaseUrl: 'https://dongnai.gov.vn/cong' } });
  });

  it('takes the EMC label only as a link and an image together', () => {
    const both = loadConfig({ PORTAL_EMC_LINK: 'https://tinnhiemmang.vn/danh-ba/dongnai', PORTAL_EMC_IMAGE: 'https://tinnhiemmang.vn/badge.png' }, false);
    expect(both).toMatchObject({ ok: true, config: { emc: { link: 'https://tinnhiemmang.vn/danh-ba/dongnai', image: 'https://tinnhiemmang.vn/badge.png' } } });
    const half = loadConfig({ PORTAL_EMC_LINK: 'https://tinnhiemmang.vn/danh-ba/dongnai' }, false);
    expect(half).toEqual({ ok: false, problems: ['PORTAL_EMC_IMAGE: PORTAL_EMC_LINK và PORTAL_EMC_IMAGE phải đặt cùng nhau (biểu tượng EMC và nơi nó dẫn tới) / PORTAL_EMC_LINK and PORTAL_EMC_IMAGE go together (the EMC label and where it links)'] });
  });

  it('takes the Zalo OA webhook keys only together, and keeps the portal form defences in bounds', () => {
    const half = loadConfig({ ZALO_OA_APP_ID: '1234567890' }, false);
    expect(half).toEqual({ ok: false, problems: ['ZALO_OA_SECRET_KEY: ZALO_OA_APP_ID và ZALO_OA_SECRET_KEY phải đặt cùng nhau (cả hai ký webhook của Zalo OA) / ZALO_OA_APP_ID and ZALO_OA_SECRET_KEY go together (both sign the Zalo OA webhook)'] });
    const both = loadConfig({ ZALO_OA_APP_ID: '1234567890', ZALO_OA_SECRET_KEY: 'oa-secret-key-xyz', INTERACTIONS_FORM_PER_MINUTE: '0' }, false);
    expect(both).toEqual({ ok: false, problems: [expect.stringMatching(/^INTERACTIONS_FORM_PER_MINUTE:/)] });
    // Behind a reverse proxy, the form counts posts per citizen only if the proxy's address is named.
    expect(loadConfig({ INTERACTIONS_TRUSTED_PROXIES: '10.0.0.5, 10.0.0.6' }, false)).toMatchObject({ ok: true, config: { interactions: { formTrustedProxies: ['10.0.0.5', '10.0.0.6'] } } });
    expect(loadConfig({ INTERACTIONS_TRUSTED_PROXIES: 'nginx' }, false)).toEqual({ ok: false, problems: [expect.stringMatching(/^INTERACTIONS_TRUSTED_PROXIES: phải là địa chỉ IP, cách nhau bằng dấu phẩy .* \/ must be IP addresses/)] });
  });


  it('reads the stale-site threshold in days and page-view counting as on or off, naming both when wrong', () => {
    expect(loadConfig({ STALE_SITE_DAYS: '14', PAGE_VIEWS: 'off' }, false)).toMatchObject({ ok: true, config: { staleSiteDays: 14, pageViews: false } });
    expect(loadConfig({ REPORT_AFTER_DAYS: '0', CLOCK_START: '2027-01-05T07:59:00+07:00' }, false)).toMatchObject({ ok: true, config: { reportAfterDays: 0, clockStart: new Date('2027-01-05T00:59:00Z') } });
    const badReports = loadConfig({ REPORT_AFTER_DAYS: '-1', CLOCK_START: 'next monday' }, false);
    expect(badReports.ok).toBe(false);
    if (!badReports.ok) expect(badReports.problems.map((p) => p.split(':')[0])).toEqual(['REPORT_AFTER_DAYS', 'CLOCK_START']);
    const wrong = loadConfig({ STALE_SITE_DAYS: '0', PAGE_VIEWS: 'maybe' }, false);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.problems.map((p) => p.split(':')[0])).toEqual(['PAGE_VIEWS', 'STALE_SITE_DAYS']);
  });

  it('polls YouTube comments every so many minutes, or seconds in a trial; nonsense is refused', () => {
    const minutes = loadConfig({ YOUTUBE_COMMENT_POLL_MINUTES: '30' }, false);
    expect(minutes.ok && minutes.config.interactions.youtubePollMs).toBe(30 * 60_000);
    const seconds = loadConfig({ YOUTUBE_COMMENT_POLL_MINUTES: '30', YOUTUBE_COMMENT_POLL_SECONDS: '2' }, false);
    expect(seconds.ok && seconds.config.interactions.youtubePollMs).toBe(2000);
    const bad = loadConfig({ YOUTUBE_COMMENT_POLL_SECONDS: '0.5' }, false);
    expect(bad).toEqual({ ok: false, problems: [expect.stringMatching(/^YOUTUBE_COMMENT_POLL_SECONDS:/)] });
  });
  it('turns the Telegram desk on with a token and reads its chats', () => {
    const result = loadConfig({ TELEGRAM_BOT_TOKEN: '123456:ABCdef_ghi-jkl', TELEGRAM_INTAKE_CHATS: '-1001, -1002=so-tttt', TELEGRAM_EDITORIAL_CHAT: '-1003', PUBLIC_BASE_URL: 'https://hub.example.vn/' }, false);
    expect(result).toMatchObject({
      ok: true,
      config: {
        publicBaseUrl: 'https://hub.example.vn',
        portalBaseUrl: 'https://hub.example.vn',
        telegram: { apiRoot: 'https://api.telegram.org', intakeChats: [{ chatId: '-1001', siteKey: null }, { chatId: '-1002', siteKey: 'so-tttt' }], editorialChat: '-1003', adminChat: null },
      },
    });
  });

  it('reads a component site’s own desk chat, and refuses one that is an intake group, the editorial chat or another site’s desk', () => {
    const base = { TELEGRAM_BOT_TOKEN: '123456:ABCdef_ghi-jkl', TELEGRAM_INTAKE_CHATS: '-1001,-1002=so-y-te', TELEGRAM_EDITORIAL_CHAT: '-1003' };
    expect(loadConfig({ ...base, TELEGRAM_SITE_DESK_CHATS: '-1004=so-y-te, -1005=huyen-a' }, false)).toMatchObject({
      ok: true,
      config: { telegram: { siteDeskChats: [{ chatId: '-1004', siteKey: 'so-y-te' }, { chatId: '-1005', siteKey: 'huyen-a' }] } },
    });
    expect(loadConfig(base, false)).toMatchObject({ ok: true, config: { telegram: { siteDeskChats: [] } } });
    for (const desks of ['-1002=so-y-te', '-1003=so-y-te', '-1009=so-y-te', '-1004=so-y-te,-1004=huyen-a', '-1004=so-y-te,-1005=so-y-te', '-1004', 'so-y-te']) {
      const result = loadConfig({ ...base, TELEGRAM_ADMIN_CHAT: '-1009', TELEGRAM_SITE_DESK_CHATS: desks }, false);
      expect(result.ok ? [] : result.problems.map((p) => p.split(':')[0]), desks).toEqual(['TELEGRAM_SITE_DESK_CHATS']);
    }
  });

  it('documents’ update deadlines: the regulation’s by default, a province’s own over them, nonsense refused', () => {
    expect(loadConfig({}, false)).toMatchObject({ ok: true, config: { documentDeadlines: { legal: 2, legalOther: 10, policy: 15, plans: 10, statistics: 10, science: 20 } } });
    expect(loadConfig({ PUBLIC_SERVICE_HOSTS: 'DichVuCong.DongNai.gov.vn, dichvucong.gov.vn' }, false)).toMatchObject({ ok: true, config: { publicServiceHosts: ['dichvucong.dongnai.gov.vn', 'dichvucong.gov.vn'] } });
    for (const bad of ['https://dichvucong.gov.vn', 'dich vu cong', 'localhost', ',']) {
      const result = loadConfig({ PUBLIC_SERVICE_HOSTS: bad }, false);
      expect(result.ok ? [] : result.problems.map((p) => p.split(':')[0]), bad).toEqual(['PUBLIC_SERVICE_HOSTS']);
    }
    expect(loadConfig({ DOCUMENT_DEADLINES: 'legal=3, policy=20' }, false)).toMatchObject({ ok: true, config: { documentDeadlines: { legal: 3, policy: 20, plans: 10 } } });
    for (const bad of ['legal=0', 'legal=400', 'laws=2', 'legal', 'legal=two']) {
      const result = loadConfig({ DOCUMENT_DEADLINES: bad }, false);
      expect(result.ok ? [] : result.problems.map((p) => p.split(':')[0]), bad).toEqual(['DOCUMENT_DEADLINES']);
    }
  });

  it('names every bad Telegram setting without echoing the token', () => {
    const result = loadConfig({ TELEGRAM_BOT_TOKEN: 'not-a-token-secret', TELEGRAM_INTAKE_CHATS: 'group one', TELEGRAM_EDITORIAL_CHAT: '@desk', TELEGRAM_API_ROOT: 'ftp://x', MEDIA_MAX_MB: '-1' }, false);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.split(':')[0]).sort()).toEqual(['MEDIA_MAX_MB', 'TELEGRAM_API_ROOT', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_EDITORIAL_CHAT', 'TELEGRAM_INTAKE_CHATS']);
    expect(result.problems.join('\n')).not.toContain('not-a-token-secret');
  });

  it('turns the Zalo desk on with an intake group, paced at 2.5 s plus up to 1 s unless told otherwise', () => {
    const result = loadConfig({ ZALO_GROUP_INTAKE: '7412000000000000001, 7412000000000000003=huyen-bu-dang', ZALO_REVIEW_GROUP: '7412000000000000002' }, false);
    expect(result).toMatchObject({
      ok: true,
      config: {
        zaloGroup: {
          intakeGroups: [{ groupId: '7412000000000000001', siteKey: null }, { groupId: '7412000000000000003', siteKey: 'huyen-bu-dang' }],
          reviewGroup: '7412000000000000002',
          pace: { gapMs: 2500, jitterMs: 1000 },
        },
      },
    });
    const bad = loadConfig({ ZALO_GROUP_INTAKE: 'nhóm cộng tác viên', ZALO_REVIEW_GROUP: 'g-2', ZALO_SEND_GAP_MS: 'slow', ZALO_WEB_BASE: 'zalo.me' }, false);
    expect(bad.ok ? [] : bad.problems.map((p) => p.split(':')[0]).sort()).toEqual(['ZALO_GROUP_INTAKE', 'ZALO_REVIEW_GROUP', 'ZALO_SEND_GAP_MS', 'ZALO_WEB_BASE']);
  });

  it('reads the official Zalo bot: token, chats with their sites, review chat, budget; refuses what is not one', () => {
    const set = loadConfig({ ZALO_BOT_TOKEN: '1234567890:AbCdEfGh_ij-kl', ZALO_BOT_INTAKE_CHATS: 'e4ea0a1b2c3d, f00dfeed=huyen-bu-dang', ZALO_BOT_REVIEW_CHAT: 'abc123', ZALO_BOT_SEND_PER_HOUR: '120' }, false);
    expect(set.ok && set.config.zaloBot).toMatchObject({
      token: '1234567890:AbCdEfGh_ij-kl',
      apiRoot: 'https://bot-api.zaloplatforms.com',
      intakeChats: [{ chatId: 'e4ea0a1b2c3d', siteKey: null }, { chatId: 'f00dfeed', siteKey: 'huyen-bu-dang' }],
      reviewChat: 'abc123',
      budget: { perHour: 120, perDay: 2000 },
    });
    const bad = loadConfig({ ZALO_BOT_TOKEN: 'not a token', ZALO_BOT_INTAKE_CHATS: 'nhóm tin', ZALO_BOT_SEND_PER_HOUR: '0', ZALO_BATCH_MAX_PARTS: '0' }, false);
    expect(bad.ok ? [] : bad.problems.map((p) => p.split(':')[0]).sort()).toEqual(['ZALO_BATCH_MAX_PARTS', 'ZALO_BOT_INTAKE_CHATS', 'ZALO_BOT_SEND_PER_HOUR', 'ZALO_BOT_TOKEN']);
    expect(bad.ok ? '' : bad.problems.join('\n')).not.toContain('not a token');
  });

  it('takes the desk lease in whole seconds, from 3 to 60, renewed every 30% of it', () => {
    const set = loadConfig({ DESK_LEASE_SECONDS: '10' }, false);
    expect(set.ok && set.config.deskLease).toEqual({ leaseMs: 10_000, renewMs: 3_000 });
    for (const value of ['2', '61', '4.5', 'soon']) {
      const bad = loadConfig({ DESK_LEASE_SECONDS: value }, false);
      expect(bad.ok ? [] : bad.problems.map((p) => p.split(':')[0]), value).toEqual(['DESK_LEASE_SECONDS']);
    }
  });

  it('reports every problem at once', () => {
    const result = loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', HUB_SECRET: 'short', TIMEZONE: 'Mars/Olympus' }, false);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'HUB_SECRET', 'TIMEZONE']);
    expect(result.problems.join('\n')).not.toContain('short');
  });

  it('a postgres URL switches to PostgreSQL; a terminal gets readable logs', () => {
    const result = loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1/db', PORT: '8080' }, true);
    expect(result).toMatchObject({ ok: true, config: { databaseUrl: 'postgres://u:p@127.0.0.1/db', port: 8080, logFormat: 'pretty' } });
  });
});

describe('tickets and mail settings', () => {
  it('reads the mailbox and outbox together, and names every bad ticket setting at once', () => {
    expect(loadConfig({ MAIL_IMAP_URL: 'imap://hoidap:pw@127.0.0.1:143', MAIL_SMTP_URL: 'smtp://127.0.0.1:25', MAIL_SUBMISSIONS_ADDRESS: 'TinBai@Example.gov.vn' }, false)).toMatchObject({
      ok: true,
      config: { mail: { imapUrl: 'imap://hoidap:pw@127.0.0.1:143', smtpUrl: 'smtp://127.0.0.1:25', submissionsAddress: 'tinbai@example.gov.vn', pollMs: 60_000, smtpTimeoutMs: 60_000 } },
    });
    const bad = loadConfig({ TICKET_ANSWER_WORKING_DAYS: '0', TICKET_PUBLIC_NAME: 'nickname', MAIL_IMAP_URL: 'http://x' }, false);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.split(':')[0])).toEqual(['TICKET_ANSWER_WORKING_DAYS', 'TICKET_PUBLIC_NAME', 'MAIL_IMAP_URL']);
  });
});
