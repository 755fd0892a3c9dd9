import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../../components/alert';
import { ErrorSummary } from '../../../components/error-summary';
import { Icon } from '../../../components/icon';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { CITIZEN_STATUS_NAMES } from '../../../lib/citizen-status';
import { copenhagenToday } from '../../../lib/dates';
import { errorMessage } from '../../../lib/error-messages';
import type { SummaryItem } from '../../../lib/form-errors';
import { checkBasket, orderability, salesUnits, useGrant, useOrderChoices, type BasketLine, type GrantOverview } from '../../grant/api';
import { useOwnCitizenId, WEBSHOP_PATHS } from '../api';
import { OnlyForCitizens } from '../components/only-for-citizens';
import { OwnBasket, type OwnOrder } from '../components/own-basket';
import { OwnGrantLine } from '../components/own-grant-line';

const TITLE = 'Min bevilling';

/**
 * "Min bevilling" (PORTAL.md "Citizen (webshop)", user guide p. 7): the citizen's own grant by grant area, each
 * product with its next order date (in red with the bell while the period's max is used up), and ordering within
 * the caps: "Læg i indkøbskurv", the basket, "Bestil varer" and the confirmation with the order number.
 */
export function MyGrantPage() {
  const citizenId = useOwnCitizenId();
  if (!citizenId) return <OnlyForCitizens title={TITLE} />;
  return <OwnGrant citizenId={citizenId} />;
}

function OwnGrant({ citizenId }: { citizenId: string }) {
  const grant = useGrant(citizenId, false);
  return (
    <>
      <PageHeading title={TITLE}>{TITLE}</PageHeading>
      {grant.isPending && <Spinner status="Henter din bevilling …" />}
      {grant.isError && !grant.data && <Alert variant="error">{errorMessage(grant.error)}</Alert>}
      {grant.data && <Ordering citizenId={citizenId} grant={grant.data} refreshFailed={grant.isError ? errorMessage(grant.error) : null} />}
    </>
  );
}

function Ordering({ citizenId, grant, refreshFailed }: { citizenId: string; grant: GrantOverview; refreshFailed: string | null }) {
  const today = copenhagenToday();
  const { citizen } = grant;
  const lines = grant.areas.flatMap((area) => area.lines);
  const { choiceOf, choose, unitsErrorOf, markSubmitted, reset } = useOrderChoices();
  const [summary, setSummary] = useState<readonly SummaryItem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [basketOpen, setBasketOpen] = useState(false);
  const [placed, setPlaced] = useState<OwnOrder | null>(null);
  const [basket, setBasket] = useState<readonly BasketLine[]>([]);
  const basketButton = useRef<HTMLButtonElement>(null);
  const confirmation = useRef<HTMLDivElement>(null);
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

  // The focus goes back to "Læg i indkøbskurv" when the basket closes, or to the confirmation after an order.
  useEffect(() => {
    if (wasOpen.current && !basketOpen && !placed) basketButton.current?.focus();
    wasOpen.current = basketOpen;
  }, [basketOpen, placed]);
  useEffect(() => {
    if (placed) confirmation.current?.focus();
  }, [placed]);

  const removeFromBasket = (lineId: string) => {
    const line = lines.find((candidate) => candidate.lineId === lineId);
    if (line) choose(line, { checked: false });
    setBasket((current) => current.filter((entry) => entry.line.lineId !== lineId));
    if (basket.length <= 1) setBasketOpen(false);
  };

  const ordered = (order: OwnOrder) => {
    reset();
    setPlaced(order);
    setBasketOpen(false);
  };

  const { street, postalCode, city } = citizen.address;
  return (
    <>
      <p className="font-lead mt-0">
        <strong>{citizen.name}</strong>
        <span className="d-block">
          Dine varer leveres til {street}, {postalCode} {city}.
        </span>
      </p>
      {citizen.status !== 'ACTIVE' && (
        <Alert variant="warning">Din status er "{CITIZEN_STATUS_NAMES[citizen.status]}", så du kan ikke bestille på bevillingen. Kontakt din kommune.</Alert>
      )}
      {refreshFailed && <Alert variant="error">Bevillingen kunne ikke opdateres: {refreshFailed}</Alert>}
      {placed && (
        <div ref={confirmation} tabIndex={-1} className="order-confirmation">
          <Alert variant="success" heading={`Bestillingen er modtaget: ordrenummer ${placed.answer.orderNumber}`}>
            <ul className="mt-0">
              {placed.lines.map(({ line, salesUnits: units }) => (
                <li key={line.lineId}>
                  {salesUnits(units)} {line.productName ?? line.itemNumber} (varenr. {line.itemNumber})
                </li>
              ))}
            </ul>
            <p>
              Leveres til {citizen.name}, {street}, {postalCode} {city}.{placed.remarks && ` Bemærkninger: ${placed.remarks}`}
            </p>
            <p>
              <Link to={WEBSHOP_PATHS.orders}>Se mine ordrer</Link>
            </p>
          </Alert>
        </div>
      )}
      <ErrorSummary items={summary} attempt={attempt} />
      <form onSubmit={putInBasket} noValidate aria-label="Bestil varer">
        {grant.areas.length === 0 && <p>Der er ingen aktive varer på din bevilling.</p>}
        {grant.areas.map((area) => (
          <section key={area.grantArea} className="webshop-area" aria-label={area.grantArea}>
            <h2>{area.grantArea}</h2>
            <ul className="nobullet-list webshop-lines">
              {area.lines.map((line) => (
                <OwnGrantLine
                  key={line.lineId}
                  line={line}
                  citizenStatus={citizen.status}
                  today={today}
                  choice={choiceOf(line)}
                  unitsError={unitsErrorOf(line)}
                  onChoice={(change) => choose(line, change)}
                />
              ))}
            </ul>
          </section>
        ))}
        {grant.areas.length > 0 && (
          <button type="submit" ref={basketButton} className="button button-primary button-accept">
            <Icon name="shopping-cart" />
            Læg i indkøbskurv
          </button>
        )}
      </form>
      <OwnBasket open={basketOpen} citizenId={citizenId} citizen={citizen} basket={basket} onRemove={removeFromBasket} onClose={() => setBasketOpen(false)} onOrdered={ordered} />
    </>
  );
}
