/** A citizen's status (DOMAIN §2.3) in the user guide's words ("Status" in "Brugerdata"). */
const STATUS_NAMES: Readonly<Record<string, string>> = {
  ACTIVE: 'Aktiv',
  GRANT_ENDED: 'Bevilling ophørt',
  OTHER_SUPPLIER: 'Valgt anden leverandør',
  DECEASED: 'Mors',
  MOVED_AWAY: 'Fraflyttet',
};

export const citizenStatusName = (status: string): string => STATUS_NAMES[status] ?? 'Ukendt status';
