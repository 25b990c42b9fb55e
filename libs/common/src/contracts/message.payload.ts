import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Fields every message carries: the request id that ties log lines across services together. */
export class MessagePayload {
  @IsOptional()
  @IsString()
  @MaxLength(128)
  @Matches(/^[A-Za-z0-9._:-]+$/)
  requestId?: string;
}
