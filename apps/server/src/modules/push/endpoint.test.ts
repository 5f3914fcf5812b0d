import { describe, expect, it } from 'vitest';
import { endpointProblem } from './service';

const allowed = ['fcm.googleapis.com', '*.notify.windows.com', '127.0.0.1'];

describe('endpointProblem (SSRF guard for push endpoints)', () => {
  it.each([
    ['https://fcm.googleapis.com/fcm/send/abc', null],
    ['https://wns2-par02p.notify.windows.com/w/?token=x', null],
    ['http://127.0.0.1:9999/push', null],
    ['https://fcm.googleapis.com.evil.com/x', 'Push endpoints on fcm.googleapis.com.evil.com are not allowed (see PUSH_ALLOWED_HOSTS)'],
    ['https://notify.windows.com.attacker.net/x', 'Push endpoints on notify.windows.com.attacker.net are not allowed (see PUSH_ALLOWED_HOSTS)'],
    ['https://169.254.169.254/latest', 'Push endpoints on 169.254.169.254 are not allowed (see PUSH_ALLOWED_HOSTS)'],
    ['http://fcm.googleapis.com/fcm/send/abc', 'Push endpoints must use https'],
    ['ftp://127.0.0.1/x', 'Push endpoints on 127.0.0.1 are not allowed (see PUSH_ALLOWED_HOSTS)'],
    ['not a url', 'The push endpoint is not a URL'],
  ])('%s', (endpoint, problem) => {
    expect(endpointProblem(endpoint, allowed)).toBe(problem);
  });
});
