import { useMemo, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { Icon } from '../../../components/icon';
import { PageHeading } from '../../../components/page-heading';
import { useSession } from '../../../lib/use-session';
import { useCitizenSearch } from '../api';
import { CreateCitizenModal } from '../components/create-citizen-modal';
import { SearchForm } from '../components/search-form';
import { SearchResults } from '../components/search-results';
import { citizenPermissions } from '../permissions';
import { recallCpr, rememberCpr } from '../remembered-cpr';
import { criteriaFromUrl, criteriaToUrl, searchQuery, type SearchCriteria, type SearchPageState } from '../search-criteria';

/**
 * "Mine sider" → "Brugere" (user guide p. 2–3): find a citizen and go on to the grant ("Se bevilling") or the
 * citizen's data ("Brugerdata"); caseworkers create new citizens here ("Opret ny borger …"). The search runs
 * at once with the defaults (every active citizen), and again whenever the criteria in the address change.
 */
export function CitizenSearchPage() {
  const user = useSession()?.user;
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const criteria = useMemo(() => criteriaFromUrl(params), [params]);
  const cpr = recallCpr(criteria.cprRef);
  const search = useCitizenSearch(searchQuery(criteria, cpr));
  const [creating, setCreating] = useState(false);
  if (!user) return null;
  const permissions = citizenPermissions(user.role);
  const notice = (location.state as SearchPageState | null)?.notice;

  const show = (next: SearchCriteria) => setParams(criteriaToUrl(next));
  const searchFor = (next: SearchCriteria, nextCpr: string | undefined) => show({ ...next, cprRef: nextCpr ? rememberCpr(nextCpr) : '' });

  return (
    <>
      <PageHeading title="Brugere">Brugere</PageHeading>
      {notice && <Alert variant="success">{notice}</Alert>}
      {permissions.register && (
        <p>
          <button type="button" className="button button-primary button-accept" onClick={() => setCreating(true)}>
            <Icon name="person-add" />
            Opret ny borger …
          </button>
        </p>
      )}
      <h2 id="search-heading">Find en eksisterende bevilling</h2>
      {criteria.cprRef && cpr === undefined && (
        <Alert variant="info">CPR-nummeret i søgningen bliver ikke gemt, når siden genindlæses. Skriv det igen for at søge på det.</Alert>
      )}
      <SearchForm key={params.toString()} criteria={criteria} cpr={cpr ?? ''} user={user} onSearch={searchFor} />
      <h2>Søgeresultat</h2>
      {/* While the next page or sorting loads, the previous result stays in view, marked busy. */}
      <div aria-busy={search.isPlaceholderData || undefined} data-search={params.toString()}>
        <SearchResults
          answer={search.data}
          isPending={search.isPending}
          error={search.error}
          criteria={criteria}
          showMunicipality={permissions.acrossMunicipalities}
          searchPath={`${location.pathname}${location.search}`}
          onChange={show}
        />
      </div>
      {permissions.register && <CreateCitizenModal open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
