import type { RouteObject } from 'react-router';

/**
 * The dialogs of "Borgers bevilling", as child routes of the grant page (`/borgere/:citizenId/bevilling`), which
 * renders them in its <Outlet />. Each is a chunk of its own, loaded when first opened.
 */
export const grantChangeRoutes: RouteObject[] = [
  { path: 'tilfoej', lazy: () => import('./routes/add-line-dialog').then((m) => ({ Component: m.AddLineDialog })) },
  { path: 'inaktive', lazy: () => import('./routes/inactive-lines-dialog').then((m) => ({ Component: m.InactiveLinesDialog })) },
  { path: 'linjer/:lineId/rediger', lazy: () => import('./routes/edit-line-dialog').then((m) => ({ Component: m.EditLineDialog })) },
];
