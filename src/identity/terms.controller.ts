import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '../http/auth.decorators.js';
import { loadTerms, type Terms } from '../terms/terms.js';
import { IDENTITY_SETTINGS, type IdentitySettings } from './identity-settings.js';

const block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), text: z.string() }),
  z.object({ type: z.literal('list'), items: z.array(z.string()) }),
]);
export const termsAnswer = z.object({
  version: z.string(),
  title: z.string(),
  body: z.string().describe('The whole text as Markdown'),
  sections: z.array(z.object({ heading: z.string(), blocks: z.array(block) })),
});

/** The current terms and privacy policy, readable before login (the login page links to them). */
@Controller()
export class TermsController {
  private readonly terms: Terms;

  constructor(@Inject(IDENTITY_SETTINGS) settings: IdentitySettings) {
    this.terms = loadTerms(settings.termsVersion);
  }

  @Get('terms')
  @Public()
  @ApiOkResponse({ description: 'The terms a login accepts (TERMS_VERSION)', standardSchema: termsAnswer })
  current(): Terms {
    return this.terms;
  }
}
