import { useState } from 'react';
import { Link, Outlet, useParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { ErrorSummary } from '../../../components/error-summary';
import { Icon } from '../../../components/icon';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { CITIZEN_STATUS_NAMES } from '../../../lib/citizen-status';
import { errorMessage } from '../../../lib/error-messages';
import { copenhagenToday } from '../../../lib/dates';
import { mayChangeGrants, mayOrder } from '../../../lib/roles';
import { useSession } from '../../../lib/use-session';
import { useGrant, type GrantOverview } from '../api';
import { BasketModal } from '../components/basket-modal';
import { CitizenHeading } from '../components/citizen-heading';
import { GrantAreaSection } from '../components/grant-area-section';
import { OrderConfirmation } from '../components/order-confirmation';
import { useOrdering } from '../use-ordering';

/**
 * "Borgers bevilling" (user guide p. 3, 6, 7): the citizen's grant by grant area, and ordering on it ("Bestil
 * produkter for borgeren"). The dialogs that change the grant ("Tilføj ny vare", "Tilføj ny fra inaktiv-liste",
 * "Redigér") are child routes that open over this page, in its <Outlet />.
 */
export function GrantPage() {
  const { citizenId = '' } = useParams();
  const [includeInactive, setIncludeInactive] = useState(false);
  const grant = useGrant(citizenId, includeInactive);
  const role = useSession()?.user.role ?? '';

  return (
    <>
      <PageHeading title="Borgers bevilling">Borgers bevilling</PageHeading>
      {grant.isPending && <Spinner status="Henter bevillingen …" />}
      {grant.isError && !grant.data && (
        <>
          <Alert variant="error">{errorMessage(grant.error)}</Alert>
          <p>
            <Link to="/borgere">Til Brugere</Link>
          </p>
        </>
      )}
      {grant.data && (
        <Grant
          citizenId={citizenId}
          grant={grant.data}
          role={role}
          includeInactive={includeInactive}
          onIncludeInactive={setIncludeInactive}
          refreshFailed={grant.isError ? errorMessage(grant.error) : null}
        />
      )}
      <Outlet />
    </>
  );
}

interface GrantProps {
  readonly citizenId: string;
  readonly grant: GrantOverview;
  readonly role: string;
  readonly includeInactive: boolean;
  readonly onIncludeInactive: (value: boolean) => void;
  readonly refreshFailed: string | null;
}

function Grant({ citizenId, grant, role, includeInactive, onIncludeInactive, refreshFailed }: GrantProps) {
  const ordering = mayOrder(role);
  const granting = mayChangeGrants(role);
  const today = copenhagenToday();
  const { citizen } = grant;
  const lines = grant.areas.flatMap((area) => area.lines);

  const { choiceOf, choose, unitsErrorOf, summary, attempt, putInBasket, basketButton, basket, placed } = useOrdering(lines, citizen.status, today);

  return (
    <>
      <CitizenHeading citizenId={citizenId} citizen={citizen} />
      {citizen.status !== 'ACTIVE' && (
        <Alert variant="warning">Borgerens status er "{CITIZEN_STATUS_NAMES[citizen.status]}", så der kan ikke bestilles på bevillingen.</Alert>
      )}
      {refreshFailed && <Alert variant="error">Bevillingen kunne ikke opdateres: {refreshFailed}</Alert>}
      {placed && <OrderConfirmation citizen={citizen} order={placed} history={{ to: `/borgere/${citizenId}/ordrer`, label: 'Vis ordrehistorik' }} />}
      <ErrorSummary items={summary} attempt={attempt} />
      <div className="form-group-checkbox mb-5">
        <input type="checkbox" id="vis-alle-varer" className="form-checkbox" checked={includeInactive} onChange={(event) => onIncludeInactive(event.target.checked)} />
        <label htmlFor="vis-alle-varer">Vis alle varer</label>
      </div>
      <form onSubmit={putInBasket} noValidate aria-label="Bestil produkter for borgeren">
        {grant.areas.length === 0 && <p>Der er ingen {includeInactive ? '' : 'aktive '}varer på bevillingen i dine bevillingsområder.</p>}
        {grant.areas.map((area) => (
          <GrantAreaSection
            key={area.grantArea}
            area={area}
            citizenStatus={citizen.status}
            today={today}
            ordering={ordering}
            granting={granting}
            choiceOf={choiceOf}
            unitsErrorOf={unitsErrorOf}
            onChoice={choose}
          />
        ))}
        {ordering && grant.areas.length > 0 && (
          <button type="submit" ref={basketButton} className="button button-primary button-accept">
            <Icon name="shopping-cart" />
            Læg i indkøbskurv
          </button>
        )}
      </form>
      {granting && (
        <p className="grant-actions">
          <Link to="tilfoej" className="button button-secondary">
            Tilføj ny vare
          </Link>
          <Link to="inaktive" className="button button-secondary">
            Tilføj ny fra inaktiv-liste
          </Link>
        </p>
      )}
      {ordering && (
        <BasketModal
          open={basket.open}
          citizenId={citizenId}
          citizen={citizen}
          basket={basket.lines}
          onRemove={basket.onRemove}
          onClose={basket.onClose}
          onOrdered={basket.onOrdered}
        />
      )}
    </>
  );
}
