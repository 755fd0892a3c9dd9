import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../../components/alert';
import { Spinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { errorMessage } from '../../../lib/error-messages';
import { useMunicipalities } from '../api';
import { municipalityPath } from '../paths';

/**
 * "Alle kommuner": every municipality by number, with its name, number of postal codes and grant areas; the number
 * links to the municipality's page. A name or the start of a number narrows the list.
 */
export function MunicipalityList() {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const municipalities = useMunicipalities(q);

  const filter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setQ(typed.trim());
  };

  const items = municipalities.data?.items ?? [];
  return (
    <section aria-labelledby="municipality-list-heading" className="mt-8" aria-busy={municipalities.isFetching}>
      <h2 id="municipality-list-heading">Alle kommuner</h2>
      <form onSubmit={filter} noValidate role="search" aria-label="Søg i kommuner">
        <div className="row align-items-end">
          <div className="col-12 col-md-5">
            <TextField id="municipality-filter" label="Søg efter navn eller nummer" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />
          </div>
          <div className="col-12 col-md-4">
            <button type="submit" className="button button-secondary mb-5">
              Søg
            </button>
          </div>
        </div>
      </form>
      {municipalities.isPending && <Spinner status="Henter kommuner …" />}
      {municipalities.isError && <Alert variant="error">{errorMessage(municipalities.error)}</Alert>}
      {municipalities.data && (
        <>
          <p role="status">{summary(items.length, q)}</p>
          {items.length > 0 && (
            <div className="table--responsive-scroll">
              <table className="table table--compact" id="municipality-list">
                <caption className="sr-only">Kommuner</caption>
                <thead>
                  <tr>
                    <th scope="col">Kommunenummer</th>
                    <th scope="col">Navn</th>
                    <th scope="col">Postnumre</th>
                    <th scope="col">Bevillingsområder</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((municipality) => (
                    <tr key={municipality.id} data-municipality={municipality.id}>
                      <th scope="row">
                        <Link to={municipalityPath(municipality.id)}>
                          {municipality.id}
                          <span className="sr-only"> {municipality.name}</span>
                        </Link>
                      </th>
                      <td>{municipality.name}</td>
                      <td>{municipality.postalCodeCount}</td>
                      <td>{municipality.grantAreas.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function summary(count: number, q: string): string {
  if (count === 0) return q ? `Ingen kommuner matcher "${q}".` : 'Der er ingen kommuner endnu.';
  const noun = count === 1 ? 'kommune' : 'kommuner';
  return q ? `${count} ${noun} matcher "${q}".` : `${count} ${noun}.`;
}
