import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CREDENTIAL_STORE, SESSION_STORE, type CredentialStore, type SessionStore } from '../kernel/accounts.port.js';
import { CLOCK, type Clock } from '../kernel/clock.js';
import type { CommandContext } from '../kernel/command-context.js';
import { COMMAND_RUNNER, type CommandRunner } from '../kernel/command-runner.js';
import type { Principal } from '../kernel/principal.js';
import type { SessionResolver } from '../kernel/session-resolver.port.js';
import { DomainError, unprocessable } from '../shared/domain-error.js';
import { newId } from '../shared/ids.js';
import { IDENTITY_SETTINGS, type IdentitySettings } from './identity-settings.js';
import { USER_DIRECTORY, WEBSHOP_TERMS, type UserDirectory, type UserRecord, type WebshopTerms } from './identity.ports.js';
import { LoginThrottle, type RequestSource } from './login-throttle.js';
import { PASSWORD_HASHER, type PasswordHasher } from './password-hasher.js';
import { userDecider, userStream } from './user.decider.js';

export interface LoginResult {
  readonly token: string;
  readonly expiresAt: Date;
  readonly mustChangePassword: boolean;
  /** Why the password must be changed first: a one-time password issued by staff, or one older than the maximum age. */
  readonly passwordChangeReason: PasswordChangeReason | null;
  readonly user: UserRecord;
}

export type PasswordChangeReason = 'one-time' | 'expired';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const invalidCredentials = () => new DomainError('unauthenticated', 'INVALID_CREDENTIALS', 'Wrong username or password');

/** The command context of something an account does for itself (logging in, changing its password). */
export const accountContext = (user: UserRecord, correlationId: string, now: Date): CommandContext => ({
  commandId: newId(),
  correlationId,
  causationId: correlationId,
  actor: { userId: user.userId, role: user.role, municipalityId: user.municipalityId },
  now,
});

/**
 * Login, sessions and logout (DOMAIN §6). Sessions are opaque random tokens; only their SHA-256 is stored,
 * so a copy of the session table lets nobody in.
 *
 * "Last seen" (for the idle timeout) is kept in memory per session and written to the store at most once per
 * resolution R (`sessionLastSeenResolutionSeconds`, 60 s, never more than half the idle time): a request writes it
 * only when the stored value is R or more behind, so an authenticated read costs no durable write. The stored
 * value S therefore lags the session's real last use L by less than R (every use at S + R or later writes).
 * A session is judged idle from max(S, this process's own last sight of it):
 *  - one instance: it saw every use since S, so the idle timeout is exact (the clock's resolution);
 *  - several instances: an instance that did not serve the latest uses judges from S, so it may end a session up
 *    to R early (after idle − R, never sooner) — never late: no instance lets a session live past its idle time.
 *    We chose this direction over adding R of grace (idle + R, never early) because the idle timeout is a security
 *    control and the portal warns a minute before it: ending up to R early on another instance is the safe error,
 *    and since R ≤ idle / 2 a session used at least every idle − R never ends while in use;
 *  - a restart forgets the in-memory sightings: each session's last seen falls back to S, so sessions may end up
 *    to R early once, right after it. Nothing lives longer.
 * Every request still reads the session row, so logout, revocation (endAll) and expiry take effect at once on every
 * instance.
 */
@Injectable()
export class SessionService implements SessionResolver {
  /** This process's last sight of each session (token hash → epoch ms), newer than the stored one; swept now and then. */
  private readonly lastSeen = new Map<string, number>();
  private lastSweepMs = 0;

  constructor(
    @Inject(USER_DIRECTORY) private readonly users: UserDirectory,
    @Inject(CREDENTIAL_STORE) private readonly credentials: CredentialStore,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(COMMAND_RUNNER) private readonly commands: CommandRunner,
    @Inject(WEBSHOP_TERMS) private readonly webshopTerms: WebshopTerms,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async login(input: { username: string; password: string; acceptTerms?: boolean }, correlationId: string, source?: RequestSource): Promise<LoginResult> {
    if (input.acceptTerms !== true) {
      throw unprocessable('TERMS_NOT_ACCEPTED', 'The terms and privacy policy must be accepted to log in', {
        termsVersion: this.settings.termsVersion,
      });
    }
    const now = this.clock();
    await this.throttle.refuseThrottled(source, now);
    const user = await this.users.byUsername(input.username);
    const credential = user && !user.disabled ? await this.credentials.get(user.userId) : null;
    if (credential?.lockedUntil && credential.lockedUntil > now) throw locked(credential.lockedUntil);

    const valid = await this.hasher.verify(credential?.passwordHash ?? null, input.password);
    if (!user || !credential || !valid) {
      await this.throttle.recordFailure(source, now);
      if (user && credential) {
        const lockedUntil = await this.credentials.recordFailure(
          user.userId,
          this.settings.lockAfterFailures,
          new Date(now.getTime() + this.settings.lockSeconds * 1000),
        );
        if (lockedUntil && lockedUntil > now) throw locked(lockedUntil);
      }
      throw invalidCredentials();
    }

    if (credential.failedAttempts > 0) await this.credentials.clearFailures(user.userId);
    await this.recordTermsAccepted(user, accountContext(user, correlationId, now));

    const maxAgeMs = this.settings.passwordMaxAgeDays * 86_400_000;
    const expired = maxAgeMs > 0 && now.getTime() - credential.passwordChangedAt.getTime() > maxAgeMs;
    // A one-time password says so even when it is also old: it was never the user's own.
    const passwordChangeReason: PasswordChangeReason | null = credential.mustChange ? 'one-time' : expired ? 'expired' : null;
    const mustChangePassword = passwordChangeReason !== null;
    return { ...(await this.open(user.userId, now, mustChangePassword)), mustChangePassword, passwordChangeReason, user };
  }

  /** A new session for a user who has just proved who they are (a login, a password change). */
  async open(userId: string, now: Date, mustChangePassword: boolean): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    await this.sessions.create({ tokenHash: hashToken(token), userId, createdAt: now, lastSeenAt: now, mustChangePassword });
    return { token, expiresAt: this.expiresAt(now, now) };
  }

  /** The principal behind a bearer token, or null when the session is unknown, idle too long, too old, or the user disabled. */
  async resolve(token: string): Promise<Principal | null> {
    const tokenHash = hashToken(token);
    const session = await this.sessions.find(tokenHash);
    if (!session) return null;
    const now = this.clock();
    const storedMs = session.lastSeenAt.getTime();
    const lastSeenMs = Math.max(storedMs, this.lastSeen.get(tokenHash) ?? 0);
    if (now >= this.expiresAt(session.createdAt, new Date(lastSeenMs))) {
      this.lastSeen.delete(tokenHash);
      await this.sessions.delete(tokenHash);
      return null;
    }
    const user = await this.users.byId(session.userId);
    if (!user || user.disabled) return null;
    this.seen(tokenHash, now.getTime());
    if (now.getTime() - storedMs >= this.resolutionMs()) await this.sessions.touch(tokenHash, now);
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
    this.lastSeen.delete(principal.sessionTokenHash);
    await this.sessions.delete(principal.sessionTokenHash);
  }

  /** Every session of the user ends (a new password, a reset). */
  async endAll(userId: string): Promise<void> {
    await this.sessions.deleteForUser(userId);
  }

  /** On the account's stream: a staff user's, or the citizen's for a webshop login. */
  private async recordTermsAccepted(user: UserRecord, context: CommandContext): Promise<void> {
    const termsVersion = this.settings.termsVersion;
    if (user.role === 'citizen') return this.webshopTerms.recordAccepted(user.userId, termsVersion, context);
    await this.commands.run({ streamName: userStream(user.userId), decider: userDecider, command: { type: 'AcceptTerms', userId: user.userId, termsVersion }, context });
  }

  private resolutionMs(): number {
    return this.settings.sessionLastSeenResolutionSeconds * 1000;
  }

  /** Notes a sighting; once per resolution, forgets sightings too old to matter (the store's value has expired them or will). */
  private seen(tokenHash: string, atMs: number): void {
    this.lastSeen.set(tokenHash, Math.max(atMs, this.lastSeen.get(tokenHash) ?? 0));
    if (atMs - this.lastSweepMs < this.resolutionMs()) return;
    this.lastSweepMs = atMs;
    const horizon = atMs - this.settings.sessionIdleSeconds * 1000;
    for (const [hash, ms] of this.lastSeen) if (ms < horizon) this.lastSeen.delete(hash);
  }

  private expiresAt(createdAt: Date, lastSeenAt: Date): Date {
    const idle = lastSeenAt.getTime() + this.settings.sessionIdleSeconds * 1000;
    const absolute = createdAt.getTime() + this.settings.sessionAbsoluteSeconds * 1000;
    return new Date(Math.min(idle, absolute));
  }
}

function locked(until: Date) {
  return new DomainError('locked', 'ACCOUNT_LOCKED', 'Too many failed logins: the account is locked for a while', {
    lockedUntil: until.toISOString(),
  });
}
