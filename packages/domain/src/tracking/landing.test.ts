import { describe, expect, it } from 'vitest';
import { campaignInputSchema } from '../planning/campaign-input';
import { campaignUtmName, landingUrlFor, landingUrlSchema, userAgentClass, withUtm } from './landing';

const utm = { source: 'relance', medium: 'email', campaign: 'printemps-3f2a9c1d', content: 'B' } as const;

describe('withUtm', () => {
  it('adds the four UTM parameters to a bare landing URL', () => {
    expect(withUtm('https://shop.example/offre', utm)).toBe(
      'https://shop.example/offre?utm_source=relance&utm_medium=email&utm_campaign=printemps-3f2a9c1d&utm_content=B',
    );
  });

  it('keeps an existing query and puts the fragment last', () => {
    expect(withUtm('https://shop.example/p?id=12&ref=x#details', utm)).toBe(
      'https://shop.example/p?id=12&ref=x&utm_source=relance&utm_medium=email&utm_campaign=printemps-3f2a9c1d&utm_content=B#details',
    );
  });

  it('never overrides the marketer’s own UTM tagging', () => {
    const out = new URL(withUtm('https://shop.example/?utm_source=newsletter', utm));
    expect(out.searchParams.getAll('utm_source')).toEqual(['newsletter']);
    expect(out.searchParams.get('utm_medium')).toBe('email');
  });

  it('encodes values', () => {
    const out = withUtm('https://shop.example/', { ...utm, campaign: 'a b&c' });
    expect(new URL(out).searchParams.get('utm_campaign')).toBe('a b&c');
  });
});

describe('landing pages', () => {
  it('takes the variant’s, then the step’s, then the campaign’s, else the hosted page', () => {
    expect(landingUrlFor({ variant: 'https://v', step: 'https://s', campaign: 'https://c' })).toBe(
      'https://v',
    );
    expect(landingUrlFor({ variant: null, step: 'https://s', campaign: 'https://c' })).toBe('https://s');
    expect(landingUrlFor({ campaign: 'https://c' })).toBe('https://c');
    expect(landingUrlFor({})).toBeNull();
  });

  it('accepts only https addresses', () => {
    expect(landingUrlSchema.safeParse('https://www.example.com/offre?x=1#y').success).toBe(true);
    expect(landingUrlSchema.safeParse('http://www.example.com/').success).toBe(false);
    expect(landingUrlSchema.safeParse('javascript:alert(1)').success).toBe(false);
    expect(landingUrlSchema.safeParse('www.example.com').success).toBe(false);
  });

  it('is part of the plan: campaign default, step and message variant', () => {
    const plan = campaignInputSchema.parse({
      name: 'Printemps',
      kind: 'win_back',
      objective: 'sale',
      averageOrderValueCents: 5000,
      marginRate: 0.3,
      landingUrl: 'https://shop.example/',
      testPlan: { sample: { mode: 'absolute', size: 300 } },
      steps: [
        {
          channel: 'email',
          offsetDays: 0,
          landingUrl: 'https://shop.example/step',
          variants: [{ differsOn: 'message', content: {}, landingUrl: 'https://shop.example/b' }],
        },
      ],
    });
    expect(plan.landingUrl).toBe('https://shop.example/');
    expect(plan.steps[0]!.landingUrl).toBe('https://shop.example/step');
    expect(plan.steps[0]!.variants![0]).toMatchObject({ landingUrl: 'https://shop.example/b' });
    const bad = campaignInputSchema.safeParse({
      name: 'x',
      kind: 'win_back',
      objective: 'sale',
      averageOrderValueCents: 5000,
      marginRate: 0.3,
      steps: [{ channel: 'email', offsetDays: 0, landingUrl: 'http://shop.example/' }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['steps', 0, 'landingUrl']);
  });
});

describe('campaignUtmName', () => {
  it('is a readable slug with the start of the id', () => {
    expect(campaignUtmName('Relance Été 2026 !', '3f2a9c1d-0000-4000-8000-000000000000')).toBe(
      'relance-ete-2026-3f2a9c1d',
    );
    expect(campaignUtmName('***', '3f2a9c1d-0000')).toBe('3f2a9c1d');
  });
});

describe('userAgentClass', () => {
  it('tells phones, tablets, desktops and machines apart', () => {
    expect(
      userAgentClass(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('mobile');
    expect(userAgentClass('Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/120.0 Mobile Safari/537.36')).toBe(
      'mobile',
    );
    expect(userAgentClass('Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15')).toBe(
      'tablet',
    );
    expect(userAgentClass('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36')).toBe(
      'desktop',
    );
    expect(userAgentClass('Mozilla/5.0 (compatible; Googlebot/2.1)')).toBe('bot');
    expect(userAgentClass('curl/8.5.0')).toBe('bot');
    expect(userAgentClass(undefined)).toBe('other');
  });
});
