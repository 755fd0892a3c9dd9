import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { AgreementStar } from '../../../components/agreement-star';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField } from '../../../components/select-field';
import { TextField } from '../../../components/text-field';
import { isApiError } from '../../../lib/api-error';
import { copenhagenToday } from '../../../lib/dates';
import { fieldErrors, formErrorsFrom, NO_ERRORS } from '../../../lib/form-errors';
import { formatNumber, formatPrice } from '../../../lib/format';
import { mayChangeGrants } from '../../../lib/roles';
import { useSession } from '../../../lib/use-session';
import { ADD_LINE_FIELDS, ADD_LINE_REFUSALS, addLineBody, newAddLineForm, withProduct, type AddLineForm } from '../add-line-form';
import { useAddGrantLine, useGrantWithInactive, type ProductRow } from '../api';
import { AllowanceFields } from '../components/allowance-fields';
import { GrantDialog, useCloseDialog } from '../components/grant-dialog';
import { KindFields } from '../components/kind-fields';
import { ProductSearch, type OnGrant } from '../components/product-search';
import { useCalculatorPopup } from '../components/use-calculator-popup';
import { editLinePath } from '../paths';

/**
 * "Tilføj ny vare" (user guide p. 5–6): search, pick a product, then "Bevillingsområde", the kind and dates, and
 * "Bevilget max." — typed, or from "Udregn bevilget max." — and "Tilføj bevillingsvare".
 */
export function AddLineDialog() {
  const { citizenId = '' } = useParams();
  const user = useSession()?.user;
  const close = useCloseDialog();
  const grant = useGrantWithInactive(citizenId);
  const add = useAddGrantLine(citizenId);
  const [form, setForm] = useState<AddLineForm>(() => newAddLineForm(copenhagenToday()));
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const [activeLineId, setActiveLineId] = useState<string | null>(null);
  const change = (next: Partial<AddLineForm>) => setForm((current) => ({ ...current, ...next }));
  const calculator = useCalculatorPopup({
    itemNumber: form.product?.itemNumber,
    salesUnit: form.product?.salesUnit,
    oneTime: form.kind === 'one_time',
    draft: form.allowance,
    onApply: (allowance) => change({ allowance }),
  });

  const chosen = form.product?.itemNumber;
  useEffect(() => {
    document.getElementById(chosen ? 'product' : 'productQuery')?.focus();
  }, [chosen]);

  const onGrant = (itemNumber: string): OnGrant | undefined => {
    const lines = grant.data?.areas.flatMap((area) => area.lines).filter((line) => line.itemNumber === itemNumber) ?? [];
    if (lines.some((line) => line.status === 'ACTIVE')) return 'active';
    return lines.length > 0 ? 'inactive' : undefined;
  };

  const fail = (next: typeof errors) => {
    setAttempt((n) => n + 1);
    setErrors(next);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = addLineBody(form);
    if ('errors' in built) return fail(fieldErrors(built.errors));
    setErrors(NO_ERRORS);
    setActiveLineId(null);
    add.mutate(built.body, {
      onSuccess: close,
      onError: (error) => {
        const lineId = isApiError(error) && error.code === 'LINE_ALREADY_ACTIVE' ? error.details.lineId : null;
        setActiveLineId(typeof lineId === 'string' ? lineId : null);
        fail(formErrorsFrom(error, ADD_LINE_FIELDS, ADD_LINE_REFUSALS));
      },
    });
  };

  const allowed = mayChangeGrants(user?.role);
  return (
    <>
      <GrantDialog
        id="add-line"
        heading="Tilføj ny vare"
        open={!calculator.isOpen}
        actions={
          <>
            {allowed && form.product && (
              <button type="submit" form="add-line-form" className="button button-primary" disabled={add.isPending}>
                Tilføj bevillingsvare
              </button>
            )}
            <button type="button" className="button button-secondary" onClick={close}>
              Annullér
            </button>
          </>
        }
      >
        {!allowed ? (
          <Alert variant="info">Kun sagsbehandlere og sygeplejersker kan tilføje varer på en bevilling.</Alert>
        ) : (
          <>
            <ErrorSummary items={errors.summary} attempt={attempt} />
            <div hidden={form.product !== null}>
              <ProductSearch onSelect={(product) => setForm((current) => withProduct(current, product, user?.grantAreas ?? []))} onGrant={onGrant} />
            </div>
            {form.product && (
              <form id="add-line-form" onSubmit={submit} noValidate>
                <ChosenProduct product={form.product} error={errors.fields.product} onGrant={onGrant(form.product.itemNumber)} onChange={() => change({ product: null })}>
                  {activeLineId && <Link to={editLinePath(citizenId, activeLineId)}>Redigér den bevilgede vare</Link>}
                </ChosenProduct>
                <SelectField
                  id="grantArea"
                  label="Bevillingsområde"
                  hint="Kun de bevillingsområder, du har adgang til."
                  value={form.grantArea}
                  error={errors.fields.grantArea}
                  onChange={(event) => change({ grantArea: event.target.value })}
                >
                  <option value="">Vælg bevillingsområde</option>
                  {(user?.grantAreas ?? []).map((area) => (
                    <option key={area} value={area}>
                      {area}
                    </option>
                  ))}
                </SelectField>
                <TextField id="startDate" label="Startdato" hint="dd.mm.åååå" autoComplete="off" width="xs" value={form.startDate} error={errors.fields.startDate} onChange={(event) => change({ startDate: event.target.value })} />
                <KindFields kind={form.kind} endDate={form.endDate} errors={errors.fields} onChange={change} />
                <AllowanceFields
                  draft={form.allowance}
                  onChange={(allowance) => change({ allowance })}
                  onCalculate={calculator.open}
                  errors={errors.fields}
                  salesUnit={form.product.salesUnit}
                  oneTime={form.kind === 'one_time'}
                />
              </form>
            )}
          </>
        )}
      </GrantDialog>
      {calculator.popup}
    </>
  );
}

/** The product picked: what will be granted, and the way back to the results. */
function ChosenProduct({ product, error, onGrant, onChange, children }: {
  product: ProductRow;
  error?: string;
  onGrant: OnGrant | undefined;
  onChange: () => void;
  children?: ReactNode;
}) {
  return (
    <div className={`form-group chosen-product${error ? ' form-error' : ''}`}>
      <h3 id="product" tabIndex={-1} aria-describedby={error ? 'product-error' : undefined}>
        {product.name} {product.onAgreement && <AgreementStar />}
      </h3>
      {error && (
        <span className="form-error-message" id="product-error">
          <span className="sr-only">Fejl: </span>
          {error} {children}
        </span>
      )}
      <p>
        Varenr. {product.itemNumber} · Ref. {product.manufacturerRef}
        <br />
        {formatPrice(product.pricePerSalesUnit)} pr. {product.salesUnit.name} à {formatNumber(product.salesUnit.pieces)} stk. · {formatPrice(product.pricePerPiece)} pr. stk.
      </p>
      {onGrant === 'inactive' && (
        <p className="form-hint">Varen har tidligere været bevilget og står på inaktiv-listen. Du kan også gøre den aktiv igen under "Tilføj ny fra inaktiv-liste".</p>
      )}
      <button type="button" className="function-link" onClick={onChange}>
        Vælg et andet produkt
      </button>
    </div>
  );
}
