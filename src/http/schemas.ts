import { z } from 'zod';
import { UUID_PATTERN } from '../shared/ids.js';

/** Schemas shared by several routes. Limits are generous but bounded, so nothing unbounded reaches a store. */
export const text = (max = 200) => z.string().trim().min(1).max(max);
export const optionalText = (max = 200) => z.string().trim().max(max).nullable().optional();

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
};

export const idParam = (name: string) => z.object({ [name]: z.string().regex(UUID_PATTERN, 'must be a UUID') });

/** What a command answers (API.md): the position a following query may wait for; null when nothing changed. */
export const commandAnswer = z.object({ position: z.string().nullable() });
