import { describe, expect, it } from '@jest/globals';
import { citizenPermissions } from './permissions';

describe('Who may do what with a citizen (DOMAIN §6)', () => {
  it.each([
    ['caseworker', { register: true, changeContactDetails: true, changeStatus: true, resetWebshopPassword: true, acrossMunicipalities: false, reopen: false, changeCpr: false }],
    ['nurse', { register: false, changeContactDetails: true, changeStatus: true, resetWebshopPassword: false, acrossMunicipalities: false, reopen: false, changeCpr: false }],
    ['orderer', { register: false, changeContactDetails: true, changeStatus: false, resetWebshopPassword: false, acrossMunicipalities: false, reopen: false, changeCpr: false }],
    ['customer_service', { register: false, changeContactDetails: true, changeStatus: false, resetWebshopPassword: true, acrossMunicipalities: true, reopen: true, changeCpr: true }],
    ['auditor', { register: false, changeContactDetails: false, changeStatus: false, resetWebshopPassword: false, acrossMunicipalities: true, reopen: false, changeCpr: false }],
    ['citizen', { register: false, changeContactDetails: false, changeStatus: false, resetWebshopPassword: false, acrossMunicipalities: false, reopen: false, changeCpr: false }],
  ])('the role %s: %j', (role, permissions) => {
    expect(citizenPermissions(role)).toEqual(permissions);
  });
});
