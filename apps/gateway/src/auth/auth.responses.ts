import { PublicUser } from '@app/common';

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

/** GET /auth/me: who the caller is, their CSRF token, and their session. */
export interface MeResponse {
  user: PublicUser;
  csrfToken: string;
  session: { id: string; createdAt: string; expiresAt: string };
}
