import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server, type Socket } from 'node:net';
import { MailDeliveryError } from '../../../src/kernel/mailer.port.js';
import { SmtpMailer } from '../../../src/infrastructure/mail/smtp-mailer.js';
import { parseMail } from '../../support/mail.js';

interface Received {
  from: string;
  to: string[];
  data: Buffer;
}

/** Just enough of an SMTP server (RFC 5321: EHLO, MAIL, RCPT, DATA, RSET, QUIT) to watch a message arrive. */
async function fakeSmtpServer(rejectRecipient: (address: string) => boolean = () => false) {
  const received: Received[] = [];
  const server: Server = createServer((socket: Socket) => {
    let buffer = Buffer.alloc(0);
    let envelope: Received = { from: '', to: [], data: Buffer.alloc(0) };
    let inData = false;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 fake.invalid ESMTP');
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const body = buffer.subarray(0, end + 2).toString('latin1').replace(/^\.\./gm, '.');
          received.push({ ...envelope, data: Buffer.from(body, 'latin1') });
          buffer = buffer.subarray(end + 5);
          inData = false;
          reply('250 2.0.0 queued');
          continue;
        }
        const end = buffer.indexOf('\r\n');
        if (end < 0) return;
        const line = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 fake.invalid');
        else if (verb === 'MAIL') {
          envelope = { from: /<(.*)>/.exec(line)?.[1] ?? '', to: [], data: Buffer.alloc(0) };
          reply('250 2.1.0 ok');
        } else if (verb === 'RCPT') {
          const address = /<(.*)>/.exec(line)?.[1] ?? '';
          if (rejectRecipient(address)) reply(`550 5.1.1 <${address}>: Recipient address rejected: User unknown`);
          else {
            envelope.to.push(address);
            reply('250 2.1.5 ok');
          }
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 end with <CRLF>.<CRLF>');
        } else if (verb === 'RSET' || verb === 'NOOP') reply('250 ok');
        else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('502 5.5.2 not implemented');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('SmtpMailer (SMTP_URL)', () => {
  let server: Awaited<ReturnType<typeof fakeSmtpServer>>;
  beforeEach(async () => {
    server = await fakeSmtpServer((address) => address.startsWith('ukendt'));
  });
  afterEach(() => server.close());

  it('hands the message to the SMTP server: envelope, headers and Danish text intact', async () => {
    const text = 'Kære Søren\n\nNulstil din adgangskode her:\nhttps://e-bevilling.invalid/nulstil?token=abc\n.\nLinket virker i 30 minutter og kan kun bruges én gang.\n';
    await new SmtpMailer(server.url).send({ to: 'soeren@example.dk', subject: 'Nulstil din adgangskode – æøå', text });
    expect(server.received).toHaveLength(1);
    const [message] = server.received;
    expect(message!.from).toBe('no-reply@e-bevilling.invalid');
    expect(message!.to).toEqual(['soeren@example.dk']);
    const mail = parseMail('smtp', message!.data);
    expect(mail).toMatchObject({ to: 'soeren@example.dk', subject: 'Nulstil din adgangskode – æøå', text });
    expect(mail.headers['message-id']).toMatch(/@e-bevilling\.invalid>$/);
    expect(mail.headers.date).toBeDefined();
  });

  it('sends from the configured sender', async () => {
    await new SmtpMailer(server.url, 'Kommunen <post@kommune.invalid>').send({ to: 'a@example.dk', subject: 'Hej', text: 'Hej' });
    expect(server.received[0]!.from).toBe('post@kommune.invalid');
    expect(parseMail('smtp', server.received[0]!.data).from).toBe('Kommunen <post@kommune.invalid>');
  });

  it('a rejected recipient is a MailDeliveryError with the SMTP code, and neither the address nor the message', async () => {
    const error = await new SmtpMailer(server.url)
      .send({ to: 'ukendt.borger@example.dk', subject: 'Hemmeligt emne', text: 'https://e-bevilling.invalid/?token=hemmelig' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailDeliveryError);
    const delivery = error as MailDeliveryError;
    expect(delivery.responseCode).toBe(550);
    expect(delivery.code).toBe('EENVELOPE');
    expect(delivery.cause).toBeUndefined();
    expect(delivery.message).toBe('E-mail could not be delivered over SMTP (EENVELOPE, at RCPT TO, SMTP 550)');
    expect(`${delivery.message} ${delivery.stack} ${JSON.stringify(delivery)}`).not.toMatch(/ukendt|example|Hemmelig|token/i);
    expect(server.received).toHaveLength(0);
  });

  it('an unreachable server is a MailDeliveryError without the address', async () => {
    const { url, close } = await fakeSmtpServer();
    await close();
    const error = await new SmtpMailer(url).send({ to: 'soeren@example.dk', subject: 'Hej', text: 'Hej' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect((error as MailDeliveryError).code).toBe('ESOCKET');
    expect((error as Error).message).toBe('E-mail could not be delivered over SMTP (ESOCKET ECONNREFUSED, at CONN)');
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toMatch(/soeren/);
  });

  it('refuses more than one recipient before connecting', async () => {
    const error = await new SmtpMailer(server.url).send({ to: 'a@example.dk, b@example.dk', subject: 'Hej', text: 'Hej' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(server.received).toHaveLength(0);
  });

  it('refuses a URL that is not smtp:// or smtps://, without echoing it (it may hold a password)', () => {
    for (const url of ['http://user:hemmelig@mail.invalid', 'smtp://', 'mail.invalid:25']) {
      let error: unknown;
      try {
        new SmtpMailer(url);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect((error as Error).message).not.toMatch(/hemmelig|mail\.invalid/);
    }
    expect(() => new SmtpMailer('smtps://user:pass@mail.invalid')).not.toThrow();
  });
});
