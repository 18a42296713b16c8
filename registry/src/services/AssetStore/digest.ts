import { createHash } from 'node:crypto';

/** Hex SHA-384 of some bytes: the content address of a stored file. */
export function sha384Hex(bytes: Buffer | string): string {
  return createHash('sha384').update(bytes).digest('hex');
}

/** The Subresource Integrity string (`sha384-<base64>`) for a hex SHA-384 digest. */
export function toIntegrity(hexDigest: string): string {
  return `sha384-${Buffer.from(hexDigest, 'hex').toString('base64')}`;
}
