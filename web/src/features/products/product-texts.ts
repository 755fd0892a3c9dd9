/** How the guide words a product's packaging and prices (user guide p. 4). */

/** The sales unit with its pieces: "æske á 30 stk.". */
export const salesUnitText = (salesUnit: { name: string; pieces: number }): string => `${salesUnit.name} á ${salesUnit.pieces} stk.`;

/** A starred product shows the agreement price, any other the list price. */
export const priceKind = (onAgreement: boolean): string => (onAgreement ? 'aftalepris' : 'listepris');

/** A group path's levels, top first, each with the path that opens it: 'Stomi > Poser' → Stomi, Stomi > Poser. */
export function groupTrail(group: string): { name: string; group: string }[] {
  const parts = group.split('>').map((part) => part.trim()).filter(Boolean);
  return parts.map((name, index) => ({ name, group: parts.slice(0, index + 1).join(' > ') }));
}

/** The path one level up ('Stomi > Poser' → 'Stomi'); undefined for a top group. */
export const parentGroup = (group: string): string | undefined => groupTrail(group).at(-2)?.group;
