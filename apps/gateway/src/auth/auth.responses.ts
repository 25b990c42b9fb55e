import { CallerSession, PublicUser } from '@app/common';

/** POST /auth/register: the new account. */
export interface RegisterResponse {
  user: PublicUser;
}

/** POST /auth/login: who logged in, and what a client needs besides the cookie. */
export interface LoginResponse {
  user: PublicUser;
  csrfToken: string;
  expiresAt: string;
}

/** GET /auth/me: who the caller is, their CSRF token, and their session (with its last credential check). */
export interface MeResponse {
  user: PublicUser;
  csrfToken: string;
  session: Pick<CallerSession, 'id' | 'createdAt' | 'expiresAt' | 'authenticatedAt' | 'amr'>;
}

/** POST /auth/email/verify, PUT /auth/email: the user as it now is. */
export interface UserResponse {
  user: PublicUser;
}
