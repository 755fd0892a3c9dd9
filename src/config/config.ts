import { isIP } from 'node:net';
import { z } from 'zod';
import { termsTextExists } from '../terms/terms.js';

/** The one schema over the environment (API.md "Running it"). The service refuses to start on bad config. */
const flag = z.enum(['0', '1']).optional().transform((value) => value === '1');
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** An address, a CIDR range, or one of proxy-addr's names for a range (what Fastify's `trustProxy` takes). */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyAddress = (entry: string): boolean => {
  if (PROXY_RANGES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
};

export const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** The address the HTTP server listens on: every interface by default, 127.0.0.1 behind a reverse proxy on the same machine. */
    HOST: z
      // A dotted number that is no IPv4 address (999.0.0.1) would pass as a host name and fail only at listen.
      .union([z.ipv4(), z.ipv6(), z.hostname().regex(/[^\d.]/)], { error: 'must be an IP address or a host name, e.g. 127.0.0.1' })
      .default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    EVENTSTORE_URL: z.string().regex(/^(esdb|kurrentdb|kdb)(\+discover)?:\/\//, 'must be an esdb:// connection string').optional(),
    MONGODB_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// connection string').optional(),
    SEED_DEMO: flag,
    DEMO_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    SESSION_IDLE_SECONDS: positiveInt(1200),
    SESSION_ABSOLUTE_SECONDS: positiveInt(28800),
    PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).default(90),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// URL').optional(),
    MAIL_DIR: z.string().min(1).optional(),
    /** The sender of the service's e-mail. */
    MAIL_FROM: z.string().min(3).default('e-bevilling <no-reply@e-bevilling.invalid>'),
    /** The portal's address: set-password links in e-mails point there. Default: this service on localhost. */
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** The built portal (index.html and its assets), served at `/`. Default: `web/` beside the compiled service (`dist/web`). */
    PORTAL_DIR: z.string().min(1).optional(),
    /**
     * The TLS-terminating proxies in front of the service, comma-separated (addresses, CIDR ranges, `loopback`,
     * `linklocal`, `uniquelocal`): their X-Forwarded-Proto (HSTS) and X-Forwarded-For (the client's address) count,
     * nobody else's. Unset: no proxy is trusted, and no request counts as TLS.
     */
    TRUST_PROXY: z
      .string()
      .transform((list) => list.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
      .pipe(z.array(z.string().refine(isProxyAddress, { error: (issue) => `${String(issue.input)} is not an address, a CIDR range or loopback/linklocal/uniquelocal` })).min(1))
      .optional(),
    /** Failed logins (and reset requests) from one address in 15 minutes before it is refused for the rest of them. */
    LOGIN_FAILURES_PER_SOURCE: positiveInt(50),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * The master key that wraps each data subject's key (crypto-shredding, README "Personal data"): 32 bytes in
     * base64. Unset: one is made and kept in the SQL database, beside the data keys it wraps (fine for a developer's
     * machine; in production it comes from outside the database, or a KMS takes its place).
     */
    PERSONAL_DATA_MASTER_KEY: z
      .string()
      .refine((encoded) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded) && Buffer.from(encoded, 'base64').length === 32, 'must be 32 bytes in base64')
      .optional(),
    /** Key for the keyed hashes (HMAC) that stand in for CPR numbers and usernames in stream names. */
    PSEUDONYM_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Terms and privacy policy version a login must accept. */
    TERMS_VERSION: z
      .string()
      .min(1)
      .default('2026-01')
      .refine(termsTextExists, { error: (issue) => `no terms text for version ${String(issue.input)} (src/terms/texts/<version>.md)` }),
    /** An order counted on the grant but not created within this time is abandoned and its units given back. */
    ORDER_ABANDON_AFTER_SECONDS: positiveInt(300),
    /**
     * Whole years after a citizen's removal (deceased, moved away) before the retention job erases their personal
     * data (README "Personal data"): 5 by default, the period the Bookkeeping Act keeps the accounts they belong to.
     */
    RETENTION_YEARS_AFTER_REMOVAL: z.coerce.number().int().min(0).max(100).default(5),
    /** Streams whose folded state the command path keeps in memory (least recently used goes first); 0 turns it off. */
    COMMAND_CACHE_STREAMS: z.coerce.number().int().min(0).default(10_000),
  })
  .superRefine((env, ctx) => {
    if (env.SEED_DEMO && !env.DEMO_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['DEMO_PASSWORD'], message: 'is required with SEED_DEMO=1 (at least 12 characters)' });
    }
    if (env.SMTP_URL && env.MAIL_DIR) {
      ctx.addIssue({ code: 'custom', path: ['MAIL_DIR'], message: 'set SMTP_URL or MAIL_DIR, not both' });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset: `FOO= npm start` should not fail on FOO.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

export const CONFIG = Symbol('Config');
