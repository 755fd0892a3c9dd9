import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { DateField, dateFieldValue } from '../../../components/date-field';
import { ErrorSummary } from '../../../components/error-summary';
import { Spinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { copenhagenToday } from '../../../lib/dates';
import { errorMessage } from '../../../lib/error-messages';
import { fieldErrors, NO_ERRORS } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { useGrantView, type GrantView } from '../api';
import { AuditFrame } from '../components/audit-frame';
import { CHANGE_NAMES, compareGrants, copenhagenInstant, LINE_FACTS, type ComparedLine } from '../grant-comparison';

/**
 * "Bevilling på et tidspunkt" (PORTAL.md, auditor; DOMAIN §7): the grant as it stood at a chosen date and time
 * (Copenhagen time) beside today's, every line marked as granted since, gone, changed (each fact that differs,
 * then → now) or unchanged. The instant lives in the address (`?tidspunkt=`), so a finding can be bookmarked.
 */
export function GrantAsOfPage() {
  return <AuditFrame title="Bevilling på et tidspunkt">{(citizenId) => <GrantAsOf citizenId={citizenId} />}</AuditFrame>;
}

const TIME_ID = 'asof-time';
const DATE_ID = 'asof-date';

function GrantAsOf({ citizenId }: { citizenId: string }) {
  const [search, setSearch] = useSearchParams();
  const asOf = search.get('tidspunkt');
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const then = useGrantView(citizenId, asOf, asOf !== null);
  const today = useGrantView(citizenId, null);

  const show = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const form = event.currentTarget;
    const date = dateFieldValue(form, DATE_ID);
    const typedTime = String(new FormData(form).get(TIME_ID) ?? '').trim();
    // Without a time: the end of the day, or now for today.
    const instant = !date ? null : typedTime === '' && date === copenhagenToday() ? new Date(Date.now() - 1000).toISOString() : copenhagenInstant(date, typedTime || '23:59');
    const problems = {
      [DATE_ID]: date === '' ? 'Vælg en dato.' : date === null ? 'Skriv datoen som dd.mm.åååå.' : undefined,
      [TIME_ID]: date && !instant ? 'Skriv klokkeslættet som tt:mm, fx 14:30.' : instant && new Date(instant).getTime() > Date.now() ? 'Tidspunktet må ikke ligge i fremtiden.' : undefined,
    };
    if (problems[DATE_ID] || problems[TIME_ID]) return setErrors(fieldErrors(problems));
    setErrors(NO_ERRORS);
    setSearch({ tidspunkt: instant as string });
  };

  return (
    <>
      <form onSubmit={show} noValidate aria-labelledby="asof-heading">
        <h2 id="asof-heading">Vælg tidspunkt</h2>
        <ErrorSummary items={errors.summary} attempt={attempt} />
        <DateField id={DATE_ID} label="Dato" defaultValue={asOf ? copenhagenToday(new Date(asOf)) : ''} max={copenhagenToday()} error={errors.fields[DATE_ID]} />
        <TextField
          id={TIME_ID}
          name={TIME_ID}
          label="Klokkeslæt (valgfrit)"
          hint="tt:mm i dansk tid. Uden klokkeslæt vises bevillingen ved dagens slutning (i dag: lige nu)."
          width="xs"
          autoComplete="off"
          defaultValue={asOf ? formatDateTime(asOf).slice(-5) : ''}
          error={errors.fields[TIME_ID]}
        />
        <button type="submit" className="button button-primary">
          Vis bevillingen
        </button>
      </form>
      {asOf && then.isPending && <Spinner status="Henter bevillingen …" />}
      {asOf && then.isError && <Alert variant="error">{errorMessage(then.error)}</Alert>}
      {today.isError && <Alert variant="error">{errorMessage(today.error)}</Alert>}
      {asOf && then.data && today.data && <Comparison then={then.data} today={today.data} />}
    </>
  );
}

function Comparison({ then, today }: { then: GrantView; today: GrantView }) {
  const lines = compareGrants(then, today);
  const changed = lines.filter((line) => line.change !== 'same').length;
  return (
    <section aria-labelledby="comparison-heading" className="mt-7">
      <h2 id="comparison-heading">Bevillingen {formatDateTime(then.asOf ?? '')} og i dag</h2>
      <p>
        {lines.length === 0 ? 'Borgeren havde ingen bevilgede varer på tidspunktet og har ingen i dag.' : changed === 0 ? 'Intet er ændret siden.' : `${changed} af ${lines.length} varer er ændret siden. Ændringer er markeret.`}
      </p>
      {lines.length > 0 && (
        <div className="table--responsive-scroll">
          <table className="table audit-comparison">
            <caption className="sr-only">Bevillingens varer på tidspunktet og i dag</caption>
            <thead>
              <tr>
                <th scope="col">Vare</th>
                <th scope="col">Bevillingsområde</th>
                <th scope="col">Ændring</th>
                <th scope="col">På tidspunktet</th>
                <th scope="col">I dag</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <ComparedRow key={line.lineId} line={line} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const BADGES: Readonly<Record<ComparedLine['change'], string>> = { added: 'badge-success', gone: 'badge-error', changed: 'badge-warning', same: '' };

function ComparedRow({ line }: { line: ComparedLine }) {
  const differing = new Set(line.differences.map(({ label }) => label));
  const facts = (side: ComparedLine['then']) =>
    side ? (
      <ul className="nobullet-list mt-0 mb-0">
        {LINE_FACTS.map(([label, fact]) => (
          <li key={label}>{differing.has(label) ? <mark className="audit-difference">{`${label}: ${fact(side)}`}</mark> : `${label}: ${fact(side)}`}</li>
        ))}
      </ul>
    ) : (
      <span>Ikke bevilget</span>
    );
  return (
    <tr className={line.change === 'same' ? undefined : 'audit-changed'} data-change={line.change} data-item={line.itemNumber}>
      <th scope="row">
        {line.productName ?? 'Ukendt produkt'}
        <br />
        <span className="font-size-sm">Varenr. {line.itemNumber}</span>
      </th>
      <td>{line.grantArea}</td>
      <td>{line.change === 'same' ? CHANGE_NAMES.same : <span className={`badge ${BADGES[line.change]}`}>{CHANGE_NAMES[line.change]}</span>}</td>
      <td>{facts(line.then)}</td>
      <td>{facts(line.now)}</td>
    </tr>
  );
}
