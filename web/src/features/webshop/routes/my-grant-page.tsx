import { Alert } from '../../../components/alert';
import { ErrorSummary } from '../../../components/error-summary';
import { Icon } from '../../../components/icon';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { CITIZEN_STATUS_NAMES } from '../../../lib/citizen-status';
import { copenhagenToday } from '../../../lib/dates';
import { errorMessage } from '../../../lib/error-messages';
import { OrderConfirmation, useGrant, useOrdering, type GrantOverview } from '../../grant/api';
import { useOwnCitizenId, WEBSHOP_PATHS } from '../api';
import { OnlyForCitizens } from '../components/only-for-citizens';
import { OwnBasket } from '../components/own-basket';
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
  const { choiceOf, choose, unitsErrorOf, summary, attempt, putInBasket, basketButton, basket, placed } = useOrdering(lines, citizen.status, today);

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
      {placed && <OrderConfirmation citizen={citizen} order={placed} history={{ to: WEBSHOP_PATHS.orders, label: 'Se mine ordrer' }} />}
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
      <OwnBasket
        open={basket.open}
        citizenId={citizenId}
        citizen={citizen}
        basket={basket.lines}
        onRemove={basket.onRemove}
        onClose={basket.onClose}
        onOrdered={basket.onOrdered}
      />
    </>
  );
}
