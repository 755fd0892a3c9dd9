import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's <h1>, and its title in the browser tab. On every page change focus moves here, so that a screen
 * reader announces the new page (a single-page app does not reload).
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – e-bevilling`;
    ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
