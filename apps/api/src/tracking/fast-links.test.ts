import type { IncomingMessage } from 'node:http';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { clientAddress, pageLanguage } from './fast-links';

describe('the bare tracked-link listener’s helpers', () => {
  it('chooses French or English from Accept-Language as Express did, French by default', () => {
    expect(pageLanguage(undefined)).toBe('fr');
    expect(pageLanguage('')).toBe('fr');
    expect(pageLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(pageLanguage('de-DE,de;q=0.9')).toBe('fr');
    expect(pageLanguage('de,en;q=0.8,fr;q=0.5')).toBe('en');
    expect(pageLanguage('en;q=0.4, fr-CA;q=0.7')).toBe('fr');
    expect(pageLanguage('en;q=0')).toBe('fr');
  });

  it('works out the client address as Express’s req.ip with the app’s trust proxy setting', () => {
    const app = express();
    app.set('trust proxy', 'loopback, linklocal, uniquelocal');
    const trust = app.get('trust proxy fn');
    const req = (remote: string, forwarded?: string) =>
      ({
        socket: { remoteAddress: remote },
        headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
      }) as unknown as IncomingMessage;
    expect(clientAddress(req('203.0.113.9'), trust)).toBe('203.0.113.9');
    // a client may not claim an address: only a trusted proxy's header counts
    expect(clientAddress(req('203.0.113.9', '198.51.100.1'), trust)).toBe('203.0.113.9');
    expect(clientAddress(req('127.0.0.1', '198.51.100.1'), trust)).toBe('198.51.100.1');
    // the right-most untrusted hop, whatever the client put before it
    expect(clientAddress(req('127.0.0.1', '1.2.3.4, 198.51.100.1, 10.0.0.2'), trust)).toBe('198.51.100.1');
  });
});
