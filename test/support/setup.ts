import { useEmbeddedHost } from '../../shared/host/registry.js';

// Tests call handlers directly; registrations are recorded (and checked) but not sent to `app`,
// which outside the Functions host would only print test-mode warnings.
useEmbeddedHost();
