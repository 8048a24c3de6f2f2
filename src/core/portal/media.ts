/** The portal reads stored files through the one ref format (../mediaRef.ts). */
export { storedMedia as publicMedia, type MediaKind, type StoredMedia as PublicMedia } from '../mediaRef.js';

/** Widths offered to phones; a request for any other width is refused rather than resized on demand. */
export const IMAGE_WIDTHS: readonly number[] = [320, 640, 960];

/** Only these are resized: GIFs may be animated, and the others are not images. */
export const RESIZABLE: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp']);
