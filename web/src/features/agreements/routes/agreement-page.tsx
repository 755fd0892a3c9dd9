import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { BackLink } from '../../../components/back-link';
import { DateField, dateFieldValue } from '../../../components/date-field';
import { ErrorSummary } from '../../../components/error-summary';
import { Modal } from '../../../components/modal';
import { PageHeading } from '../../../components/page-heading';
import { TablePagination } from '../../../components/pagination';
import { Spinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { isApiError } from '../../../lib/api-error';
import { errorMessage } from '../../../lib/error-messages';
import { fieldErrors, formErrorsFrom, hasErrors, NO_ERRORS, type FormErrors } from '../../../lib/form-errors';
import { formatDate, formatPrice } from '../../../lib/format';
import { pageParam, shownRange } from '../../../lib/paging';
import { useMunicipality } from '../../admin/api';
import { ITEM_NUMBER, kronerText, parseKroner, periodsToSend } from '../agreement-form';
import { AGREEMENTS_PATH, agreementPath, currentPeriods, useAgreement, useSetAgreementItem, type AgreementItem, type AgreementPeriod } from '../api';

const TITLE = 'Aftalesortiment';
const PAGE_SIZE = 25;
const MUNICIPALITIES_PATH = '/administration/kommuner';

const ID = { itemNumber: 'agreement-itemNumber', price: 'agreement-price', validFrom: 'agreement-validFrom', validTo: 'agreement-validTo' } as const;
/** The service's refusals, each at its field (the period at fault is the one in the form: other periods are not edited here). */
const REFUSALS = {
  codes: {
    AGREEMENT_ITEM_UNKNOWN: ID.itemNumber,
    ITEM_NUMBER_INVALID: ID.itemNumber,
    AGREEMENT_PRICE_INVALID: ID.price,
    AGREEMENT_PERIOD_INVALID: ID.validTo,
    AGREEMENT_PERIODS_OVERLAP: ID.validFrom,
    AGREEMENT_DATE_INVALID: ID.validFrom,
  },
  paths: { 'params.itemNumber': ID.itemNumber },
};

/** What the form edits: a new item or period (`replacing` null), or one period of an item. */
interface Editing {
  readonly itemNumber: string;
  readonly replacing: string | null;
  readonly period: AgreementPeriod | null;
}

/** "Aftaler": pick a municipality by its number, then its agreement assortment. */
export function AgreementsPage() {
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>();
  const find = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = typed.trim();
    if (!/^\d{3}$/.test(value)) {
      setError(value === '' ? 'Udfyld kommunenummer.' : 'Kommunenummeret er 3 cifre, fx 101.');
      return;
    }
    void navigate(agreementPath(value));
  };
  return (
    <>
      <BackLink to="/administration">Tilbage til Administration</BackLink>
      <PageHeading title="Aftaler">Aftaler</PageHeading>
      <p>Hver kommune har sit aftalesortiment: de varer, kommunen har aftale om, med aftalepris og gyldighedsperiode. Varerne vises med en stjerne i produktsøgningen.</p>
      <form onSubmit={find} noValidate>
        <TextField id="agreements-municipality" label="Kommunenummer" hint="3 cifre, fx 101" width="xs" inputMode="numeric" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} error={error} />
        <button type="submit" className="button button-secondary">
          Vis aftale
        </button>
      </form>
    </>
  );
}

/**
 * A municipality's agreement assortment ("aftalesortiment"): its items with Varenr., Varenavn, Aftalepris, Gyldig fra
 * and Gyldig til, searchable and paged; an item added with its price and period, a period changed or removed. Each
 * change is one item's periods (PUT …/agreement/items/:itemNumber): the rest of the agreement, thousands of items
 * perhaps, is neither sent nor touched, so two administrators editing different items do not undo each other.
 */
export function AgreementPage() {
  const { municipalityId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const page = pageParam(search.get('side'));
  const pageSize = Math.min(200, Math.max(1, Math.trunc(Number(search.get('antal'))) || PAGE_SIZE));
  const [typed, setTyped] = useState(q);
  const [editing, setEditing] = useState<Editing>({ itemNumber: '', replacing: null, period: null });
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<{ item: AgreementItem; period: AgreementPeriod } | null>(null);
  const municipality = useMunicipality(municipalityId);
  const agreement = useAgreement(municipalityId, { q, page, pageSize });
  const save = useSetAgreementItem(municipalityId);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const go = (next: { q?: string; page?: number; pageSize?: number }) => {
    const params: Record<string, string> = {};
    const nextQ = next.q ?? q;
    if (nextQ) params.q = nextQ;
    if ((next.page ?? 1) > 1) params.side = String(next.page);
    if ((next.pageSize ?? pageSize) !== PAGE_SIZE) params.antal = String(next.pageSize ?? pageSize);
    setSearch(params);
  };

  const startEditing = (value: Editing) => {
    setEditing(value);
    setFormKey((n) => n + 1);
    setNotice(null);
  };

  const remove = () => {
    if (!removing) return;
    const { item, period } = removing;
    setRemoving(null);
    setRemoveError(null);
    currentPeriods(municipalityId, item.itemNumber)
      .then((current) => save.mutateAsync({ itemNumber: item.itemNumber, periods: periodsToSend(current, null, period.validFrom) }))
      .then(() => setNotice(`${item.itemNumber} ${item.name} fra ${formatDate(period.validFrom)} er fjernet fra aftalen.`))
      .catch((error: unknown) => setRemoveError(errorMessage(error)));
  };

  const unknown = municipality.isError && isApiError(municipality.error) && municipality.error.status === 404;
  const name = municipality.data?.name;
  return (
    <>
      <BackLink to={MUNICIPALITIES_PATH}>Tilbage til Kommuner</BackLink>
      <PageHeading title={`${TITLE} ${municipalityId}`}>
        {TITLE} – {name ? `${name} (${municipalityId})` : `kommune ${municipalityId}`}
      </PageHeading>
      {unknown && (
        <Alert variant="error">
          Der er ingen kommune med nummer {municipalityId}. <Link to={AGREEMENTS_PATH}>Vælg en anden kommune</Link>.
        </Alert>
      )}
      {!unknown && (
        <>
          <p>Varerne på kommunens aftale vises med en stjerne og aftalepris i produktsøgningen i de perioder, hvor aftalen gælder. Gyldig til er den sidste dag på aftalen.</p>
          {notice && (
            <Alert variant="success" id="agreement-notice">
              {notice}
            </Alert>
          )}
          {removeError && <Alert variant="error">{removeError}</Alert>}
          <AgreementItemForm
            key={formKey}
            municipalityId={municipalityId}
            editing={editing}
            onCancel={() => startEditing({ itemNumber: '', replacing: null, period: null })}
            onSaved={(text) => {
              startEditing({ itemNumber: '', replacing: null, period: null });
              setNotice(text);
            }}
          />
          <section aria-labelledby="agreement-items-heading" className="mt-7" aria-busy={agreement.isFetching}>
            <h2 id="agreement-items-heading">Varer på aftalen</h2>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                go({ q: typed.trim(), page: 1 });
              }}
              noValidate
            >
              <div className="row align-items-end">
                <div className="col-12 col-md-6">
                  <TextField id="agreement-search" type="search" label="Søg i aftalen" hint="Varenummer eller varenavn" value={typed} onChange={(event) => setTyped(event.target.value)} />
                </div>
                <div className="col-12 col-md-4">
                  <button type="submit" className="button button-secondary mb-5">
                    Søg
                  </button>
                </div>
              </div>
            </form>
            {agreement.isPending && <Spinner status="Henter aftalen …" />}
            {agreement.isError && <Alert variant="error">{errorMessage(agreement.error)}</Alert>}
            {agreement.data && (
              <>
                <p role="status">{summary(agreement.data.page, agreement.data.pageSize, agreement.data.total, q)}</p>
                {agreement.data.items.length > 0 && (
                  <div className="table--responsive-scroll">
                    <table className="table table--compact" id="agreement-table">
                      <caption className="sr-only">Varer på aftalen</caption>
                      <thead>
                        <tr>
                          <th scope="col">Varenr.</th>
                          <th scope="col">Varenavn</th>
                          <th scope="col">Aftalepris</th>
                          <th scope="col">Gyldig fra</th>
                          <th scope="col">Gyldig til</th>
                          <th scope="col">Gælder i dag</th>
                          <th scope="col">Handlinger</th>
                        </tr>
                      </thead>
                      <tbody>
                        {agreement.data.items.flatMap((item) =>
                          item.periods.map((period) => (
                            <tr key={`${item.itemNumber}-${period.validFrom}`} data-item-number={item.itemNumber} data-valid-from={period.validFrom}>
                              <th scope="row">{item.itemNumber}</th>
                              <td>
                                {item.name || <em>Ikke i sortimentet</em>}
                                {item.discontinued && <span className="form-hint"> (udgået)</span>}
                              </td>
                              <td>
                                {formatPrice(period.pricePerSalesUnit)}
                                <span className="form-hint"> pr. {item.salesUnit.name}</span>
                              </td>
                              <td>{formatDate(period.validFrom)}</td>
                              <td>{period.validTo ? formatDate(period.validTo) : 'Indtil videre'}</td>
                              <td>{period.validToday ? 'Ja' : 'Nej'}</td>
                              <td>
                                <ul className="inline-list">
                                  <li className="mr-4">
                                    <button type="button" className="button button-unstyled function-link" onClick={() => startEditing({ itemNumber: item.itemNumber, replacing: period.validFrom, period })}>
                                      Ret<span className="sr-only"> {item.itemNumber} fra {formatDate(period.validFrom)}</span>
                                    </button>
                                  </li>
                                  <li className="mr-4">
                                    <button type="button" className="button button-unstyled function-link" onClick={() => startEditing({ itemNumber: item.itemNumber, replacing: null, period: null })}>
                                      Ny periode<span className="sr-only"> for {item.itemNumber}</span>
                                    </button>
                                  </li>
                                  <li>
                                    <button type="button" className="button button-unstyled function-link" disabled={save.isPending} onClick={() => setRemoving({ item, period })}>
                                      Fjern<span className="sr-only"> {item.itemNumber} fra {formatDate(period.validFrom)}</span>
                                    </button>
                                  </li>
                                </ul>
                              </td>
                            </tr>
                          )),
                        )}
                      </tbody>
                    </table>
                  </div>
                )}
                <TablePagination
                  id="agreement-pages"
                  label="Sider i aftalen"
                  page={agreement.data.page}
                  pageSize={agreement.data.pageSize}
                  total={agreement.data.total}
                  onPage={(next) => go({ page: next })}
                  onPageSize={(next) => go({ page: 1, pageSize: next })}
                />
              </>
            )}
          </section>
        </>
      )}
      <Modal
        id="confirm-remove-agreement-item"
        open={removing !== null}
        heading="Fjern varen fra aftalen?"
        onClose={() => setRemoving(null)}
        actions={
          <>
            <button type="button" className="button button-primary" onClick={remove}>
              Fjern fra aftalen
            </button>
            <button type="button" className="button button-tertiary" onClick={() => setRemoving(null)}>
              Annullér
            </button>
          </>
        }
      >
        {removing && (
          <p>
            {removing.item.itemNumber} {removing.item.name} til {formatPrice(removing.period.pricePerSalesUnit)} fra {formatDate(removing.period.validFrom)}
            {removing.period.validTo ? ` til ${formatDate(removing.period.validTo)}` : ''} fjernes fra aftalen. Varens andre perioder bliver stående.
          </p>
        )}
      </Modal>
    </>
  );
}

function summary(page: number, pageSize: number, total: number, q: string): string {
  if (total === 0) return q ? `Ingen varer på aftalen passer på "${q}".` : 'Der er ingen varer på aftalen.';
  const { first, last } = shownRange(page, pageSize, total);
  return `Viser ${first}–${last} af ${total} ${total === 1 ? 'vare' : 'varer'}${q ? ` der passer på "${q}"` : ''}.`;
}

/** "Tilføj vare til aftalen", or a period of an item to change: Varenr., Aftalepris, Gyldig fra, Gyldig til. */
function AgreementItemForm({ municipalityId, editing, onCancel, onSaved }: { municipalityId: string; editing: Editing; onCancel: () => void; onSaved: (notice: string) => void }) {
  const save = useSetAgreementItem(municipalityId);
  const [itemNumber, setItemNumber] = useState(editing.itemNumber);
  const [price, setPrice] = useState(editing.period ? kronerText(editing.period.pricePerSalesUnit) : '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const changing = editing.replacing !== null;
  const fixedItem = editing.itemNumber !== '';
  const headingRef = useRef<HTMLHeadingElement>(null);
  // "Ret" and "Ny periode" are in the table below the form: the focus comes up here, so the keyboard and a screen reader follow.
  useEffect(() => {
    if (fixedItem) headingRef.current?.focus();
  }, [fixedItem]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const form = event.currentTarget;
    const number = itemNumber.trim();
    const oere = parseKroner(price);
    const validFrom = dateFieldValue(form, ID.validFrom);
    const validTo = dateFieldValue(form, ID.validTo);
    const local = fieldErrors({
      [ID.itemNumber]: number === '' ? 'Udfyld varenummer.' : ITEM_NUMBER.test(number) ? undefined : 'Varenummeret er ugyldigt.',
      [ID.price]: price.trim() === '' ? 'Udfyld aftalepris.' : oere === null ? 'Skriv aftaleprisen i kroner, fx 123,50.' : undefined,
      [ID.validFrom]: validFrom === '' ? 'Udfyld gyldig fra.' : validFrom === null ? 'Skriv datoen som dd.mm.åååå, f.eks. 01.01.2026.' : undefined,
      [ID.validTo]: validTo === null ? 'Skriv datoen som dd.mm.åååå, f.eks. 31.12.2026.' : undefined,
    });
    setErrors(local);
    if (hasErrors(local) || oere === null || !validFrom || validTo === null) return;
    const period = { pricePerSalesUnit: oere, validFrom, validTo: validTo || null };
    // The item's other periods as they stand now: what is sent replaces all of the item's periods.
    currentPeriods(municipalityId, number)
      .then((current) => save.mutateAsync({ itemNumber: number, periods: periodsToSend(current, period, editing.replacing) }))
      .then(() =>
        onSaved(
          `${number} er ${changing ? 'ændret' : 'tilføjet'} på aftalen: ${formatPrice(oere)} fra ${formatDate(validFrom)}${validTo ? ` til ${formatDate(validTo)}` : ' indtil videre'}.`,
        ),
      )
      .catch((error: unknown) => setErrors(formErrorsFrom(error, Object.values(ID), REFUSALS)));
  };

  const heading = changing ? `Ret ${editing.itemNumber} fra ${formatDate(editing.replacing ?? '')}` : fixedItem ? `Ny periode for ${editing.itemNumber}` : 'Tilføj vare til aftalen';
  return (
    <section aria-labelledby="agreement-form-heading" className="mt-7">
      <h2 id="agreement-form-heading" ref={headingRef} tabIndex={-1}>
        {heading}
      </h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary items={errors.summary} attempt={attempt} />
        <TextField
          id={ID.itemNumber}
          label="Varenr."
          width="m"
          autoComplete="off"
          required
          readOnly={fixedItem}
          value={itemNumber}
          onChange={(event) => setItemNumber(event.target.value)}
          error={errors.fields[ID.itemNumber]}
        />
        <TextField
          id={ID.price}
          label="Aftalepris"
          hint="I kroner pr. salgsenhed, fx 123,50"
          width="s"
          inputMode="decimal"
          autoComplete="off"
          required
          value={price}
          onChange={(event) => setPrice(event.target.value)}
          error={errors.fields[ID.price]}
        />
        <DateField id={ID.validFrom} label="Gyldig fra" defaultValue={editing.period?.validFrom ?? ''} error={errors.fields[ID.validFrom]} />
        <DateField
          id={ID.validTo}
          label="Gyldig til"
          hint="Den sidste dag på aftalen, dd.mm.åååå. Tom: indtil videre."
          defaultValue={editing.period?.validTo ?? ''}
          error={errors.fields[ID.validTo]}
        />
        <button type="submit" className="button button-primary button-accept" disabled={save.isPending}>
          {changing ? 'Gem ændringer' : 'Tilføj til aftalen'}
        </button>
        {fixedItem && (
          <button type="button" className="button button-tertiary" onClick={onCancel}>
            Annullér
          </button>
        )}
      </form>
    </section>
  );
}
