import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api-error';
import { refusalErrors } from './form-errors';

const refusal = (status: number, code: string, details: Record<string, unknown> = {}) =>
  ApiError.fromResponse(new Response(null, { status }), { error: { code, message: 'English text for developers', details } });

const map = { codes: { ADDRESS_OUTSIDE_MUNICIPALITY: 'new-postalCode' }, paths: { 'address.postalCode': 'new-postalCode', firstName: 'new-firstName' } };

describe('A refusal lands at the field it concerns, in Danish', () => {
  it('a domain refusal about one field is shown at that field and in the summary, linking to it', () => {
    expect(refusalErrors(refusal(422, 'ADDRESS_OUTSIDE_MUNICIPALITY'), map)).toEqual({
      summary: [{ field: 'new-postalCode', message: 'Postnummeret ligger uden for borgerens kommune.' }],
      fields: { 'new-postalCode': 'Postnummeret ligger uden for borgerens kommune.' },
    });
  });

  it('validation problems go to the fields by their API paths', () => {
    const error = refusal(400, 'VALIDATION_FAILED', { fields: [{ path: 'body.address.postalCode', code: 'invalid_format' }, { path: 'body.firstName', code: 'too_small' }] });
    expect(refusalErrors(error, map)).toEqual({
      summary: [
        { field: 'new-postalCode', message: 'Værdien har ikke det rigtige format.' },
        { field: 'new-firstName', message: 'Feltet skal udfyldes.' },
      ],
      fields: { 'new-postalCode': 'Værdien har ikke det rigtige format.', 'new-firstName': 'Feltet skal udfyldes.' },
    });
  });

  it('anything else is told in the summary alone', () => {
    expect(refusalErrors(refusal(409, 'CONCURRENT_MODIFICATION'), map)).toEqual({
      summary: [{ message: 'Andre ændrede de samme oplysninger samtidig, så intet blev gemt. Prøv igen.' }],
      fields: {},
    });
  });
});
