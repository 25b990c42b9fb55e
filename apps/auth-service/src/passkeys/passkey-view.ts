import { PasskeyView } from '@app/common';
import type { Passkey } from './passkey.entity';

/** A passkey as its owner sees it: never the credential id or the public key. */
export function toPasskeyView(passkey: Passkey): PasskeyView {
  return {
    id: passkey.id,
    name: passkey.name,
    createdAt: passkey.createdAt.toISOString(),
    lastUsedAt: passkey.lastUsedAt ? passkey.lastUsedAt.toISOString() : null,
  };
}
