import type { ReadModelDefinition } from '../../src/kernel/read-model-store.port.js';
import type { GrantState } from '../../src/grants/grant.state.js';

/**
 * Each citizen's grant, as the folded state of the grant stream. The overview is computed from it at query
 * time with the day's date, so windows roll over by themselves (no scheduled writes).
 */
export const grantsReadModel: ReadModelDefinition = {
  name: 'grants',
  version: 1,
  indexes: [{ field: 'citizenId', kind: 'equals' }],
};

export interface GrantDocument {
  readonly citizenId: string;
  readonly state: GrantState;
}
