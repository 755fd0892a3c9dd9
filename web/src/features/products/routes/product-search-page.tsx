import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { PageHeading } from '../../../components/page-heading';
import { Pagination } from '../../../components/pagination';
import { Spinner } from '../../../components/spinner';
import { errorMessage } from '../../../lib/error-messages';
import { shownRange } from '../../../lib/paging';
import { useSession } from '../../../lib/use-session';
import { PRODUCT_PAGE_SIZE, useProductGroups, useProductSearch, type ProductSearch } from '../api';
import { GroupBreadcrumbs } from '../components/group-breadcrumbs';
import { GroupList, GroupTree } from '../components/group-list';
import { NoMunicipalityNote } from '../components/no-municipality-note';
import { ProductSearchForm } from '../components/product-search-form';
import { ProductTable } from '../components/product-table';
import { criteriaFromSearch, searchesProducts, searchFromCriteria, type ProductCriteria } from '../product-criteria';
import { groupTrail, parentGroup } from '../product-texts';

/**
 * "Produktsøgning" (user guide p. 4) and the group pages: the header's search box lands here with `?q=`, a group
 * link with `?group=`. Without either the page offers the groups to browse. Most relevant first (the API's order).
 */
export function ProductSearchPage() {
  const [search, setSearch] = useSearchParams();
  const criteria = useMemo(() => criteriaFromSearch(search), [search]);
  const withAgreement = Boolean(useSession()?.user.municipalityId);
  const searching = searchesProducts(criteria);
  const products = useProductSearch(criteria, searching);
  const groups = useProductGroups();
  const go = (next: ProductCriteria) => setSearch(searchFromCriteria(next));

  const groupName = criteria.group ? (groupTrail(criteria.group).at(-1)?.name ?? criteria.group) : null;
  const title = groupName ?? 'Produkter';
  return (
    <>
      {criteria.group && <GroupBreadcrumbs group={parentGroup(criteria.group)} current={title} />}
      <PageHeading title={title}>{title}</PageHeading>
      {!withAgreement && <NoMunicipalityNote />}
      <ProductSearchForm criteria={criteria} groups={groups.data ?? []} withAgreement={withAgreement} onSearch={go} />
      {groups.isError && <Alert variant="error">{errorMessage(groups.error)}</Alert>}
      {criteria.group && groups.data && <GroupList heading="Undergrupper" groups={groups.data.filter((group) => group.parent === criteria.group)} />}
      {searching ? <Results criteria={criteria} query={products} withAgreement={withAgreement} onChange={go} /> : groups.data && <GroupTree groups={groups.data} />}
    </>
  );
}

function Results({ criteria, query, withAgreement, onChange }: {
  criteria: ProductCriteria;
  query: ReturnType<typeof useProductSearch>;
  withAgreement: boolean;
  onChange: (next: ProductCriteria) => void;
}) {
  if (query.isPending) return <Spinner status="Søger …" />;
  if (query.isError) return <Alert variant="error">{errorMessage(query.error)}</Alert>;
  const answer: ProductSearch = query.data;
  const { first, last } = shownRange(answer.page, answer.pageSize, answer.total);
  const widen = () => onChange({ ...criteria, agreementOnly: false, page: 1 });
  return (
    <section aria-labelledby="results-heading" aria-busy={query.isFetching} className="mt-7">
      <h2 id="results-heading">Søgeresultat</h2>
      <p role="status">{answer.total === 0 ? 'Ingen produkter passer på søgningen.' : `Viser ${first}–${last} af ${answer.total} produkter${criteria.agreementOnly ? ' i aftalesortimentet' : ''}.`}</p>
      {criteria.agreementOnly && (
        <p>
          <button type="button" className="function-link" onClick={widen}>
            Udvid søgningen til alle produkter
          </button>
        </p>
      )}
      {answer.items.length > 0 && <ProductTable products={answer.items} caption="Produkter, der passer på søgningen" showStars={withAgreement} />}
      <Pagination label="Sider i søgeresultatet" page={answer.page} pageSize={PRODUCT_PAGE_SIZE} total={answer.total} onPage={(page) => onChange({ ...criteria, page })} />
    </section>
  );
}

