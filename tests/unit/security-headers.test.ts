import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../src/lib/server/http/security-headers.ts';

describe('security headers', () => {
  it('forbid framing, sniffing, referrers and device features', () => {
    const headers = securityHeaders('http://localhost:4321');
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('same-origin');
    expect(headers['Permissions-Policy']).toMatch(/camera=\(\).*geolocation=\(\)/);
  });
  it('send HSTS only when the portal is served over https', () => {
    expect(securityHeaders('http://localhost:4321')).not.toHaveProperty('Strict-Transport-Security');
    expect(securityHeaders('https://hog.example.nl')['Strict-Transport-Security']).toMatch(/max-age=31536000/);
  });
});
