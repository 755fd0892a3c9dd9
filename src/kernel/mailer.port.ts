/**
 * The port through which the service sends e-mail (set-password invitations, password resets). Adapters:
 * `SmtpMailer` (SMTP_URL), `FileDropMailer` (MAIL_DIR, development and tests) and `UnconfiguredMailer`
 * (neither set: every send fails with `MailNotConfiguredError`). `createMailer` chooses between them.
 *
 * A message carries one-time links, i.e. credentials: adapters never log a message, and their errors
 * never carry its recipient, subject or body.
 */
export interface MailMessage {
  /** One bare address (`name@example.dk`), no display name, one recipient. */
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export const MAILER = Symbol('Mailer');

export const DEFAULT_SENDER = 'e-bevilling <no-reply@e-bevilling.invalid>';

/** A message could not be handed over. The message names the failure, never the recipient or the content. */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    /** nodemailer's or the file system's error code, e.g. `EENVELOPE`, `ECONNECTION`, `EACCES`. */
    readonly code?: string,
    /** The SMTP server's reply code, e.g. 550. */
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

/** Neither SMTP_URL nor MAIL_DIR is set: an operator error, not a delivery failure. */
export class MailNotConfiguredError extends Error {
  constructor() {
    super('E-mail is not configured: set SMTP_URL (smtp:// or smtps://) or MAIL_DIR (a directory for .eml files)');
    this.name = 'MailNotConfiguredError';
  }
}

/** Both SMTP_URL and MAIL_DIR are set: which one is meant is not for the service to guess. */
export class MailConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailConfigurationError';
  }
}

const BARE_ADDRESS = /^[^\s@,;:<>()[\]"\\]+@[^\s@,;:<>()[\]"\\]+\.[^\s@,;:<>()[\]"\\]+$/;

/** Refuses anything but one bare address, so a stored e-mail field can never add recipients or headers. */
export function assertSingleRecipient(to: string): void {
  if (!BARE_ADDRESS.test(to)) throw new MailDeliveryError('The recipient is not a single bare e-mail address', 'EENVELOPE');
}
