import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { composeMessage } from './compose.js';
import { DEFAULT_SENDER, MailDeliveryError, type Mailer, type MailMessage } from '../../kernel/mailer.port.js';

/**
 * MAIL_DIR: every message becomes one `.eml` file in a directory (development, tests) instead of going out.
 * A file appears whole or not at all: it is written under a dot-name that does not end in `.eml` and then
 * renamed. Names sort by time: `20261126T101251123Z-000000-<random>.eml` (UTC, then a per-process sequence
 * within the millisecond, then 8 random hex digits so that processes sharing the directory never collide).
 * The files hold live one-time links, so they are readable by the service's user only.
 */
export class FileDropMailer implements Mailer {
  constructor(
    private readonly dir: string,
    private readonly from: string = DEFAULT_SENDER,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const raw = await composeMessage(this.from, message);
    const name = nextFileName();
    const temporary = join(this.dir, `.${name}.tmp`);
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeFile(temporary, raw, { flag: 'wx', mode: 0o600 });
      await rename(temporary, join(this.dir, name));
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code;
      throw new MailDeliveryError(`E-mail could not be written to MAIL_DIR (${code ?? 'unknown error'})`, code);
    }
  }
}

let lastMillis = 0;
let sequence = 0;

function nextFileName(): string {
  // Never backwards within a process, even if the wall clock is set back.
  const now = Math.max(Date.now(), lastMillis);
  sequence = now === lastMillis ? sequence + 1 : 0;
  lastMillis = now;
  const stamp = new Date(now).toISOString().replace(/[-:.]/g, '');
  return `${stamp}-${String(sequence).padStart(6, '0')}-${randomBytes(4).toString('hex')}.eml`;
}
