import {
  AcceptedResult,
  AuthPatterns,
  ChangeEmailPayload,
  FreshnessGuard,
  PublicUser,
  RequireFresh,
  ResendVerificationForLoginPayload,
  ResendVerificationPayload,
  VerifyEmailPayload,
} from '@app/common';
import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CallerGuard } from '../sessions/caller.guard';
import { EmailService } from './email.service';

/** The email address: verify by link, send the link again, change it (a sensitive change: fresh sessions only). */
@Controller()
export class EmailController {
  constructor(private readonly email: EmailService) {}

  @MessagePattern(AuthPatterns.VerifyEmail)
  verify(@Payload() payload: VerifyEmailPayload): Promise<PublicUser> {
    return this.email.verify(payload);
  }

  @MessagePattern(AuthPatterns.ResendVerification)
  @UseGuards(CallerGuard)
  resend(@Payload() payload: ResendVerificationPayload): Promise<AcceptedResult> {
    return this.email.resend(payload);
  }

  @MessagePattern(AuthPatterns.ResendVerificationForLogin)
  resendForLogin(@Payload() payload: ResendVerificationForLoginPayload): Promise<AcceptedResult> {
    return this.email.resendForLogin(payload);
  }

  @MessagePattern(AuthPatterns.ChangeEmail)
  @UseGuards(CallerGuard, FreshnessGuard)
  @RequireFresh()
  change(@Payload() payload: ChangeEmailPayload): Promise<PublicUser> {
    return this.email.change(payload);
  }
}
