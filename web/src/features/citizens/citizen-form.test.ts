import { describe, expect, it } from '@jest/globals';
import { contactChanges, contactFieldsOf, contactProblems, registrationBody, registrationProblems, type RegistrationFields } from './citizen-form';

const record = { address: { street: 'Testvej 1', postalCode: '2100', city: 'København Ø' }, phone: '12345678', email: null };

const registration: RegistrationFields = {
  cpr: '010190-1234',
  webshopUsername: '0101901234',
  firstName: ' Åse ',
  lastName: 'Brødsgaard',
  street: 'Testvej 1',
  postalCode: '2100',
  city: 'København Ø',
  phone: '',
  email: '',
};

describe('Citizen forms ("Opret ny borger …", "Brugerdata")', () => {
  it('the red-star fields are required before anything is sent; phone and e-mail are not', () => {
    const problems = registrationProblems({ ...registration, cpr: ' ', firstName: '', lastName: '', street: '', postalCode: '', city: '' });
    expect(Object.entries(problems).filter(([, message]) => message).map(([field]) => field)).toEqual(['cpr', 'firstName', 'lastName', 'street', 'postalCode', 'city']);
    expect(Object.values(registrationProblems(registration)).filter(Boolean)).toEqual([]);
  });

  it('a postal code has 4 digits, and an e-mail address an @', () => {
    expect(contactProblems({ ...contactFieldsOf(record), postalCode: '210' }).postalCode).toBe('Postnummeret skal have 4 cifre.');
    expect(contactProblems({ ...contactFieldsOf(record), email: 'borger.example.dk' }).email).toContain('gyldig e-mailadresse');
    expect(contactProblems({ ...contactFieldsOf(record), email: 'borger@example.dk' }).email).toBeUndefined();
  });

  it('a registration sends trimmed values, empty optional fields as null, and the confirmation only when given', () => {
    expect(registrationBody(registration, false)).toEqual({
      cpr: '010190-1234',
      firstName: 'Åse',
      lastName: 'Brødsgaard',
      address: { street: 'Testvej 1', postalCode: '2100', city: 'København Ø' },
      phone: null,
      email: null,
      webshopUsername: '0101901234',
    });
    expect(registrationBody(registration, true)).toMatchObject({ confirmUnusualCpr: true });
  });

  it('saving contact details sends only what changed, and nothing when nothing did', () => {
    const fields = contactFieldsOf(record);
    expect(contactChanges(record, fields)).toBeNull();
    expect(contactChanges(record, { ...fields, phone: ' 87654321 ' })).toEqual({ phone: '87654321' });
    expect(contactChanges(record, { ...fields, phone: '' })).toEqual({ phone: null });
    expect(contactChanges(record, { ...fields, city: 'København N', postalCode: '2200' })).toEqual({
      address: { street: 'Testvej 1', postalCode: '2200', city: 'København N' },
    });
    expect(contactChanges(record, { ...fields, email: 'ny@example.dk' })).toEqual({ email: 'ny@example.dk' });
  });
});
