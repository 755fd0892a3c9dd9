import nodemailer, { type Transporter } from 'nodemailer';
import { assertSingleRecipient, DEFAULT_SENDER, MailDeliveryError, type Mailer, type MailMessage } from '../../kernel/mailer.port.js';

/** Short enough that a request sending mail fails visibly rather than hanging; the URL may override them. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, dnsTimeout: 10_000 };

/**
 * SMTP_URL: `smtp://[user:pass@]host[:port]` (STARTTLS when the server offers it; add `?requireTLS=true` to
 * refuse a server that does not) or `smtps://…` (TLS from the start, port 465 by default). nodemailer's
 * other connection options may be given as query parameters, e.g. `?connectionTimeout=5000`.
 * One connection per message; nothing is pooled, so there is nothing to close.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string = DEFAULT_SENDER,
  ) {
    // Never echo the URL: it may carry the relay's password.
    if (!/^smtps?:\/\/[^/?#]/i.test(smtpUrl)) throw new MailDeliveryError('SMTP_URL must be an smtp:// or smtps:// URL with a host', 'ECONFIG');
    this.transport = nodemailer.createTransport({
      ...TIMEOUTS,
      url: smtpUrl,
      // The messages are plain text we compose; nodemailer must never read files or URLs on their behalf.
      disableFileAccess: true,
      disableUrlAccess: true,
      logger: false,
      debug: false,
    });
  }

  async send(message: MailMessage): Promise<void> {
    assertSingleRecipient(message.to);
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
      });
    } catch (error) {
      throw deliveryError(error);
    }
  }
}

/**
 * nodemailer's messages and `response`/`rejected` fields quote the recipient ("550 <name@example.dk> unknown"),
 * so only the codes survive; the original error is not kept as `cause` because loggers print causes.
 */
function deliveryError(error: unknown): MailDeliveryError {
  const { code, originalCode, responseCode, command } = (error ?? {}) as Record<string, unknown>;
  const errorCode = (value: unknown) => (typeof value === 'string' && /^E[A-Z0-9_]+$/.test(value) ? value : undefined);
  const safeCode = errorCode(code);
  const cause = errorCode(originalCode); // e.g. ECONNREFUSED, ENOTFOUND under ESOCKET, EDNS
  const safeResponse = typeof responseCode === 'number' ? responseCode : undefined;
  const safeCommand = typeof command === 'string' && /^[A-Z]+( [A-Z]+)?$/.test(command) ? command : undefined;
  const parts = [[safeCode, cause].filter(Boolean).join(' '), safeCommand && `at ${safeCommand}`, safeResponse && `SMTP ${safeResponse}`].filter(Boolean);
  return new MailDeliveryError(`E-mail could not be delivered over SMTP${parts.length ? ` (${parts.join(', ')})` : ''}`, safeCode, safeResponse);
}
