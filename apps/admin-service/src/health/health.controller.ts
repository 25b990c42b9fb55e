import { AdminPatterns, HealthPayload, HealthResult } from '@app/common';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

/** Answers while the admin-service is up and reading its transport. */
@Controller()
export class HealthController {
  @MessagePattern(AdminPatterns.Health)
  health(@Payload() _payload: HealthPayload): HealthResult {
    return { status: 'ok', checks: { process: 'ok' } };
  }
}
