import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../../components/alert';
import { BackLink } from '../../../components/back-link';
import { Modal } from '../../../components/modal';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { TextareaField } from '../../../components/textarea-field';
import { isApiError } from '../../../lib/api-error';
import { errorMessage } from '../../../lib/error-messages';
import { useProductByItemNumber, useSetDiscontinued, type AdminProduct } from '../api';
import { ADMIN_PATH } from '../paths';

const TITLE = 'Udgåede varer';
const ITEM_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/**
 * "Udgåede varer": a product found by its item number is marked as discontinued ("udgået": it leaves the search
 * and is not granted anew, but keeps its page and existing grants), after a confirmation, or reinstated.
 */
export function DiscontinuePage() {
  const [typed, setTyped] = useState('');
  const [itemNumber, setItemNumber] = useState<string | null>(null);
  const [typedError, setTypedError] = useState<string | undefined>();
  const product = useProductByItemNumber(itemNumber);

  const find = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = typed.trim();
    if (!ITEM_NUMBER.test(value)) {
      setTypedError(value === '' ? 'Udfyld varenummer.' : 'Varenummeret er ugyldigt.');
      return;
    }
    setTypedError(undefined);
    setItemNumber(value);
  };

  const notFound = product.isError && isApiError(product.error) && product.error.status === 404;
  return (
    <>
      <BackLink to={ADMIN_PATH}>Tilbage til Administration</BackLink>
      <PageHeading title={TITLE}>{TITLE}</PageHeading>
      <p>En udgået vare vises ikke længere i produktsøgningen og kan ikke bevilges på ny. Dens produktside og eksisterende bevillinger bevares.</p>
      <form onSubmit={find} noValidate>
        <TextField id="discontinue-itemNumber" label="Varenummer" width="m" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} error={typedError} />
        <button type="submit" className="button button-secondary">
          Find vare
        </button>
      </form>
      {product.isFetching && <Spinner status="Henter varen …" />}
      {notFound && <Alert variant="error">Der er ingen vare med varenummer {itemNumber}.</Alert>}
      {product.isError && !notFound && <Alert variant="error">{errorMessage(product.error)}</Alert>}
      {product.data && <ProductStatus key={product.data.itemNumber} product={product.data} />}
    </>
  );
}

function ProductStatus({ product }: { product: AdminProduct }) {
  const change = useSetDiscontinued();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const apply = (discontinued: boolean) => {
    setConfirming(false);
    change.mutate(
      { itemNumber: product.itemNumber, discontinued, reason: reason.trim() || undefined },
      { onSuccess: () => setDone(discontinued ? 'Varen er markeret som udgået.' : 'Varen er genindsat i sortimentet.') },
    );
  };

  return (
    <section aria-labelledby="product-heading" className="mt-7">
      <h2 id="product-heading">
        {product.name} ({product.itemNumber})
      </h2>
      <p>
        {product.manufacturer}. <Link to={`/produkter/${encodeURIComponent(product.itemNumber)}`}>Se produktsiden</Link>
      </p>
      <p id="product-status">
        <strong>Status:</strong> {product.discontinued ? 'Udgået' : 'I sortimentet'}
      </p>
      {done && (
        <Alert variant="success" id="discontinue-notice">
          {done}
        </Alert>
      )}
      {change.isError && <Alert variant="error">{errorMessage(change.error)}</Alert>}
      {product.discontinued ? (
        <button type="button" className="button button-primary" disabled={change.isPending} onClick={() => apply(false)}>
          Genindsæt vare
        </button>
      ) : (
        <>
          <TextareaField id="discontinue-reason" label="Begrundelse" hint="Valgfri, fx at producenten er holdt op med at levere varen" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} />
          <button type="button" className="button button-primary" disabled={change.isPending} onClick={() => setConfirming(true)}>
            Markér som udgået
          </button>
        </>
      )}
      <Modal
        id="confirm-discontinue"
        open={confirming}
        heading="Markér varen som udgået?"
        onClose={() => setConfirming(false)}
        actions={
          <>
            <button type="button" className="button button-primary" onClick={() => apply(true)}>
              Markér som udgået
            </button>
            <button type="button" className="button button-tertiary" onClick={() => setConfirming(false)}>
              Annullér
            </button>
          </>
        }
      >
        <p>
          {product.name} ({product.itemNumber}) forsvinder fra produktsøgningen og kan ikke bevilges på ny. Du kan genindsætte varen senere.
        </p>
      </Modal>
    </section>
  );
}
