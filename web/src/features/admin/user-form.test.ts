import { describe, expect, it } from '@jest/globals';
import { accountStatus, changeBody, changeProblems, EMPTY_USER, fieldsOfUser, userBody, userProblems } from './user-form';

const NURSE = { username: 'nina.ny', name: 'Nina Ny', email: 'nina@kommune.dk', role: 'nurse', municipalityId: '101', grantAreas: ['Stomi'] };

describe('"Opret ny bruger"', () => {
  it('asks for every required field of an empty form, in Danish', () => {
    expect(userProblems(EMPTY_USER)).toEqual({ username: 'Udfyld brugernavn.', name: 'Udfyld navn.', email: 'Udfyld e-mail.', role: 'Vælg en rolle.' });
  });

  it('asks a municipal role for a municipality of 3 digits and at least one grant area', () => {
    expect(userProblems(NURSE)).toEqual({});
    expect(userProblems({ ...NURSE, municipalityId: '', grantAreas: [] })).toEqual({ municipalityId: 'Udfyld kommunenummer.', grantAreas: 'Vælg mindst ét bevillingsområde.' });
    expect(userProblems({ ...NURSE, municipalityId: '10' }).municipalityId).toBe('Kommunenummeret er 3 cifre, fx 101.');
  });

  it('refuses a bad username and e-mail before sending', () => {
    expect(userProblems({ ...NURSE, username: 'ab' }).username).toMatch(/mindst 3/);
    expect(userProblems({ ...NURSE, username: 'nina ny' }).username).toMatch(/kun indeholde/);
    expect(userProblems({ ...NURSE, email: 'nina.kommune.dk' }).email).toMatch(/gyldig/);
  });

  it('sends a municipality and areas for a municipal role only', () => {
    expect(userBody({ ...NURSE, username: ' nina.ny ' })).toEqual({ ...NURSE, username: 'nina.ny' });
    expect(userBody({ ...NURSE, role: 'auditor' })).toMatchObject({ role: 'auditor', municipalityId: null, grantAreas: [] });
    expect(userProblems({ ...NURSE, role: 'auditor', municipalityId: '', grantAreas: [] })).toEqual({});
  });

  it('names an account\'s status', () => {
    const time = (iso: string) => iso.slice(11, 16);
    expect(accountStatus({ disabled: false, lockedUntil: null }, time)).toBe('Aktiv');
    expect(accountStatus({ disabled: false, lockedUntil: '2026-12-06T10:15:00Z' }, time)).toBe('Låst til 10:15');
    expect(accountStatus({ disabled: true, lockedUntil: '2026-12-06T10:15:00Z' }, time)).toBe('Deaktiveret');
  });
});

describe('"Redigér bruger": the fields of an account, what is checked and the PATCH body', () => {
  const account = { username: 'sara.kbh', name: 'Sara', email: 'sara@kbh.dk', role: 'caseworker', municipalityId: '101', grantAreas: ['Stomi'] };

  it('starts from the account; a role without a municipality shows an empty number', () => {
    expect(fieldsOfUser(account)).toEqual({ ...account });
    expect(fieldsOfUser({ ...account, role: 'auditor', municipalityId: null, grantAreas: [] }).municipalityId).toBe('');
  });

  it('checks what "Opret ny bruger" checks, but not the username', () => {
    expect(changeProblems({ ...fieldsOfUser(account), username: '' })).toEqual({});
    expect(changeProblems({ ...fieldsOfUser(account), name: ' ', grantAreas: [] })).toEqual({ name: 'Udfyld navn.', grantAreas: 'Vælg mindst ét bevillingsområde.' });
  });

  it('sends no username; a role outside the municipalities sends no municipality or areas', () => {
    expect(changeBody(fieldsOfUser(account))).toEqual({ name: 'Sara', email: 'sara@kbh.dk', role: 'caseworker', municipalityId: '101', grantAreas: ['Stomi'] });
    expect(changeBody({ ...fieldsOfUser(account), role: 'customer_service' })).toEqual({ name: 'Sara', email: 'sara@kbh.dk', role: 'customer_service', municipalityId: null, grantAreas: [] });
  });
});
