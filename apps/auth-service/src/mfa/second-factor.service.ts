import { ClientInfoPayload, DomainError, ErrorCode } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { Transactions } from '../database/transactions';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { recoveryCodeHash } from './recovery-codes';
import { decryptSecret, encryptSecret } from './secret-cipher';
import { matchingTimeStep } from './totp-codes';

/** A second-factor code as a caller gives it: exactly one of the two. */
export interface SecondFactorCode {
  totp?: string;
  recoveryCode?: string;
}

/** Where a code was checked, for the audit log. */
export type CodeCheckPurpose = 'login' | 'token' | 'reauthenticate' | 'disable';

/** The user's TOTP secret is kept as ciphertext bound to the user id. */
const totpContext = (userId: string): string => `totp:${userId}`;

/**
 * Checks a user's TOTP or recovery code, each accepted once: a TOTP code's time step is recorded by
 * one conditional UPDATE (a code of that step or an earlier one is refused afterwards), a recovery
 * code is spent by one (with its audit event, in the same transaction). A wrong code is audited as
 * `mfa.failed`; counting it toward the throttle is the caller's (it knows the username and IP).
 */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly users: UserRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  /** Exactly one code, else a 400 (both or neither). */
  static codeOf(given: SecondFactorCode): SecondFactorCode {
    const totp = given.totp !== undefined;
    const recovery = given.recoveryCode !== undefined;
    if (totp === recovery) throw new DomainError(ErrorCode.ValidationFailed, 'give either totp or recoveryCode');
    return totp ? { totp: given.totp } : { recoveryCode: given.recoveryCode };
  }

  /** Ciphertext of a TOTP secret for this user's row. */
  seal(userId: string, secret: string): string {
    return encryptSecret(this.config.mfa.encryptionKey, secret, totpContext(userId));
  }

  /** The user's TOTP secret (set up or on), in base32. */
  secretOf(user: Pick<User, 'id' | 'totpSecret'>): string {
    if (!user.totpSecret) throw new DomainError(ErrorCode.Conflict, 'No TOTP secret is set up');
    return decryptSecret(this.config.mfa.encryptionKey, user.totpSecret, totpContext(user.id));
  }

  /** The time step of a TOTP code of `secret` valid now, or null. */
  static timeStepOf(secret: string, code: string): number | null {
    return matchingTimeStep(secret, code, Date.now());
  }

  /**
   * True when the code is right and had not been used; the code is then spent. Only for a user with
   * TOTP on (the caller checks); a wrong code is audited.
   */
  async check(user: User, code: SecondFactorCode, purpose: CodeCheckPurpose, client: ClientInfoPayload): Promise<boolean> {
    const accepted = code.totp !== undefined ? await this.checkTotp(user, code.totp) : await this.spendRecoveryCode(user, code, client);
    if (!accepted) {
      const method = code.totp !== undefined ? 'totp' : 'recovery_code';
      await this.audit.recordDetached({ type: 'mfa.failed', userId: user.id, ip: client.ip, detail: { method, purpose } });
    }
    return accepted;
  }

  private async checkTotp(user: User, code: string): Promise<boolean> {
    const step = SecondFactorService.timeStepOf(this.secretOf(user), code);
    return step !== null && (await this.users.advanceTotpStep(user.id, step));
  }

  private spendRecoveryCode(user: User, code: SecondFactorCode, client: ClientInfoPayload): Promise<boolean> {
    const codeHash = recoveryCodeHash(code.recoveryCode ?? '');
    return this.transactions.run(async ({ recoveryCodes, auditEvents }) => {
      if (!(await recoveryCodes.spend(user.id, codeHash, new Date()))) return false;
      const left = await recoveryCodes.countUnused(user.id);
      auditEvents.add({ type: 'mfa.recovery_code_used', userId: user.id, actorId: user.id, ip: client.ip, detail: { left } });
      return true;
    });
  }
}
