import { describe, expect, it } from '@jest/globals';
import type { Position, RecordedEvent } from '../../src/kernel/event-store.port.js';
import { applyBatch, decodeEvents, touchedDocumentIds } from '../../src/infrastructure/projections/apply-batch.js';
import type { StoredDocument } from '../../src/infrastructure/projections/projection-storage.js';
import { decodeRaw, visitsProjection, type PageDoc } from './visits.fixture.js';

const at = (sequence: number) => String(sequence).padStart(16, '0') as Position;

let sequence = 0;
const recorded = (type: string, data: unknown, position = at(++sequence)): RecordedEvent => ({
  eventId: `event-${position}`,
  type,
  data,
  metadata: {},
  streamName: 'page-x',
  revision: 0,
  position,
  recordedAt: new Date(0),
});

const docs = (outcome: ReturnType<typeof applyBatch>) =>
  Object.fromEntries([...outcome.documents].map(([id, stored]) => [id, stored && { ...(JSON.parse(stored.json) as PageDoc), at: stored.position }]));

function run(events: RecordedEvent[], stored = new Map<string, StoredDocument>(), projection = visitsProjection(), attempts = 3) {
  const decoded = decodeEvents(projection, decodeRaw, events, attempts);
  return { decoded, outcome: applyBatch(projection, decoded, stored, { attempts }) };
}

describe('applying a batch of events to documents', () => {
  it('folds the events of a document in log order, each on the result of the one before', () => {
    const events = [recorded('PageVisited', { page: 'a', visitor: 'ann' }), recorded('PageVisited', { page: 'a', visitor: 'bob' })];
    const { outcome } = run(events);
    expect(docs(outcome)).toEqual({ a: { page: 'a', visits: 2, visitors: ['ann', 'bob'], at: events[1]!.position } });
    expect(outcome.parked).toEqual([]);
  });

  it('skips an event the stored document has already seen, so a duplicate delivery changes nothing', () => {
    const event = recorded('PageVisited', { page: 'a', visitor: 'ann' });
    const stored = new Map([['a', { json: JSON.stringify({ page: 'a', visits: 1, visitors: ['ann'] }), position: event.position }]]);
    expect(run([event], stored).outcome.documents.size).toBe(0);
  });

  it('skips an event delivered twice within one batch', () => {
    const event = recorded('PageVisited', { page: 'a', visitor: 'ann' });
    expect(docs(run([event, event]).outcome).a).toMatchObject({ visits: 1 });
  });

  it('deletes a document evolve returns null for, and starts afresh when it comes back', () => {
    const events = [
      recorded('PageVisited', { page: 'a', visitor: 'ann' }),
      recorded('PageRemoved', { page: 'a' }),
      recorded('PageRemoved', { page: 'b' }),
    ];
    expect(docs(run(events).outcome)).toEqual({ a: null });
    const back = [...events, recorded('PageVisited', { page: 'a', visitor: 'cy' })];
    expect(docs(run(back).outcome).a).toMatchObject({ visits: 1, visitors: ['cy'] });
  });

  it('parks an event evolve keeps failing on after the configured attempts, and applies the events after it', () => {
    let calls = 0;
    const projection = visitsProjection({ onPoison: () => calls++ });
    const poison = recorded('PageVisited', { page: 'a', visitor: 'poison' });
    const { outcome } = run([poison, recorded('PageVisited', { page: 'a', visitor: 'ann' })], new Map(), projection, 4);
    expect(calls).toBe(4);
    expect(outcome.parked).toEqual([
      {
        position: poison.position,
        eventId: poison.eventId,
        eventType: 'PageVisited',
        streamName: 'page-x',
        revision: 0,
        error: 'Error: cannot handle the poison visitor',
        attempts: 4,
      },
    ]);
    expect(docs(outcome).a).toMatchObject({ visits: 1, visitors: ['ann'] });
  });

  it('parks an event that fails to decode, without calling evolve', () => {
    const { outcome, decoded } = run([recorded('Garbled', {})]);
    expect(decoded[0]).toMatchObject({ ok: false });
    expect(outcome.parked).toMatchObject([{ eventType: 'Garbled', error: 'Error: payload does not match any schema version', attempts: 3 }]);
  });

  it('changes none of the documents of an event that fails on one of them', () => {
    const projection = visitsProjection();
    const linked = recorded('PagesLinked', { from: 'a', to: 'b', visitor: 'poison' });
    const stored = new Map([['a', { json: JSON.stringify({ page: 'a', visits: 1, visitors: ['x'] }), position: at(0) }]]);
    const { outcome } = run([linked], stored, projection);
    expect(outcome.documents.size).toBe(0);
    expect(outcome.parked).toHaveLength(1);
  });

  it('gives every evolve call its own copy, so a failed attempt that mutated its input leaves no trace', () => {
    const base = visitsProjection();
    let failed = false;
    const projection = {
      ...base,
      evolve(doc: PageDoc | null, event: Parameters<typeof base.evolve>[1], id: string) {
        if (doc && !failed) {
          failed = true;
          doc.visitors.push('half-done');
          throw new Error('transient');
        }
        return base.evolve(doc, event, id);
      },
    };
    const events = [recorded('PageVisited', { page: 'a', visitor: 'ann' }), recorded('PageVisited', { page: 'a', visitor: 'bob' })];
    expect(docs(run(events, new Map(), projection).outcome).a).toMatchObject({ visitors: ['ann', 'bob'] });
  });

  it('collects the ids of all documents a batch touches, once each', () => {
    const { decoded } = run([
      recorded('PageVisited', { page: 'a', visitor: 'ann' }),
      recorded('PagesLinked', { from: 'a', to: 'b', visitor: 'bob' }),
    ]);
    expect(touchedDocumentIds(decoded)).toEqual(['a', 'b']);
  });

  it('scrubs CPR-shaped numbers from the parked error text', () => {
    const projection = { ...visitsProjection(), evolve: () => { throw new Error('bad cpr 010203-1234 in payload'); } };
    const { outcome } = run([recorded('PageVisited', { page: 'a', visitor: 'ann' })], new Map(), projection);
    expect(outcome.parked[0]?.error).toBe('Error: bad cpr [CPR] in payload');
  });
});
