import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller } from '../../auth/caller';
import { ApiKeyRequired } from '../../auth/http/api-key-header.decorator';
import { TenantsRepository } from '../../auth/persistence/tenants.repository';
import { Roles } from '../../auth/roles.decorator';
import { AdvanceClockCommand } from '../application/advance-clock.command';
import type { ClockAdvanced } from '../application/advance-clock.handler';
import { AdvanceClockDto, RunUntilDto } from './declarations.dto';

/** The tenant's sandbox clock: simulated minutes since its epoch; automatic officers act as it advances. */
@ApiTags('clock')
@ApiKeyRequired()
@Controller('clock')
export class ClockController {
  constructor(
    private readonly commands: CommandBus,
    private readonly tenants: TenantsRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: "The tenant's simulated clock, seed and option" })
  async get(@Caller() caller: Caller) {
    const tenant = (await this.tenants.findById(caller.tenantId))!;
    return { minutes: tenant.clockMinutes, hours: Math.round((tenant.clockMinutes / 60) * 100) / 100, seed: tenant.seed, option: tenant.optionId };
  }

  @Post('advance')
  @HttpCode(HttpStatus.OK)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: 'Move the clock forward; automatic officers walk the auto-mode declarations meanwhile' })
  @ApiBody({ type: AdvanceClockDto, examples: { day: { summary: 'One simulated day', value: { hours: 24 } } } })
  advance(@Caller() caller: Caller, @Body() body: AdvanceClockDto): Promise<ClockAdvanced> {
    return this.commands.execute(new AdvanceClockCommand(caller, { hours: body.hours }));
  }

  @Post('run-until')
  @HttpCode(HttpStatus.OK)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: 'Move the clock to a simulated minute, or until the automatic officers have nothing left to do' })
  @ApiBody({ type: RunUntilDto, examples: { idle: { summary: 'Until every auto-mode declaration is done', value: {} } } })
  runUntil(@Caller() caller: Caller, @Body() body: RunUntilDto): Promise<ClockAdvanced> {
    return this.commands.execute(new AdvanceClockCommand(caller, body.minutes === undefined ? 'idle' : { minutes: body.minutes }));
  }
}
