import type { FormEvent } from 'react';
import { SelectField } from '../../../components/select-field';
import { TextField } from '../../../components/text-field';
import type { ProductGroup } from '../api';
import type { ProductCriteria } from '../product-criteria';

/**
 * The product search (user guide p. 4): all products or the agreement assortment only, part of an item number,
 * the maker's reference or free text, and a product group. A caller without a municipality has no assortment to
 * narrow to, so is not offered one.
 */
export function ProductSearchForm({ criteria, groups, withAgreement, onSearch }: {
  criteria: ProductCriteria;
  groups: readonly ProductGroup[];
  withAgreement: boolean;
  onSearch: (criteria: ProductCriteria) => void;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    onSearch({ q: text('q'), group: text('group'), agreementOnly: withAgreement && form.get('assortment') === 'agreement', page: 1 });
  };

  // A new address (the header's search, a group link) shows its own criteria: the fields start over (the button
  // stays, and with it the focus of whoever pressed it).
  const key = `${criteria.q ?? ''}|${criteria.group ?? ''}|${criteria.agreementOnly}`;
  return (
    <form onSubmit={submit} noValidate aria-label="Søg produkter">
      {withAgreement && (
        <fieldset className="form-group" key={`assortment-${key}`}>
          <legend className="form-label">Søg blandt</legend>
          <div className="form-group-radio">
            <input type="radio" className="form-radio" id="assortment-all" name="assortment" value="all" defaultChecked={!criteria.agreementOnly} />
            <label htmlFor="assortment-all">Alle produkter</label>
          </div>
          <div className="form-group-radio">
            <input type="radio" className="form-radio" id="assortment-agreement" name="assortment" value="agreement" defaultChecked={criteria.agreementOnly} />
            <label htmlFor="assortment-agreement">Kun aftalesortiment</label>
          </div>
        </fieldset>
      )}
      <div className="row" key={`fields-${key}-${groups.length}`}>
        <div className="col-12 col-md-6">
          <TextField id="q" label="Søg produkter" hint="Del af varenummer, producentens referencenummer eller fritekst." type="search" defaultValue={criteria.q} />
        </div>
        <div className="col-12 col-md-6">
          <SelectField id="group" label="Produktgruppe" defaultValue={criteria.group ?? ''}>
            <option value="">Alle produktgrupper</option>
            {groups.map((group) => (
              <option key={group.group} value={group.group}>
                {group.parent ? `${group.parent} › ${group.name}` : group.name}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      <button type="submit" className="button button-primary">
        Søg
      </button>
    </form>
  );
}
