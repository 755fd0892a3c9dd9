import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { RequireSession } from '../features/auth/components/require-session';
import { AppShell } from './layout/app-shell';
import { PublicLayout } from './layout/public-layout';
import { Spinner } from '../components/spinner';
import { ComingSoon } from './routes/coming-soon';
import { ErrorPage } from './routes/error-page';
import { NotFound } from './routes/not-found';
import { grantChangeRoutes } from '../features/grant-changes/routes';

/**
 * The portal's pages. Each page is its own chunk, loaded when first opened (the first load stays small);
 * the shell, the session guard and the error page come with the first load. A new feature adds its pages
 * here, under the public layout or behind RequireSession.
 */
export const router = createBrowserRouter([
  {
    element: <Outlet />,
    errorElement: <ErrorPage />,
    // Shown while the first page's chunk loads.
    hydrateFallbackElement: <Spinner status="Henter e-bevilling …" />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { path: '/log-ind', lazy: () => import('../features/auth/routes/login-page').then((m) => ({ Component: m.LoginPage })) },
          { path: '/glemt-adgangskode', lazy: () => import('../features/auth/routes/forgot-password-page').then((m) => ({ Component: m.ForgotPasswordPage })) },
          { path: '/adgangskode', lazy: () => import('../features/auth/routes/set-password-page').then((m) => ({ Component: m.SetPasswordPage })) },
          { path: '/brugervilkaar', lazy: () => import('../features/terms/routes/terms-page').then((m) => ({ Component: m.TermsPage })) },
        ],
      },
      {
        element: <RequireSession />,
        children: [
          {
            element: <PublicLayout />,
            children: [
              { path: '/skift-adgangskode', lazy: () => import('../features/auth/routes/change-password-page').then((m) => ({ Component: m.ChangePasswordPage })) },
            ],
          },
          {
            element: <AppShell />,
            children: [
              { path: '/', element: <Navigate to="/mine-sider" replace /> },
              { path: '/mine-sider', lazy: () => import('../features/home/routes/home-page').then((m) => ({ Component: m.HomePage })) },
              { path: '/min-profil', lazy: () => import('../features/home/routes/profile-page').then((m) => ({ Component: m.ProfilePage })) },
              { path: '/borgere', lazy: () => import('../features/citizens/routes/citizen-search-page').then((m) => ({ Component: m.CitizenSearchPage })) },
              { path: '/borgere/:citizenId/brugerdata', lazy: () => import('../features/citizens/routes/citizen-data-page').then((m) => ({ Component: m.CitizenDataPage })) },
              {
                path: '/borgere/:citizenId/bevilling',
                lazy: () => import('../features/grant/routes/grant-page').then((m) => ({ Component: m.GrantPage })),
                // The dialogs that change the grant open over "Borgers bevilling", in its <Outlet />.
                children: grantChangeRoutes,
              },
              { path: '/borgere/:citizenId/ordrer', lazy: () => import('../features/orders/routes/order-history-page').then((m) => ({ Component: m.OrderHistoryPage })) },
              { path: '/borgere/:citizenId/historik', lazy: () => import('../features/audit/routes/history-page').then((m) => ({ Component: m.HistoryPage })) },
              { path: '/borgere/:citizenId/adgangslog', lazy: () => import('../features/audit/routes/access-log-page').then((m) => ({ Component: m.AccessLogPage })) },
              { path: '/borgere/:citizenId/bevilling-tidligere', lazy: () => import('../features/audit/routes/grant-as-of-page').then((m) => ({ Component: m.GrantAsOfPage })) },
              { path: '/produkter', lazy: () => import('../features/products/routes/product-search-page').then((m) => ({ Component: m.ProductSearchPage })) },
              { path: '/produkter/:itemNumber', lazy: () => import('../features/products/routes/product-page').then((m) => ({ Component: m.ProductPage })) },
              // The citizen's own pages, the webshop (features/webshop).
              { path: '/min-bevilling', lazy: () => import('../features/webshop/routes/my-grant-page').then((m) => ({ Component: m.MyGrantPage })) },
              { path: '/mine-ordrer', lazy: () => import('../features/webshop/routes/my-orders-page').then((m) => ({ Component: m.MyOrdersPage })) },
              { path: '/mine-oplysninger', lazy: () => import('../features/webshop/routes/my-data-page').then((m) => ({ Component: m.MyDataPage })) },
              // The administrator's pages (features/admin).
              { path: '/administration', lazy: () => import('../features/admin/routes/admin-page').then((m) => ({ Component: m.AdminPage })) },
              { path: '/administration/brugere', lazy: () => import('../features/admin/routes/users-page').then((m) => ({ Component: m.UsersPage })) },
              { path: '/administration/brugere/ny', lazy: () => import('../features/admin/routes/create-user-page').then((m) => ({ Component: m.CreateUserPage })) },
              { path: '/administration/brugere/:userId', lazy: () => import('../features/admin/routes/edit-user-page').then((m) => ({ Component: m.EditUserPage })) },
              { path: '/administration/varefil', lazy: () => import('../features/admin/routes/catalogue-import-page').then((m) => ({ Component: m.CatalogueImportPage })) },
              { path: '/administration/udgaaede-varer', lazy: () => import('../features/admin/routes/discontinue-page').then((m) => ({ Component: m.DiscontinuePage })) },
              { path: '/administration/kommuner', lazy: () => import('../features/admin/routes/municipalities-page').then((m) => ({ Component: m.MunicipalitiesPage })) },
              { path: '/administration/kommuner/:municipalityId', lazy: () => import('../features/admin/routes/municipality-page').then((m) => ({ Component: m.MunicipalityPage })) },
              { path: '/administration/projektioner', lazy: () => import('../features/admin/routes/projections-page').then((m) => ({ Component: m.ProjectionsPage })) },
              { path: '/administration/aftaler', lazy: () => import('../features/agreements/routes/agreement-page').then((m) => ({ Component: m.AgreementsPage })) },
              { path: '/administration/kommuner/:municipalityId/aftale', lazy: () => import('../features/agreements/routes/agreement-page').then((m) => ({ Component: m.AgreementPage })) },
              { path: '/administration/*', element: <ComingSoon title="Administration" /> },
              { path: '*', element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
]);
