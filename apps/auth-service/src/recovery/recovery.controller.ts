import { AcceptedResult, AuthPatterns, ForgotPasswordPayload, PasswordResetResult, ResetPasswordPayload } from '@app/common';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PasswordResetService } from './password-reset.service';

/** A forgotten password: a mailed link, then a new password with it. */
@Controller()
export class RecoveryController {
  constructor(private readonly resets: PasswordResetService) {}

  @MessagePattern(AuthPatterns.ForgotPassword)
  forgot(@Payload() payload: ForgotPasswordPayload): Promise<AcceptedResult> {
    return this.resets.forgot(payload);
  }

  @MessagePattern(AuthPatterns.ResetPassword)
  reset(@Payload() payload: ResetPasswordPayload): Promise<PasswordResetResult> {
    return this.resets.reset(payload);
  }
}
