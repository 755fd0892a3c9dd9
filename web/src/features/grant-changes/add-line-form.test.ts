import { describe, expect, it } from '@jest/globals';
import { addLineBody, newAddLineForm, withProduct, type AddLineForm } from './add-line-form';
import type { ProductRow } from './api';

const product = (itemNumber: string, group: string): ProductRow => ({
  itemNumber,
  name: `Vare ${itemNumber}`,
  manufacturer: 'Skagen',
  manufacturerRef: `REF-${itemNumber}`,
  salesUnit: { name: 'æske', pieces: 20 },
  onAgreement: true,
  pricePerSalesUnit: 95800,
  pricePerPiece: 4790,
  listPrice: 108900,
  group,
  seriesId: null,
  discontinued: false,
});

describe('"Tilføj ny vare": the form and what "Tilføj bevillingsvare" sends', () => {
  const opened = newAddLineForm('2026-03-05');

  it('opens on a continuous line starting today, shown dd.mm.åååå, with no allowance', () => {
    expect(opened).toMatchObject({ product: null, grantArea: '', kind: 'continuous', startDate: '05.03.2026', endDate: '' });
  });

  it("a picked product brings its group's grant area when the user has that area, else leaves the choice to the user", () => {
    expect(withProduct(opened, product('202006', 'Stomi > Poser'), ['Stomi', 'Kateter']).grantArea).toBe('Stomi');
    expect(withProduct(opened, product('101006', 'Inkontinens > Bleer'), ['Stomi', 'Kateter']).grantArea).toBe('');
    expect(withProduct({ ...opened, grantArea: 'Kateter' }, product('101006', 'Inkontinens > Bleer'), ['Stomi', 'Kateter']).grantArea).toBe('Kateter');
  });

  it('sends the product, area, kind and dates as the API writes them, and the allowance when there is one', () => {
    const form: AddLineForm = { ...withProduct(opened, product('202006', 'Stomi > Poser'), ['Stomi']), kind: 'one_time', endDate: '31.12.2026' };
    expect(addLineBody(form)).toEqual({ body: { itemNumber: '202006', grantArea: 'Stomi', kind: 'one_time', startDate: '2026-03-05', endDate: '2026-12-31' } });
    const withMax = { ...form, kind: 'continuous' as const, allowance: { withMax: true, grantedMax: '4', periodMonths: 3 as const, salesUnitsPerOrder: '', rate: null } };
    expect(addLineBody(withMax)).toEqual({ body: { itemNumber: '202006', grantArea: 'Stomi', kind: 'continuous', startDate: '2026-03-05', allowance: { grantedMax: 4, periodMonths: 3 } } });
  });

  it('says what is missing, at each field, before anything is sent', () => {
    expect(addLineBody({ ...opened, kind: 'one_time', startDate: '31.02.2026' })).toEqual({
      errors: {
        product: 'Vælg et produkt i søgeresultatet.',
        grantArea: 'Vælg et bevillingsområde.',
        startDate: 'Skriv datoen som dd.mm.åååå, f.eks. 31.12.2026.',
        endDate: 'Angiv slutdatoen for engangsbevillingen.',
      },
    });
  });
});
