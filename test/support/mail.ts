import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Reads what `FileDropMailer` left in MAIL_DIR, oldest first (the file names sort by time). Parses exactly
 * the format that mailer writes (nodemailer's composer: headers with RFC 2047 encoded-words, a text/plain
 * body or a multipart/alternative of text and html, quoted-printable or base64, UTF-8) — not e-mail at large.
 * A directory that does not exist holds no mail.
 */
export interface DroppedMail {
  file: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Header names in lower case, values unfolded and decoded. */
  headers: Record<string, string>;
}

export async function readDroppedMail(dir: string): Promise<DroppedMail[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files = names.filter((name) => name.endsWith('.eml')).sort();
  return Promise.all(files.map(async (file) => parseMail(file, await readFile(join(dir, file)))));
}

/** The first http(s) link in a text, e.g. the set-password link whose `?token=` a test goes on with. */
export function linkIn(text: string): string | undefined {
  return /https?:\/\/\S+/.exec(text)?.[0];
}

/** One message as `FileDropMailer` writes it (or as it crossed SMTP), `file` being a label. */
export function parseMail(file: string, raw: Buffer): DroppedMail {
  const { headers, body } = splitPart(raw.toString('latin1'));
  const contentType = headers['content-type'] ?? 'text/plain';
  let text = '';
  let html: string | undefined;
  if (/^multipart\//i.test(contentType)) {
    for (const part of multipartParts(body, boundaryOf(contentType))) {
      const parsed = splitPart(part);
      const type = parsed.headers['content-type'] ?? 'text/plain';
      if (/^text\/plain/i.test(type)) text = decodeBody(parsed.body, parsed.headers['content-transfer-encoding']);
      if (/^text\/html/i.test(type)) html = decodeBody(parsed.body, parsed.headers['content-transfer-encoding']);
    }
  } else {
    text = decodeBody(body, headers['content-transfer-encoding']);
  }
  return {
    file,
    from: headers.from ?? '',
    to: headers.to ?? '',
    subject: headers.subject ?? '',
    text,
    ...(html === undefined ? {} : { html }),
    headers,
  };
}

/** Headers and body of a message or MIME part held as a latin1 string (one char per byte). */
function splitPart(source: string): { headers: Record<string, string>; body: string } {
  const end = source.indexOf('\r\n\r\n');
  const head = end < 0 ? source : source.slice(0, end);
  const body = end < 0 ? '' : source.slice(end + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n(?=[ \t])/g, '').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function boundaryOf(contentType: string): string {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  return boundary;
}

function multipartParts(body: string, boundary: string): string[] {
  const chunks = `\r\n${body}`.split(`\r\n--${boundary}`);
  const parts: string[] = [];
  // chunks[0] is the preamble; the chunk that starts with "--" is the close delimiter (and any epilogue).
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    parts.push(chunk.replace(/^[ \t]*\r\n/, ''));
  }
  return parts;
}

/** RFC 2047: `=?UTF-8?Q?…?=` / `=?UTF-8?B?…?=`; white space between adjacent encoded-words is dropped. */
function decodeWords(value: string): string {
  const bytes = value
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_match, _charset: string, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('latin1')
        : qpBytes(data.replace(/_/g, ' ')),
    );
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function decodeBody(body: string, transferEncoding = '7bit'): string {
  const encoding = transferEncoding.toLowerCase();
  const bytes =
    encoding === 'quoted-printable'
      ? qpBytes(body.replace(/=\r\n/g, ''))
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('latin1')
        : body;
  return Buffer.from(bytes, 'latin1').toString('utf8').replace(/\r\n/g, '\n');
}

/** `=XX` escapes to the bytes they stand for, as a latin1 string. */
const qpBytes = (data: string) => data.replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
