import { isIP } from 'node:net';
import { localDay, offsetMinutes } from './dates.js';
import { yearsNotCovered } from './tickets/calendarFile.js';
import { isPublicAddress } from './outbound.js';

/** What the service knows about where it runs, read once at start (src/startupFacts.ts). */
export interface StartupFacts {
  /** The address public links are made from, and whether the operator set it (PORTAL_BASE_URL or PUBLIC_BASE_URL). */
  portalBaseUrl: string;
  baseUrlSet: boolean;
  /** Keys of the channels connected (Facebook, YouTube, Zalo OA): their posts carry the portal's links. */
  channels: readonly string[];
  timeZone: string;
  /** Free space on each disk the service writes to (the data folder; the media folder when it is on another), in bytes; null when it could not be read. */
  disks: readonly { dir: string; freeBytes: number | null }[];
  /** Addresses an older release let several people share (the upgrade merged nothing): the operator resolves them. */
  sharedAddresses?: readonly string[];
  /** The working-day calendar's file and the years it lists; absent when it could not be read (its own check says why). */
  calendar?: { file: string; years: readonly number[] };
  now: Date;
}

export interface StartupWarning {
  key: 'start_base_url_unset' | 'start_base_url_local' | 'start_base_url_private' | 'start_base_url_example' | 'start_zone_not_vietnam' | 'start_disk_low' | 'start_shared_addresses' | 'calendar_years_missing';
  detail: Record<string, string>;
  /** Also sent to the admins' chat: it is wrong in what the public sees. */
  alert: boolean;
}

/** Vietnam's offset from UTC, all year (no summer time): every province's clock. */
const VIETNAM_OFFSET_MINUTES = 7 * 60;
/** Below this a day of photo albums and videos can fill the disk, and a full disk stops the database. */
export const LOW_DISK_BYTES = 2 * 1024 ** 3;

const isLocalHost = (url: string) => {
  const host = new URL(url).hostname;
  return host === 'localhost' || host.endsWith('.localhost') || host.startsWith('127.') || host === '[::1]' || host === '0.0.0.0';
};

/** Names only a local network resolves (RFC 6762 .local, RFC 8375 home.arpa, and the usual in-house suffixes), and names without a dot. */
const PRIVATE_NAME = /(^[^.]+$)|\.(local|lan|internal|intranet|corp|home|home\.arpa|localdomain)$/;

/** An address readers outside the province's network cannot open: a private or reserved IP, or a name only the local network knows. */
const isPrivateHost = (url: string) => {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  return isIP(host) ? !isPublicAddress(host) : PRIVATE_NAME.test(host);
};

/**
 * Names reserved for examples (RFC 2606: example.com/.net/.org and the .example domain) and the placeholder
 * the shipped environment file uses: left unedited, every link sent out points at a site that is not the portal.
 */
const EXAMPLE_NAME = /(^|\.)(example\.(com|net|org)|example\.gov\.vn|example)$/;
const isExampleHost = (url: string) => EXAMPLE_NAME.test(new URL(url).hostname.replace(/\.$/, '').toLowerCase());

/** What is wrong with where the service runs, loudest first. */
export function startupWarnings(f: StartupFacts): StartupWarning[] {
  const warnings: StartupWarning[] = [];
  const channels = f.channels.join(', ');
  if (!f.baseUrlSet) warnings.push({ key: 'start_base_url_unset', detail: { url: f.portalBaseUrl, channels: channels || '—' }, alert: f.channels.length > 0 });
  else if (isLocalHost(f.portalBaseUrl)) warnings.push({ key: 'start_base_url_local', detail: { url: f.portalBaseUrl, channels: channels || '—' }, alert: f.channels.length > 0 });
  else if (isPrivateHost(f.portalBaseUrl)) warnings.push({ key: 'start_base_url_private', detail: { url: f.portalBaseUrl, channels: channels || '—' }, alert: f.channels.length > 0 });
  else if (isExampleHost(f.portalBaseUrl)) warnings.push({ key: 'start_base_url_example', detail: { url: f.portalBaseUrl, channels: channels || '—' }, alert: f.channels.length > 0 });
  const offset = offsetMinutes(f.now, f.timeZone);
  if (offset !== VIETNAM_OFFSET_MINUTES) {
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    const shown = `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    warnings.push({ key: 'start_zone_not_vietnam', detail: { zone: f.timeZone, offset: shown }, alert: false });
  }
  for (const { dir, freeBytes } of f.disks) {
    if (freeBytes === null || freeBytes >= LOW_DISK_BYTES) continue;
    const free = freeBytes >= 1024 ** 3 ? `${(freeBytes / 1024 ** 3).toFixed(1)} GB` : `${Math.floor(freeBytes / 1024 ** 2)} MB`;
    warnings.push({ key: 'start_disk_low', detail: { dir, free }, alert: true });
  }
  const shared = f.sharedAddresses ?? [];
  if (shared.length > 0) warnings.push({ key: 'start_shared_addresses', detail: { count: String(shared.length), addresses: shared.join(', ') }, alert: false });
  if (f.calendar) {
    const today = localDay(f.now, f.timeZone);
    const missing = yearsNotCovered(f.calendar.years, today);
    // This year missing: answer dates given to citizens are wrong now, so the admins hear of it; next year: the log.
    const thisYear = Number(today.slice(0, 4));
    if (missing.length > 0) warnings.push({ key: 'calendar_years_missing', detail: { file: f.calendar.file, years: missing.join(', ') }, alert: missing.includes(thisYear) });
  }
  return warnings;
}
