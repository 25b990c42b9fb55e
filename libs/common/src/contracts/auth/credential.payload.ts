import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsString, MaxLength, ValidateNested } from 'class-validator';
import { MessagePayload } from '../message.payload';

/** How the caller proved who they are: the `sid` cookie's token, or a bearer access token. */
export class CredentialPayload {
  @IsIn(['session', 'bearer'])
  kind!: 'session' | 'bearer';

  @IsString()
  @MaxLength(4096)
  token!: string;
}

/** Where a request came from, as the gateway saw it. */
export class ClientInfoPayload {
  @IsString()
  @MaxLength(64)
  ip!: string;

  @IsString()
  @MaxLength(512)
  userAgent!: string;
}

/** A message sent on behalf of an authenticated caller, who is re-checked by the receiver. */
export class AuthenticatedPayload extends MessagePayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => CredentialPayload)
  credential!: CredentialPayload;
}
