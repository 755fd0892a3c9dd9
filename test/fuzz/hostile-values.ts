/**
 * Values that broke, or could break, something between the HTTP parser and the database: what the outside fuzzer
 * sent (NUL, unpaired surrogates, deep nesting), and the usual suspects beside them.
 */

export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n\r',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83d',
  '\udc00\ud800',
  '\u202eevil\u202c',
  '\u200f\u05e9\u05dc\u05d5\u05dd',
  '🙂👨‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301'.repeat(300),
  '\ufeffBOM',
  'Æblegrød på Ærø',
  "' OR 1=1 --",
  "'); drop table events; --",
  '%',
  '_',
  '\\',
  '%_\\%',
  '$1',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e999',
  '__proto__',
  'constructor',
  'toString',
  'x'.repeat(10_001),
];

/** Field names that reach prototypes when code copies objects naively. */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

export const HOSTILE_NUMBERS: readonly number[] = [0, -1, -0, 0.5, 1.000001, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, Number.MIN_VALUE];

export const BAD_DATES: readonly string[] = [
  '2024-02-30',
  '2023-02-29',
  '2024-13-01',
  '2024-00-10',
  '0000-01-01',
  '9999-12-31',
  '1900-01-01',
  '2024-1-1',
  '20240101',
  '2024-01-01T00:00:00Z',
  '2024-01-01T25:61:00Z',
  '2024-01-01T00:00:00',
  '+275760-09-13T00:00:00Z',
  '1970-01-01T00:00:00.0000000001Z',
  '0001-01-01T00:00:00+23:59',
  'yesterday',
  '31-12-2024',
];

export const BAD_IDS: readonly string[] = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '0',
  '-1',
  '1e3',
  'a'.repeat(500),
  '999',
  '1000000000000000000000',
];

/** Path parameters written raw into the path: encodings the router and the decoders must survive. */
export const BAD_PATH_SEGMENTS: readonly string[] = ['%', '%zz', '%00', '%2F', '%2e%2e', '..', '.', '%C0%AE', '%ED%A0%80', '%F0%9F%99%82', 'a%20b', ';x=1', '*', '~'];

/** Idempotency-Key values a client can send (a header value cannot hold NUL, CR or LF), valid or not. */
export const BAD_IDEMPOTENCY_KEYS: readonly string[] = ['', ' ', 'a b', 'k'.repeat(201), 'k'.repeat(10_000), '\u00e6\u00f8\u00e5', '\t', '"quoted"', 'null'];

/**
 * Positions for consistentWith: well-formed but never handed out (the service waits up to 5 s, then 503:
 * being made a 400 elsewhere), malformed ones (400), and far-future ones.
 */
export const WELL_FORMED_FOREIGN_POSITIONS: readonly string[] = ['0', 'zzz', '99999999999999999999', '1:2:3', 'A'.repeat(100), '-1', '_'];
export const MALFORMED_POSITIONS: readonly string[] = ['', ' ', 'A'.repeat(101), '../', '1.5', 'æ', '%00', '{"a":1}'];

export const CONTENT_TYPES: readonly string[] = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'text/csv',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/vnd.api+json',
  'APPLICATION/JSON',
  'application/octet-stream',
  '*/*',
];
