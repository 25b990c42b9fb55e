/** The auth-service's passkey (WebAuthn) messages (part of AuthPatterns). */
export const PasskeyPatterns = {
  PasskeyRegistrationOptions: 'auth.passkeys.registration.options',
  PasskeyRegister: 'auth.passkeys.registration.verify',
  ListPasskeys: 'auth.passkeys.list',
  RemovePasskey: 'auth.passkeys.remove',
  PasskeyAuthenticationOptions: 'auth.passkeys.authentication.options',
  PasskeyLogin: 'auth.passkeys.authentication.verify',
} as const;
