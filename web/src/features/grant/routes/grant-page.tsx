import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Outlet, useParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { ErrorSummary } from '../../../components/error-summary';
import { Icon } from '../../../components/icon';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { CITIZEN_STATUS_NAMES } from '../../../lib/citizen-status';
import { errorMessage } from '../../../lib/error-messages';
import { copenhagenToday } from '../../../lib/dates';
import type { SummaryItem } from '../../../lib/form-errors';
import { mayChangeGrants, mayOrder } from '../../../lib/roles';
import { useSession } from '../../../lib/use-session';
import { useGrant, type GrantOverview } from '../api';
import { BasketModal, type PlacedOrder } from '../components/basket-modal';
import { CitizenHeading } from '../components/citizen-heading';
import { GrantAreaSection } from '../components/grant-area-section';
import { OrderConfirmation } from '../components/order-confirmation';
import { checkBasket, orderability, type BasketLine } from '../ordering';
import { useOrderChoices } from '../use-order-choices';

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

  const { choiceOf, choose, unitsErrorOf, markSubmitted, reset } = useOrderChoices();
  const [summary, setSummary] = useState<readonly SummaryItem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [basketOpen, setBasketOpen] = useState(false);
  const [placed, setPlaced] = useState<PlacedOrder | null>(null);
  // What was put in the basket stays there while it is open, even if the grant is read again meanwhile.
  const [basket, setBasket] = useState<readonly BasketLine[]>([]);
  const basketButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  const putInBasket = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const { basket: chosen, problems } = checkBasket(lines, choiceOf, citizen.status, today);
    if (problems.length > 0) {
      const firstOrderable = lines.find((line) => orderability(line, citizen.status, today).orderable);
      markSubmitted();
      setSummary(problems.map(({ lineId, message }) => ({ field: lineId ? `antal-${lineId}` : firstOrderable && `bestil-${firstOrderable.lineId}`, message })));
      return;
    }
    setSummary([]);
    setPlaced(null);
    setBasket(chosen);
    setBasketOpen(true);
  };

  // DKFDS's modal leaves the focus where it was when it closes: put it back on the button that opened it.
  useEffect(() => {
    if (wasOpen.current && !basketOpen && !placed) basketButton.current?.focus();
    wasOpen.current = basketOpen;
  }, [basketOpen, placed]);

  const removeFromBasket = (lineId: string) => {
    const line = lines.find((candidate) => candidate.lineId === lineId);
    if (line) choose(line, { checked: false });
    setBasket((current) => current.filter((entry) => entry.line.lineId !== lineId));
    if (basket.length <= 1) setBasketOpen(false);
  };

  const ordered = (order: PlacedOrder) => {
    reset();
    setPlaced(order);
    setBasketOpen(false);
  };

  return (
    <>
      <CitizenHeading citizenId={citizenId} citizen={citizen} />
      {citizen.status !== 'ACTIVE' && (
        <Alert variant="warning">Borgerens status er "{CITIZEN_STATUS_NAMES[citizen.status]}", så der kan ikke bestilles på bevillingen.</Alert>
      )}
      {refreshFailed && <Alert variant="error">Bevillingen kunne ikke opdateres: {refreshFailed}</Alert>}
      {placed && <OrderConfirmation citizenId={citizenId} citizen={citizen} order={placed} />}
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
          open={basketOpen}
          citizenId={citizenId}
          citizen={citizen}
          basket={basket}
          onRemove={removeFromBasket}
          onClose={() => setBasketOpen(false)}
          onOrdered={ordered}
        />
      )}
    </>
  );
}
