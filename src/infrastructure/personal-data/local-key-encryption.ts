import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { KeyEncryption } from '../../kernel/personal-data-keys.port.js';

/**
 * The key encryption key held by the service itself: a 256-bit master key from the configuration
 * (PERSONAL_DATA_MASTER_KEY), wrapping each data key with AES-256-GCM. The local stand-in for a KMS: in
 * production a KMS implements the same port and the master key never enters the process.
 */
export class LocalKeyEncryption implements KeyEncryption {
  readonly keyId: string;

  constructor(private readonly masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The personal data master key must be 32 bytes');
    // A fingerprint, not the key: says which master key wrapped a data key, so a wrong one is named as such.
    this.keyId = `local:${createHash('sha256').update(masterKey).digest('hex').slice(0, 16)}`;
  }

  static fromBase64(encoded: string): LocalKeyEncryption {
    return new LocalKeyEncryption(Buffer.from(encoded, 'base64'));
  }

  // async: a KMS answers asynchronously, and a refusal should reach the caller as a rejection either way.
  async wrap(dataKey: Buffer): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    const wrapped = Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
    return wrapped.toString('base64');
  }

  async unwrap(wrapped: string): Promise<Buffer> {
    const bytes = Buffer.from(wrapped, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
  }
}
