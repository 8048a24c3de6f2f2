import { describe, expect, it } from 'vitest';
import { bilingual } from '../../src/core/messages.js';
import { LOW_DISK_BYTES, startupWarnings, type StartupFacts } from '../../src/core/startupChecks.js';

const fine: StartupFacts = {
  portalBaseUrl: 'https://dongnai.gov.vn',
  baseUrlSet: true,
  channels: ['facebook-tinh'],
  timeZone: 'Asia/Ho_Chi_Minh',
  disks: [{ dir: '/srv/portal-hub/data', freeBytes: 50 * 1024 ** 3 }],
  calendar: { file: 'calendar/vn.json', years: [2025, 2026, 2027] },
  now: new Date('2026-12-03T02:00:00Z'),
};

describe('what the service says about where it runs, at start', () => {
  it('nothing when the portal has its address, Vietnam’s time and room on the disk', () => {
    expect(startupWarnings(fine)).toEqual([]);
  });

  it('links that would point at this machine: a warning, and an alert to the admins once channels post them', () => {
    expect(startupWarnings({ ...fine, baseUrlSet: false, portalBaseUrl: 'http://localhost:3000', channels: [] })).toEqual([
      { key: 'start_base_url_unset', detail: { url: 'http://localhost:3000', channels: '—' }, alert: false },
    ]);
    expect(startupWarnings({ ...fine, baseUrlSet: false, portalBaseUrl: 'http://localhost:3000', channels: ['facebook-tinh', 'youtube-tinh'] })).toEqual([
      { key: 'start_base_url_unset', detail: { url: 'http://localhost:3000', channels: 'facebook-tinh, youtube-tinh' }, alert: true },
    ]);
    for (const url of ['http://127.0.0.1:8080', 'http://localhost', 'http://[::1]:3000', 'http://portal.localhost']) {
      expect(startupWarnings({ ...fine, portalBaseUrl: url }).map((w) => [w.key, w.alert]), url).toEqual([['start_base_url_local', true]]);
    }
  });

  it('a zone other than UTC+7 is named with its offset; Asia/Bangkok (also +7) is not', () => {
    expect(startupWarnings({ ...fine, timeZone: 'UTC' })).toEqual([{ key: 'start_zone_not_vietnam', detail: { zone: 'UTC', offset: 'UTC+00:00' }, alert: false }]);
    expect(startupWarnings({ ...fine, timeZone: 'America/New_York' })[0]?.detail.offset).toBe('UTC-05:00');
    expect(startupWarnings({ ...fine, timeZone: 'Asia/Bangkok' })).toEqual([]);
  });

  it('a nearly full disk under data/ is an alert; an unreadable one is not a warning of its own', () => {
    const data = (freeBytes: number | null) => ({ ...fine, disks: [{ dir: '/srv/portal-hub/data', freeBytes }] });
    expect(startupWarnings(data(LOW_DISK_BYTES - 1))).toEqual([{ key: 'start_disk_low', detail: { dir: '/srv/portal-hub/data', free: '2.0 GB' }, alert: true }]);
    expect(startupWarnings(data(49 * 1024 ** 2))[0]?.detail.free).toBe('49 MB');
    expect(startupWarnings(data(null))).toEqual([]);
    expect(startupWarnings({ ...fine, sharedAddresses: ['a@x.vn', 'b@x.vn'] })).toEqual([{ key: 'start_shared_addresses', detail: { count: '2', addresses: 'a@x.vn, b@x.vn' }, alert: false }]);
  });

  it('a media folder on a disk of its own (MEDIA_DIR) is watched too: photos and videos fill it, not data/', () => {
    const disks = [
      { dir: '/srv/portal-hub/data', freeBytes: 50 * 1024 ** 3 },
      { dir: '/mnt/media', freeBytes: 300 * 1024 ** 2 },
    ];
    expect(startupWarnings({ ...fine, disks })).toEqual([{ key: 'start_disk_low', detail: { dir: '/mnt/media', free: '300 MB' }, alert: true }]);
  });

  it('an address inside a private network: readers outside cannot open its links, said (alert once channels post them)', () => {
    for (const url of ['http://192.168.1.10', 'https://10.0.0.5:8443', 'http://172.20.3.4', 'http://100.64.1.1', 'http://[fd00::1]', 'http://portal', 'https://cong.tinh.local', 'http://srv.lan', 'http://web.internal']) {
      expect(startupWarnings({ ...fine, portalBaseUrl: url }).map((w) => [w.key, w.alert]), url).toEqual([['start_base_url_private', true]]);
    }
    expect(startupWarnings({ ...fine, portalBaseUrl: 'http://192.168.1.10', channels: [] })[0]?.alert).toBe(false);
    for (const url of ['https://dongnai.gov.vn', 'https://203.113.131.5', 'https://xn--cngtnh-zk8brd.vn', 'https://portal.dongnai.com.vn:8443']) {
      expect(startupWarnings({ ...fine, portalBaseUrl: url }), url).toEqual([]);
    }
  });

  it('the sample environment file’s address, or any address reserved for examples, left unedited: said (alert once channels post)', () => {
    for (const url of ['https://congthongtin.example.gov.vn', 'https://example.com', 'http://portal.example.org', 'https://tinh.example']) {
      expect(startupWarnings({ ...fine, portalBaseUrl: url }).map((w) => [w.key, w.alert]), url).toEqual([['start_base_url_example', true]]);
    }
    for (const url of ['https://example.com.vn', 'https://myexample.com', 'https://dongnai.gov.vn']) expect(startupWarnings({ ...fine, portalBaseUrl: url }), url).toEqual([]);
  });

  it('a calendar without this year is an alert (answer dates skip no holiday); without next year, from October, a warning', () => {
    const years = (now: string, listed: number[]) => startupWarnings({ ...fine, calendar: { file: 'calendar/vn.json', years: listed }, now: new Date(now) }).map((w) => [w.key, w.detail.years, w.alert]);
    expect(years('2027-09-30T16:59:00Z', [2026, 2027])).toEqual([]);
    // 1 October in Vietnam (30 September 17:00 UTC): three months to enter next year's Tết.
    expect(years('2027-09-30T17:00:00Z', [2026, 2027])).toEqual([['calendar_years_missing', '2028', false]]);
    // New Year's Eve 17:00 UTC is already 1 January in Vietnam.
    expect(years('2027-12-31T17:00:00Z', [2026, 2027])).toEqual([['calendar_years_missing', '2028', true]]);
    expect(years('2028-10-05T03:00:00Z', [2026, 2027])).toEqual([['calendar_years_missing', '2028, 2029', true]]);
    const [warning] = startupWarnings({ ...fine, calendar: { file: '/etc/portal-hub/lich.json', years: [2026] }, now: new Date('2027-01-02T03:00:00Z') });
    expect(bilingual(warning!.key, warning!.detail)).toContain('Tệp lịch làm việc /etc/portal-hub/lich.json chưa có năm 2027');
  });
});
