import { createHash, randomBytes } from 'node:crypto';
import { DomainError, unprocessable } from '../shared/domain-error.js';
import type { CommandRunner } from '../infrastructure/commands/command-runner.js';
import type { CredentialStore, SessionStore, UserDirectory, UserRecord } from './identity.ports.js';
import type { PasswordHasher } from './password-hasher.js';
import type { Principal } from './principal.js';
import { userDecider, userStream } from './user.decider.js';
import { newId } from '../shared/ids.js';

export interface AuthSettings {
  readonly sessionIdleSeconds: number;
  readonly sessionAbsoluteSeconds: number;
  readonly passwordMaxAgeDays: number;
  readonly termsVersion: string;
  /** Failed logins in a row before the account locks, and for how long. */
  readonly lockAfterFailures: number;
  readonly lockSeconds: number;
}

export interface LoginResult {
  readonly token: string;
  readonly expiresAt: Date;
  readonly mustChangePassword: boolean;
  readonly user: UserRecord;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const invalidCredentials = () => new DomainError('unauthenticated', 'INVALID_CREDENTIALS', 'Wrong username or password');

/**
 * Login, sessions and logout (DOMAIN §6). Sessions are opaque random tokens; only their SHA-256 is stored,
 * so a copy of the session table lets nobody in.
 */
export class AuthService {
  constructor(
    private readonly users: UserDirectory,
    private readonly credentials: CredentialStore,
    private readonly sessions: SessionStore,
    private readonly hasher: PasswordHasher,
    private readonly commands: CommandRunner,
    private readonly settings: AuthSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async login(input: { username: string; password: string; acceptTerms?: boolean }, correlationId: string): Promise<LoginResult> {
    if (input.acceptTerms !== true) {
      throw unprocessable('TERMS_NOT_ACCEPTED', 'The terms and privacy policy must be accepted to log in', {
        termsVersion: this.settings.termsVersion,
      });
    }
    const now = this.clock();
    const user = await this.users.byUsername(input.username);
    const credential = user && !user.disabled ? await this.credentials.get(user.userId) : null;
    if (credential?.lockedUntil && credential.lockedUntil > now) throw this.locked(credential.lockedUntil);

    const valid = await this.hasher.verify(credential?.passwordHash ?? null, input.password);
    if (!user || !credential || !valid) {
      if (user && credential) {
        const lockedUntil = await this.credentials.recordFailure(
          user.userId,
          this.settings.lockAfterFailures,
          new Date(now.getTime() + this.settings.lockSeconds * 1000),
        );
        if (lockedUntil && lockedUntil > now) throw this.locked(lockedUntil);
      }
      throw invalidCredentials();
    }

    if (credential.failedAttempts > 0) await this.credentials.clearFailures(user.userId);
    await this.commands.run({
      streamName: userStream(user.userId),
      decider: userDecider,
      command: { type: 'AcceptTerms', userId: user.userId, termsVersion: this.settings.termsVersion },
      context: {
        commandId: newId(),
        correlationId,
        causationId: correlationId,
        actor: { userId: user.userId, role: user.role, municipalityId: user.municipalityId },
        now,
      },
    });

    const maxAgeMs = this.settings.passwordMaxAgeDays * 86_400_000;
    const mustChangePassword = maxAgeMs > 0 && now.getTime() - credential.passwordChangedAt.getTime() > maxAgeMs;
    const token = randomBytes(32).toString('base64url');
    await this.sessions.create({ tokenHash: hashToken(token), userId: user.userId, createdAt: now, lastSeenAt: now, mustChangePassword });
    return { token, expiresAt: this.expiresAt(now, now), mustChangePassword, user };
  }

  /** The principal behind a bearer token, or null when the session is unknown, idle too long, too old, or the user disabled. */
  async resolve(token: string): Promise<Principal | null> {
    const tokenHash = hashToken(token);
    const session = await this.sessions.find(tokenHash);
    if (!session) return null;
    const now = this.clock();
    if (now >= this.expiresAt(session.createdAt, session.lastSeenAt)) {
      await this.sessions.delete(tokenHash);
      return null;
    }
    const user = await this.users.byId(session.userId);
    if (!user || user.disabled) return null;
    await this.sessions.touch(tokenHash, now);
    return {
      userId: user.userId,
      role: user.role,
      municipalityId: user.municipalityId,
      name: user.name,
      username: user.username,
      grantAreas: user.grantAreas,
      sessionTokenHash: tokenHash,
      mustChangePassword: session.mustChangePassword,
    };
  }

  async logout(principal: Principal): Promise<void> {
    await this.sessions.delete(principal.sessionTokenHash);
  }

  private expiresAt(createdAt: Date, lastSeenAt: Date): Date {
    const idle = lastSeenAt.getTime() + this.settings.sessionIdleSeconds * 1000;
    const absolute = createdAt.getTime() + this.settings.sessionAbsoluteSeconds * 1000;
    return new Date(Math.min(idle, absolute));
  }

  private locked(until: Date) {
    return new DomainError('locked', 'ACCOUNT_LOCKED', 'Too many failed logins: the account is locked for a while', {
      lockedUntil: until.toISOString(),
    });
  }
}
