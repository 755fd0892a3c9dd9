import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../shared/domain-error.js';

/**
 * The password policy (DOMAIN §6; OWASP ASVS 5.0 level 2, chapter 6 "Authentication"):
 * - 12 to 128 characters, counted in Unicode code points (an emoji is one character, not two UTF-16 units);
 * - any characters, spaces and Unicode included, and no composition rules; the password is never trimmed,
 *   normalized or truncated;
 * - none of the 10,000 most common passwords (`common-passwords.txt`, see `common-passwords.md`), compared
 *   case-insensitively;
 * - not containing the username (case-insensitively), for usernames of 4 characters or more.
 * Problems are reported by code; no message carries the password or the username.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
/** Shorter usernames ("ole", "kim") would refuse too many good passwords by accident. */
export const USERNAME_MIN_LENGTH_CHECKED = 4;

export type PasswordProblemCode =
  | 'PASSWORD_TOO_SHORT'
  | 'PASSWORD_TOO_LONG'
  | 'PASSWORD_TOO_COMMON'
  | 'PASSWORD_CONTAINS_USERNAME';

export interface PasswordProblem {
  readonly code: PasswordProblemCode;
  readonly message: string;
}

/** Who the password is for. Only `username` is checked for now; `name` and `email` are accepted for callers. */
export interface PasswordContext {
  readonly username?: string;
  readonly name?: string;
  readonly email?: string;
}

const COMMON_PASSWORDS_URL = new URL('./common-passwords.txt', import.meta.url);
/** A list much shorter than this is a broken file (empty, truncated, an LFS pointer), not a policy. */
const COMMON_PASSWORDS_MINIMUM = 1_000;

let commonPasswords: ReadonlySet<string> | undefined;

/** One entry per line, lower-cased; blank lines and CR line ends are ignored, nothing else is changed. */
export const parseCommonPasswords = (text: string): ReadonlySet<string> =>
  new Set(
    text
      .split(/\r?\n/)
      .filter((line) => line !== '')
      .map((line) => line.toLowerCase()),
  );

/** The common-password list, read from the file next to this module on first use and kept. */
export const commonPasswordList = (): ReadonlySet<string> => {
  if (commonPasswords === undefined) {
    const path = fileURLToPath(COMMON_PASSWORDS_URL);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`The common-password list ${path} cannot be read; the build must copy it next to password-policy.js`, {
        cause: error,
      });
    }
    const list = parseCommonPasswords(text);
    if (list.size < COMMON_PASSWORDS_MINIMUM) {
      throw new Error(`The common-password list ${path} has ${list.size} entries; expected at least ${COMMON_PASSWORDS_MINIMUM}`);
    }
    commonPasswords = list;
  }
  return commonPasswords;
};

/** Code points in `text`, counting no further than `limit + 1` (enough to tell "too long" without walking a huge input). */
const codePointsUpTo = (text: string, limit: number): number => {
  let count = 0;
  for (const _ of text) {
    count += 1;
    if (count > limit) break;
  }
  return count;
};

const MESSAGES: Record<PasswordProblemCode, string> = {
  PASSWORD_TOO_SHORT: `The password must be at least ${PASSWORD_MIN_LENGTH} characters long`,
  PASSWORD_TOO_LONG: `The password must be at most ${PASSWORD_MAX_LENGTH} characters long`,
  PASSWORD_TOO_COMMON: 'The password is one of the most commonly used passwords',
  PASSWORD_CONTAINS_USERNAME: 'The password must not contain the username',
};

const problem = (code: PasswordProblemCode): PasswordProblem => ({ code, message: MESSAGES[code] });

/** Every way `password` breaks the policy; none means it is acceptable. Reads the list once, otherwise pure. */
export const checkPassword = (password: string, context: PasswordContext = {}): PasswordProblem[] => {
  const problems: PasswordProblem[] = [];
  const length = codePointsUpTo(password, PASSWORD_MAX_LENGTH);
  if (length < PASSWORD_MIN_LENGTH) problems.push(problem('PASSWORD_TOO_SHORT'));
  if (length > PASSWORD_MAX_LENGTH) problems.push(problem('PASSWORD_TOO_LONG'));

  const lowered = password.toLowerCase();
  if (commonPasswordList().has(lowered)) problems.push(problem('PASSWORD_TOO_COMMON'));

  const username = context.username?.toLowerCase();
  if (username !== undefined && codePointsUpTo(username, USERNAME_MIN_LENGTH_CHECKED) >= USERNAME_MIN_LENGTH_CHECKED && lowered.includes(username)) {
    problems.push(problem('PASSWORD_CONTAINS_USERNAME'));
  }
  return problems;
};

/** Throws 422 `PASSWORD_POLICY` with `details.problems` (the codes) when the password breaks the policy. */
export const assertPasswordAcceptable = (password: string, context: PasswordContext = {}): void => {
  const problems = checkPassword(password, context);
  if (problems.length === 0) return;
  throw new DomainError(
    'unprocessable',
    'PASSWORD_POLICY',
    `The password does not meet the password policy: ${problems.map((p) => p.message).join('; ')}`,
    { problems: problems.map((p) => p.code) },
  );
};
