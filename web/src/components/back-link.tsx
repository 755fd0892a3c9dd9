import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Icon } from './icon';

/** DKFDS "Tilbage-link": back to where the user came from, above the page's heading. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="back-link">
      <Icon name="chevron-left" />
      {children}
    </Link>
  );
}
