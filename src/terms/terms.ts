import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The terms and privacy policy ("brugervilkår & privatlivspolitik") a login accepts (DOMAIN §6), one Markdown
 * file per version in `texts/`. The version is TERMS_VERSION; a login records it, so its text must exist.
 * The Markdown is kept to a subset the portal renders without an HTML parser: one `#` title, `##` sections,
 * paragraphs and `- ` lists.
 */
export type TermsBlock = { readonly type: 'paragraph'; readonly text: string } | { readonly type: 'list'; readonly items: readonly string[] };

export interface TermsSection {
  readonly heading: string;
  readonly blocks: readonly TermsBlock[];
}

export interface Terms {
  readonly version: string;
  readonly title: string;
  /** The text as written, Markdown. */
  readonly body: string;
  readonly sections: readonly TermsSection[];
}

/** A version names a file: nothing that could leave the folder. */
export const TERMS_VERSION_PATTERN = /^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/;

const textUrl = (version: string) => new URL(`./texts/${version}.md`, import.meta.url);

export const termsTextExists = (version: string): boolean =>
  TERMS_VERSION_PATTERN.test(version) && !version.includes('..') && existsSync(fileURLToPath(textUrl(version)));

export function loadTerms(version: string): Terms {
  if (!termsTextExists(version)) throw new Error(`No terms text for version ${version}`);
  return parseTerms(version, readFileSync(fileURLToPath(textUrl(version)), 'utf8'));
}

export function parseTerms(version: string, markdown: string): Terms {
  const body = markdown.replace(/\r\n/g, '\n').trim();
  let title = '';
  const sections: Array<{ heading: string; blocks: TermsBlock[] }> = [];
  for (const chunk of body.split(/\n{2,}/)) {
    const lines = chunk.split('\n').map((line) => line.trim());
    const first = lines[0] ?? '';
    if (first.startsWith('# ')) {
      title = first.slice(2).trim();
    } else if (first.startsWith('## ')) {
      sections.push({ heading: first.slice(3).trim(), blocks: [] });
    } else if (sections.length === 0) {
      throw new Error(`Terms ${version}: text before the first section`);
    } else if (lines.every((line) => line.startsWith('- '))) {
      sections.at(-1)!.blocks.push({ type: 'list', items: lines.map((line) => line.slice(2).trim()) });
    } else {
      sections.at(-1)!.blocks.push({ type: 'paragraph', text: lines.join(' ') });
    }
  }
  if (!title) throw new Error(`Terms ${version}: no title (a first line starting with "# ")`);
  return { version, title, body, sections };
}
