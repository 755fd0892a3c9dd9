import { Link } from 'react-router';
import { PageHeading } from '../../../components/page-heading';
import { roleName } from '../../../lib/roles';
import { useSession } from '../../../lib/use-session';
import { NAVIGATION } from '../../../config/navigation';

/** "Mine sider": the landing page after login, a way into each part of the portal. */
export function HomePage() {
  const user = useSession()?.user;
  if (!user) return null;
  const areas = user.grantAreas.length > 0 ? user.grantAreas.join(', ') : null;
  return (
    <>
      <PageHeading title="Mine sider">Mine sider</PageHeading>
      <p className="font-lead">
        Velkommen, {user.name}. Du er logget ind som {roleName(user.role).toLowerCase()}
        {areas ? ` med adgang til ${areas}` : ''}.
      </p>
      <ul className="nobullet-list">
        {NAVIGATION.filter((item) => item.to !== '/mine-sider' && item.allows(user.role)).map((item) => (
          <li key={item.to} className="mb-4">
            <Link to={item.to} className="function-link">
              {item.label}
            </Link>
            <span className="d-block form-hint">{item.description}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
