import { randomBytes, randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { CREDENTIAL_STORE, PASSWORD_TOKEN_STORE, type CredentialStore, type PasswordTokenPurpose, type PasswordTokenStore } from '../kernel/accounts.port.js';
import { CLOCK, type Clock } from '../kernel/clock.js';
import { COMMAND_RUNNER, type CommandRunner } from '../kernel/command-runner.js';
import { LOGGER, type Logger } from '../kernel/logger.js';
import { MAILER, type Mailer } from '../kernel/mailer.port.js';
import type { Principal } from '../kernel/principal.js';
import { DomainError, unprocessable } from '../shared/domain-error.js';
import { passwordReset, setPasswordInvitation, webshopInvitation } from './account-messages.js';
import { IDENTITY_SETTINGS, type IdentitySettings } from './identity-settings.js';
import { USER_DIRECTORY, type UserDirectory, type UserRecord } from './identity.ports.js';
import { LoginThrottle, type RequestSource } from './login-throttle.js';
import { PASSWORD_HASHER, type PasswordHasher } from './password-hasher.js';
import { assertPasswordAcceptable } from './password-policy.js';
import { accountContext, hashToken, SessionService } from './sessions.service.js';
import { userDecider, userStream } from './user.decider.js';

/** Letters and digits that cannot be mistaken for one another when read aloud or typed from a screen. */
const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Four groups of four (about 79 bits): easy to read out and type, long enough for the policy. */
export function newOneTimePassword(): string {
  const group = () => Array.from({ length: 4 }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

const invalidToken = () => new DomainError('unprocessable', 'TOKEN_INVALID', 'The link is unknown, used or expired: ask for a new one');

/**
 * Passwords (DOMAIN §6): changing one's own, the forgotten-password link, and set-password links for new
 * accounts and citizens' webshop logins. A new password ends every session of the user and every open link.
 */
@Injectable()
export class PasswordService {
  constructor(
    @Inject(USER_DIRECTORY) private readonly users: UserDirectory,
    @Inject(CREDENTIAL_STORE) private readonly credentials: CredentialStore,
    @Inject(PASSWORD_TOKEN_STORE) private readonly tokens: PasswordTokenStore,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(COMMAND_RUNNER) private readonly commands: CommandRunner,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * A new password for the caller (also the way out of an expired one). The current password is checked (and
   * a wrong one counts as a failed login); the new one must pass the policy. Every session of the user ends,
   * this one too: the answer carries a fresh session.
   */
  async change(principal: Principal, input: { currentPassword: string; newPassword: string }, correlationId: string, source?: RequestSource) {
    const now = this.clock();
    await this.throttle.refuseThrottled(source, now);
    const user = await this.users.byId(principal.userId);
    const credential = user ? await this.credentials.get(user.userId) : null;
    if (!user || !credential) throw new DomainError('unauthenticated', 'INVALID_CREDENTIALS', 'Wrong username or password');
    if (!(await this.hasher.verify(credential.passwordHash, input.currentPassword))) {
      await this.throttle.recordFailure(source, now);
      throw new DomainError('unprocessable', 'CURRENT_PASSWORD_WRONG', 'The current password is not right');
    }
    await this.setPassword(user, input.newPassword, correlationId, now);
    const session = await this.sessions.open(user.userId, now, false);
    return { ...session, user };
  }

  /**
   * "Glemt adgangskode": answers the same, in no less than resetRequestMinMs, whether or not the username exists
   * (the caller learns nothing). For an active account a single-use link valid resetTokenMinutes goes out by
   * e-mail; the mail is sent after the answer's timing is settled, so its latency tells nothing either.
   */
  async requestReset(username: string, source?: RequestSource): Promise<void> {
    const started = Date.now();
    const now = this.clock();
    await this.throttle.refuseThrottled(source, now);
    const user = await this.users.byUsername(username);
    let send: (() => Promise<void>) | null = null;
    if (user && !user.disabled && user.email) {
      const link = await this.issueToken(user.userId, 'reset', now, this.settings.resetTokenMinutes * 60_000);
      const message = passwordReset({ name: user.name, link, validMinutes: this.settings.resetTokenMinutes });
      send = () => this.mailer.send({ to: user.email, ...message });
    }
    // Counted like a failed login, so one source cannot mail-bomb or probe endlessly.
    await this.throttle.recordFailure(source, now);
    await sleep(Math.max(0, this.settings.resetRequestMinMs - (Date.now() - started)));
    if (send) void send().catch((error: unknown) => this.logger.warn({ error: error instanceof Error ? error.name : 'Error' }, 'password reset e-mail not sent'));
  }

  /**
   * Sets a password from an e-mailed link (reset or invitation). The policy is checked before the token is used,
   * so a refused password does not burn the link. Every session of the user ends; a lock is lifted.
   */
  async setWithToken(input: { token: string; newPassword: string }, correlationId: string): Promise<void> {
    const now = this.clock();
    const tokenHash = hashToken(input.token);
    const holder = await this.tokens.peek(tokenHash, now);
    const user = holder ? await this.accountOf(holder.userId) : null;
    if (!holder || !user || user.disabled) throw invalidToken();
    assertPasswordAcceptable(input.newPassword, { username: user.username, name: user.name, email: user.email });
    const used = await this.tokens.consume(tokenHash, now);
    if (!used) throw invalidToken();
    await this.setPassword(user, input.newPassword, correlationId, now);
  }

  /** A set-password link for a new account (staff) or a citizen's webshop login, by e-mail (DOMAIN §6, §2.4). */
  /** When the account's lock (after repeated failed logins) ends, or null when it is not locked now. */
  async lockedUntil(userId: string): Promise<Date | null> {
    const credential = await this.credentials.get(userId);
    return credential?.lockedUntil && credential.lockedUntil > this.clock() ? credential.lockedUntil : null;
  }

  /** An administrator lifts a lock (and the count of failed logins) before it runs out. */
  async unlock(userId: string): Promise<void> {
    await this.credentials.clearFailures(userId);
  }

  async invite(user: UserRecord): Promise<void> {
    if (!user.email) throw unprocessable('EMAIL_MISSING', 'The account has no e-mail address to send the link to');
    const hours = this.settings.invitationTokenHours;
    const link = await this.invitationLink(user);
    const message =
      user.role === 'citizen'
        ? webshopInvitation({ name: user.name, username: user.username, link, validHours: hours })
        : setPasswordInvitation({ name: user.name, link, validHours: hours });
    await this.mailer.send({ to: user.email, ...message });
  }

  /**
   * A one-time password for a citizen's webshop login, for a citizen with no e-mail address (DOMAIN §6): staff
   * are shown it once and hand it over. It replaces the old password, ends every session and open link, and must
   * be changed at the first login. Only its hash is stored; it is never logged.
   */
  async issueOneTimePassword(user: UserRecord): Promise<string> {
    const now = this.clock();
    const password = newOneTimePassword();
    await this.credentials.setPassword(user.userId, await this.hasher.hash(password), now, { mustChange: true });
    await this.sessions.endAll(user.userId);
    await this.tokens.revokeForUser(user.userId, now);
    return password;
  }

  /**
   * A set-password link for the account, valid invitationTokenHours, not sent anywhere: for the one who installs
   * the service and has no e-mail set up yet (npm run admin -- create-admin), who is shown it once.
   */
  invitationLink(user: UserRecord): Promise<string> {
    return this.issueToken(user.userId, 'invitation', this.clock(), this.settings.invitationTokenHours * 3_600_000);
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
    await this.tokens.create({ tokenHash: hashToken(token), userId, purpose, createdAt: now, expiresAt: new Date(now.getTime() + validMs) });
    // In the fragment, so the token never reaches a server's access log on the way to the portal.
    return `${this.settings.publicUrl.replace(/\/$/, '')}/adgangskode#token=${token}`;
  }

  private async setPassword(user: UserRecord, password: string, correlationId: string, now: Date): Promise<void> {
    assertPasswordAcceptable(password, { username: user.username, name: user.name, email: user.email });
    await this.credentials.setPassword(user.userId, await this.hasher.hash(password), now);
    await this.sessions.endAll(user.userId);
    await this.tokens.revokeForUser(user.userId, now);
    if (user.role !== 'citizen') {
      await this.commands.run({
        streamName: userStream(user.userId),
        decider: userDecider,
        command: { type: 'RecordPasswordChange', userId: user.userId, at: now.toISOString() },
        context: accountContext(user, correlationId, now),
      });
    }
  }
}
