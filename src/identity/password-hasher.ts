import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id (a const enum the package ships only as a type).
const ARGON2ID = 2;

/**
 * argon2id at OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane). Tests may lower the cost through
 * the constructor; production uses the defaults.
 */
export interface Argon2Cost {
  readonly memoryCost: number;
  readonly timeCost: number;
}

export const OWASP_MINIMUM: Argon2Cost = { memoryCost: 19_456, timeCost: 2 };

export class PasswordHasher {
  /** Verified against when a username does not exist, so the answer takes the same time either way. */
  private readonly dummyHash: Promise<string>;

  constructor(private readonly cost: Argon2Cost = OWASP_MINIMUM) {
    this.dummyHash = this.hash('not-a-real-password-at-all');
  }

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID, memoryCost: this.cost.memoryCost, timeCost: this.cost.timeCost, parallelism: 1 });
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash ?? (await this.dummyHash), password);
    } catch {
      return false;
    }
  }
}

export const PASSWORD_HASHER = Symbol('PasswordHasher');
