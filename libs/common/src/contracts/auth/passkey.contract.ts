import { LoginResult } from './auth.results';
import { AuthenticatedPayload } from './credential.payload';
import { PasskeyPatterns } from './passkey.patterns';
import { PasskeyAuthenticationOptionsPayload, PasskeyLoginPayload, RegisterPasskeyPayload, RemovePasskeyPayload } from './passkey.payload';
import { AddedPasskey, PasskeyAuthenticationOptions, PasskeyList, PasskeyRegistrationOptions, RemovedPasskey } from './passkey.results';

/** The passkey messages of AuthContract: registering and removing (the caller's), and signing in with one. */
export interface PasskeyContract {
  [PasskeyPatterns.PasskeyRegistrationOptions]: { payload: AuthenticatedPayload; result: PasskeyRegistrationOptions };
  [PasskeyPatterns.PasskeyRegister]: { payload: RegisterPasskeyPayload; result: AddedPasskey };
  [PasskeyPatterns.ListPasskeys]: { payload: AuthenticatedPayload; result: PasskeyList };
  [PasskeyPatterns.RemovePasskey]: { payload: RemovePasskeyPayload; result: RemovedPasskey };
  [PasskeyPatterns.PasskeyAuthenticationOptions]: { payload: PasskeyAuthenticationOptionsPayload; result: PasskeyAuthenticationOptions };
  [PasskeyPatterns.PasskeyLogin]: { payload: PasskeyLoginPayload; result: LoginResult };
}
