import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { BackLink } from '../../../components/back-link';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { isApiError } from '../../../lib/api-error';
import { errorMessage } from '../../../lib/error-messages';
import { useMunicipality } from '../api';
import { fieldsOf } from '../municipality-form';
import { MUNICIPALITIES_PATH } from '../paths';
import { isMunicipalityId } from '../user-form';
import { MunicipalityForm } from './municipalities-page';

/** One municipality's page (from "Alle kommuner"): its name, postal codes and grant areas to change. */
export function MunicipalityPage() {
  const { municipalityId = '' } = useParams();
  const id = isMunicipalityId(municipalityId) ? municipalityId : null;
  const municipality = useMunicipality(id);
  const [notice, setNotice] = useState<string | null>(null);
  const title = municipality.data ? `${municipality.data.name} (${municipality.data.id})` : `Kommune ${municipalityId}`;
  const unknown = id === null || (municipality.isError && isApiError(municipality.error) && municipality.error.status === 404);

  return (
    <>
      <BackLink to={MUNICIPALITIES_PATH}>Tilbage til Kommuner</BackLink>
      <PageHeading title={title}>{title}</PageHeading>
      {notice && (
        <Alert variant="success" id="municipality-notice">
          {notice}
        </Alert>
      )}
      {municipality.isPending && id !== null && <Spinner status="Henter kommunen …" />}
      {unknown && <Alert variant="error">Kommunen findes ikke. Kontrollér kommunenummeret.</Alert>}
      {municipality.isError && !unknown && <Alert variant="error">{errorMessage(municipality.error)}</Alert>}
      {id && municipality.data && <MunicipalityForm key={`edit-${id}`} id={id} initial={fieldsOf(municipality.data)} create={false} onSaved={setNotice} />}
    </>
  );
}
