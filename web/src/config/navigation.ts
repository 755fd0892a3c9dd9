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
  // The citizen's own pages (the webshop): for the citizen alone.
  { to: '/min-bevilling', label: 'Min bevilling', description: 'Dine varer, hvornår du kan bestille igen, og bestilling.', allows: (role) => role === 'citizen' },
  { to: '/mine-ordrer', label: 'Mine ordrer', description: 'Dine ordrer og hvor langt de er.', allows: (role) => role === 'citizen' },
  { to: '/mine-oplysninger', label: 'Mine oplysninger', description: 'Dine oplysninger og hvem der har set dem.', allows: (role) => role === 'citizen' },
  { to: '/produkter', label: 'Produkter', description: 'Søg i sortimentet og se priser og datablade.', allows: (role) => role !== 'integration' },
  {
    to: '/administration',
    label: 'Administration',
    description: 'Brugere, kommuner, sortiment og aftaler.',
    allows: (role) => role === 'admin',
  },
  { to: '/min-profil', label: 'Min profil', description: 'Dine oplysninger og din adgangskode.', allows: () => true },
];

/**
 * Whether the role may open the page at `pathname`: a page under a menu item is for the roles the item is for
 * (a citizen who opens "/borgere" is told it is not for them); a page under no item is for everyone logged in.
 */
export function mayOpen(pathname: string, role: string): boolean {
  const item = NAVIGATION.find(({ to }) => pathname === to || pathname.startsWith(`${to}/`));
  return !item || item.allows(role);
}
