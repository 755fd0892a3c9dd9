import { Link, useParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { Icon } from '../../../components/icon';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { isApiError } from '../../../lib/api-error';
import { errorMessage } from '../../../lib/error-messages';
import { formatPrice } from '../../../lib/format';
import { useSession } from '../../../lib/use-session';
import { useProduct, type ProductDetail } from '../api';
import { AgreementStar } from '../../../components/agreement-star';
import { GroupBreadcrumbs } from '../components/group-breadcrumbs';
import { NoMunicipalityNote } from '../components/no-municipality-note';
import { ProductTable } from '../components/product-table';
import { groupHref } from '../product-criteria';
import { groupTrail, priceKind, salesUnitText } from '../product-texts';

/**
 * A product (user guide p. 4): description, prices per sales unit and per piece, packaging, the star, datasheets,
 * and — as the guide's links at the top — the other sizes of the series, similar products and the group's page.
 */
export function ProductPage() {
  const { itemNumber = '' } = useParams();
  const product = useProduct(itemNumber);
  if (product.isPending) return <Spinner status="Henter produktet …" />;
  if (product.isError) {
    const missing = isApiError(product.error) && (product.error.status === 404 || product.error.status === 400);
    return (
      <>
        <PageHeading title="Produkt">{missing ? 'Produktet findes ikke' : 'Produkt'}</PageHeading>
        <Alert variant="error">{missing ? `Der er intet produkt med varenummeret ${itemNumber}.` : errorMessage(product.error)}</Alert>
        <p>
          <Link to="/produkter">Til produktsøgningen</Link>
        </p>
      </>
    );
  }
  return <Product product={product.data} />;
}

function Product({ product }: { product: ProductDetail }) {
  const withAgreement = Boolean(useSession()?.user.municipalityId);
  const groupName = groupTrail(product.group).at(-1)?.name ?? product.group;
  return (
    <>
      <GroupBreadcrumbs group={product.group} current={product.name} />
      <PageHeading title={product.name}>
        {product.name} {withAgreement && product.onAgreement && <AgreementStar />}
      </PageHeading>
      <ul className="nobullet-list product-links">
        {product.series.length > 0 && (
          <li>
            <a href="#serie">Andre størrelser i serien ({product.series.length})</a>
          </li>
        )}
        {product.similar.length > 0 && (
          <li>
            <a href="#lignende">Lignende produkter ({product.similar.length})</a>
          </li>
        )}
        <li>
          <Link to={groupHref(product.group)}>Produktgruppen {groupName}</Link>
        </li>
      </ul>
      {!withAgreement && <NoMunicipalityNote />}
      {product.discontinued && <Alert variant="warning" heading="Produktet er udgået">Det kan ikke bevilges eller bestilles længere.</Alert>}
      {product.description && <p className="font-lead">{product.description}</p>}
      <dl className="product-facts">
        <dt>Varenr.</dt>
        <dd>{product.itemNumber}</dd>
        <dt>Producent</dt>
        <dd>{product.manufacturer}</dd>
        <dt>Producentens referencenr.</dt>
        <dd>{product.manufacturerRef || '–'}</dd>
        <dt>Pakning</dt>
        <dd>{salesUnitText(product.salesUnit)}</dd>
        <dt>Pris pr. salgsenhed</dt>
        <dd>
          {formatPrice(product.pricePerSalesUnit)} ({priceKind(product.onAgreement)})
        </dd>
        <dt>Pris pr. stk.</dt>
        <dd>{formatPrice(product.pricePerPiece)}</dd>
        {product.onAgreement && (
          <>
            <dt>Listepris pr. salgsenhed</dt>
            <dd>{formatPrice(product.listPrice)}</dd>
          </>
        )}
        <dt>Produktgruppe</dt>
        <dd>
          <Link to={groupHref(product.group)}>{product.group.replaceAll('>', '›')}</Link>
        </dd>
      </dl>
      <Datasheets urls={product.datasheets} />
      {product.series.length > 0 && (
        <section aria-labelledby="serie" className="mt-7">
          <h2 id="serie" tabIndex={-1}>
            Andre størrelser i serien
          </h2>
          <ProductTable products={product.series} caption="Andre størrelser i serien" showStars={withAgreement} />
        </section>
      )}
      {product.similar.length > 0 && (
        <section aria-labelledby="lignende" className="mt-7">
          <h2 id="lignende" tabIndex={-1}>
            Lignende produkter
          </h2>
          <ProductTable products={product.similar} caption="Lignende produkter" showStars={withAgreement} />
        </section>
      )}
    </>
  );
}

/** The maker's datasheets (PDF), opened in a new tab: they are not part of e-bevilling. */
function Datasheets({ urls }: { urls: readonly string[] }) {
  return (
    <section aria-labelledby="datasheets" className="mt-5">
      <h2 id="datasheets" className="h3">
        Datablade
      </h2>
      {urls.length === 0 ? (
        <p>Der er ingen datablade til produktet.</p>
      ) : (
        <ul className="nobullet-list">
          {urls.map((url, index) => {
            const label = `Datablad${urls.length > 1 ? ` ${index + 1}` : ''} (pdf)`;
            return (
              <li key={url}>
                <a href={url} target="_blank" rel="noopener noreferrer" className="function-link" aria-label={`${label}, åbner i et nyt vindue`}>
                  <Icon name="file-pdf" />
                  {label}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
