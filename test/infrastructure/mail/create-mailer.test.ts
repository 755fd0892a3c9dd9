import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMailer } from '../../../src/infrastructure/mail/create-mailer.js';
import { FileDropMailer } from '../../../src/infrastructure/mail/file-drop-mailer.js';
import { MailConfigurationError, MailNotConfiguredError } from '../../../src/kernel/mailer.port.js';
import { SmtpMailer } from '../../../src/infrastructure/mail/smtp-mailer.js';
import { UnconfiguredMailer } from '../../../src/infrastructure/mail/unconfigured-mailer.js';
import { readDroppedMail } from '../../support/mail.js';

describe('createMailer: which environment gives which mailer (API.md "Running it")', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('SMTP_URL → SmtpMailer', () => {
    expect(createMailer({ SMTP_URL: 'smtp://mail.invalid:25' })).toBeInstanceOf(SmtpMailer);
  });

  it('MAIL_DIR → FileDropMailer, with the sender given', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mail-'));
    dirs.push(dir);
    const mailer = createMailer({ MAIL_DIR: dir }, 'Test <test@e-bevilling.invalid>');
    expect(mailer).toBeInstanceOf(FileDropMailer);
    await mailer.send({ to: 'a@example.dk', subject: 'Hej', text: 'Hej' });
    expect((await readDroppedMail(dir))[0]!.from).toBe('Test <test@e-bevilling.invalid>');
  });

  it('neither → a mailer whose every send fails with MailNotConfiguredError naming both variables', async () => {
    const mailer = createMailer({ SMTP_URL: '', MAIL_DIR: undefined });
    expect(mailer).toBeInstanceOf(UnconfiguredMailer);
    const error = await mailer.send({ to: 'a@example.dk', subject: 'Hej', text: 'https://x.invalid/?token=t' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailNotConfiguredError);
    expect((error as Error).message).toMatch(/SMTP_URL.*MAIL_DIR/);
    expect((error as Error).message).not.toMatch(/example|token/);
  });

  it('both → refused at once, naming both variables', () => {
    expect(() => createMailer({ SMTP_URL: 'smtp://mail.invalid', MAIL_DIR: '/tmp/mail' })).toThrow(MailConfigurationError);
    expect(() => createMailer({ SMTP_URL: 'smtp://mail.invalid', MAIL_DIR: '/tmp/mail' })).toThrow(/SMTP_URL.*MAIL_DIR/);
  });
});
