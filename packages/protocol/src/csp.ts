import { z } from 'zod';

/**
 * For pages under a Content-Security-Policy without 'unsafe-eval' (the dashboard): zod 4
 * probes `Function('')` on its first parse to decide whether to compile validators, and the
 * browser reports that probe as a CSP violation even though zod catches it. Object schemas
 * take the decision when they are built, so call this before any schema module is evaluated:
 * from a module the app's entry imports first.
 *
 * @example // zod-jitless.ts, the entry's first import
 * import { disableZodJit } from '@parley/protocol/csp';
 * disableZodJit();
 */
export function disableZodJit(): void {
  z.config({ jitless: true });
}
