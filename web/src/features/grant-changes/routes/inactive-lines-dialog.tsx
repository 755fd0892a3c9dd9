import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { AgreementStar } from '../../../components/agreement-star';
import { ErrorSummary } from '../../../components/error-summary';
import { RadioGroup } from '../../../components/radio-group';
import { Spinner } from '../../../components/spinner';
import { errorMessage } from '../../../lib/error-messages';
import { fieldErrors, formErrorsFrom, NO_ERRORS } from '../../../lib/form-errors';
import { formatDate } from '../../../lib/format';
import { mayChangeGrants } from '../../../lib/roles';
import { useSession } from '../../../lib/use-session';
import { allowanceInputOf, draftOf, type AllowanceDraft } from '../allowance-draft';
import { useGrantWithInactive, useProduct, useReactivateGrantLine, type GrantLine } from '../api';
import { AllowanceFields } from '../components/allowance-fields';
import { AllowanceSummary } from '../components/allowance-summary';
import { GrantDialog, useCloseDialog } from '../components/grant-dialog';
import { LineHeading, lineKindText } from '../components/line-heading';
import { useCalculatorPopup } from '../components/use-calculator-popup';
import { EDIT_LINE_REFUSALS } from '../edit-line-form';

const FIELDS = ['grantedMax', 'salesUnitsPerOrder'];

/**
 * "Tilføj ny fra inaktiv-liste" (user guide p. 8): the citizen's inactive lines, each with "Gør varen aktiv" and,
 * in the same step, the allowance it had or a new one. The dialog stays open ("Afslut ved at klikke på X").
 */
export function InactiveLinesDialog() {
  const { citizenId = '' } = useParams();
  const role = useSession()?.user.role;
  const grant = useGrantWithInactive(citizenId);
  const close = useCloseDialog();
  const [chosen, setChosen] = useState<GrantLine | null>(null);
  const [reactivated, setReactivated] = useState<string | null>(null);
  // Lines made active here leave the list at once, before the refetched grant says so.
  const [madeActive, setMadeActive] = useState<ReadonlySet<string>>(new Set());
  // "Fortryd": back on the list, at the line's own button.
  const returnTo = useRef<string | null>(null);
  useEffect(() => {
    if (chosen || !returnTo.current) return;
    document.getElementById(returnTo.current)?.focus();
    returnTo.current = null;
  }, [chosen]);
  const reactivation = useReactivation(citizenId, chosen, {
    onDone: (line) => {
      setMadeActive((lineIds) => new Set([...lineIds, line.lineId]));
      setChosen(null);
      setReactivated(line.productName ?? line.itemNumber);
    },
    onCancel: (line) => {
      returnTo.current = `reactivate-${line.lineId}`;
      setChosen(null);
    },
  });
  const lines = grant.data?.areas.flatMap((area) => area.lines) ?? [];
  const activeItems = new Set(lines.filter((line) => line.status === 'ACTIVE').map((line) => line.itemNumber));
  const inactive = lines.filter((line) => line.status === 'INACTIVE' && !madeActive.has(line.lineId));
  const choose = (line: GrantLine) => {
    reactivation.start(line);
    setReactivated(null);
    setChosen(line);
  };

  const closeButton = (
    <button type="button" className="button button-secondary" onClick={close}>
      Luk
    </button>
  );
  return (
    <>
      <GrantDialog id="inactive-lines" heading="Tilføj ny fra inaktiv-liste" open={!reactivation.calculator.isOpen} actions={chosen ? reactivation.actions : closeButton}>
        {!mayChangeGrants(role) ? (
          <Alert variant="info">Kun sagsbehandlere og sygeplejersker kan gøre varer aktive igen.</Alert>
        ) : grant.isPending ? (
          <Spinner status="Henter bevillingen …" />
        ) : grant.isError ? (
          <Alert variant="error">{errorMessage(grant.error)}</Alert>
        ) : chosen ? (
          reactivation.form
        ) : (
          <>
            {reactivated && <Reactivated name={reactivated} />}
            <InactiveLines lines={inactive} activeItems={activeItems} onChoose={choose} />
          </>
        )}
      </GrantDialog>
      {reactivation.calculator.popup}
    </>
  );
}

function Reactivated({ name }: { name: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div tabIndex={-1} ref={ref} className="reactivated">
      <Alert variant="success">{name} er aktiv igen på bevillingen.</Alert>
    </div>
  );
}

function InactiveLines({ lines, activeItems, onChoose }: { lines: readonly GrantLine[]; activeItems: ReadonlySet<string>; onChoose: (line: GrantLine) => void }) {
  if (lines.length === 0) return <p>Der er ingen inaktive varer på bevillingen i de bevillingsområder, du har adgang til.</p>;
  return (
    <div className="table--responsive-scroll">
      <table className="table table--compact">
        <caption className="sr-only">Inaktive varer på bevillingen</caption>
        <thead>
          <tr>
            <th scope="col">Produkt</th>
            <th scope="col">Bevillingsområde</th>
            <th scope="col">Bevilling</th>
            <th scope="col">
              <span className="sr-only">Handling</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.lineId}>
              <td>
                {line.productName ?? line.itemNumber} {line.onAgreement && <AgreementStar />}
                <br />
                <span className="form-hint">Varenr. {line.itemNumber}</span>
              </td>
              <td>{line.grantArea}</td>
              <td>
                {lineKindText(line)}
                {line.expired && line.endDate && <span className="form-hint"> (udløbet {formatDate(line.endDate)})</span>}
              </td>
              <td>
                {activeItems.has(line.itemNumber) ? (
                  <span className="badge badge-info">Varen er bevilget på en anden linje</span>
                ) : (
                  <button type="button" className="button button-secondary button-small" id={`reactivate-${line.lineId}`} onClick={() => onChoose(line)}>
                    Gør varen aktiv<span className="sr-only">: {line.productName ?? line.itemNumber}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * "Gør varen aktiv" for the chosen line: with the allowance it had, or "Ret bevilget max." in the same step. The
 * dialog shows `form` and `actions` in place of the list while a line is chosen.
 */
function useReactivation(citizenId: string, line: GrantLine | null, { onDone, onCancel }: { onDone: (line: GrantLine) => void; onCancel: (line: GrantLine) => void }) {
  const reactivate = useReactivateGrantLine(citizenId);
  const product = useProduct(line?.itemNumber);
  const [keep, setKeep] = useState(true);
  const [draft, setDraft] = useState<AllowanceDraft>(() => draftOf(line?.allowance ?? null));
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const salesUnit = product.data?.salesUnit;
  const oneTime = line?.kind === 'one_time';
  const calculator = useCalculatorPopup({ itemNumber: line?.itemNumber, salesUnit, oneTime, draft, onApply: setDraft });

  // A line chosen: the focus on what is being done.
  const lineId = line?.lineId;
  useEffect(() => {
    if (lineId) document.getElementById('reactivate-heading')?.focus();
  }, [lineId]);

  /** Before a line is chosen: its own allowance to start from. */
  const start = (next: GrantLine) => {
    setKeep(true);
    setDraft(draftOf(next.allowance));
    setErrors(NO_ERRORS);
  };

  const fail = (next: typeof errors) => {
    setAttempt((n) => n + 1);
    setErrors(next);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!line) return;
    const chosen = keep ? { allowance: undefined } : allowanceInputOf(draft);
    if ('errors' in chosen) return fail(fieldErrors(chosen.errors));
    setErrors(NO_ERRORS);
    reactivate.mutate({ lineId: line.lineId, allowance: chosen.allowance }, { onSuccess: () => onDone(line), onError: (error) => fail(formErrorsFrom(error, FIELDS, EDIT_LINE_REFUSALS)) });
  };

  const actions = line && (
    <>
      <button type="submit" form="reactivate-form" className="button button-primary button-accept" disabled={reactivate.isPending}>
        Gør varen aktiv
      </button>
      <button type="button" className="button button-secondary" onClick={() => onCancel(line)}>
        Fortryd
      </button>
    </>
  );

  const form = line && (
    <>
      <ErrorSummary items={errors.summary} attempt={attempt} />
      <h3 className="h4" id="reactivate-heading" tabIndex={-1}>
        Gør varen aktiv
      </h3>
      <LineHeading line={line} />
      <form id="reactivate-form" onSubmit={submit} noValidate>
        <RadioGroup<'keep' | 'new'>
          id="allowanceChoice"
          legend="Bevilget max., når varen bliver aktiv"
          value={keep ? 'keep' : 'new'}
          onChange={(value) => setKeep(value === 'keep')}
          options={[
            { value: 'keep', label: 'Som før', content: <AllowanceSummary allowance={line.allowance} salesUnit={salesUnit} oneTime={oneTime} /> },
            {
              value: 'new',
              label: 'Ret bevilget max.',
              content: <AllowanceFields draft={draft} onChange={setDraft} onCalculate={calculator.open} errors={errors.fields} salesUnit={salesUnit} oneTime={oneTime} />,
            },
          ]}
        />
      </form>
    </>
  );

  return { calculator, form, actions, start };
}
