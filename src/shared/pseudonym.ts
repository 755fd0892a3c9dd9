import { createHmac } from 'node:crypto';

/**
 * Keyed hashes stand in for personal data wherever a lookup key is needed outside an event payload
 * (stream names, e.g. the CPR reservation stream). Without the key, the hash cannot be reversed by trying
 * all ~10^10 CPR numbers.
 */
export class Pseudonymizer {
  constructor(private readonly key: string) {}

  hash(purpose: string, value: string): string {
    return createHmac('sha256', this.key).update(`${purpose}\u0000${value}`).digest('hex').slice(0, 40);
  }
}

export const PSEUDONYMIZER = Symbol('Pseudonymizer');
