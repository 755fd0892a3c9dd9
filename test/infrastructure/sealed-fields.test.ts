import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { LocalKeyEncryption } from '../../src/infrastructure/personal-data/local-key-encryption.js';
import { openPersonalFields, SEALED_MEMBER, sealedMemberOf, sealPersonalFields, type SealedMember } from '../../src/infrastructure/personal-data/sealed-fields.js';
import { ERASED } from '../../src/shared/personal-data.js';

const key = randomBytes(32);
const order = {
  orderId: 'order-1',
  citizenId: 'citizen-1',
  placedBy: { userId: 'user-1', role: 'citizen', name: 'Fiktiv Borger', channel: 'citizen' },
  remarks: null,
  deliveryAddress: { street: 'Opdigtet Vej 1', postalCode: '9999', city: 'Fantasiby' },
};
const PATHS = ['placedBy.name', 'remarks', 'deliveryAddress'];

const seal = () => sealPersonalFields('OrderPlaced', order, PATHS, 'citizen:citizen-1', key) as Record<string, unknown>;
const memberOf = (data: Record<string, unknown>) => sealedMemberOf(data)!;

describe('sealed personal fields', () => {
  it('takes out each personal leaf, keeps nulls and the rest in place, and opens to the payload as written', () => {
    const sealed = seal();
    expect(sealed).toMatchObject({ orderId: 'order-1', placedBy: { userId: 'user-1', role: 'citizen', channel: 'citizen' }, remarks: null, deliveryAddress: {} });
    expect(JSON.stringify(sealed)).not.toMatch(/Fiktiv|Opdigtet|Fantasiby|9999/);
    expect(memberOf(sealed).paths).toEqual(['placedBy.name', 'deliveryAddress.street', 'deliveryAddress.postalCode', 'deliveryAddress.city']);
    expect(openPersonalFields('OrderPlaced', sealed, memberOf(sealed), key)).toEqual(order);
  });

  it('opens to slettet at every sealed path without the key', () => {
    const sealed = seal();
    expect(openPersonalFields('OrderPlaced', sealed, memberOf(sealed), null)).toEqual({
      ...order,
      placedBy: { ...order.placedBy, name: ERASED },
      deliveryAddress: { street: ERASED, postalCode: ERASED, city: ERASED },
    });
  });

  it('refuses a sealed member that was altered, moved to another subject or event type, or opened with another key', () => {
    const sealed = seal();
    const member = memberOf(sealed);
    const bytes = Buffer.from(member.sealed, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    const altered: SealedMember = { ...member, sealed: bytes.toString('base64') };
    expect(() => openPersonalFields('OrderPlaced', sealed, altered, key)).toThrow();
    expect(() => openPersonalFields('OrderPlaced', sealed, { ...member, subject: 'citizen:citizen-2' }, key)).toThrow();
    expect(() => openPersonalFields('OrderCancelled', sealed, member, key)).toThrow();
    expect(() => openPersonalFields('OrderPlaced', sealed, member, randomBytes(32))).toThrow();
  });

  it('leaves a payload with nothing personal present as it is', () => {
    const data = { citizenId: 'citizen-1', phone: null };
    expect(sealPersonalFields('CitizenContactDetailsChanged', data, ['address', 'phone', 'email'], 'citizen:citizen-1', key)).toBe(data);
    expect(sealedMemberOf(data)).toBeUndefined();
    expect(SEALED_MEMBER in seal()).toBe(true);
  });
});

describe('the local key encryption key', () => {
  it('unwraps what it wrapped, and names a data key wrapped under another master key as such', async () => {
    const master = new LocalKeyEncryption(randomBytes(32));
    const dataKey = randomBytes(32);
    expect(await master.unwrap(await master.wrap(dataKey))).toEqual(dataKey);
    const other = new LocalKeyEncryption(randomBytes(32));
    expect(other.keyId).not.toBe(master.keyId);
    await expect(other.unwrap(await master.wrap(dataKey))).rejects.toThrow();
    expect(() => new LocalKeyEncryption(randomBytes(16))).toThrow('32 bytes');
  });
});
