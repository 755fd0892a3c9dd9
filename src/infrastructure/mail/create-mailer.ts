import { FileDropMailer } from './file-drop-mailer.js';
import { DEFAULT_SENDER, MailConfigurationError, type Mailer } from '../../kernel/mailer.port.js';
import { SmtpMailer } from './smtp-mailer.js';
import { UnconfiguredMailer } from './unconfigured-mailer.js';

export interface MailSettings {
  SMTP_URL?: string | undefined;
  MAIL_DIR?: string | undefined;
}

/**
 * The environment's choice of mailer (API.md "Running it"): SMTP_URL → `SmtpMailer`, MAIL_DIR →
 * `FileDropMailer`, neither → `UnconfiguredMailer` (sending fails with `MailNotConfiguredError`); both is
 * refused at start, since a production service quietly writing its mail to a directory is the worse failure.
 */
export function createMailer(settings: MailSettings, from: string = DEFAULT_SENDER): Mailer {
  if (settings.SMTP_URL && settings.MAIL_DIR) {
    throw new MailConfigurationError('SMTP_URL and MAIL_DIR are both set: set one (SMTP_URL in production, MAIL_DIR to keep e-mail as files)');
  }
  if (settings.SMTP_URL) return new SmtpMailer(settings.SMTP_URL, from);
  if (settings.MAIL_DIR) return new FileDropMailer(settings.MAIL_DIR, from);
  return new UnconfiguredMailer();
}
