import { Controller, Delete, Get, HttpCode, Inject, Patch, Post, Put, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow, CurrentPrincipal, type AuthenticatedRequest } from '../http/auth.decorators.js';
import { commandContext } from '../http/request-context.js';
import { ReadsFrom } from '../http/read-your-writes.js';
import { commandAnswer, pageQuery } from '../http/schemas.js';
import { ValidBody, ValidParams, ValidQuery } from '../http/zod-pipe.js';
import type { Principal } from '../kernel/principal.js';
import { ROLES } from '../shared/actor.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { copenhagenDate } from '../shared/time.js';
import { parseCatalogueFile, parseCatalogueJson } from './catalogue-file.js';
import { ImportCatalogueRequest, SetAgreementAssortmentRequest, SetAgreementItemRequest, SetProductDiscontinuedRequest } from './catalogue.requests.js';
import { agreementAnswer, catalogueImportAnswer, productDetailAnswer, productGroupsAnswer, productSearchAnswer } from './catalogue.answers.js';
import { GetAgreement, GetProduct, ListProductGroups, SearchProducts } from './catalogue.queries.js';
import { ITEM_NUMBER_PATTERN } from './product.events.js';

const itemNumberParam = z.object({ itemNumber: z.string().regex(ITEM_NUMBER_PATTERN, 'not an item number') });
const isoDate = z.iso.date();

const agreementPeriod = z.object({
  pricePerSalesUnit: z.number().int('øre, a whole number').nonnegative(),
  validFrom: isoDate,
  validTo: isoDate.nullable().optional(),
});

const agreementBody = z.object({
  items: z.array(agreementPeriod.extend({ itemNumber: z.string().regex(ITEM_NUMBER_PATTERN, 'not an item number') })).max(100_000),
});

const municipalityParam = z.object({ id: z.string().regex(/^\d{3}$/, 'must be the 3-digit municipality code') });
const agreementItemParams = municipalityParam.extend(itemNumberParam.shape);
/** An item's periods: a price change mid-contract is a second period; an empty list takes the item off. */
const agreementItemBody = z.object({ periods: z.array(agreementPeriod).max(100) });

const agreementQuery = z.object({
  q: z.string().trim().max(100).optional(),
  validToday: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((value) => value === 'true' || value === '1'),
  ...pageQuery,
});

const searchQuery = z.object({
  q: z.string().trim().max(100).optional(),
  agreementOnly: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((value) => value === 'true' || value === '1'),
  group: z.string().trim().min(1).max(200).optional(),
  ...pageQuery,
});

const discontinueBody = z.object({ discontinued: z.boolean(), reason: z.string().trim().min(1).max(500).optional() });

const EVERY_ROLE = ROLES.filter((role) => role !== 'system');

/** The product catalogue and the municipalities' agreement assortments (DOMAIN §3). */
@Controller()
export class CatalogueController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  /** The supplier's product file: `text/csv` (`;`, decimal comma) or `application/json` (an array of the same fields). */
  @Post('catalogue/imports')
  @Allow('admin')
  @HttpCode(200)
  @ApiOkResponse({ standardSchema: catalogueImportAnswer })
  async import(@CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest & { body: unknown }) {
    const body = request.body;
    const file = Buffer.isBuffer(body)
      ? parseCatalogueFile(body, 'csv')
      : body === undefined || body === null
        ? (() => {
            throw new DomainError('bad_request', 'CATALOGUE_FILE_INVALID', 'Send the product file as text/csv or application/json');
          })()
        : parseCatalogueJson(body);
    return this.commands.execute(new ImportCatalogueRequest(commandContext(request, principal), file));
  }

  /** Replaces the whole assortment. */
  @Put('municipalities/:id/agreement')
  @Allow('admin')
  async setAgreement(
    @ValidParams(municipalityParam) { id }: { id: string },
    @ValidBody(agreementBody) body: z.infer<typeof agreementBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new SetAgreementAssortmentRequest(commandContext(request, principal), id, body.items));
  }

  /**
   * The agreement assortment, item by item (name from the catalogue, every period, whether it holds today), by
   * item number; `q` narrows to part of the item number or the name, `validToday` to what is on agreement today.
   * Whoever may set it may read it (administrators); the others see it as stars on the products.
   */
  @Get('municipalities/:id/agreement')
  @Allow('admin')
  @ReadsFrom('products')
  @ApiOkResponse({ standardSchema: agreementAnswer })
  async agreement(@ValidParams(municipalityParam) { id }: { id: string }, @ValidQuery(agreementQuery) query: z.infer<typeof agreementQuery>) {
    const found = await this.queries.execute(new GetAgreement(id, query, copenhagenDate(new Date())));
    if (!found) throw notFound('Municipality not found');
    return { municipalityId: id, items: found.items, page: query.page, pageSize: query.pageSize, total: found.total };
  }

  /** One item's periods on the agreement, the rest left as it stands (what the administrators' page edits). */
  @Put('municipalities/:id/agreement/items/:itemNumber')
  @Allow('admin')
  @ApiOkResponse({ standardSchema: commandAnswer })
  async setAgreementItem(
    @ValidParams(agreementItemParams) { id, itemNumber }: z.infer<typeof agreementItemParams>,
    @ValidBody(agreementItemBody) body: z.infer<typeof agreementItemBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new SetAgreementItemRequest(commandContext(request, principal), id, itemNumber, body.periods));
  }

  /** Takes an item off the agreement (all its periods); an item not on it is no change. */
  @Delete('municipalities/:id/agreement/items/:itemNumber')
  @Allow('admin')
  @ApiOkResponse({ standardSchema: commandAnswer })
  async removeAgreementItem(
    @ValidParams(agreementItemParams) { id, itemNumber }: z.infer<typeof agreementItemParams>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new SetAgreementItemRequest(commandContext(request, principal), id, itemNumber, []));
  }

  @Get('products')
  @Allow(...EVERY_ROLE)
  @ReadsFrom('products')
  @ApiOkResponse({ standardSchema: productSearchAnswer })
  async search(@ValidQuery(searchQuery) query: z.infer<typeof searchQuery>, @CurrentPrincipal() principal: Principal) {
    const { items, total } = await this.queries.execute(new SearchProducts(principal, query, copenhagenDate(new Date())));
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  /** The groups to browse, each with its number of products (the search's `group` takes a group's path). */
  @Get('product-groups')
  @Allow(...EVERY_ROLE)
  @ReadsFrom('products', 'product-groups')
  @ApiOkResponse({ standardSchema: productGroupsAnswer })
  async groups() {
    return { items: await this.queries.execute(new ListProductGroups()) };
  }

  @Get('products/:itemNumber')
  @Allow(...EVERY_ROLE)
  @ReadsFrom('products')
  @ApiOkResponse({ standardSchema: productDetailAnswer })
  async get(@ValidParams(itemNumberParam) { itemNumber }: z.infer<typeof itemNumberParam>, @CurrentPrincipal() principal: Principal) {
    const product = await this.queries.execute(new GetProduct(principal, itemNumber, copenhagenDate(new Date())));
    if (!product) throw notFound('Product not found');
    return product;
  }

  @Patch('products/:itemNumber')
  @Allow('admin')
  async discontinue(
    @ValidParams(itemNumberParam) { itemNumber }: z.infer<typeof itemNumberParam>,
    @ValidBody(discontinueBody) body: z.infer<typeof discontinueBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new SetProductDiscontinuedRequest(commandContext(request, principal), itemNumber, body.discontinued, body.reason));
  }
}
