import { useEffect } from 'react';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Alert } from '../../components/alert';
import { errorMessage } from '../../lib/error-messages';

/**
 * What shows instead of a blank screen when a page fails to render or to load (the router's error boundary).
 * A plain link, not the router: after a failed chunk load a full reload is what helps.
 */
export function ErrorPage() {
  const error = useRouteError();
  useEffect(() => {
    document.title = 'Der opstod en fejl – e-bevilling';
  }, []);
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main id="main-content" className="container page-container">
      <h1>{notFound ? 'Siden findes ikke' : 'Der opstod en fejl'}</h1>
      <Alert variant="error">
        {notFound ? 'Adressen er forkert, eller siden er flyttet.' : errorMessage(error)} Prøv at genindlæse siden, eller gå til forsiden.
      </Alert>
      <p>
        <a href="/mine-sider">Til Mine sider</a>
      </p>
    </main>
  );
}
