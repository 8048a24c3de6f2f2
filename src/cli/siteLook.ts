import type { Command } from 'commander';
import { applySiteLook, hasLookChange, prepareSiteLook, type LookChange, type PreparedLook } from '../app/siteLook.js';
import type { Deps } from '../app/deps.js';
import type { SiteRecord } from '../app/ports.js';
import { emblemFile } from '../core/siteLook.js';
import { message, LANGS } from '../core/messages.js';
import { fail } from './common.js';

/** `--emblem` and `--colour` on `site add` and `site edit`: a site's own look (issue 20.2). */

export function withLookOptions(command: Command): Command {
  return command
    .option('--emblem <file>', 'biểu trưng PNG, JPEG hoặc WebP, tối đa 1 MB, không nhận SVG ("" để bỏ) / emblem: PNG, JPEG or WebP, 1 MB at most, never SVG ("" to clear)')
    .option('--colour <rrggbb>', 'màu nhấn, tương phản ≥ 4,5:1 với nền trắng, vd. 0b5394 ("" để bỏ) / accent colour, ≥ 4.5:1 against white, e.g. 0b5394 ("" to clear)');
}

export const lookChangeOf = (o: { emblem?: string; colour?: string }): LookChange => ({
  ...(o.emblem !== undefined ? { emblemPath: o.emblem } : {}),
  ...(o.colour !== undefined ? { colour: o.colour } : {}),
});

/** The look the operator typed, checked whole before anything else is written; null when none was typed. The command ends on a refusal. */
export async function preparedLookOrExit(change: LookChange): Promise<PreparedLook | null> {
  if (!hasLookChange(change)) return null;
  const look = await prepareSiteLook(change);
  if (!look.ok) fail(look);
  return look.value;
}

/** The site's look as the confirmation says it, in both languages. */
function lookLine(site: SiteRecord): string {
  return LANGS.map((lang) => {
    const none = message(lang, 'site_look_none');
    const emblem = site.emblem ? `/${emblemFile(site.emblem, 128)}` : none;
    return message(lang, 'site_look_saved', { site: site.key, emblem, colour: site.accentColour ?? none });
  }).join('\n');
}

/**
 * Gives a site the look checked beforehand. `quietIfSame`: names were changed in the same command, so a look
 * already as typed is no failure.
 */
export async function keepLook(deps: Deps, mediaDir: string, site: SiteRecord, look: PreparedLook, quietIfSame: boolean): Promise<void> {
  const r = await applySiteLook(deps, mediaDir, site, look);
  if (!r.ok) {
    if (quietIfSame) return;
    fail(r);
  }
  console.log(lookLine(r.value));
}
