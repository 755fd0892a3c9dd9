import { describe, expect, it } from '@jest/globals';
import { EMPTY_MUNICIPALITY, fieldsOf, municipalityBody, municipalityProblems } from './municipality-form';

describe('"Kommuner"', () => {
  it('asks for a name, postal codes of 4 digits and a grant area', () => {
    expect(municipalityProblems(EMPTY_MUNICIPALITY)).toEqual({
      name: 'Udfyld kommunens navn.',
      postalCodes: 'Skriv mindst ét postnummer.',
      grantAreas: 'Skriv mindst ét bevillingsområde.',
    });
    expect(municipalityProblems({ name: 'Odense', postalCodes: '5000, 500, 5OOO', grantAreas: 'Stomi' }).postalCodes).toBe('Et postnummer er 4 cifre: 500, 5OOO er ikke.');
  });
  it('reads postal codes separated by commas, spaces or lines, and one area a line', () => {
    expect(municipalityBody({ name: ' Odense ', postalCodes: '5000, 5200\n5210 5000', grantAreas: 'Stomi\n\n Kateter \n' })).toEqual({
      name: 'Odense',
      postalCodes: ['5000', '5200', '5210'],
      grantAreas: ['Stomi', 'Kateter'],
    });
  });
  it('shows a municipality as the form holds it', () => {
    expect(fieldsOf({ name: 'Odense', postalCodes: ['5000', '5200'], grantAreas: ['Stomi', 'Kateter'] })).toEqual({ name: 'Odense', postalCodes: '5000, 5200', grantAreas: 'Stomi\nKateter' });
  });
});
