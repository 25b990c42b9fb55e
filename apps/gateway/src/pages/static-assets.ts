import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VIEWS_DIR } from './page-renderer';

/** The pages' one stylesheet, read from disk once (it ships with the templates). */
@Injectable()
export class StaticAssets {
  private css?: string;

  stylesheet(): string {
    this.css ??= readFileSync(join(VIEWS_DIR, 'static', 'app.css'), 'utf8');
    return this.css;
  }
}
