// Network helpers shared by the test scripts.
import { createServer } from 'node:net';

/** A loopback port where nothing listens (it was free a moment ago). */
export function closedPort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
