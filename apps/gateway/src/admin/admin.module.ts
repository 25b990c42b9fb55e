import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AdminController } from './admin.controller';

/** /admin/*: the JSON administration API, forwarded to the admin-service. */
@Module({
  imports: [AuthModule],
  controllers: [AdminController],
})
export class AdminModule {}
