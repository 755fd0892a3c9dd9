import { useState, type FormEvent } from 'react';
import { DateField, dateFieldValue } from '../../../components/date-field';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/text-field';
import { fieldErrors, hasErrors, NO_ERRORS } from '../../../lib/form-errors';

export interface HistorySearch {
  readonly from: string;
  readonly to: string;
  readonly q: string;
}

const NOT_A_DATE = 'Skriv datoen som dd.mm.åååå.';

/**
 * The period ("fra"/"til", with DKFDS's calendar for an earlier start), "Begræns søgning" and "Søg" (user guide
 * p. 7). The fields show the period last searched: the answer's, so the default month shows as dates.
 */
export function HistorySearchForm({ shown, onSearch }: { shown: Partial<HistorySearch>; onSearch: (search: Partial<HistorySearch>) => void }) {
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const from = dateFieldValue(form, 'from');
    const to = dateFieldValue(form, 'to');
    setAttempt((n) => n + 1);
    const found = fieldErrors({
      from: from === null ? NOT_A_DATE : from && to && from > to ? 'Fra-datoen skal ligge før til-datoen.' : undefined,
      to: to === null ? NOT_A_DATE : undefined,
    });
    setErrors(found);
    if (hasErrors(found)) return;
    onSearch({ from: from || undefined, to: to || undefined, q: String(new FormData(form).get('q') ?? '').trim() });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Søg i ordrehistorikken">
      <ErrorSummary items={errors.summary} attempt={attempt} />
      <fieldset>
        <legend className="h3">Periode</legend>
        <div className="row">
          <div className="col-12 col-md-5 col-lg-4">
            <DateField key={`from-${shown.from ?? ''}`} id="from" label="Fra" defaultValue={shown.from} error={errors.fields.from} />
          </div>
          <div className="col-12 col-md-5 col-lg-4">
            <DateField key={`to-${shown.to ?? ''}`} id="to" label="Til" defaultValue={shown.to} error={errors.fields.to} />
          </div>
        </div>
      </fieldset>
      <div className="row">
        <div className="col-12 col-md-10 col-lg-8">
          <TextField key={`q-${shown.q ?? ''}`} id="q" label="Begræns søgning" hint="Ordrenummer, varenummer eller produktnavn." defaultValue={shown.q} />
        </div>
      </div>
      <button type="submit" className="button button-primary">
        Søg
      </button>
    </form>
  );
}
