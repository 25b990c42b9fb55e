import { Module } from '@nestjs/common';
import { PasswordHasher } from './password.hasher';

/** bcrypt behind the PasswordHasher and its queue (the password policy is a plain function beside it). */
@Module({
  providers: [PasswordHasher],
  exports: [PasswordHasher],
})
export class PasswordsModule {}
