import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDropMailer } from '../../../src/infrastructure/mail/file-drop-mailer.js';
import { MailDeliveryError } from '../../../src/kernel/mailer.port.js';
import { linkIn, readDroppedMail } from '../../support/mail.js';

const danish = 'Kære Søren Ærø\n\nVælg din adgangskode her:\nhttps://e-bevilling.invalid/adgangskode?token=abc123\n\nLinket virker i 72 timer og kan kun bruges én gang.\n';

describe('FileDropMailer (MAIL_DIR)', () => {
  let base: string;
  let dir: string;
  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'mail-'));
    dir = join(base, 'not', 'there', 'yet');
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  it('creates the directory and writes one .eml file per message', async () => {
    const mailer = new FileDropMailer(dir);
    await mailer.send({ to: 'soeren@example.dk', subject: 'Første', text: 'en' });
    await mailer.send({ to: 'grethe@example.dk', subject: 'Anden', text: 'to' });
    const files = await readdir(dir);
    expect(files).toHaveLength(2);
    expect(files.every((file) => /^\d{8}T\d{9}Z-\d{6}-[0-9a-f]{8}\.eml$/.test(file))).toBe(true);
  });

  it('Danish subject and text round-trip through the file (encoded-word subject, UTF-8 body)', async () => {
    await new FileDropMailer(dir).send({ to: 'soeren@example.dk', subject: 'Nulstil din adgangskode – æøå ÆØÅ é', text: danish });
    const [mail] = await readDroppedMail(dir);
    expect(mail).toMatchObject({ to: 'soeren@example.dk', subject: 'Nulstil din adgangskode – æøå ÆØÅ é', text: danish });
    expect(linkIn(mail!.text)).toBe('https://e-bevilling.invalid/adgangskode?token=abc123');
  });

  it('writes RFC 5322 headers: From (the sender), To, Subject, Date, Message-ID, MIME-Version, Content-Type', async () => {
    const before = Date.now() - 1000;
    await new FileDropMailer(dir, 'Kommunen <post@kommune.invalid>').send({ to: 'soeren@example.dk', subject: 'Hej', text: 'Hej Søren' });
    const [mail] = await readDroppedMail(dir);
    const headers = mail!.headers;
    expect(headers.from).toBe('Kommunen <post@kommune.invalid>');
    expect(headers.to).toBe('soeren@example.dk');
    expect(headers['message-id']).toMatch(/^<[^@\s]+@kommune\.invalid>$/);
    expect(headers['mime-version']).toBe('1.0');
    expect(headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(headers['content-transfer-encoding']).toBe('quoted-printable');
    expect(Date.parse(headers.date!)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
  });

  it('uses the default sender when none is given', async () => {
    await new FileDropMailer(dir).send({ to: 'soeren@example.dk', subject: 'Hej', text: 'Hej' });
    const [mail] = await readDroppedMail(dir);
    expect(mail!.from).toMatch(/^"?e-bevilling"? <no-reply@e-bevilling\.invalid>$/);
  });

  it('the file itself is 7-bit ASCII with CRLF line ends and lines of at most 78 characters', async () => {
    const longLink = `https://e-bevilling.invalid/adgangskode?token=${'x'.repeat(120)}`;
    await new FileDropMailer(dir).send({ to: 'soeren@example.dk', subject: 'Velkommen til e-bevilling – vælg din adgangskode nu, før linket udløber', text: `${danish}${longLink}\n` });
    const [file] = await readdir(dir);
    const raw = await readFile(join(dir, file!));
    expect(raw.every((byte) => byte < 128)).toBe(true);
    const source = raw.toString('ascii');
    expect(source.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(Math.max(...source.split('\r\n').map((line) => line.length))).toBeLessThanOrEqual(78);
    const [mail] = await readDroppedMail(dir);
    expect(mail!.text).toContain(`\n${longLink}\n`);
  });

  it('an html alternative is kept beside the text', async () => {
    await new FileDropMailer(dir).send({ to: 'soeren@example.dk', subject: 'Hej', text: 'Hej Søren\n', html: '<p>Hej Søren</p>' });
    const [mail] = await readDroppedMail(dir);
    expect(mail).toMatchObject({ text: 'Hej Søren\n', html: '<p>Hej Søren</p>' });
    expect(mail!.headers['content-type']).toMatch(/^multipart\/alternative/);
  });

  it('reads back oldest first, in the order sent', async () => {
    const mailer = new FileDropMailer(dir);
    for (const subject of ['1', '2', '3', '4', '5']) await mailer.send({ to: 'a@example.dk', subject, text: subject });
    expect((await readDroppedMail(dir)).map((mail) => mail.subject)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('concurrent sends (also from two mailers on one directory) produce distinct, complete files', async () => {
    const [one, two] = [new FileDropMailer(dir), new FileDropMailer(dir)];
    await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? one : two).send({ to: `borger${i}@example.dk`, subject: `nr ${i}`, text: `brev ${i} æøå\n` })));
    const mails = await readDroppedMail(dir);
    expect(mails).toHaveLength(60);
    expect(new Set(mails.map((mail) => mail.file)).size).toBe(60);
    expect(new Set(mails.map((mail) => mail.headers['message-id'])).size).toBe(60);
    for (const mail of mails) expect(mail.text).toBe(`brev ${mail.subject.slice(3)} æøå\n`);
  });

  it('is atomic: a reader never sees a partial .eml, and nothing but .eml files is left behind', async () => {
    const body = `${'Lang tekst med æøå. '.repeat(20_000)}\nslut\n`;
    const mailer = new FileDropMailer(dir);
    let sending = true;
    const sends = Promise.all(Array.from({ length: 12 }, (_, i) => mailer.send({ to: 'a@example.dk', subject: `${i}`, text: body }))).finally(() => {
      sending = false;
    });
    while (sending) {
      for (const mail of await readDroppedMail(dir)) {
        expect(mail.text).toBe(body);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    await sends;
    const files = await readdir(dir);
    expect(files).toHaveLength(12);
    expect(files.every((file) => file.endsWith('.eml') && !file.startsWith('.'))).toBe(true);
  });

  it('files are readable by the service user only: they hold live links', async () => {
    await new FileDropMailer(dir).send({ to: 'a@example.dk', subject: 'Hej', text: 'Hej' });
    const [file] = await readdir(dir);
    expect((await stat(join(dir, file!))).mode & 0o777).toBe(0o600);
  });

  it('a directory it cannot write is a MailDeliveryError naming MAIL_DIR, not the recipient, and leaves nothing', async () => {
    const notADirectory = join(base, 'file');
    await writeFile(notADirectory, 'x');
    const sending = new FileDropMailer(notADirectory).send({ to: 'soeren@example.dk', subject: 'Hemmelig', text: 'token=abc' });
    await expect(sending).rejects.toBeInstanceOf(MailDeliveryError);
    const error = (await sending.catch((e: unknown) => e)) as MailDeliveryError;
    expect(error.message).toMatch(/MAIL_DIR/);
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toMatch(/soeren|Hemmelig|token/);
  });

  it('refuses anything but one bare address (no second recipient, no display name, no line breaks), without naming it', async () => {
    const mailer = new FileDropMailer(dir);
    for (const to of ['a@example.dk, b@example.dk', 'a@example.dk;b@example.dk', 'Søren <a@example.dk>', 'a@example.dk\r\nBcc: b@example.dk', 'not-an-address', '']) {
      const error = await mailer.send({ to, subject: 'Hej', text: 'Hej' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect((error as Error).message).not.toMatch(/example/);
    }
    expect(await readDroppedMail(dir)).toEqual([]);
  });

  it('a line break in the subject cannot add a header', async () => {
    await new FileDropMailer(dir).send({ to: 'a@example.dk', subject: 'Hej\r\nBcc: b@example.dk', text: 'Hej' });
    const [mail] = await readDroppedMail(dir);
    expect(mail!.headers.bcc).toBeUndefined();
  });
});
