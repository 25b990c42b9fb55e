import { Module } from '@nestjs/common';
import { LoginThrottle } from './login-throttle';

/** The failed-login counters in Redis, per username and per IP. */
@Module({
  providers: [LoginThrottle],
  exports: [LoginThrottle],
})
export class ThrottleModule {}
