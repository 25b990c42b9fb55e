import { Module } from '@nestjs/common';
import { LoginThrottle } from './login-throttle';
import { RegistrationThrottle } from './registration-throttle';

/** The failed-login counters in Redis, per username and per IP, and the registrations per IP. */
@Module({
  providers: [LoginThrottle, RegistrationThrottle],
  exports: [LoginThrottle, RegistrationThrottle],
})
export class ThrottleModule {}
