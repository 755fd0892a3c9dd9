import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api-error';
import { formErrorsFrom } from './form-errors';

const refusal = (status: number, code: string, details: Record<string, unknown> = {}) =>
  ApiError.fromResponse(new Response(null, { status }), { error: { code, message: 'English text for developers', details } });

describe('a refusal goes to the field it is about, in Danish', () => {
  const places = { codes: { END_DATE_REQUIRED: 'endDate', SALES_UNITS_PER_ORDER_INVALID: 'salesUnitsPerOrder' }, paths: { 'allowance.grantedMax': 'grantedMax' } };

  it("a domain rule's code named for a field puts its Danish text there and links to it from the summary", () => {
    expect(formErrorsFrom(refusal(422, 'END_DATE_REQUIRED'), ['endDate'], places)).toEqual({
      summary: [{ field: 'endDate', message: 'En engangsbevilling skal have en slutdato.' }],
      fields: { endDate: 'En engangsbevilling skal have en slutdato.' },
    });
  });

  it("the message may use the refusal's details: the per-order cap names the max it must stay within", () => {
    const errors = formErrorsFrom(refusal(422, 'SALES_UNITS_PER_ORDER_INVALID', { grantedMax: 4 }), ['salesUnitsPerOrder'], places);
    expect(errors.fields.salesUnitsPerOrder).toContain('et helt tal fra 1 til 4');
  });

  it('a validation path the form shows under another name goes to that field', () => {
    const error = refusal(400, 'VALIDATION_FAILED', { fields: [{ path: 'allowance.grantedMax', code: 'too_small', message: 'x' }] });
    expect(formErrorsFrom(error, ['grantedMax'], places).fields).toEqual({ grantedMax: 'Feltet skal udfyldes.' });
  });

  it('a code with no field of its own stays in the summary', () => {
    expect(formErrorsFrom(refusal(422, 'CITIZEN_NOT_ACTIVE'), ['endDate'], places)).toEqual({
      summary: [{ message: 'Borgeren er ikke aktiv, så der kan hverken bestilles eller ændres i bevillingen.' }],
      fields: {},
    });
  });
});

describe('a form whose fields have ids of their own (Opret ny borger, Kontaktoplysninger)', () => {
  const map = { codes: { ADDRESS_OUTSIDE_MUNICIPALITY: 'new-postalCode' }, paths: { 'address.postalCode': 'new-postalCode', firstName: 'new-firstName' } };
  const fields = Object.values(map.paths);

  it('a domain refusal about one field is shown at that field and in the summary, linking to it', () => {
    expect(formErrorsFrom(refusal(422, 'ADDRESS_OUTSIDE_MUNICIPALITY'), fields, map)).toEqual({
      summary: [{ field: 'new-postalCode', message: 'Postnummeret ligger uden for borgerens kommune.' }],
      fields: { 'new-postalCode': 'Postnummeret ligger uden for borgerens kommune.' },
    });
  });

  it('validation problems go to the fields by their API paths', () => {
    const error = refusal(400, 'VALIDATION_FAILED', { fields: [{ path: 'body.address.postalCode', code: 'invalid_format' }, { path: 'body.firstName', code: 'too_small' }] });
    expect(formErrorsFrom(error, fields, map)).toEqual({
      summary: [
        { field: 'new-postalCode', message: 'Værdien har ikke det rigtige format.' },
        { field: 'new-firstName', message: 'Feltet skal udfyldes.' },
      ],
      fields: { 'new-postalCode': 'Værdien har ikke det rigtige format.', 'new-firstName': 'Feltet skal udfyldes.' },
    });
  });

  it('anything else is told in the summary alone', () => {
    expect(formErrorsFrom(refusal(409, 'CONCURRENT_MODIFICATION'), fields, map)).toEqual({
      summary: [{ message: 'Andre ændrede de samme oplysninger samtidig, så intet blev gemt. Prøv igen.' }],
      fields: {},
    });
  });
});
