// The dashboard's Content-Security-Policy has no 'unsafe-eval': zod must not probe for it
// (the browser reports the probe as a violation). main.tsx imports this module first.
import { disableZodJit } from '@parley/protocol/csp';

disableZodJit();
