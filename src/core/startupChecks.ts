import { offsetMinutes } from './dates.js';

/** What the service knows about where it runs, read once at start (src/startupFacts.ts). */
export interface StartupFacts {
  /** The address public links are made from, and whether the operator set it (PORTAL_BASE_URL or PUBLIC_BASE_URL). */
  portalBaseUrl: string;
  baseUrlSet: boolean;
  /** Keys of the channels connected (Facebook, YouTube, Zalo OA): their posts carry the portal's links. */
  channels: readonly string[];
  timeZone: string;
  /** Free space under the data folder, in bytes; null when it could not be read. */
  freeBytes: number | null;
  dataDir: string;
  now: Date;
}

export interface StartupWarning {
  key: 'start_base_url_unset' | 'start_base_url_local' | 'start_zone_not_vietnam' | 'start_disk_low';
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

/** What is wrong with where the service runs, loudest first. */
export function startupWarnings(f: StartupFacts): StartupWarning[] {
  const warnings: StartupWarning[] = [];
  const channels = f.channels.join(', ');
  if (!f.baseUrlSet) warnings.push({ key: 'start_base_url_unset', detail: { url: f.portalBaseUrl, channels: channels || '—' }, alert: f.channels.length > 0 });
  else if (isLocalHost(f.portalBaseUrl)) warnings.push({ key: 'start_base_url_local', detail: { url: f.portalBaseUrl, channels: channels || '—' }, alert: f.channels.length > 0 });
  const offset = offsetMinutes(f.now, f.timeZone);
  if (offset !== VIETNAM_OFFSET_MINUTES) {
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    const shown = `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    warnings.push({ key: 'start_zone_not_vietnam', detail: { zone: f.timeZone, offset: shown }, alert: false });
  }
  if (f.freeBytes !== null && f.freeBytes < LOW_DISK_BYTES) {
    const free = f.freeBytes >= 1024 ** 3 ? `${(f.freeBytes / 1024 ** 3).toFixed(1)} GB` : `${Math.floor(f.freeBytes / 1024 ** 2)} MB`;
    warnings.push({ key: 'start_disk_low', detail: { dir: f.dataDir, free }, alert: true });
  }
  return warnings;
}
