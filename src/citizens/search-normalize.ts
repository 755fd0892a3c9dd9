/**
 * Text normalisation for the case- and accent-insensitive name search of DOMAIN §2.2.
 *
 * The same function is applied to the stored name (when the read model is written) and to the query, so
 * any consistent mapping matches. The Danish letters are spelled out the way Danes write them without the
 * letters (æ → ae, ø → oe, å → aa), so "Søren" and "Soeren" match each other and "Åbenrå" matches the old
 * spelling "Aabenraa". ä and ö are the same letters as æ and ø in Danish collation and map alike
 * ("Sörensen" finds "Sørensen"). Every other accent is simply dropped ("José" → "jose").
 * The cost: a query typed as "Soren" does not find "Søren"; it would need a fuzzier search than §2.2 asks.
 */

const LETTER_SPELLINGS: Readonly<Record<string, string>> = { æ: 'ae', ä: 'ae', ø: 'oe', ö: 'oe', å: 'aa' };
const SPELLED_LETTERS = /[æäøöå]/g;
const COMBINING_MARKS = /\p{M}/gu;
const spell = (letter: string): string => LETTER_SPELLINGS[letter] ?? letter;

export function normalizeForSearch(text: string): string {
  return (
    text
      // Composed first, so "å" typed as a + combining ring is mapped like "å" instead of losing its ring.
      .normalize('NFC')
      .toLowerCase()
      .replace(SPELLED_LETTERS, spell)
      .normalize('NFD')
      .replace(COMBINING_MARKS, '')
      // Again: æ and ø with an accent of their own (ǣ, ǿ) only show up once the accent is gone.
      .replace(SPELLED_LETTERS, spell)
      .replace(/\s+/g, ' ')
      .trim()
  );
}
