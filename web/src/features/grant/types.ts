import type { paths } from '../../api/schema';

/** The grant's answers as the service describes them (API.md "Grant" and "Orders"); api.ts passes them on to other features. */
export type GrantOverview = paths['/api/v1/citizens/{id}/grant']['get']['responses'][200]['content']['application/json'];
export type GrantArea = GrantOverview['areas'][number];
export type GrantLine = GrantArea['lines'][number];
export type GrantCitizen = GrantOverview['citizen'];
export type OrderPlaced = paths['/api/v1/citizens/{id}/orders']['post']['responses'][201]['content']['application/json'];
export type OrderRequest = paths['/api/v1/citizens/{id}/orders']['post']['requestBody']['content']['application/json'];
