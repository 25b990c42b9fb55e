import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';

/** WebAuthn's creation options as JSON, for @simplewebauthn/browser's startRegistration. */
export type PasskeyRegistrationOptions = PublicKeyCredentialCreationOptionsJSON;

/** WebAuthn's request options as JSON, for startAuthentication: a challenge valid for 5 minutes, once. */
export type PasskeyAuthenticationOptions = PublicKeyCredentialRequestOptionsJSON;

/** A passkey as its owner sees it: never the credential id or the public key. */
export interface PasskeyView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** The reply to a registration: the passkey just added. */
export interface AddedPasskey {
  passkey: PasskeyView;
}

/** The caller's passkeys, oldest first. */
export interface PasskeyList {
  items: PasskeyView[];
}

/** The reply to a removal: the passkey that is gone. */
export interface RemovedPasskey {
  removedPasskeyId: string;
}
