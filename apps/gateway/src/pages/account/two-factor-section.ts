import { MfaStatusResult } from '@app/common';
import QRCode from 'qrcode';
import { TwoFactorSection } from './account-sections';

/** The otpauth URL as an SVG QR code (qrcode, on the server: the page needs no script and loads no image). */
export function totpQrSvg(otpauthUrl: string): Promise<string> {
  return QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The account page's two-factor section from the auth-service's answer. */
export async function twoFactorSectionOf(status: MfaStatusResult): Promise<TwoFactorSection> {
  const pending = status.pending
    ? {
        secretGroups: status.pending.secret.replace(/(.{4})(?=.)/g, '$1 '),
        otpauthUrl: status.pending.otpauthUrl,
        qrSvg: await totpQrSvg(status.pending.otpauthUrl),
      }
    : null;
  return { available: true, enabled: status.totp, recoveryCodesLeft: status.recoveryCodesLeft, pending };
}
