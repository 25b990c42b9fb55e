import type { DomainError, PasskeyView } from '@app/common';

/**
 * What each section of the account page shows, one interface per section (one partial each under
 * views/account/). A feature that grows a section widens its interface here and fills it in its
 * method of AccountPageService.
 */
export interface ProfileSection {
  username: string;
  email: string | null;
  emailVerified: boolean;
}

/** The change-password form needs nothing but the page's CSRF token. */
export type PasswordSection = Record<string, never>;

/** A TOTP setup waiting for its first code: what an authenticator app scans or takes typed in. */
export interface PendingTotpView {
  /** Base32, in groups of four for reading it aloud or typing it. */
  secretGroups: string;
  otpauthUrl: string;
  /** The otpauth URL as a QR code, an SVG document rendered on the server (no script, no external image). */
  qrSvg: string;
}

/** TOTP and recovery codes (issue 16). */
export interface TwoFactorSection {
  available: boolean;
  enabled: boolean;
  recoveryCodesLeft: number;
  /** Shown only while the session is fresh (else the set-up button again). */
  pending: PendingTotpView | null;
}

/** The caller's passkeys (name, added, last used), each with a remove button; adding one is the page script's. */
export interface PasskeysSection {
  available: boolean;
  items: PasskeyView[];
}

/** A session as the account page lists it: browser and system names, never the raw User-Agent. */
export interface AccountSessionView {
  id: string;
  browser: string;
  os: string;
  ip: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

export interface SessionsSection {
  items: AccountSessionView[];
  /** Whether "Sign out everywhere else" has anything to do. */
  others: number;
}

/** Every section of the page, by the name its partial reads it under. */
export interface AccountSections {
  profile: ProfileSection;
  password: PasswordSection;
  twoFactor: TwoFactorSection;
  passkeys: PasskeysSection;
  sessions: SessionsSection;
}

export type AccountSectionName = keyof AccountSections;

/** A form of one section that was refused: the page is shown again with the reasons in that section. */
export interface AccountRefusal {
  section: AccountSectionName;
  /** The error whose status (from the one error table) the page is answered with. */
  failure: DomainError;
  /** What the section shows, in the form's own words. */
  messages: string[];
  /** Fields to fill in again (never a password). */
  values?: Record<string, string>;
}
