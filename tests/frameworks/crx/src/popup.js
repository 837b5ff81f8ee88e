// The popup: <anytype-pair> from anytype-auth/ui, looking for Anytype at the address in the
// page's `base` query item (the test's stand-in), else Anytype's own.
import 'anytype-auth/ui';

const pair = document.createElement('anytype-pair');
pair.setAttribute('app-name', 'anytype-auth with Vite and CRXJS');
const base = new URLSearchParams(location.search).get('base');
if (base) pair.setAttribute('base-url', base);
document.body.append(pair);
