import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { SqlDialect } from '../../database/database.config';
import { SqlDatabase } from '../../database/sql-database';
import { APP_VERSION } from './app-version';

interface Health {
  status: 'ok' | 'unavailable';
  version: string;
  database: SqlDialect;
}

/** Public (see ApiKeyGuard): load balancers and `npm start` scripts poll it. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: SqlDatabase) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the service answers and its database too' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { status: { type: 'string', example: 'ok' }, version: { type: 'string', example: APP_VERSION }, database: { type: 'string', enum: ['sqlite', 'postgres'], example: 'sqlite' } },
    },
  })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer: `{ status: "unavailable", ... }`' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    try {
      await this.db.query('SELECT 1 AS ok');
      return { status: 'ok', version: APP_VERSION, database: this.db.dialect };
    } catch {
      void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'unavailable', version: APP_VERSION, database: this.db.dialect };
    }
  }
}
