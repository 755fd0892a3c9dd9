import { Link } from 'react-router';
import { Icon } from '../../../components/icon';
import { groupHref } from '../product-criteria';
import { groupTrail } from '../product-texts';

/** DKFDS breadcrumbs from "Produkter" down a group path, ending at the page itself (`current`, not a link). */
export function GroupBreadcrumbs({ group, current }: { group?: string; current: string }) {
  const trail = group ? groupTrail(group) : [];
  return (
    <nav className="breadcrumbs" aria-label="Brødkrumme">
      <ol className="breadcrumbs__list">
        <li className="breadcrumbs__list-item">
          <Link to="/produkter" className="breadcrumbs__link">
            Produkter
          </Link>
          <Icon name="chevron-right" />
        </li>
        {trail.map((level) => (
          <li key={level.group} className="breadcrumbs__list-item">
            <Link to={groupHref(level.group)} className="breadcrumbs__link">
              {level.name}
            </Link>
            <Icon name="chevron-right" />
          </li>
        ))}
        <li className="breadcrumbs__list-item" aria-current="page">
          {current}
        </li>
      </ol>
    </nav>
  );
}
