import { agreementEventDefinitions } from '../catalogue/agreement.events.js';
import { productEventDefinitions } from '../catalogue/product.events.js';
import { accessLogEventDefinitions } from '../audit/access-log.js';
import { citizenEventDefinitions } from '../citizens/citizen.events.js';
import { cprRegistryEventDefinitions } from '../citizens/cpr-registry.decider.js';
import { grantEventDefinitions } from '../grants/grant.events.js';
import { identityEvents } from '../identity/identity.events.js';
import { orderEventDefinitions } from '../orders/order.events.js';
import { EventRegistry } from '../shared/event-schema.js';

/** Every event type the service writes, with its current schema version and upcasters. */
export const createEventRegistry = (): EventRegistry =>
  new EventRegistry([
    ...identityEvents,
    ...citizenEventDefinitions,
    ...cprRegistryEventDefinitions,
    ...accessLogEventDefinitions,
    ...productEventDefinitions,
    ...agreementEventDefinitions,
    ...grantEventDefinitions,
    ...orderEventDefinitions,
  ]);
