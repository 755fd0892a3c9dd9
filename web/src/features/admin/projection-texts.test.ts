import { describe, expect, it } from '@jest/globals';
import { lagText, projectionName, replayText } from './projection-texts';

describe('projection texts', () => {
  it('names the projections in Danish, unknown ones by their own name', () => {
    expect(projectionName('product-groups')).toBe('Produktgrupper');
    expect(projectionName('municipalities')).toBe('Kommuner');
    expect(projectionName('new-one')).toBe('new-one');
  });
  it('says how far behind a projection is', () => {
    expect(lagText({ caughtUp: true, lagSeconds: 0 })).toBe('Ajour');
    expect(lagText({ caughtUp: false, lagSeconds: 1 })).toBe('1 sekund bagud');
    expect(lagText({ caughtUp: false, lagSeconds: 42.4 })).toBe('42 sekunder bagud');
    expect(lagText({ caughtUp: false, lagSeconds: 600 })).toBe('10 minutter bagud');
  });
  it('tells a replay that worked from one that failed again', () => {
    expect(replayText('replayed')).toMatch(/afspillet igen/);
    expect(replayText('parked-again')).toMatch(/fejlede igen/);
  });
});
