import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { BackLink } from '../../../components/back-link';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { isRemovalStatus } from '../../../lib/citizen-status';
import { errorMessage } from '../../../lib/error-messages';
import { useSession } from '../../../lib/use-session';
import { useCitizenRecord } from '../api';
import { CitizenFacts } from '../components/citizen-facts';
import { ContactForm } from '../components/contact-form';
import { CprChangeForm } from '../components/cpr-change-form';
import { PurposeForm } from '../components/purpose-form';
import { ReopenForm } from '../components/reopen-form';
import { StatusForm } from '../components/status-form';
import { WebshopAccess } from '../components/webshop-access';
import { NameForm } from '../components/name-form';
import { UsernameForm } from '../components/username-form';
import { citizenPermissions } from '../permissions';

const CITIZEN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where "Brugerdata" was opened from (the search, with its criteria, or the grant page). */
export interface CitizenDataState {
  readonly from?: string;
}

/**
 * "Brugerdata" (user guide p. 8): first the purpose of the look-up, then the citizen's full record with the CPR
 * number; contact details, status and the webshop password for those who may change them (the rest see the
 * record only). The title names no one: a page's title is kept in the browser's history.
 */
export function CitizenDataPage() {
  const { citizenId = '' } = useParams();
  const location = useLocation();
  const user = useSession()?.user;
  const [purpose, setPurpose] = useState<string | null>(null);
  const [reopened, setReopened] = useState(false);
  const valid = CITIZEN_ID.test(citizenId);
  const record = useCitizenRecord(citizenId, valid ? purpose : null);
  if (!user) return null;
  const permissions = citizenPermissions(user.role);
  const from = (location.state as CitizenDataState | null)?.from ?? '/borgere';

  const content = () => {
    if (!valid) return <Alert variant="error">Borgeren findes ikke. Find borgeren via søgningen.</Alert>;
    if (purpose === null) return <PurposeForm onPurpose={setPurpose} />;
    if (record.isPending) return <Spinner status="Henter brugerdata …" />;
    if (record.isError) return <Alert variant="error">{errorMessage(record.error)}</Alert>;
    const data = record.data;
    const removed = isRemovalStatus(data.status);
    return (
      <>
        <h2>
          {data.firstName} {data.lastName}
        </h2>
        {reopened && <Alert variant="success">Borgeren er genåbnet og har status "Aktiv" igen.</Alert>}
        <CitizenFacts record={data} showContact={!permissions.changeContactDetails || removed} />
        {permissions.changeContactDetails && !removed && <NameForm record={data} />}
        {permissions.changeContactDetails && !removed && <ContactForm record={data} />}
        {permissions.changeStatus && !removed && <StatusForm record={data} />}
        {permissions.resetWebshopPassword && !removed && <UsernameForm record={data} />}
        {permissions.resetWebshopPassword && !removed && <WebshopAccess record={data} />}
        {permissions.changeCpr && !removed && <CprChangeForm record={data} />}
        {permissions.reopen && removed && <ReopenForm record={data} onReopened={() => setReopened(true)} />}
      </>
    );
  };

  return (
    <>
      <BackLink to={from}>Tilbage</BackLink>
      <PageHeading title="Brugerdata">Brugerdata</PageHeading>
      {content()}
    </>
  );
}
