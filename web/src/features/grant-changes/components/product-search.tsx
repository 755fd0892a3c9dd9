import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/alert';
import { AgreementStar } from '../../../components/agreement-star';
import { RadioGroup } from '../../../components/radio-group';
import { Spinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { errorMessage } from '../../../lib/error-messages';
import { formatNumber, formatPrice } from '../../../lib/format';
import { useProductSearch, type ProductCriteria, type ProductRow } from '../api';

const PAGE = 10;

/** What the grant already holds of an item: shown beside a search result. */
export type OnGrant = 'active' | 'inactive';

/**
 * "Søg produkter" + "Søg" (user guide p. 5): name, item number or the manufacturer's reference; all products or
 * the agreement assortment only, with a way to widen the search; results with the star and prices per sales unit
 * and per piece. A product is picked by its name, the green link.
 */
export function ProductSearch({ onSelect, onGrant }: { onSelect: (product: ProductRow) => void; onGrant: (itemNumber: string) => OnGrant | undefined }) {
  const [text, setText] = useState('');
  const [agreementOnly, setAgreementOnly] = useState(false);
  const [criteria, setCriteria] = useState<ProductCriteria | null>(null);
  const search = useProductSearch(criteria);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCriteria({ q: text.trim(), agreementOnly, pageSize: PAGE });
  };
  const changeScope = (only: boolean) => {
    setAgreementOnly(only);
    if (criteria) setCriteria({ ...criteria, agreementOnly: only, pageSize: PAGE });
  };

  return (
    <div className="product-search">
      <form role="search" aria-label="Produktsøgning" onSubmit={submit} noValidate>
        <RadioGroup<'all' | 'agreement'>
          id="assortment"
          legend="Søg blandt"
          value={agreementOnly ? 'agreement' : 'all'}
          onChange={(value) => changeScope(value === 'agreement')}
          options={[
            { value: 'all', label: 'Alle produkter' },
            { value: 'agreement', label: 'Kun aftalesortiment' },
          ]}
        />
        <div className="search-row">
          <TextField
            id="productQuery"
            label="Søg produkter"
            hint="Varenavn, varenummer eller producentens referencenummer."
            type="search"
            autoComplete="off"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="button button-primary">
            Søg
          </button>
        </div>
      </form>
      {criteria && <Results search={search} criteria={criteria} onSelect={onSelect} onGrant={onGrant} onMore={() => setCriteria({ ...criteria, pageSize: criteria.pageSize + PAGE })} onWiden={() => changeScope(false)} />}
    </div>
  );
}

function Results({ search, criteria, onSelect, onGrant, onMore, onWiden }: {
  search: ReturnType<typeof useProductSearch>;
  criteria: ProductCriteria;
  onSelect: (product: ProductRow) => void;
  onGrant: (itemNumber: string) => OnGrant | undefined;
  onMore: () => void;
  onWiden: () => void;
}) {
  if (search.isPending) return <Spinner status="Søger …" />;
  if (search.isError) return <Alert variant="error">{errorMessage(search.error)}</Alert>;
  const { items, total } = search.data;
  const widen = criteria.agreementOnly && (
    <button type="button" className="button button-secondary" onClick={onWiden}>
      Udvid søgningen til alle produkter
    </button>
  );
  return (
    <div className="product-results">
      <p role="status" className="result-count">
        {total === 0
          ? `Ingen produkter fundet${criteria.q ? ` for "${criteria.q}"` : ''}${criteria.agreementOnly ? ' i aftalesortimentet' : ''}.`
          : `Viser ${formatNumber(items.length)} af ${formatNumber(total)} produkter${criteria.agreementOnly ? ' i aftalesortimentet' : ''}.`}
      </p>
      {items.length > 0 && (
        <div className="table--responsive-scroll">
          <table className="table table--compact">
            <caption className="sr-only">Søgeresultat: vælg et produkt ved at klikke på navnet</caption>
            <thead>
              <tr>
                <th scope="col">Produkt</th>
                <th scope="col" className="align-text-right">
                  Pris pr. salgsenhed
                </th>
                <th scope="col" className="align-text-right">
                  Pris pr. stk.
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((product) => (
                <ProductResult key={product.itemNumber} product={product} onGrant={onGrant(product.itemNumber)} onSelect={onSelect} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="button-row-inline">
        {total > items.length && (
          <button type="button" className="button button-secondary" onClick={onMore} disabled={search.isFetching}>
            Vis flere produkter
          </button>
        )}
        {widen}
      </div>
    </div>
  );
}

function ProductResult({ product, onGrant, onSelect }: { product: ProductRow; onGrant: OnGrant | undefined; onSelect: (product: ProductRow) => void }) {
  return (
    <tr>
      <td>
        <button type="button" className="function-link link-accept" onClick={() => onSelect(product)}>
          {product.name}
        </button>{' '}
        {product.onAgreement && <AgreementStar />}
        {onGrant === 'active' && <span className="badge badge-info">Bevilget</span>}
        {onGrant === 'inactive' && <span className="badge">På inaktiv-listen</span>}
        <br />
        <span className="form-hint">
          Varenr. {product.itemNumber} · Ref. {product.manufacturerRef} · {product.manufacturer}
        </span>
      </td>
      <td className="align-text-right">
        {formatPrice(product.pricePerSalesUnit)}
        <br />
        <span className="form-hint">pr. {product.salesUnit.name} à {formatNumber(product.salesUnit.pieces)} stk.</span>
      </td>
      <td className="align-text-right">{formatPrice(product.pricePerPiece)}</td>
    </tr>
  );
}
