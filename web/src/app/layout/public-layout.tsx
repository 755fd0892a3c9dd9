import { Outlet } from 'react-router';
import { useSession } from '../../lib/use-session';
import { Footer } from './footer';
import { Header } from './header';

/** Pages open to everyone (login, passwords, terms): the header shows the user only if one is logged in. */
export function PublicLayout() {
  const current = useSession();
  return (
    <>
      <Header user={current && !current.mustChangePassword ? current.user : undefined} />
      <main id="main-content" className="container page-container">
        <Outlet />
      </main>
      <Footer />
    </>
  );
}
