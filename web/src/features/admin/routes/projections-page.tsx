import { useState } from 'react';
import { Alert } from '../../../components/alert';
import { BackLink } from '../../../components/back-link';
import { Modal } from '../../../components/modal';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { errorMessage } from '../../../lib/error-messages';
import { formatDateTime } from '../../../lib/format';
import { useParkedEvents, useProjections, useReplayParked, type ParkedEvent } from '../api';
import { ADMIN_PATH } from '../paths';
import { lagText, projectionName, replayText } from '../projection-texts';

const TITLE = 'Projektioner';

interface Notice {
  readonly variant: 'success' | 'warning' | 'error';
  readonly text: string;
}

/**
 * "Projektioner": each read model's lag, its events set aside ("parkerede hændelser": ones it could not handle)
 * and its health; the parked events of one projection, each replayed on confirmation.
 */
export function ProjectionsPage() {
  const projections = useProjections();
  const [shown, setShown] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  return (
    <>
      <BackLink to={ADMIN_PATH}>Tilbage til Administration</BackLink>
      <PageHeading title={TITLE}>{TITLE}</PageHeading>
      <p>
        Visningerne (læsemodellerne) bygges af hændelsesloggen. Her ses, om de er ajour, og hvilke hændelser de ikke kunne behandle og har sat til side. En
        projektion genopbygges fra driftens kommandolinje (<code>npm run projections -- rebuild &lt;navn&gt;</code>).
      </p>
      {notice && (
        <Alert variant={notice.variant} id="projections-notice">
          {notice.text}
        </Alert>
      )}
      {projections.isPending && <Spinner status="Henter projektioner …" />}
      {projections.isError && <Alert variant="error">{errorMessage(projections.error)}</Alert>}
      {projections.data && (
        <div className="table--responsive-scroll">
          <table className="table table--compact">
            <caption className="sr-only">Projektioner</caption>
            <thead>
              <tr>
                <th scope="col">Projektion</th>
                <th scope="col">Ajour</th>
                <th scope="col">Sat til side</th>
                <th scope="col">Tilstand</th>
                <th scope="col">Handlinger</th>
              </tr>
            </thead>
            <tbody>
              {projections.data.items.map((projection) => (
                <tr key={projection.name} data-projection={projection.name}>
                  <th scope="row">
                    {projectionName(projection.name)} <span className="form-hint">({projection.name})</span>
                  </th>
                  <td>{lagText(projection)}</td>
                  <td>{projection.parked}</td>
                  <td>{projection.healthy ? 'I orden' : `Fejl: ${projection.lastError ?? 'ukendt'}`}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-unstyled function-link"
                      aria-expanded={shown === projection.name}
                      aria-controls="parked-events"
                      onClick={() => setShown(shown === projection.name ? null : projection.name)}
                    >
                      {shown === projection.name ? 'Skjul hændelser sat til side' : 'Vis hændelser sat til side'}
                      <span className="sr-only"> for {projectionName(projection.name)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div id="parked-events">{shown && <ParkedEvents name={shown} onNotice={setNotice} />}</div>
    </>
  );
}

function ParkedEvents({ name, onNotice }: { name: string; onNotice: (notice: Notice) => void }) {
  const parked = useParkedEvents(name);
  const replay = useReplayParked();
  const [confirming, setConfirming] = useState<ParkedEvent | null>(null);

  const confirm = () => {
    if (!confirming) return;
    const event = confirming;
    setConfirming(null);
    replay.mutate(
      { name, position: event.position },
      {
        onSuccess: ({ outcome }) => {
          onNotice({ variant: outcome === 'replayed' ? 'success' : 'warning', text: replayText(outcome) });
          void parked.refetch();
        },
        onError: (error) => onNotice({ variant: 'error', text: errorMessage(error) }),
      },
    );
  };

  return (
    <section aria-labelledby="parked-heading" aria-busy={parked.isFetching || replay.isPending} className="mt-7">
      <h2 id="parked-heading">Hændelser sat til side i {projectionName(name)}</h2>
      {parked.isPending && <Spinner status="Henter hændelser …" />}
      {parked.isError && <Alert variant="error">{errorMessage(parked.error)}</Alert>}
      {parked.data && parked.data.items.length === 0 && <p role="status">Der er ingen hændelser sat til side.</p>}
      {parked.data && parked.data.items.length > 0 && (
        <div className="table--responsive-scroll">
          <table className="table table--compact">
            <caption className="sr-only">Hændelser sat til side i {projectionName(name)}</caption>
            <thead>
              <tr>
                <th scope="col">Hændelse</th>
                <th scope="col">Position</th>
                <th scope="col">Fejl</th>
                <th scope="col">Forsøg</th>
                <th scope="col">Sat til side</th>
                <th scope="col">Handling</th>
              </tr>
            </thead>
            <tbody>
              {parked.data.items.map((event) => (
                <tr key={event.position}>
                  <th scope="row">
                    {event.eventType}
                    <br />
                    <span className="form-hint">{event.streamName}</span>
                  </th>
                  <td>{event.position}</td>
                  <td>{event.error}</td>
                  <td>{event.attempts}</td>
                  <td>{formatDateTime(event.parkedAt)}</td>
                  <td>
                    <button type="button" className="button button-secondary" disabled={replay.isPending} onClick={() => setConfirming(event)}>
                      Afspil igen<span className="sr-only"> hændelse {event.position}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Modal
        id="replay-parked"
        open={confirming !== null}
        heading="Afspil hændelsen igen?"
        onClose={() => setConfirming(null)}
        actions={
          <>
            <button type="button" className="button button-primary" onClick={confirm}>
              Afspil igen
            </button>
            <button type="button" className="button button-tertiary" onClick={() => setConfirming(null)}>
              Annullér
            </button>
          </>
        }
      >
        {confirming && (
          <p>
            Hændelsen {confirming.eventType} (position {confirming.position}) gives til projektionen {projectionName(name)} igen. Fejler den igen, bliver den
            stående her.
          </p>
        )}
      </Modal>
    </section>
  );
}
