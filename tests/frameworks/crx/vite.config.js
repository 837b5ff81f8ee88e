// An MV3 extension built with Vite and @crxjs/vite-plugin (`vite build`), its background calling
// anytype-auth (tests/frameworks.test.mjs). The plugin reads manifest.json.
import { crx } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig({ plugins: [crx({ manifest })], logLevel: 'warn' });
