import { stat, statfs } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Alert } from './app/mirrors.js';
import type { Store } from './app/ports.js';
import type { Config } from './config.js';
import { bilingual } from './core/messages.js';
import { startupWarnings } from './core/startupChecks.js';
import { calendarFilePath, CalendarFileRefused, loadCalendarFile } from './app/tickets/calendarSource.js';

/** The data folder, and the media folder when it sits on another disk (MEDIA_DIR): each can fill on its own. */
async function disksUsed(config: Config): Promise<{ dir: string; freeBytes: number | null }[]> {
  const data = { dir: config.dataDir, freeBytes: await freeBytesUnder(config.dataDir) };
  const device = async (dir: string) => (await stat(dir).catch(() => null))?.dev ?? null;
  const mediaDevice = await device(config.mediaDir);
  if (mediaDevice === null || mediaDevice === (await device(config.dataDir))) return [data];
  return [data, { dir: config.mediaDir, freeBytes: await freeBytesUnder(config.mediaDir) }];
}

async function freeBytesUnder(dir: string): Promise<number | null> {
  try {
    const s = await statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    // A file system that cannot say (or a folder not made yet) is not a warning of its own.
    return null;
  }
}

/** The calendar file's years; nothing when it cannot be read, which the tickets' set-up reports and stops on. */
function calendarCovered(config: Config): { calendar?: { file: string; years: number[] } } {
  try {
    return { calendar: { file: calendarFilePath(config.tickets.calendarFile), years: loadCalendarFile(config.tickets.calendarFile).years } };
  } catch (error) {
    if (error instanceof CalendarFileRefused) return {};
    throw error;
  }
}

/**
 * Says at start what is wrong with where the service runs — links that would point at localhost, a
 * zone that is not Vietnam's, a disk nearly full — in the log, and in the admins' chat when the public
 * would see it. Returns the warnings' keys.
 */
export async function reportStartup(config: Config, store: Store, log: Logger, alert: Alert, now: Date): Promise<string[]> {
  const channels = (await store.channels()).filter((c) => c.state === 'active' || c.state === 'needsReauth').map((c) => c.key);
  const warnings = startupWarnings({
    portalBaseUrl: config.portalBaseUrl,
    baseUrlSet: config.portalBaseUrlSet,
    channels,
    timeZone: config.timeZone,
    disks: await disksUsed(config),
    sharedAddresses: await store.sharedAddresses(),
    ...calendarCovered(config),
    now,
  });
  for (const w of warnings) {
    const text = bilingual(w.key, w.detail);
    if (w.alert) alert(`⚠️ ${text}`);
    else log.warn({ warning: w.key, ...w.detail }, text);
  }
  return warnings.map((w) => w.key);
}
