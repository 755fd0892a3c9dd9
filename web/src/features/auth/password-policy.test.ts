import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { checkPassword } from '../../../../src/identity/password-policy.js';
import { meetsPolicy, passwordRequirements } from './password-policy';

/** The list the portal ships: the service's common passwords of 12 characters or more (web/vite.config.ts). */
const longCommon = new Set(
  readFileSync(new URL('../../../../src/identity/common-passwords.txt', import.meta.url), 'utf8')
    .split(/\r?\n/)
    .filter((line) => [...line].length >= 12)
    .map((line) => line.toLowerCase()),
);

const CASES: Array<[string, string | undefined]> = [
  ['', undefined],
  ['kort', undefined],
  ['elleve tegn', undefined],
  ['tolv tegn ok', undefined],
  ['Scandinavian', undefined],
  ['UNBELIEVABLE', undefined],
  ['🔑'.repeat(11), undefined],
  ['🔑'.repeat(12), undefined],
  ['x'.repeat(128), undefined],
  ['x'.repeat(129), undefined],
  ['min-bestiller.kbh-kode', 'bestiller.kbh'],
  ['min-BESTILLER.KBH-kode', 'bestiller.kbh'],
  ['kim er et fint navn', 'kim'],
  ['grøn kaffe på tirsdage', 'sagsbehandler.kbh'],
];

describe("The portal's live password check agrees with the service's policy (src/identity/password-policy.ts)", () => {
  it.each(CASES)('%j (username %s): accepted by both or refused by both', (password, username) => {
    const portal = meetsPolicy(passwordRequirements(password, { commonPasswords: longCommon, username }));
    const service = checkPassword(password, { username }).length === 0;
    expect(portal).toBe(service);
  });

  it('the requirements are named in Danish, and the username one only shows when the username is known', () => {
    expect(passwordRequirements('x', { commonPasswords: longCommon }).map((requirement) => requirement.text)).toEqual([
      'Mindst 12 og højst 128 tegn',
      'Ikke en af de mest almindelige adgangskoder',
    ]);
    expect(passwordRequirements('x', { commonPasswords: longCommon, username: 'revisor' }).map((requirement) => requirement.key)).toEqual(['length', 'notCommon', 'notUsername']);
  });
});
