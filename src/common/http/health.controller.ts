import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_VERSION } from './app-version';

@ApiTags('health')
@Controller('health')
export class HealthController {
  @Get()
  @ApiOperation({ summary: 'Liveness: the service answers' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', example: 'ok' }, version: { type: 'string', example: APP_VERSION } } } })
  health(): { status: 'ok'; version: string } {
    return { status: 'ok', version: APP_VERSION };
  }
}
