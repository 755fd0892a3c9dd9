import { describe, expect, it } from '@jest/globals';
import { assertNoPersonalDataInLogs } from '../support/app.js';

/** The check every end-to-end suite runs on the service's logs when it closes its app (test/support/app.ts). */
describe('no personal data in the logs', () => {
  const clean = [
    '{"level":30,"msg":"request","route":"/api/v1/citizens/:id","ms":12,"correlationId":"0f0e3c55-5d3b-4c55-9a6c-1f2e3d4c5b6a"}',
    '{"msg":"order placed","orderNumber":"261126-048213","position":"00000000000004d2-0000000000000003"}',
    '{"msg":"window","from":"2026-11-26","time":1764115200000}',
  ];

  it('passes lines with ids, dates, order numbers and positions', () => {
    expect(() => assertNoPersonalDataInLogs(clean, new Set(['a-long-secret-token']))).not.toThrow();
  });

  it.each([['0101601234'], ['010160-1234'], ['010160 1234']])('finds a CPR-shaped number written as %s', (cpr) => {
    expect(() => assertNoPersonalDataInLogs([...clean, `{"msg":"lookup","q":"${cpr}"}`], new Set())).toThrow(/line 3: a CPR-shaped number/);
  });

  it('finds a password or token, and names neither', () => {
    const secret = 'demo-password-for-tests';
    let message = '';
    try {
      assertNoPersonalDataInLogs([`{"msg":"login","body":{"password":"${secret}"}}`], new Set([secret]));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('line 0: a password or token');
    expect(message).not.toContain(secret);
  });
});
