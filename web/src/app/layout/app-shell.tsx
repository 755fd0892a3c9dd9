import { Outlet, useLocation } from 'react-router';
import { mayOpen } from '../../config/navigation';
import { IdleWarning } from '../../features/auth/components/idle-warning';
import { useSession } from '../../lib/use-session';
import { Footer } from './footer';
import { Header } from './header';
import { NotAllowed } from '../routes/not-allowed';

/** The logged-in pages: header with the user and the menu, the page, the footer, and the idle warning. */
export function AppShell() {
  const user = useSession()?.user;
  const { pathname } = useLocation();
  return (
    <>
      <Header user={user} />
      <main id="main-content" className="container page-container">
        {!user || mayOpen(pathname, user.role) ? <Outlet /> : <NotAllowed />}
      </main>
      <Footer />
      <IdleWarning />
    </>
  );
}
