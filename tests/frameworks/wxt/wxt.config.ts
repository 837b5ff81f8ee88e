// An MV3 extension built with WXT (`wxt build`), its background calling anytype-auth
// (tests/frameworks.test.mjs). The manifest lines anytype-auth needs: the CSP allowing wasm
// compilation and a host permission for Anytype on 127.0.0.1.
import { defineConfig } from 'wxt';

export default defineConfig({
  manifest: {
    name: 'anytype-auth with WXT',
    version: '0.1.0',
    permissions: ['storage'],
    host_permissions: ['http://127.0.0.1/*'],
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
  },
});
