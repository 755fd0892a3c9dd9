import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  assertPasswordAcceptable,
  checkPassword,
  commonPasswordList,
  parseCommonPasswords,
  type PasswordProblemCode,
} from '../../src/identity/password-policy.js';
import { DomainError } from '../../src/shared/domain-error.js';

const codes = (password: string, context?: Parameters<typeof checkPassword>[1]): PasswordProblemCode[] =>
  checkPassword(password, context).map((p) => p.code);

const listFile = readFileSync(new URL('../../src/identity/common-passwords.txt', import.meta.url), 'utf8');
const listLines = listFile.split('\n').filter((line) => line !== '');
/** The published entries long enough to pass the length rule: only these can make a 12+ password "common". */
const longEntries = listLines.filter((line) => [...line].length >= 12 && [...line].length <= 128);

const caught = (fn: () => void): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('Password length (DOMAIN §6, ASVS 5.0 ch. 6: 12 to 128 characters, counted in code points)', () => {
  it('11 characters are too short, 12 are enough', () => {
    expect(codes('zq7!vm2#kp4x')).toEqual([]);
    expect(codes('zq7!vm2#kp4')).toEqual(['PASSWORD_TOO_SHORT']);
  });

  it('128 characters are accepted, 129 are too long', () => {
    const base = 'Tx9 ve!qL'.repeat(15); // 135 characters
    expect(codes(base.slice(0, 128))).toEqual([]);
    expect(codes(base.slice(0, 129))).toEqual(['PASSWORD_TOO_LONG']);
  });

  it('counts code points, not UTF-16 units: 11 emoji are 22 units and still too short, 12 are enough', () => {
    const eleven = '🔒🦄🌊🍀🎲🚲🧭🪁🐙🌵🎻';
    expect(eleven.length).toBe(22);
    expect(codes(eleven)).toEqual(['PASSWORD_TOO_SHORT']);
    expect(codes(`${eleven}🦔`)).toEqual([]);
  });

  it('counts code points at the upper bound too: 128 emoji (256 units) pass, 129 do not', () => {
    const emoji = '🔒🦄🌊🍀🎲🚲🧭🪁🐙🌵🎻🦔🍄🧩🎈🪐';
    const many = emoji.repeat(8); // 128 code points
    expect(many.length).toBe(256);
    expect(codes(many)).toEqual([]);
    expect(codes(`${many}x`)).toEqual(['PASSWORD_TOO_LONG']);
  });

  it('accepts spaces, Danish and other Unicode as they are, without trimming', () => {
    expect(codes('   æøå ÆØÅ   ')).toEqual([]); // 13 characters, three of them leading spaces
    expect(codes('  kort  ord  ')).toEqual([]); // 13 with the spaces; trimmed it would be 9
    expect(codes('     abc     ')).toEqual([]);
    expect(codes('日本語のパスワードです')).toEqual(['PASSWORD_TOO_SHORT']); // 11
    expect(codes('日本語のパスワードですね')).toEqual([]); // 12
  });

  it('a very long password is refused without trouble', () => {
    expect(codes('x'.repeat(1_000_000) + 'y')).toEqual(['PASSWORD_TOO_LONG']);
  });
});

describe('Common passwords (ASVS 5.0 ch. 6: refuse the 10,000 most common)', () => {
  it('the shipped list has the 10,000 published entries and is loaded once', () => {
    expect(listLines.length).toBeGreaterThanOrEqual(9_000);
    expect(commonPasswordList().size).toBe(new Set(listLines.map((l) => l.toLowerCase())).size);
    expect(commonPasswordList().size).toBe(10_000);
    expect(commonPasswordList()).toBe(commonPasswordList());
    expect(commonPasswordList().has('password')).toBe(true);
  });

  it('the list has real entries of 12 characters or more, and those are refused', () => {
    expect(longEntries.length).toBeGreaterThanOrEqual(5);
    expect(longEntries).toEqual(expect.arrayContaining(['unbelievable', 'scandinavian', 'films+pic+galeries']));
    for (const entry of longEntries) expect(codes(entry)).toEqual(['PASSWORD_TOO_COMMON']);
  });

  it('the comparison ignores case', () => {
    expect(codes('Unbelievable')).toEqual(['PASSWORD_TOO_COMMON']);
    expect(codes('SCANDINAVIAN')).toEqual(['PASSWORD_TOO_COMMON']);
    expect(codes('Films+Pic+Galeries')).toEqual(['PASSWORD_TOO_COMMON']);
  });

  it('a short common password padded to 12 or more is not common unless the padded form is on the list', () => {
    for (const padded of ['password1234', 'passwordpassword', 'qwertyuiopasdfgh', '1234567890ab', 'qwertyuiop12']) {
      expect(commonPasswordList().has(padded)).toBe(false);
      expect(codes(padded)).toEqual([]);
    }
  });

  it('the whole password is compared, not a trimmed form', () => {
    expect(codes(' unbelievable')).toEqual([]);
    expect(codes('unbelievable ')).toEqual([]);
  });

  it('a short common password is both too short and too common', () => {
    expect(codes('password')).toEqual(['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_COMMON']);
    expect(codes('Dragon')).toEqual(['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_COMMON']);
  });

  it('the parser takes one entry a line, lower-cased, ignoring CR line ends and blank lines', () => {
    expect([...parseCommonPasswords('Password\r\n123456\n\n with space \n')]).toEqual(['password', '123456', ' with space ']);
  });
});

describe('Username in the password (ASVS 5.0 ch. 6: context-specific words)', () => {
  it('a password containing the username is refused, whatever the case', () => {
    expect(codes('xx-Sagsbehandler.KBH-2026', { username: 'sagsbehandler.kbh' })).toEqual(['PASSWORD_CONTAINS_USERNAME']);
    expect(codes('mit kodeord er revisor!', { username: 'Revisor' })).toEqual(['PASSWORD_CONTAINS_USERNAME']);
  });

  it('usernames shorter than 4 characters are not checked', () => {
    expect(codes('ole-og-kim-har-fri', { username: 'ole' })).toEqual([]);
    expect(codes('ole-og-kim-har-fri', { username: 'kim' })).toEqual([]);
  });

  it('a password without the username, or no username given, is fine', () => {
    expect(codes('lange grønne bakker', { username: 'sagsbehandler.kbh' })).toEqual([]);
    expect(codes('lange grønne bakker', { name: 'Signe', email: 'signe@example.invalid' })).toEqual([]);
    expect(codes('lange grønne bakker')).toEqual([]);
  });
});

describe('assertPasswordAcceptable', () => {
  it('returns quietly for an acceptable password', () => {
    expect(() => assertPasswordAcceptable('lange grønne bakker', { username: 'admin' })).not.toThrow();
  });

  it('throws 422 PASSWORD_POLICY with every problem code', () => {
    const error = caught(() => assertPasswordAcceptable('admin', { username: 'admin' }));
    expect(error.kind).toBe('unprocessable');
    expect(error.code).toBe('PASSWORD_POLICY');
    expect(error.details).toEqual({ problems: ['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_COMMON', 'PASSWORD_CONTAINS_USERNAME'] });
  });

  it('never puts the password (or the username) in the message or details', () => {
    const cases: [string, string][] = [
      ['Unbelievable', 'nobody'],
      ['kort', 'nobody'],
      ['my-secret-name-sygeplejerske.kbh', 'sygeplejerske.kbh'],
      ['Ω'.repeat(129), 'nobody'],
    ];
    for (const [password, username] of cases) {
      const error = caught(() => assertPasswordAcceptable(password, { username }));
      const said = `${error.message} ${JSON.stringify(error.details)}`.toLowerCase();
      expect(said).not.toContain(password.toLowerCase());
      expect(said).not.toContain(username);
      for (const problem of checkPassword(password, { username })) expect(problem.message.toLowerCase()).not.toContain(password.toLowerCase());
    }
  });
});
