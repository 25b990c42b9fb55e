import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VIEWS_DIR } from './page-renderer';

/** @simplewebauthn/browser's own browser bundle (a UMD script defining `SimpleWebAuthnBrowser`). */
function webAuthnBrowserBundle(): string {
  // The package exports only its entry point; its bundle sits beside it, one folder up.
  const entry = require.resolve('@simplewebauthn/browser');
  return readFileSync(join(dirname(entry), '..', 'dist', 'bundle', 'index.umd.min.js'), 'utf8');
}

/** The pages' static files, read from disk once (they ship with the templates). */
@Injectable()
export class StaticAssets {
  private css?: string;
  private passkeys?: string;

  stylesheet(): string {
    this.css ??= readFileSync(join(VIEWS_DIR, 'static', 'app.css'), 'utf8');
    return this.css;
  }

  /**
   * The one script any page loads (login and account, for passkeys): @simplewebauthn/browser's bundle
   * and the pages' own passkey buttons, joined into one file served from this origin.
   */
  passkeysScript(): string {
    this.passkeys ??= `${webAuthnBrowserBundle()}\n${readFileSync(join(VIEWS_DIR, 'static', 'passkeys.js'), 'utf8')}`;
    return this.passkeys;
  }
}
