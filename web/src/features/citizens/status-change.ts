import { CITIZEN_STATUS_NAMES, isRemovalStatus, type CitizenStatus } from '../../lib/citizen-status';

/**
 * What a status change does (DOMAIN §2.3, user guide p. 8), said before it is confirmed: the two that end a grant
 * keep the citizen findable, the two that remove the citizen take them out of every municipal view at once.
 */
export function statusChangeConsequence(to: CitizenStatus): string {
  switch (to) {
    case 'GRANT_ENDED':
    case 'OTHER_SUPPLIER':
      return `Alle aktive varer på borgerens bevilling bliver inaktive med det samme. Borgeren kan stadig søges frem med borgerstatus "${CITIZEN_STATUS_NAMES[to]}", og varerne kan senere gøres aktive igen én ad gangen.`;
    case 'DECEASED':
    case 'MOVED_AWAY':
      return 'Borgeren og bevillingen fjernes med det samme fra kommunens oversigter og søgninger. Alle varer bliver inaktive, og ordrer, der endnu ikke er afsendt, annulleres. Kun kundeservice kan genåbne borgeren.';
    case 'ACTIVE':
      return 'Borgeren bliver aktiv igen. Varerne på bevillingen forbliver inaktive, til de gøres aktive én ad gangen.';
  }
}

/** Said after the change, on the page the user is left on. */
export function statusChangedNotice(to: CitizenStatus): string {
  const name = CITIZEN_STATUS_NAMES[to];
  if (isRemovalStatus(to)) return `Borgerens status er ændret til "${name}". Borgeren og bevillingen er fjernet fra kommunens oversigter.`;
  if (to === 'ACTIVE') return 'Borgerens status er ændret til "Aktiv".';
  return `Borgerens status er ændret til "${name}". Alle aktive varer på bevillingen er gjort inaktive.`;
}
