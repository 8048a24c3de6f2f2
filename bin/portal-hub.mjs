#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx portal-hub` needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
