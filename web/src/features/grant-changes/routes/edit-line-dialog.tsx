import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField } from '../../../components/select-field';
import { Spinner } from '../../../components/spinner';
import { errorMessage } from '../../../lib/error-messages';
import { fieldErrors, formErrorsFrom, NO_ERRORS } from '../../../lib/form-errors';
import { formatDate } from '../../../lib/format';
import { mayChangeGrants } from '../../../lib/roles';
import { useSession } from '../../../lib/use-session';
import { copenhagenToday } from '../../../lib/dates';
import { useChangeGrantLine, useGrantWithInactive, useProduct, type GrantLine } from '../api';
import { AllowanceFields } from '../components/allowance-fields';
import { AllowanceSummary } from '../components/allowance-summary';
import { GrantDialog, useCloseDialog } from '../components/grant-dialog';
import { KindFields } from '../components/kind-fields';
import { LineHeading } from '../components/line-heading';
import { useCalculatorPopup } from '../components/use-calculator-popup';
import { useLeaveGuard } from '../components/use-leave-guard';
import { changeBody, EDIT_LINE_FIELDS, EDIT_LINE_REFUSALS, editFormOf, isDirty, type EditLineForm } from '../edit-line-form';
import { inactiveLinesPath } from '../paths';

const HEADING = 'Redigér bevillingsvare';

/** "Redigér" (user guide p. 8) of one line of the grant: the line is looked up among all the user may see. */
export function EditLineDialog() {
  const { citizenId = '', lineId = '' } = useParams();
  const role = useSession()?.user.role;
  const grant = useGrantWithInactive(citizenId);
  const close = useCloseDialog();
  const line = grant.data?.areas.flatMap((area) => area.lines).find((candidate) => candidate.lineId === lineId);

  if (mayChangeGrants(role) && line?.status === 'ACTIVE') return <EditLine citizenId={citizenId} line={line} />;

  const closeButton = (
    <button type="button" className="button button-secondary" onClick={close}>
      Luk
    </button>
  );
  return (
    <GrantDialog id="edit-line" heading={HEADING} actions={closeButton}>
      {!mayChangeGrants(role) ? (
        <Alert variant="info">Kun sagsbehandlere og sygeplejersker kan ændre en bevilling.</Alert>
      ) : grant.isPending ? (
        <Spinner status="Henter bevillingen …" />
      ) : grant.isError ? (
        <Alert variant="error">{errorMessage(grant.error)}</Alert>
      ) : !line ? (
        <Alert variant="error">Varen findes ikke på borgerens bevilling, eller du har ikke adgang til dens bevillingsområde.</Alert>
      ) : (
        <Alert variant="info" heading={`${line.productName ?? line.itemNumber} er inaktiv`}>
          En inaktiv vare gøres aktiv igen under <Link to={inactiveLinesPath(citizenId)}>Tilføj ny fra inaktiv-liste</Link>.
        </Alert>
      )}
    </GrantDialog>
  );
}

function EditLine({ citizenId, line }: { citizenId: string; line: GrantLine }) {
  const change = useChangeGrantLine(citizenId);
  const close = useCloseDialog();
  const product = useProduct(line.itemNumber);
  const [form, setForm] = useState<EditLineForm>(() => editFormOf(line));
  const [allowanceOpen, setAllowanceOpen] = useState(false);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const update = (next: Partial<EditLineForm>) => setForm((current) => ({ ...current, ...next }));
  const dirty = isDirty(line, form);
  const guard = useLeaveGuard(dirty, 'status');
  const salesUnit = product.data?.salesUnit;
  const calculator = useCalculatorPopup({
    itemNumber: line.itemNumber,
    salesUnit,
    oneTime: form.kind === 'one_time',
    draft: form.allowance,
    onApply: (allowance) => update({ allowance }),
  });

  // "Ret bevilget max." opens the fields where the focus goes on.
  const withMax = form.allowance.withMax;
  useEffect(() => {
    if (allowanceOpen) document.getElementById(withMax ? 'grantedMax' : 'withMax')?.focus();
    // Only when the fields open, not on every change of the choice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowanceOpen]);

  const fail = (next: typeof errors) => {
    setAttempt((n) => n + 1);
    setErrors(next);
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const built = changeBody(line, form);
    if ('errors' in built) return fail(fieldErrors(built.errors));
    setErrors(NO_ERRORS);
    const leave = () => {
      guard.allowLeaving();
      close();
    };
    if (built.body === null) return leave();
    change.mutate({ lineId: line.lineId, body: built.body }, { onSuccess: leave, onError: (error) => fail(formErrorsFrom(error, EDIT_LINE_FIELDS, EDIT_LINE_REFUSALS)) });
  };

  const active = form.status === 'ACTIVE';
  const kindChanged = form.kind !== line.kind;
  const renewedFrom = formatDate(copenhagenToday() > line.startDate ? copenhagenToday() : line.startDate);
  return (
    <>
      <GrantDialog
        id="edit-line"
        heading={HEADING}
        open={!calculator.isOpen}
        onDisplaced={guard.allowLeaving}
        actions={
          <>
            <button type="submit" form="edit-line-form" className="button button-primary" disabled={change.isPending}>
              Gem ændringer
            </button>
            <button type="button" className="button button-secondary" onClick={close}>
              Annullér
            </button>
            <p className="save-reminder">
              <strong>NB: husk at gemme!</strong>
            </p>
          </>
        }
      >
        {guard.confirm}
        <ErrorSummary items={errors.summary} attempt={attempt} />
        <LineHeading line={line} />
        <form id="edit-line-form" onSubmit={save} noValidate>
          <SelectField
            id="status"
            label="Status"
            value={form.status}
            hint={active ? undefined : 'Varen flyttes til inaktiv-listen, når du gemmer. Derfra kan den gøres aktiv igen.'}
            onChange={(event) => update({ status: event.target.value === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE' })}
          >
            <option value="ACTIVE">Aktiv</option>
            <option value="INACTIVE">Inaktiv</option>
          </SelectField>
          {active && (
            <>
              <KindFields
                kind={form.kind}
                endDate={form.endDate}
                errors={errors.fields}
                onChange={update}
                hint={kindChanged ? `Varen bevilges på ny som ${form.kind === 'one_time' ? 'engangsbevilling' : 'løbende bevilling'} fra ${renewedFrom}, og forbruget tælles forfra.` : undefined}
              />
              {allowanceOpen ? (
                <AllowanceFields
                  draft={form.allowance}
                  onChange={(allowance) => update({ allowance })}
                  onCalculate={calculator.open}
                  errors={errors.fields}
                  salesUnit={salesUnit}
                  oneTime={form.kind === 'one_time'}
                />
              ) : (
                <div className="form-group">
                  <AllowanceSummary allowance={line.allowance} salesUnit={salesUnit} oneTime={line.kind === 'one_time'} />
                  <button type="button" className="button button-primary button-accept" onClick={() => setAllowanceOpen(true)}>
                    Ret bevilget max.
                  </button>
                </div>
              )}
            </>
          )}
        </form>
      </GrantDialog>
      {calculator.popup}
    </>
  );
}
