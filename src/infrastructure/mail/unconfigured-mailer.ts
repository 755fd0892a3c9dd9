import { MailNotConfiguredError, type Mailer } from '../../kernel/mailer.port.js';

/**
 * Neither SMTP_URL nor MAIL_DIR is set. The service still starts (most of it needs no e-mail), but every
 * send fails with `MailNotConfiguredError`, so a missing setting shows up as an error naming both variables
 * instead of links silently going nowhere. In production one of the two must be set — SMTP_URL; MAIL_DIR
 * only where someone reads the files (development, tests). There is deliberately no "log it instead"
 * mailer: the messages carry one-time links, and logs must never hold them.
 */
export class UnconfiguredMailer implements Mailer {
  async send(): Promise<void> {
    throw new MailNotConfiguredError();
  }
}
