import { Link } from 'react-router';
import { formatPrice } from '../../../lib/format';
import type { ProductRow } from '../api';
import { productHref } from '../product-criteria';
import { priceKind, salesUnitText } from '../product-texts';
import { AgreementStar } from '../../../components/agreement-star';

/**
 * Products as the guide lists them: the star, the name (to the product page), item number, maker and reference,
 * the sales unit, and the price per sales unit and per piece. Without a municipality there are no stars to show.
 */
export function ProductTable({ products, caption, showStars }: { products: readonly ProductRow[]; caption: string; showStars: boolean }) {
  return (
    <div className="table--responsive-scroll">
      <table className="table table--zebra product-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {showStars && (
              <th scope="col">
                <span className="sr-only">Aftale</span>
              </th>
            )}
            <th scope="col">Produkt</th>
            <th scope="col">Varenr.</th>
            <th scope="col">Producent og ref.</th>
            <th scope="col">Salgsenhed</th>
            <th scope="col" className="align-text-right">
              Pris pr. salgsenhed
            </th>
            <th scope="col" className="align-text-right">
              Pris pr. stk.
            </th>
          </tr>
        </thead>
        <tbody>
          {products.map((product) => (
            <tr key={product.itemNumber}>
              {showStars && (
                <td>
                  {product.onAgreement ? <AgreementStar /> : <span className="sr-only">Ikke på aftale</span>}
                </td>
              )}
              <th scope="row">
                <Link to={productHref(product.itemNumber)}>{product.name}</Link>
              </th>
              <td>{product.itemNumber}</td>
              <td>
                {product.manufacturer}
                {product.manufacturerRef && <span className="d-block form-hint">{product.manufacturerRef}</span>}
              </td>
              <td>{salesUnitText(product.salesUnit)}</td>
              <td className="align-text-right">
                {formatPrice(product.pricePerSalesUnit)}
                <span className="d-block form-hint">{priceKind(product.onAgreement)}</span>
              </td>
              <td className="align-text-right">{formatPrice(product.pricePerPiece)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
