/**
 * "Kommuner": a municipality's name, postal codes and grant areas as the form holds them (postal codes separated
 * by commas, spaces or lines; one grant area a line), what is checked before sending, and the body sent
 * (API.md: POST /municipalities, PUT /municipalities/:id).
 */
export interface MunicipalityFields {
  readonly name: string;
  readonly postalCodes: string;
  readonly grantAreas: string;
}

export const EMPTY_MUNICIPALITY: MunicipalityFields = { name: '', postalCodes: '', grantAreas: '' };

export const fieldsOf = (municipality: { name: string; postalCodes: readonly string[]; grantAreas: readonly string[] }): MunicipalityFields => ({
  name: municipality.name,
  postalCodes: municipality.postalCodes.join(', '),
  grantAreas: municipality.grantAreas.join('\n'),
});

const postalCodesOf = (text: string): string[] => [...new Set(text.split(/[\s,;]+/).filter((code) => code !== ''))];
const grantAreasOf = (text: string): string[] => [...new Set(text.split('\n').map((area) => area.trim()).filter((area) => area !== ''))];

export function municipalityProblems(fields: MunicipalityFields): Partial<Record<keyof MunicipalityFields, string>> {
  const problems: Partial<Record<keyof MunicipalityFields, string>> = {};
  if (fields.name.trim() === '') problems.name = 'Udfyld kommunens navn.';
  const codes = postalCodesOf(fields.postalCodes);
  const bad = codes.filter((code) => !/^\d{4}$/.test(code));
  if (codes.length === 0) problems.postalCodes = 'Skriv mindst ét postnummer.';
  else if (bad.length > 0) problems.postalCodes = `Et postnummer er 4 cifre: ${bad.join(', ')} er ikke.`;
  if (grantAreasOf(fields.grantAreas).length === 0) problems.grantAreas = 'Skriv mindst ét bevillingsområde.';
  return problems;
}

export const municipalityBody = (fields: MunicipalityFields) => ({
  name: fields.name.trim(),
  postalCodes: postalCodesOf(fields.postalCodes),
  grantAreas: grantAreasOf(fields.grantAreas),
});
