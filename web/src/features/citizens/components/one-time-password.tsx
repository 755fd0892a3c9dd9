import { useState } from 'react';
import { Alert } from '../../../components/alert';
import { Modal } from '../../../components/modal';
import { errorMessage } from '../../../lib/error-messages';
import { useIssueOneTimePassword, type CitizenRecord } from '../api';

/**
 * A webshop login for a citizen with no e-mail address: "Giv engangsadgangskode". The caseworker confirms, is
 * shown the password once in the modal, and hands it to the citizen, who must change it at the first login.
 * Closing the modal forgets the password; the portal never stores it.
 */
export function OneTimePassword({ record }: { record: CitizenRecord }) {
  const issue = useIssueOneTimePassword(record.citizenId);
  const [open, setOpen] = useState(false);
  const password = issue.data?.password;
  const close = () => {
    setOpen(false);
    issue.reset();
  };

  return (
    <>
      <p>
        Borgeren har ingen e-mailadresse, så der kan ikke sendes et link. Giv i stedet borgeren en engangsadgangskode. Borgeren logger ind med
        brugernavnet og engangsadgangskoden og skal vælge sin egen adgangskode første gang.
      </p>
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        Giv engangsadgangskode …
      </button>
      <Modal
        id="one-time-password"
        open={open}
        heading={password ? 'Engangsadgangskode' : 'Giv borgeren en engangsadgangskode?'}
        onClose={close}
        actions={
          password ? (
            <button type="button" className="button button-primary" onClick={close}>
              Færdig
            </button>
          ) : (
            <>
              <button type="button" className="button button-primary" onClick={() => issue.mutate()} disabled={issue.isPending}>
                Ja, giv engangsadgangskode
              </button>
              <button type="button" className="button button-tertiary" onClick={close}>
                Fortryd
              </button>
            </>
          )
        }
      >
        {password ? (
          <>
            <p>
              Giv borgeren brugernavnet og engangsadgangskoden. Adgangskoden vises kun denne ene gang.
            </p>
            <dl>
              <dt>Brugernavn</dt>
              <dd>
                <strong>{record.webshopUsername}</strong>
              </dd>
              <dt>Engangsadgangskode</dt>
              <dd>
                <strong className="one-time-password" data-testid="one-time-password">
                  {password}
                </strong>
              </dd>
            </dl>
            <Alert variant="info">Borgeren skal skifte adgangskoden, første gang borgeren logger ind i webshoppen.</Alert>
          </>
        ) : (
          <>
            <p>Borgerens hidtidige adgangskode holder op med at virke, og borgeren bliver logget ud af webshoppen.</p>
            {issue.isError && (
              <Alert variant="error" heading="Engangsadgangskoden kan ikke gives">
                {errorMessage(issue.error)}
              </Alert>
            )}
          </>
        )}
      </Modal>
    </>
  );
}
