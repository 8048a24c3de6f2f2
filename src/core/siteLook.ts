/**
 * A component site's own look (issue 20.2): its emblem and an accent colour, kept within the portal's
 * accessible theme. Pure: the colour's checks and the stylesheet it makes; the emblem's limits and names.
 */
import { ok, refuse, type Outcome } from './result.js';

/** WCAG 2.x AA for normal text: the header bar carries white text, and links are the colour on white. */
export const MIN_CONTRAST = 4.5;

/** An emblem is a small picture: a larger file is a photo or a print file sent by mistake. */
export const EMBLEM_MAX_BYTES = 1024 * 1024;
/** The square PNGs kept: the header's size and its double for sharp screens. */
export const EMBLEM_SIZES = [128, 256] as const;
export type EmblemSize = (typeof EMBLEM_SIZES)[number];
/** The types taken, as file-type names them by their bytes. SVG never: it can carry script. */
export const EMBLEM_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/webp']);

const EMBLEM_REF = /^emblems\/[a-f0-9]{64}$/;
const HEX = /^#[0-9a-f]{6}$/;

/** The stored reference of an emblem sent as these bytes (their SHA-256): the same file sent twice is one. */
export const emblemRef = (sha256: string): string => `emblems/${sha256}`;
export const isEmblemRef = (ref: string): boolean => EMBLEM_REF.test(ref);
/** Where the PNG of one size lies, under the media folder and under the portal's root alike. */
export const emblemFile = (ref: string, size: EmblemSize): string => `${ref}-${size}.png`;
/** The public file name a request may ask for: `<sha-256>-<size>.png`, nothing else. */
export const EMBLEM_FILE_NAME = /^([a-f0-9]{64})-(128|256)\.png$/;

type Rgb = readonly [number, number, number];

const channel = (hex: string, at: number) => Number.parseInt(hex.slice(at, at + 2), 16);
const rgbOf = (hex: string): Rgb => [channel(hex, 1), channel(hex, 3), channel(hex, 5)];
const hexOf = (rgb: Rgb): string => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** Relative luminance (WCAG 2.x), from sRGB channels 0–255. */
export function luminance(rgb: Rgb): number {
  const linear = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * linear[0]! + 0.7152 * linear[1]! + 0.0722 * linear[2]!;
}

/** The contrast ratio of a #rrggbb colour against white (1 to 21). */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(rgbOf(hex)) + 0.05);
}

/** A colour as typed (any case, with or without #) in its stored form, or null when it is no #rrggbb. */
export function normalColour(typed: string): string | null {
  const t = typed.trim().toLowerCase();
  const hex = t.startsWith('#') ? t : `#${t}`;
  return HEX.test(hex) ? hex : null;
}

/**
 * The same hue made darker until white text on it reads at 4.5:1: every channel scaled by one factor,
 * the largest that passes (so the suggestion stays as close to the colour asked for as it can).
 */
export function darkerShade(hex: string): string {
  const rgb = rgbOf(hex);
  const at = (f: number) => hexOf([rgb[0] * f, rgb[1] * f, rgb[2] * f]);
  let low = 0;
  let high = 1;
  for (let i = 0; i < 30; i++) {
    const mid = (low + high) / 2;
    if (contrastWithWhite(at(mid)) >= MIN_CONTRAST) low = mid;
    else high = mid;
  }
  return at(low);
}

/** A ratio as said to the operator: cut, never rounded up (4.496 is not "4.50", which would pass). */
const shownRatio = (ratio: number, decimal: '.' | ','): string => (Math.floor(ratio * 100) / 100).toFixed(2).replace('.', decimal);

export type ColourRefusal = 'site_colour_bad' | 'site_colour_low_contrast';

/** A colour typed for a site: its stored form, or why not (with its ratio and a darker shade that passes). */
export function checkAccentColour(typed: string): Outcome<string, ColourRefusal> {
  const hex = normalColour(typed);
  if (hex === null) return refuse('site_colour_bad', { colour: typed });
  const ratio = contrastWithWhite(hex);
  if (ratio >= MIN_CONTRAST) return ok(hex);
  const suggestion = darkerShade(hex);
  const suggested = contrastWithWhite(suggestion);
  return refuse('site_colour_low_contrast', {
    colour: hex,
    ratio: shownRatio(ratio, '.'),
    ratioVi: shownRatio(ratio, ','),
    suggestion,
    suggestionRatio: shownRatio(suggested, '.'),
    suggestionRatioVi: shownRatio(suggested, ','),
  });
}

/** The site stylesheet's address: named by its colour, so a new colour is a new address and browsers keep each for a year. */
export const lookStylesheetPath = (hex: string): string => `/site-look/${hex.slice(1)}.css`;
export const LOOK_FILE_NAME = /^([0-9a-f]{6})\.css$/;

/**
 * The stylesheet that gives a site its colour: only custom properties the portal's stylesheet reads
 * (site.css: --accent for the header bar, headings' rule and buttons; --link for links). Null for a colour
 * that is not one a site may have, so the route cannot be made to serve an unreadable theme.
 */
export function lookStylesheet(hex: string): string | null {
  if (normalColour(hex) !== hex || contrastWithWhite(hex) < MIN_CONTRAST) return null;
  return `/* A component site's accent colour (portal-hub site edit --colour), ${shownRatio(contrastWithWhite(hex), '.')}:1 against white. */\n:root { --accent: ${hex}; --link: ${hex}; }\n`;
}
