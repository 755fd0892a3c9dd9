import { session } from '../../lib/session';

/**
 * The CPR number of a search, kept in this tab's memory only (PORTAL.md: a CPR number in no address, no browser
 * history, no storage). The search's address carries a random reference instead, so going back from a citizen
 * to the search finds the number again; a reload, or the end of the session, forgets it.
 */
const numbers = new Map<string, string>();

export function rememberCpr(cpr: string): string {
  const reference = Array.from(crypto.getRandomValues(new Uint8Array(4)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  numbers.set(reference, cpr);
  return reference;
}

export const recallCpr = (reference: string): string | undefined => (reference ? numbers.get(reference) : undefined);

session.subscribe(() => {
  if (!session.get()) numbers.clear();
});
