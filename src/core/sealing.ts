import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Credentials at rest (channel tokens, the Zalo session): AES-256-GCM under a key derived from
 * HUB_SECRET, so a copy of the database alone does not give away a Page token.
 *
 * `v2` binds each sealed value to its place (which row, which field) as associated data: a token
 * copied into another channel's row does not open there. The full 16-byte tag is required; GCM
 * accepts shorter ones unless told, and a 4-byte tag is forged in a few billion tries.
 */
export function sealingKey(hubSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', hubSecret, 'portal-hub', 'channel credentials v1', 32));
}

/** Where a sealed value lives: it opens only there. */
export type SealedPlace = string & { readonly __place: unique symbol };
export const channelCredentialsPlace = (channelKey: string) => `channel:${channelKey}:credentials` as SealedPlace;
export const chatAccountCredentialsPlace = (accountKey: string) => `chatAccount:${accountKey}:credentials` as SealedPlace;

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function seal(key: Buffer, plaintext: string, place: SealedPlace): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(place, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v2', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

function open(key: Buffer, parts: string[], place: SealedPlace | null): string | null {
  const [, iv, tag, body] = parts;
  if (parts.length !== 4 || !iv || !tag || body === undefined) return null;
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
    if (place !== null) decipher.setAAD(Buffer.from(place, 'utf8'));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** Null when the text was not sealed with this key for this place, was altered, or is of the old form. */
export function unseal(key: Buffer, sealed: string, place: SealedPlace): string | null {
  const parts = sealed.split('.');
  return parts[0] === 'v2' ? open(key, parts, place) : null;
}

/** Sealed by a release before places were bound: only re-sealing (src/app/credentials.ts) reads these. */
export const isLegacySealed = (sealed: string): boolean => sealed.startsWith('v1.');

/** A `v1` value (no place bound), for re-sealing it as `v2` at its place; the full tag is required here too. */
export function unsealLegacy(key: Buffer, sealed: string): string | null {
  const parts = sealed.split('.');
  return parts[0] === 'v1' ? open(key, parts, null) : null;
}
