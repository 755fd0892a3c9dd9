/** A citizen's pages: "Borgers bevilling" (where "Se bevilling" and a new citizen lead) and "Brugerdata". */
export const grantPath = (citizenId: string): string => `/borgere/${citizenId}/bevilling`;
export const citizenDataPath = (citizenId: string): string => `/borgere/${citizenId}/brugerdata`;
