import { readFileSync } from 'node:fs';
import { projectPath } from './projectRoot.js';

const pkg = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string };
export const VERSION = pkg.version;
