import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs. Personal data never reaches a log line: known secret fields are redacted by path,
 * and every string is scrubbed of anything shaped like a CPR number (6 digits, optional hyphen/space, 4 digits)
 * or a bearer token, whatever field it hides in.
 */
const CPR_SHAPED = /(?<!\d)\d{6}[-\s]?\d{4}(?!\d)/g;
const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]+/gi;

export const scrub = (text: string): string => text.replace(CPR_SHAPED, '[CPR]').replace(BEARER, 'Bearer [TOKEN]');

const scrubDeep = (value: unknown, depth = 0): unknown => {
  if (typeof value === 'string') return scrub(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: scrub(value.message), stack: value.stack && scrub(value.stack) };
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item, depth + 1)]));
};

const REDACTED_PATHS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'cpr',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.cpr',
  'headers.authorization',
  'req.headers.authorization',
];

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'egrants' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      formatters: { log: (object) => scrubDeep(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}

