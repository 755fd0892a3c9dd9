/**
 * The main menu ("Hovedmenu"), in the user guide's words. Items without a page yet lead to "Kommer snart"
 * (app/routes/coming-soon.tsx) until their feature is built.
 */
export interface NavigationItem {
  readonly to: string;
  readonly label: string;
  readonly description: string;
  readonly allows: (role: string) => boolean;
}

const MUNICIPAL_AND_SUPPLIER = ['caseworker', 'nurse', 'orderer', 'customer_service', 'auditor'];

export const NAVIGATION: readonly NavigationItem[] = [
  { to: '/mine-sider', label: 'Mine sider', description: 'Forsiden.', allows: () => true },
  {
    to: '/borgere',
    label: 'Brugere',
    description: 'Søg borgere frem, se deres bevilling, bestil og se ordrehistorik.',
    allows: (role) => MUNICIPAL_AND_SUPPLIER.includes(role),
  },
  { to: '/produkter', label: 'Produkter', description: 'Søg i sortimentet og se priser og datablade.', allows: (role) => role !== 'integration' },
  {
    to: '/administration',
    label: 'Administration',
    description: 'Brugere, kommuner, sortiment og aftaler.',
    allows: (role) => role === 'admin',
  },
  { to: '/min-profil', label: 'Min profil', description: 'Dine oplysninger og din adgangskode.', allows: () => true },
];
