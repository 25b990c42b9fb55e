import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MessagePayload } from '../message.payload';
import { HasNoControlCharacters } from './auth.fields';
import { AuthenticatedPayload, ClientInfoPayload } from './credential.payload';

/** Base64url without padding, as WebAuthn's JSON encodes every binary field. */
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function Base64Url(maxLength: number): PropertyDecorator {
  return applyDecorators(IsString(), MaxLength(maxLength), Matches(BASE64URL, { message: '$property must be base64url' }));
}

/** `response` of a RegistrationResponseJSON (what @simplewebauthn/browser's startRegistration answers). */
export class AttestationResponsePayload {
  @Base64Url(4096)
  clientDataJSON!: string;

  @Base64Url(16384)
  attestationObject!: string;

  @IsOptional()
  @Base64Url(16384)
  authenticatorData?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  transports?: string[];

  @IsOptional()
  @IsInt()
  publicKeyAlgorithm?: number;

  @IsOptional()
  @Base64Url(4096)
  publicKey?: string;
}

/** `response` of an AuthenticationResponseJSON (what startAuthentication answers). */
export class AssertionResponsePayload {
  @Base64Url(4096)
  clientDataJSON!: string;

  @Base64Url(4096)
  authenticatorData!: string;

  @Base64Url(1024)
  signature!: string;

  @IsOptional()
  @Base64Url(256)
  userHandle?: string;
}

/** The fields both kinds of WebAuthn credential JSON share. */
class CredentialJsonPayload {
  @Base64Url(1024)
  @MinLength(1)
  id!: string;

  @Base64Url(1024)
  @MinLength(1)
  rawId!: string;

  @IsIn(['public-key'])
  type!: 'public-key';

  @IsOptional()
  @IsIn(['platform', 'cross-platform'])
  authenticatorAttachment?: 'platform' | 'cross-platform';

  @IsObject()
  clientExtensionResults!: Record<string, unknown>;
}

/** A RegistrationResponseJSON: a new credential made by navigator.credentials.create(). */
export class RegistrationCredentialPayload extends CredentialJsonPayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => AttestationResponsePayload)
  response!: AttestationResponsePayload;
}

/** An AuthenticationResponseJSON: an assertion made by navigator.credentials.get(). */
export class AuthenticationCredentialPayload extends CredentialJsonPayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => AssertionResponsePayload)
  response!: AssertionResponsePayload;
}

/** A passkey's name as a person types it: 1-64 characters, no control characters. */
export const PASSKEY_NAME_MAX_LENGTH = 64;

/** Register a passkey for the caller: the browser's answer to the registration options, and an optional name. */
export class RegisterPasskeyPayload extends AuthenticatedPayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => RegistrationCredentialPayload)
  response!: RegistrationCredentialPayload;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSKEY_NAME_MAX_LENGTH)
  @HasNoControlCharacters()
  name?: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}

/** Remove one of the caller's passkeys. */
export class RemovePasskeyPayload extends AuthenticatedPayload {
  @IsUUID()
  passkeyId!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}

/** Ask for a sign-in challenge (nobody is logged in yet): where from, for the throttle. */
export class PasskeyAuthenticationOptionsPayload extends MessagePayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}

/** Sign in with a passkey: the browser's answer to a sign-in challenge. */
export class PasskeyLoginPayload extends MessagePayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => AuthenticationCredentialPayload)
  response!: AuthenticationCredentialPayload;

  @IsOptional()
  @IsBoolean()
  remember?: boolean;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}
