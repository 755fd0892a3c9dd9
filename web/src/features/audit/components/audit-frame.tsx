import type { ReactNode } from 'react';
import { Link, NavLink, useParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { isApiError } from '../../../lib/api-error';
import { CITIZEN_STATUS_NAMES } from '../../../lib/citizen-status';
import { errorMessage } from '../../../lib/error-messages';
import { accessLogPath, grantAsOfPath, historyPath, useGrantView } from '../api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the auditors' pages of a citizen share: the way back to "Borgers bevilling", the title, whose pages these
 * are (name and masked CPR number from today's grant, which is not access-logged) and the way between the three
 * pages. The title names no one: titles go into the browser's history.
 */
export function AuditFrame({ title, children }: { title: string; children: (citizenId: string) => ReactNode }) {
  const { citizenId = '' } = useParams();
  const valid = UUID.test(citizenId);
  const today = useGrantView(citizenId, null, valid);

  const heading = (
    <>
      <Link className="back-link" to={`/borgere/${citizenId}/bevilling`}>
        Tilbage til borgers bevilling
      </Link>
      <PageHeading title={title}>{title}</PageHeading>
    </>
  );
  if (!valid || (today.isError && isApiError(today.error) && today.error.status === 404)) {
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <Alert variant="error" heading="Borgeren findes ikke">
          Borgeren findes ikke, eller du har ikke adgang til borgerens oplysninger.
        </Alert>
        <p>
          <Link to="/borgere">Til Brugere</Link>
        </p>
      </>
    );
  }
  if (today.isPending) return (
    <>
      {heading}
      <Spinner status="Henter borgeren …" />
    </>
  );
  if (today.isError) return (
    <>
      {heading}
      <Alert variant="error">{errorMessage(today.error)}</Alert>
    </>
  );
  const { citizen } = today.data;
  return (
    <>
      {heading}
      <p className="font-lead mt-0">
        <strong>{citizen.name}</strong>, CPR-nr. {citizen.cprMasked}
        {citizen.status !== 'ACTIVE' && <span className="badge badge-warning ml-3">{CITIZEN_STATUS_NAMES[citizen.status]}</span>}
      </p>
      <nav aria-label="Revision af borgeren" className="citizen-links">
        <NavLink to={historyPath(citizenId)} className="button button-secondary" end>
          Hændelseshistorik
        </NavLink>
        <NavLink to={grantAsOfPath(citizenId)} className="button button-secondary" end>
          Bevilling på et tidspunkt
        </NavLink>
        <NavLink to={accessLogPath(citizenId)} className="button button-secondary" end>
          Adgangslog
        </NavLink>
      </nav>
      {children(citizenId)}
    </>
  );
}
