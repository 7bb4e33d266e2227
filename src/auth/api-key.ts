import { createHash, randomBytes } from 'node:crypto';

export const ROLES = ['trader', 'officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const API_KEY_HEADER = 'x-api-key';
const KEY_PREFIX = 'swsim_';
/** What lists show of a key: enough to tell keys apart, far too little to guess the rest. */
const DISPLAY_CHARS = 12;

/**
 * Only the SHA-256 of a key is stored. A plain hash (no salt, no slow KDF) is enough here because a key
 * is 32 random bytes (256 bits): there is no dictionary to try, and a fast hash lets every request be
 * checked in microseconds with one indexed lookup.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new key: `swsim_` and 43 base64url characters. Shown once; only its hash and prefix are kept. */
export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, DISPLAY_CHARS) };
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
