import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError, unprocessable } from '../shared/domain-error.js';
import type { CommandRunner } from '../infrastructure/commands/command-runner.js';
import type { CommandContext } from '../infrastructure/commands/command-context.js';
import type { Mailer } from '../notifications/mailer.port.js';
import { passwordReset, setPasswordInvitation, webshopInvitation } from '../notifications/messages.js';
import type { Pseudonymizer } from '../shared/pseudonym.js';
import type { CredentialStore, PasswordTokenPurpose, PasswordTokenStore, SessionStore, SourceThrottle, UserDirectory, UserRecord } from './identity.ports.js';
import type { PasswordHasher } from './password-hasher.js';
import { assertPasswordAcceptable } from './password-policy.js';
import type { Principal } from './principal.js';
import { userDecider, userStream } from './user.decider.js';
import { citizenDecider, citizenStream } from '../citizens/citizen.decider.js';
import { newId } from '../shared/ids.js';

export interface AuthSettings {
  readonly sessionIdleSeconds: number;
  readonly sessionAbsoluteSeconds: number;
  readonly passwordMaxAgeDays: number;
  readonly termsVersion: string;
  /** Failed logins in a row before the account locks, and for how long. */
  readonly lockAfterFailures: number;
  readonly lockSeconds: number;
  /** Failed logins from one source address within the window before it is refused for the rest of it. */
  readonly sourceFailureLimit: number;
  readonly sourceWindowSeconds: number;
  /** Where the portal is: set-password links point there. */
  readonly publicUrl: string;
  /** Validity of a reset link (DOMAIN §6: 30 minutes) and of a new account's invitation. */
  readonly resetTokenMinutes: number;
  readonly invitationTokenHours: number;
  /** A reset request answers no sooner than this, whether or not the user exists (no timing oracle). */
  readonly resetRequestMinMs: number;
}

/** Who is asking, as far as throttling cares: the source address (kept only as a keyed hash). */
export interface RequestSource {
  readonly address: string;
}

export interface AuthDependencies {
  readonly users: UserDirectory;
  readonly credentials: CredentialStore;
  readonly sessions: SessionStore;
  readonly hasher: PasswordHasher;
  readonly commands: CommandRunner;
  readonly tokens: PasswordTokenStore;
  readonly throttle: SourceThrottle;
  readonly mailer: Mailer;
  readonly pseudonyms: Pseudonymizer;
  readonly logger?: { warn(fields: Record<string, unknown>, message: string): void };
}

export interface LoginResult {
  readonly token: string;
  readonly expiresAt: Date;
  readonly mustChangePassword: boolean;
  readonly user: UserRecord;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const invalidCredentials = () => new DomainError('unauthenticated', 'INVALID_CREDENTIALS', 'Wrong username or password');
const invalidToken = () => new DomainError('unprocessable', 'TOKEN_INVALID', 'The link is unknown, used or expired: ask for a new one');

/**
 * Login, sessions and logout (DOMAIN §6). Sessions are opaque random tokens; only their SHA-256 is stored,
 * so a copy of the session table lets nobody in.
 */
export class AuthService {
  private readonly users: UserDirectory;
  private readonly credentials: CredentialStore;
  private readonly sessions: SessionStore;
  private readonly hasher: PasswordHasher;
  private readonly commands: CommandRunner;

  constructor(
    private readonly deps: AuthDependencies,
    private readonly settings: AuthSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {
    ({ users: this.users, credentials: this.credentials, sessions: this.sessions, hasher: this.hasher, commands: this.commands } = deps);
  }

  async login(input: { username: string; password: string; acceptTerms?: boolean }, correlationId: string, source?: RequestSource): Promise<LoginResult> {
    if (input.acceptTerms !== true) {
      throw unprocessable('TERMS_NOT_ACCEPTED', 'The terms and privacy policy must be accepted to log in', {
        termsVersion: this.settings.termsVersion,
      });
    }
    const now = this.clock();
    await this.refuseThrottledSource(source, now);
    const user = await this.users.byUsername(input.username);
    const credential = user && !user.disabled ? await this.credentials.get(user.userId) : null;
    if (credential?.lockedUntil && credential.lockedUntil > now) throw this.locked(credential.lockedUntil);

    const valid = await this.hasher.verify(credential?.passwordHash ?? null, input.password);
    if (!user || !credential || !valid) {
      await this.recordSourceFailure(source, now);
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
    await this.recordTermsAccepted(user, this.contextOf(user, correlationId, now));

    const maxAgeMs = this.settings.passwordMaxAgeDays * 86_400_000;
    const mustChangePassword = maxAgeMs > 0 && now.getTime() - credential.passwordChangedAt.getTime() > maxAgeMs;
    return { ...(await this.openSession(user.userId, now, mustChangePassword)), mustChangePassword, user };
  }

  /**
   * A new password for the caller (DOMAIN §6; also the way out of an expired one). The current password is
   * checked (and a wrong one counts as a failed login); the new one must pass the policy. Every session of the
   * user ends, this one too: the answer carries a fresh session.
   */
  async changePassword(principal: Principal, input: { currentPassword: string; newPassword: string }, correlationId: string, source?: RequestSource) {
    const now = this.clock();
    await this.refuseThrottledSource(source, now);
    const user = await this.users.byId(principal.userId);
    const credential = user ? await this.credentials.get(user.userId) : null;
    if (!user || !credential) throw invalidCredentials();
    if (!(await this.hasher.verify(credential.passwordHash, input.currentPassword))) {
      await this.recordSourceFailure(source, now);
      throw new DomainError('unprocessable', 'CURRENT_PASSWORD_WRONG', 'The current password is not right');
    }
    await this.setPassword(user, input.newPassword, correlationId, now);
    const session = await this.openSession(user.userId, now, false);
    return { ...session, user };
  }

  /**
   * "Glemt adgangskode": answers the same, in no less than resetRequestMinMs, whether or not the username exists
   * (the caller learns nothing). For an active account a single-use link valid resetTokenMinutes goes out by
   * e-mail; the mail is sent after the answer's timing is settled, so its latency tells nothing either.
   */
  async requestPasswordReset(username: string, source?: RequestSource): Promise<void> {
    const started = Date.now();
    const now = this.clock();
    await this.refuseThrottledSource(source, now);
    const user = await this.users.byUsername(username);
    let send: (() => Promise<void>) | null = null;
    if (user && !user.disabled && user.email) {
      const link = await this.issueToken(user.userId, 'reset', now, this.settings.resetTokenMinutes * 60_000);
      const message = passwordReset({ name: user.name, link, validMinutes: this.settings.resetTokenMinutes });
      send = () => this.deps.mailer.send({ to: user.email, ...message });
    }
    // Counted like a failed login, so one source cannot mail-bomb or probe endlessly.
    await this.recordSourceFailure(source, now);
    await sleep(Math.max(0, this.settings.resetRequestMinMs - (Date.now() - started)));
    if (send) void send().catch((error: unknown) => this.deps.logger?.warn({ error: error instanceof Error ? error.name : 'Error' }, 'password reset e-mail not sent'));
  }

  /**
   * Sets a password from an e-mailed link (reset or invitation). The policy is checked before the token is used,
   * so a refused password does not burn the link. Every session of the user ends; a lock is lifted.
   */
  async setPasswordWithToken(input: { token: string; newPassword: string }, correlationId: string): Promise<void> {
    const now = this.clock();
    const tokenHash = hashToken(input.token);
    const holder = await this.deps.tokens.peek(tokenHash, now);
    const user = holder ? await this.accountOf(holder.userId) : null;
    if (!holder || !user || user.disabled) throw invalidToken();
    assertPasswordAcceptable(input.newPassword, { username: user.username, name: user.name, email: user.email });
    const used = await this.deps.tokens.consume(tokenHash, now);
    if (!used) throw invalidToken();
    await this.setPassword(user, input.newPassword, correlationId, now);
  }

  /** A set-password link for a new account (staff) or a citizen's webshop login, by e-mail (DOMAIN §6, §2.4). */
  async invite(user: UserRecord): Promise<void> {
    if (!user.email) throw unprocessable('EMAIL_MISSING', 'The account has no e-mail address to send the link to');
    const now = this.clock();
    const hours = this.settings.invitationTokenHours;
    const link = await this.issueToken(user.userId, 'invitation', now, hours * 3_600_000);
    const message =
      user.role === 'citizen'
        ? webshopInvitation({ name: user.name, username: user.username, link, validHours: hours })
        : setPasswordInvitation({ name: user.name, link, validHours: hours });
    await this.deps.mailer.send({ to: user.email, ...message });
  }

  /**
   * The account a link was issued for. A link can be used the moment it was sent, possibly before the accounts
   * read model holds a brand-new account: wait for it a little rather than call a good link invalid.
   */
  private async accountOf(userId: string): Promise<UserRecord | null> {
    for (let attempt = 0; ; attempt++) {
      const user = await this.users.byId(userId);
      if (user || attempt >= 40) return user;
      await sleep(50);
    }
  }

  private async issueToken(userId: string, purpose: PasswordTokenPurpose, now: Date, validMs: number): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.deps.tokens.create({ tokenHash: hashToken(token), userId, purpose, createdAt: now, expiresAt: new Date(now.getTime() + validMs) });
    // In the fragment, so the token never reaches a server's access log on the way to the portal.
    return `${this.settings.publicUrl.replace(/\/$/, '')}/adgangskode#token=${token}`;
  }

  private async setPassword(user: UserRecord, password: string, correlationId: string, now: Date): Promise<void> {
    assertPasswordAcceptable(password, { username: user.username, name: user.name, email: user.email });
    await this.deps.credentials.setPassword(user.userId, await this.hasher.hash(password), now);
    await this.deps.sessions.deleteForUser(user.userId);
    await this.deps.tokens.revokeForUser(user.userId, now);
    if (user.role !== 'citizen') {
      await this.commands.run({
        streamName: userStream(user.userId),
        decider: userDecider,
        command: { type: 'RecordPasswordChange', userId: user.userId, at: now.toISOString() },
        context: this.contextOf(user, correlationId, now),
      });
    }
  }

  /** On the account's stream: a staff user's, or the citizen's for a webshop login. */
  private async recordTermsAccepted(user: UserRecord, context: CommandContext): Promise<void> {
    const termsVersion = this.settings.termsVersion;
    if (user.role === 'citizen') {
      const citizenId = user.userId;
      await this.commands.run({ streamName: citizenStream(citizenId), decider: citizenDecider, command: { type: 'AcceptWebshopTerms', data: { citizenId, termsVersion } }, context });
    } else {
      await this.commands.run({ streamName: userStream(user.userId), decider: userDecider, command: { type: 'AcceptTerms', userId: user.userId, termsVersion }, context });
    }
  }

  private async openSession(userId: string, now: Date, mustChangePassword: boolean): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    await this.sessions.create({ tokenHash: hashToken(token), userId, createdAt: now, lastSeenAt: now, mustChangePassword });
    return { token, expiresAt: this.expiresAt(now, now) };
  }

  private contextOf(user: UserRecord, correlationId: string, now: Date): CommandContext {
    return { commandId: newId(), correlationId, causationId: correlationId, actor: { userId: user.userId, role: user.role, municipalityId: user.municipalityId }, now };
  }

  /** Too many failures from one address: refused for the rest of the window, whatever the account (429). */
  private async refuseThrottledSource(source: RequestSource | undefined, now: Date): Promise<void> {
    if (!source) return;
    const failures = await this.deps.throttle.failures(this.sourceKey(source), now, this.settings.sourceWindowSeconds);
    if (failures >= this.settings.sourceFailureLimit) {
      throw new DomainError('too_many_requests', 'TOO_MANY_ATTEMPTS', 'Too many failed attempts from this address; try again later', {
        retryAfterSeconds: this.settings.sourceWindowSeconds,
      });
    }
  }

  private async recordSourceFailure(source: RequestSource | undefined, now: Date): Promise<void> {
    if (source) await this.deps.throttle.recordFailure(this.sourceKey(source), now, this.settings.sourceWindowSeconds);
  }

  /** Addresses are personal data too: only a keyed hash of one is stored. */
  private sourceKey(source: RequestSource): string {
    return this.deps.pseudonyms.hash('source', source.address);
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
