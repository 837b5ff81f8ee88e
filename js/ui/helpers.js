// What anytype-auth/ui exports besides the controller and the element, in every runtime.
export { classifyFailure } from './classify-failure.js';
export { extensionStorage, memoryStorage, webStorage } from './storage.js';
export { MESSAGES, format } from './messages.js';
