import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { createEventRegistry } from '../../src/composition/event-registry.js';
import { defineEvent, type EventDefinition } from '../../src/shared/event-schema.js';
import { ERASED, noPersonalData } from '../../src/shared/personal-data.js';

/**
 * Every field of every event is declared personal or not (shared/personal-data.ts): a field added to a schema
 * without a word on it fails here. And every personal field reads back valid once erased, so a decider, a
 * projection or a rebuild never meets a payload its own schema refuses.
 */

const unwrap = (schema: z.ZodType): z.ZodType => (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable ? unwrap(schema.unwrap() as z.ZodType) : schema);
const shapeOf = (schema: z.ZodType): Record<string, z.ZodType> | undefined => {
  const inner = unwrap(schema);
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>) : undefined;
};

function schemaAt(schema: z.ZodType, path: string): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const name of path.split('.')) current = current && shapeOf(current)?.[name];
  return current;
}

/** Field paths of the schema that neither list names, whole or below. */
function undeclared(schema: z.ZodType, declared: readonly string[], prefix = ''): string[] {
  const missing: string[] = [];
  for (const [name, field] of Object.entries(shapeOf(schema) ?? {})) {
    const path = `${prefix}${name}`;
    if (declared.includes(path)) continue;
    if (declared.some((entry) => entry.startsWith(`${path}.`))) missing.push(...undeclared(field, declared, `${path}.`));
    else missing.push(path);
  }
  return missing;
}

/** What a field reads as once erased: `slettet` at every leaf (as the sealed member gives it back). */
const erasedValue = (schema: z.ZodType): unknown => {
  const shape = shapeOf(schema);
  return shape ? Object.fromEntries(Object.entries(shape).map(([name, field]) => [name, erasedValue(field)])) : ERASED;
};

function problems(definition: EventDefinition): string[] {
  const { personal, notPersonal, subject } = definition.personalData;
  const declared = [...personal, ...notPersonal];
  const found = undeclared(definition.schema, declared).map((path) => `${path}: declared neither personal nor not`);
  for (const path of declared) if (!schemaAt(definition.schema, path)) found.push(`${path}: declared, but no such field`);
  for (const path of personal) {
    if (notPersonal.includes(path)) found.push(`${path}: declared both`);
    const field = schemaAt(definition.schema, path);
    if (field && !field.safeParse(erasedValue(field)).success) found.push(`${path}: its schema refuses the erased value`);
  }
  if (personal.length > 0 && !subject) found.push('personal fields without a data subject');
  if (subject && !notPersonal.includes(subject.field)) found.push(`${subject.field}: names the subject, so must be declared not personal`);
  return found;
}

describe('personal data declarations', () => {
  it.each(createEventRegistry().all().map((definition) => [definition.type, definition] as const))('%s declares every field', (_type, definition) => {
    expect(problems(definition)).toEqual([]);
  });

  it('names a field added without a declaration, one declared but absent, and one whose erased value the schema refuses', () => {
    const added = defineEvent('Probe', z.object({ id: z.string(), note: z.string(), at: z.object({ day: z.string(), by: z.string() }) }), {
      personalData: { subject: { kind: 'citizen', field: 'id' }, personal: ['at.by', 'gone'], notPersonal: ['id'] },
    });
    expect(problems(added)).toEqual(['note: declared neither personal nor not', 'at.day: declared neither personal nor not', 'gone: declared, but no such field']);
    const strict = defineEvent('Strict', z.object({ id: z.string(), cpr: z.string().regex(/^\d{10}$/) }), {
      personalData: { subject: { kind: 'citizen', field: 'id' }, personal: ['cpr'], notPersonal: ['id'] },
    });
    expect(problems(strict)).toEqual(['cpr: its schema refuses the erased value']);
    expect(problems(defineEvent('Plain', z.object({ a: z.number() }), { personalData: noPersonalData('a') }))).toEqual([]);
  });
});
