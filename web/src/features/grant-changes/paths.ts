/**
 * Where the dialogs live: child routes of the grant page ("Borgers bevilling"), which they return to when they
 * close. The grant page links to them with these paths.
 */
export const grantPath = (citizenId: string): string => `/borgere/${encodeURIComponent(citizenId)}/bevilling`;
export const addLinePath = (citizenId: string): string => `${grantPath(citizenId)}/tilfoej`;
export const inactiveLinesPath = (citizenId: string): string => `${grantPath(citizenId)}/inaktive`;
export const editLinePath = (citizenId: string, lineId: string): string => `${grantPath(citizenId)}/linjer/${encodeURIComponent(lineId)}/rediger`;
