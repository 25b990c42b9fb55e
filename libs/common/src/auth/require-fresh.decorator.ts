import { SetMetadata } from '@nestjs/common';

export const REQUIRE_FRESH_KEY = 'auth:require-fresh';

/**
 * A sensitive operation: the session's last credential check must be recent (REAUTH_MAX_AGE_SECONDS).
 * Checked by FreshnessGuard, which goes after the auth guard: `@UseGuards(AuthGuard, RolesGuard, FreshnessGuard)`.
 */
export const RequireFresh = (): MethodDecorator & ClassDecorator => SetMetadata(REQUIRE_FRESH_KEY, true);
