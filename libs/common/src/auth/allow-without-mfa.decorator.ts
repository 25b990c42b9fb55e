import { SetMetadata } from '@nestjs/common';

export const ALLOW_WITHOUT_MFA_KEY = 'auth:allow-without-mfa';

/**
 * A handler (or controller) that a user who must still enrol a second factor may reach: who am I,
 * logout, and the enrolment routes themselves. Everything else refuses them (enforceMfaEnrolment).
 */
export const AllowWithoutMfa = (): MethodDecorator & ClassDecorator => SetMetadata(ALLOW_WITHOUT_MFA_KEY, true);
