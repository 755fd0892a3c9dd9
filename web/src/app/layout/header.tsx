import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { Icon } from '../../components/icon';
import { NAVIGATION } from '../../config/navigation';
import { useLogout } from '../../features/auth/api';
import { roleName } from '../../lib/roles';
import type { SessionUser } from '../../lib/session';

/**
 * DKFDS header: portal info (the user and "Log ud"), solution info, the main menu with the product search, and
 * on small screens the same in DKFDS's mobile drawer. Without a user (the login pages) only the solution shows.
 */
export function Header({ user }: { user?: SessionUser }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const closeButton = useRef<HTMLButtonElement>(null);
  const location = useLocation();
  const items = user ? NAVIGATION.filter((item) => item.allows(user.role)) : [];

  useEffect(() => {
    document.body.classList.toggle('mobile-nav-active', menuOpen);
    if (!menuOpen) return undefined;
    closeButton.current?.focus();
    const closeOnEscape = (event: KeyboardEvent) => event.key === 'Escape' && setMenuOpen(false);
    document.addEventListener('keyup', closeOnEscape);
    return () => document.removeEventListener('keyup', closeOnEscape);
  }, [menuOpen]);

  return (
    <>
      <header className="header">
        <a className="skipnav" href="#main-content">
          Gå til sidens indhold
        </a>
        {user && (
          <div className="portal-info">
            <div className="portal-info-inner container">
              <button type="button" className="function-link button-menu-open ml-auto d-print-none" aria-haspopup="dialog" onClick={() => setMenuOpen(true)}>
                <Icon name="menu" />
                Menu
              </button>
              <div className="portal-user">
                <UserInfo user={user} />
              </div>
            </div>
          </div>
        )}
        <div className="solution-info">
          <div className="solution-info-inner container">
            <div className="solution-heading">
              <Link to={user ? '/mine-sider' : '/log-ind'}>e-bevilling</Link>
            </div>
            <div className="additional-info">
              <p>Bevilling og bestilling af hjælpemidler</p>
            </div>
          </div>
        </div>
        {user && (
          <div className="navigation-menu contains-search">
            <div className="navigation-menu-inner container">
              <nav className="nav" aria-label="Hovedmenu">
                <ul className="mainmenu">
                  {items.map((item) => (
                    <li key={item.to} className={location.pathname.startsWith(item.to) ? 'active current' : undefined}>
                      <NavLink to={item.to} className="nav-link">
                        <span>{item.label}</span>
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </nav>
              <ProductSearch id="header-product-search" />
            </div>
          </div>
        )}
        {user && (
          <div className={`mobile-drawer${menuOpen ? ' is-visible' : ''}`} role="dialog" aria-modal="true" aria-labelledby="menu-heading" hidden={!menuOpen}>
            <div className="menu-top">
              <h2 id="menu-heading" className="menu-heading">
                Menu
              </h2>
              <button type="button" className="function-link button-menu-close" ref={closeButton} onClick={() => setMenuOpen(false)}>
                <Icon name="close" />
                Luk
              </button>
            </div>
            <div className="portal-info-mobile">
              <UserInfo user={user} />
            </div>
            <nav className="navigation-menu-mobile" aria-label="Hovedmenu (mobil)">
              <ul className="mainmenu">
                {items.map((item) => (
                  <li key={item.to} className={location.pathname.startsWith(item.to) ? 'active current' : undefined}>
                    <NavLink to={item.to} className="nav-link" onClick={() => setMenuOpen(false)}>
                      <span>{item.label}</span>
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        )}
      </header>
      {user && <div className={`overlay${menuOpen ? ' is-visible' : ''}`} onClick={() => setMenuOpen(false)} aria-hidden="true" />}
    </>
  );
}

function UserInfo({ user }: { user: SessionUser }) {
  const logout = useLogout();
  return (
    <>
      <p className="user">
        <span className="user-name">{user.name}</span>, <span className="user-role">{roleName(user.role)}</span>
      </p>
      <button type="button" className="function-link d-print-none log-off" onClick={() => logout.mutate()} disabled={logout.isPending}>
        <Icon name="lock" />
        Log ud
      </button>
    </>
  );
}

/**
 * The header's product search (user guide p. 4: part of an item number or free text, on every page). It opens
 * the product pages with the search; those pages are the next step.
 */
function ProductSearch({ id }: { id: string }) {
  const navigate = useNavigate();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    navigate(q ? `/produkter?${new URLSearchParams({ q })}` : '/produkter');
  };
  return (
    <form className="form-group search" role="search" onSubmit={submit}>
      <label htmlFor={id} className="sr-only">
        Søg produkter (varenummer eller fritekst)
      </label>
      <input className="form-input" id={id} name="q" type="search" />
      <button type="submit" className="button button-search">
        <Icon name="search" className="m-0" />
        <span className="sr-only">Søg</span>
      </button>
    </form>
  );
}
