import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../../common/domain/domain-error';
import type { ReferenceData, Site } from '../domain/reference-data';
import { ReferenceIndex } from '../domain/reference-index';

/** URL name of each collection served here; options have their own endpoint (/api/options). */
const COLLECTIONS = {
  sites: 'sites',
  'supervision-modes': 'supervisionModes',
  'transport-modes': 'transportModes',
  'hs-headings': 'hsHeadings',
  'credit-classes': 'creditClasses',
  'channel-rates': 'channelRates',
  'cost-items': 'costItems',
  currencies: 'currencies',
  steps: 'steps',
  routes: 'routes',
} as const satisfies Record<string, keyof ReferenceData>;

type CollectionName = keyof typeof COLLECTIONS;
const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export interface CollectionLink {
  name: CollectionName;
  href: string;
  count: number;
}

@ApiTags('reference')
@Controller('reference')
export class ReferenceController {
  constructor(private readonly ref: ReferenceIndex) {}

  @Get()
  @ApiOperation({ summary: 'The reference collections swsim plans with, with links and counts' })
  @ApiOkResponse({ description: '{ collections: [{ name, href, count }] }' })
  collections(): { collections: CollectionLink[] } {
    return {
      collections: COLLECTION_NAMES.map((name) => ({ name, href: `/api/reference/${name}`, count: this.ref.data[COLLECTIONS[name]].length })),
    };
  }

  @Get('sites/:id')
  @ApiOperation({ summary: 'One site (border port, airport, bonded zone, inland office) with its calendar and resources' })
  @ApiParam({ name: 'id', example: 'khorgos-road' })
  @ApiNotFoundResponse({ description: 'No site with that id (problem details)' })
  site(@Param('id') id: string): Site {
    const site = this.ref.sites.get(id);
    if (!site) throw new DomainError('REFERENCE.UNKNOWN_SITE', `No site '${id}'; see GET /api/reference/sites`, 'not-found', [{ path: 'id', message: `unknown site '${id}'` }]);
    return site;
  }

  @Get(':collection')
  @ApiOperation({
    summary: 'Every item of one collection, each with its source',
    description: 'Items whose value is ours rather than published carry `assumption: true` and a source starting with "ASSUMPTION".',
  })
  @ApiParam({ name: 'collection', enum: COLLECTION_NAMES })
  @ApiNotFoundResponse({ description: 'No such collection (problem details)' })
  collection(@Param('collection') name: string): unknown[] {
    if (!Object.hasOwn(COLLECTIONS, name)) {
      throw new DomainError('REFERENCE.UNKNOWN_COLLECTION', `No reference collection '${name}'; the collections are ${COLLECTION_NAMES.join(', ')}`, 'not-found', [
        { path: 'collection', message: `unknown collection '${name}'` },
      ]);
    }
    return this.ref.data[COLLECTIONS[name as CollectionName]];
  }
}
