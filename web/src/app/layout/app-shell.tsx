import { Outlet } from 'react-router';
import { IdleWarning } from '../../features/auth/components/idle-warning';
import { useSession } from '../../lib/use-session';
import { Footer } from './footer';
import { Header } from './header';

/** The logged-in pages: header with the user and the menu, the page, the footer, and the idle warning. */
export function AppShell() {
  const user = useSession()?.user;
  return (
    <>
      <Header user={user} />
      <main id="main-content" className="container page-container">
        <Outlet />
      </main>
      <Footer />
      <IdleWarning />
    </>
  );
}
