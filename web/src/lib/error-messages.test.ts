import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api-error';
import { errorMessage, GENERIC_MESSAGE, passwordProblems } from './error-messages';
import { formErrorsFrom } from './form-errors';
import { shouldRetry } from './query-client';

const refusal = (status: number, code: string, details: Record<string, unknown> = {}) =>
  ApiError.fromResponse(new Response(null, { status }), { error: { code, message: 'English text for developers', details } });

describe('Every API error is shown in Danish (PORTAL.md), never as its code', () => {
  it('known codes have their Danish text', () => {
    expect(errorMessage(refusal(401, 'INVALID_CREDENTIALS'))).toBe('Brugernavn eller adgangskode er forkert.');
    expect(errorMessage(refusal(422, 'TOKEN_INVALID'))).toContain('Linket virker ikke længere');
    expect(errorMessage(refusal(409, 'ORDER_ALREADY_SHIPPED'))).toBe('Ordren er allerede afsendt og kan ikke annulleres.');
    expect(errorMessage(refusal(404, 'ORDER_NOT_FOUND'))).toBe('Ordren findes ikke, eller du har ikke adgang til den.');
  });

  it.each([
    'CPR_FORMAT',
    'CPR_DATE',
    'CPR_CHECKSUM_UNCONFIRMED',
    'CPR_ALREADY_REGISTERED',
    'CPR_REGISTERED_ELSEWHERE',
    'ADDRESS_OUTSIDE_MUNICIPALITY',
    'USERNAME_TAKEN',
    'EMAIL_MISSING',
    'CITIZEN_REMOVED',
    'NOT_FOUND',
  ])('the citizen pages\' refusal %s has a Danish text of its own', (code) => {
    const message = errorMessage(refusal(422, code));
    expect(message).not.toBe(GENERIC_MESSAGE);
    expect(message).not.toContain(code);
  });

  it('a CPR number registered elsewhere is told without anything about where', () => {
    expect(errorMessage(refusal(409, 'CPR_REGISTERED_ELSEWHERE'))).toBe('CPR-nummeret er registreret i en anden kommune. Kontakt kundeservice.');
  });

  it('a lockout says until when, in Copenhagen time; too many attempts say how long to wait', () => {
    expect(errorMessage(refusal(423, 'ACCOUNT_LOCKED', { lockedUntil: '2026-01-15T13:22:00Z' }))).toContain('Din konto er låst til 15.01.2026 kl. 14:22');
    expect(errorMessage(refusal(429, 'TOO_MANY_ATTEMPTS', { retryAfterSeconds: 900 }))).toContain('Vent 15 minutter');
    expect(errorMessage(refusal(429, 'TOO_MANY_ATTEMPTS', { retryAfterSeconds: 30 }))).toContain('Vent 1 minut,');
  });

  it('an unknown code, a body that is not the API\'s, a network failure or a thrown Error get a Danish text, not the code', () => {
    expect(errorMessage(refusal(409, 'SOMETHING_NEW'))).toBe(GENERIC_MESSAGE);
    expect(errorMessage(ApiError.fromResponse(new Response(null, { status: 502 }), '<html>Bad gateway</html>'))).toContain('Der opstod en fejl hos os');
    expect(errorMessage(ApiError.network())).toContain('ingen forbindelse');
    expect(errorMessage(new TypeError('x is undefined'))).toBe(GENERIC_MESSAGE);
  });

  it('validation problems go to the fields the form has, in Danish; the rest to the summary', () => {
    const error = refusal(400, 'VALIDATION_FAILED', {
      fields: [
        { path: 'body.username', code: 'too_small', message: 'Too small' },
        { path: 'body.somethingElse', code: 'invalid_type', message: 'x' },
      ],
    });
    expect(formErrorsFrom(error, ['username', 'password'])).toEqual({
      summary: [{ field: 'username', message: 'Feltet skal udfyldes.' }],
      fields: { username: 'Feltet skal udfyldes.' },
    });
    expect(formErrorsFrom(error, ['password'])).toEqual({ summary: [{ message: 'Der er fejl i de indtastede oplysninger. Ret dem, og prøv igen.' }], fields: {} });
  });

  it('an order refused by the caps says how many sales units are left and the next order date (DOMAIN §4.2)', () => {
    const details = { lineId: 'l', nextOrderDate: '2027-01-05' };
    expect(errorMessage(refusal(422, 'EXCEEDS_GRANTED_MAX', { ...details, remaining: 3 }))).toBe('Der er 3 salgsenheder tilbage i perioden; næste bestillingsdato er 05.01.2027.');
    expect(errorMessage(refusal(422, 'EXCEEDS_GRANTED_MAX', { ...details, remaining: 1 }))).toBe('Der er 1 salgsenhed tilbage i perioden; næste bestillingsdato er 05.01.2027.');
    expect(errorMessage(refusal(422, 'EXCEEDS_GRANTED_MAX', { ...details, remaining: 0 }))).toBe('Der er ingen salgsenheder tilbage i perioden; næste bestillingsdato er 05.01.2027.');
    expect(errorMessage(refusal(422, 'EXCEEDS_GRANTED_MAX', { lineId: 'l', remaining: 2, nextOrderDate: null }))).toBe('Der er 2 salgsenheder tilbage i perioden.');
    expect(errorMessage(refusal(422, 'EXCEEDS_PER_ORDER', { ...details, salesUnitsPerOrder: 3 }))).toBe('Der kan højst bestilles 3 salgsenheder pr. ordre.');
    expect(errorMessage(refusal(422, 'EXCEEDS_PER_ORDER', { ...details, salesUnitsPerOrder: null }))).toBe('Antal skal være et helt antal salgsenheder, mindst 1.');
    expect(errorMessage(refusal(422, 'LINE_NOT_STARTED', { lineId: 'l', nextOrderDate: '2026-12-15' }))).toBe('Bevillingen på varen begynder først 15.12.2026; den kan bestilles fra da.');
    for (const code of ['LINE_INACTIVE', 'LINE_EXPIRED']) expect(errorMessage(refusal(422, code))).toMatch(/kan ikke bestilles\.$/);
    expect(errorMessage(refusal(422, 'CITIZEN_NOT_ACTIVE'))).toMatch(/kan hverken bestilles eller ændres/);
  });

  it("the password policy's problems are listed in Danish", () => {
    const error = refusal(422, 'PASSWORD_POLICY', { problems: ['PASSWORD_TOO_SHORT', 'PASSWORD_CONTAINS_USERNAME', 'PASSWORD_UNHEARD_OF'] });
    expect(passwordProblems(error)).toEqual(['Adgangskoden skal være på mindst 12 tegn.', 'Adgangskoden må ikke indeholde dit brugernavn.']);
  });

  it('a read model that is behind is retried quietly, a lost connection a little, a refusal never', () => {
    expect(shouldRetry(0, refusal(503, 'READ_MODEL_BEHIND'))).toBe(true);
    expect(shouldRetry(4, refusal(503, 'READ_MODEL_BEHIND'))).toBe(true);
    expect(shouldRetry(5, refusal(503, 'READ_MODEL_BEHIND'))).toBe(false);
    expect(shouldRetry(1, ApiError.network())).toBe(true);
    expect(shouldRetry(0, refusal(403, 'FORBIDDEN'))).toBe(false);
    expect(shouldRetry(0, refusal(404, 'NOT_FOUND'))).toBe(false);
  });
});
