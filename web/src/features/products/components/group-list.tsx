import { Link } from 'react-router';
import type { ProductGroup } from '../api';
import { groupHref } from '../product-criteria';

/** Groups to browse ("produktgruppe/sektionsside"), each with how many products it holds. */
export function GroupList({ groups, heading }: { groups: readonly ProductGroup[]; heading: string }) {
  if (groups.length === 0) return null;
  return (
    <nav aria-label={heading}>
      <h2 className="h3">{heading}</h2>
      <ul className="nobullet-list group-list">
        {groups.map((group) => (
          <li key={group.group}>
            <Link to={groupHref(group.group)}>{group.name}</Link> <span className="group-count">({group.productCount})</span>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Every top group with its subgroups, as the product pages' front door. */
export function GroupTree({ groups }: { groups: readonly ProductGroup[] }) {
  const tops = groups.filter((group) => group.parent === null);
  return (
    <section aria-labelledby="groups-heading" className="mt-7">
      <h2 id="groups-heading">Produktgrupper</h2>
      <div className="row">
        {tops.map((top) => (
          <div key={top.group} className="col-12 col-md-6 col-lg-4 mb-5">
            <h3 className="h4">
              <Link to={groupHref(top.group)}>{top.name}</Link> <span className="group-count">({top.productCount})</span>
            </h3>
            <ul className="nobullet-list">
              {groups
                .filter((group) => group.parent === top.group)
                .map((group) => (
                  <li key={group.group}>
                    <Link to={groupHref(group.group)}>{group.name}</Link> <span className="group-count">({group.productCount})</span>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
