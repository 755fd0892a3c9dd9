import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ERASED } from '../../shared/personal-data.js';

/**
 * How an event's personal fields are kept in the log: taken out of the payload and put, encrypted together, in one
 * member `$personal` beside the rest (AES-256-GCM under the data subject's key). The member names the subject
 * and the paths it holds, so it opens without the event's current declaration (an upcaster may since have moved
 * the field); once the subject's key is gone, each of those paths reads as `slettet`.
 *
 * The authenticated data binds the ciphertext to the event type, the subject and the paths: a sealed member
 * copied onto another event or another subject does not open.
 */

export const SEALED_MEMBER = '$personal';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SealedMember {
  /** Format version. */
  readonly v: 1;
  /** The data subject whose key sealed it (`citizen:<id>`): ids only, never personal data. */
  readonly subject: string;
  /** Leaf paths of the sealed values, in the order of the plaintext array. */
  readonly paths: readonly string[];
  /** base64: IV. */
  readonly iv: string;
  /** base64: ciphertext followed by the GCM tag. */
  readonly sealed: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The sealed member of a stored payload, or undefined for a payload written in plaintext. */
export function sealedMemberOf(data: unknown): SealedMember | undefined {
  if (!isObject(data)) return undefined;
  const member = data[SEALED_MEMBER];
  return isObject(member) && member.v === 1 ? (member as unknown as SealedMember) : undefined;
}

/**
 * The payload with the values at `personalPaths` (and below) taken out and sealed. Null and absent values stay as
 * they are, where they are: that a phone number was removed is not personal. Returns the payload itself when
 * nothing personal is present.
 */
export function sealPersonalFields(type: string, data: unknown, personalPaths: readonly string[], subject: string, key: Buffer): unknown {
  if (!isObject(data)) return data;
  const leaves: [string, unknown][] = [];
  for (const path of personalPaths) collectLeaves(valueAt(data, path), path, leaves);
  if (leaves.length === 0) return data;

  const rest = structuredClone(data);
  const paths = leaves.map(([path]) => path);
  for (const path of paths) deleteAt(rest, path);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(associatedData(type, subject, paths));
  const plaintext = Buffer.from(JSON.stringify(leaves.map(([, value]) => value)), 'utf8');
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  const member: SealedMember = { v: 1, subject, paths, iv: iv.toString('base64'), sealed: sealed.toString('base64') };
  return { ...rest, [SEALED_MEMBER]: member };
}

/**
 * The payload with its sealed values back in place: decrypted with `key`, or `slettet` at every sealed path when the
 * key is null (the subject was erased). A ciphertext that fails authentication throws: it was tampered with.
 */
export function openPersonalFields(type: string, data: Json, member: SealedMember, key: Buffer | null): Json {
  const { [SEALED_MEMBER]: _sealed, ...opened } = structuredClone(data);
  const values = key ? decrypt(type, member, key) : member.paths.map(() => ERASED);
  member.paths.forEach((path, index) => setAt(opened, path, values[index]));
  return opened;
}

/**
 * The payload with `slettet` at every personal leaf present: what is written about a subject already erased (the
 * opening of their record, say). No personal data is kept about them again, and nothing needs their key.
 */
export function erasePersonalFields(data: unknown, personalPaths: readonly string[]): unknown {
  if (!isObject(data)) return data;
  const leaves: [string, unknown][] = [];
  for (const path of personalPaths) collectLeaves(valueAt(data, path), path, leaves);
  if (leaves.length === 0) return data;
  const erased = structuredClone(data);
  for (const [path] of leaves) setAt(erased, path, ERASED);
  return erased;
}

function decrypt(type: string, member: SealedMember, key: Buffer): unknown[] {
  const sealed = Buffer.from(member.sealed, 'base64');
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(member.iv, 'base64'));
  decipher.setAAD(associatedData(type, member.subject, member.paths));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const plaintext = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  return JSON.parse(plaintext.toString('utf8')) as unknown[];
}

const associatedData = (type: string, subject: string, paths: readonly string[]) => Buffer.from(`${type}\u0000${subject}\u0000${paths.join(',')}`, 'utf8');

/** Objects are walked to their leaves, so an erased address is an address whose every part reads `slettet`. */
function collectLeaves(value: unknown, path: string, into: [string, unknown][]): void {
  if (value === undefined || value === null) return;
  if (isObject(value)) {
    for (const [name, inner] of Object.entries(value)) collectLeaves(inner, `${path}.${name}`, into);
    return;
  }
  into.push([path, value]);
}

function valueAt(data: Json, path: string): unknown {
  let current: unknown = data;
  for (const name of path.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[name];
  }
  return current;
}

/** Removes one leaf; the objects around it stay (an address sealed whole is stored as `{}`). */
function deleteAt(data: Json, path: string): void {
  const names = path.split('.');
  const owner = names.length === 1 ? data : valueAt(data, names.slice(0, -1).join('.'));
  if (isObject(owner)) delete owner[names.at(-1)!];
}

function setAt(data: Json, path: string, value: unknown): void {
  const names = path.split('.');
  let current = data;
  for (const name of names.slice(0, -1)) {
    if (!isObject(current[name])) current[name] = {};
    current = current[name] as Json;
  }
  current[names.at(-1)!] = value;
}
