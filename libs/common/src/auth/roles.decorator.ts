import { SetMetadata } from '@nestjs/common';

export const ROLES_KEY = 'auth:roles';

/** The roles a handler requires (any one of them); checked by RolesGuard. */
export const Roles = (...roles: string[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);
