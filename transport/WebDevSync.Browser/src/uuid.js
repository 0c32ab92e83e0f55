/**
 * UUID v4 generation. `crypto.randomUUID()` exists only in secure contexts
 * (https or localhost), so a page served over plain http from another host
 * falls back to `crypto.getRandomValues`, which every browser offers everywhere.
 */

/**
 * @param {{ randomUUID?: () => string, getRandomValues?: (a: Uint8Array) => Uint8Array } | undefined} [cryptoImpl]
 * @returns {string} a lower-case RFC 4122 version 4 UUID
 */
export function generateUUID(cryptoImpl = globalThis.crypto) {
  if (typeof cryptoImpl?.randomUUID === 'function') return cryptoImpl.randomUUID();
  if (typeof cryptoImpl?.getRandomValues !== 'function') {
    throw new Error('WebDevSync needs crypto.randomUUID or crypto.getRandomValues to create ids');
  }
  const bytes = cryptoImpl.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
