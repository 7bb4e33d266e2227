import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// package.json sits three levels up from both src/common/http and dist/common/http.
export const APP_VERSION: string = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
