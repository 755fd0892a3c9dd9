/** The projections (read models) as the administrators' page names them; the technical name is shown beside. */
const PROJECTION_NAMES: Readonly<Record<string, string>> = {
  citizens: 'Borgere',
  grants: 'Bevillinger',
  orders: 'Ordrer',
  products: 'Produkter',
  'product-groups': 'Produktgrupper',
  municipalities: 'Kommuner',
  users: 'Brugere',
};

export const projectionName = (name: string): string => PROJECTION_NAMES[name] ?? name;

/** "Ajour", or how far behind, in whole seconds (or minutes past two). */
export function lagText(projection: { caughtUp: boolean; lagSeconds: number }): string {
  if (projection.caughtUp) return 'Ajour';
  const seconds = Math.round(projection.lagSeconds);
  if (seconds < 120) return `${seconds} ${seconds === 1 ? 'sekund' : 'sekunder'} bagud`;
  return `${Math.round(seconds / 60)} minutter bagud`;
}

/** What a replay came to, in Danish. */
export const replayText = (outcome: 'replayed' | 'parked-again'): string =>
  outcome === 'replayed' ? 'Hændelsen er afspillet igen og er ikke længere sat til side.' : 'Hændelsen fejlede igen og er stadig sat til side.';
