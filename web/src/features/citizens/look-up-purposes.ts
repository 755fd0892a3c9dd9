/**
 * Why a caseworker opens a citizen's full record (DOMAIN §7): the look-up is recorded with its purpose, and the
 * citizen may read the dates and purposes. The common ones are offered; anything else is written in words.
 */
export const LOOK_UP_PURPOSES = ['Bestilling', 'Ændring af bevilling', 'Henvendelse fra borger', 'Ændring af kontaktoplysninger'] as const;

export const OTHER_PURPOSE = 'Andet';

export type PurposeChoice = { readonly purpose: string } | { readonly problem: 'choice' | 'text' };

export function purposeOf(choice: string, otherText: string): PurposeChoice {
  if ((LOOK_UP_PURPOSES as readonly string[]).includes(choice)) return { purpose: choice };
  if (choice !== OTHER_PURPOSE) return { problem: 'choice' };
  const text = otherText.trim();
  return text ? { purpose: text.slice(0, 200) } : { problem: 'text' };
}
