import MailComposer from 'nodemailer/lib/mail-composer';
import { assertSingleRecipient, type MailMessage } from '../../kernel/mailer.port.js';

/**
 * One RFC 5322 message (CRLF line ends, UTF-8, quoted-printable body, encoded-word subject, Date and
 * Message-ID), built by nodemailer's own composer so that a dropped file is what SMTP would have carried.
 */
export function composeMessage(from: string, message: MailMessage): Promise<Buffer> {
  assertSingleRecipient(message.to);
  const composer = new MailComposer({
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html === undefined ? {} : { html: message.html }),
    newline: 'windows',
  });
  return composer.compile().build();
}
