import { z } from 'zod';
import type { Channel } from '../vocabulary';

/**
 * Where a tracked link (`/r/{code}`) takes the recipient: the step's landing page (a variant that rewrites the
 * message may have its own), else the campaign's, else the page Relance hosts itself (`/l/{code}`: the offer
 * and an "I'm interested" button), so that a campaign works without a website.
 */
export const landingUrlSchema = z
  .url({
    protocol: /^https$/,
    hostname: z.regexes.domain,
    error: 'Enter the landing page as a full https address, e.g. https://www.example.com/offer',
  })
  .max(2000, { error: 'A landing page address has at most 2,000 characters' });

/** The landing URLs a send's step can have, most specific first. */
export interface LandingChoice {
  variant?: string | null;
  step?: string | null;
  campaign?: string | null;
}

/** The landing page of a send (variant, then step, then campaign), or null for the hosted page. */
export function landingUrlFor(choice: LandingChoice): string | null {
  return choice.variant || choice.step || choice.campaign || null;
}

export interface UtmParameters {
  /** utm_source: who sends (TRACKING_UTM_SOURCE, `relance` by default) */
  source: string;
  /** utm_medium: the send's channel */
  medium: Channel;
  /** utm_campaign: the campaign (campaignUtmName) */
  campaign: string;
  /** utm_content: the variant (A, B or C) */
  content: string;
}

/**
 * The landing URL with the UTM parameters: kept where the URL already sets them (the marketer's own tagging
 * wins), added after its query otherwise, before its fragment (`#…` stays last, as browsers need).
 */
export function withUtm(landingUrl: string, utm: UtmParameters): string {
  const url = new URL(landingUrl);
  const params: [string, string][] = [
    ['utm_source', utm.source],
    ['utm_medium', utm.medium],
    ['utm_campaign', utm.campaign],
    ['utm_content', utm.content],
  ];
  for (const [key, value] of params) {
    if (!url.searchParams.has(key)) url.searchParams.append(key, value);
  }
  return url.toString();
}

/**
 * A campaign's name for analytics: lower case ASCII words joined by dashes, then the first 8 characters of its id
 * so that two campaigns of the same name stay apart ("relance-printemps-3f2a9c1d").
 */
export function campaignUtmName(name: string, id: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const short = id.replace(/-/g, '').slice(0, 8);
  return slug ? `${slug}-${short}` : short;
}

/**
 * The kind of client that followed a link, kept with the click instead of the address or the full user agent
 * (GDPR: enough to tell phones from desktops and machines from people, nothing that identifies anyone).
 */
export const USER_AGENT_CLASSES = ['mobile', 'tablet', 'desktop', 'bot', 'other'] as const;
export type UserAgentClass = (typeof USER_AGENT_CLASSES)[number];

const BOT =
  /bot\b|crawl|spider|slurp|preview|scanner|python-requests|curl\/|wget|go-http-client|okhttp|java\/|barracuda|proofpoint|mimecast|safelinks/i;

export function userAgentClass(userAgent: string | undefined): UserAgentClass {
  if (!userAgent) return 'other';
  if (BOT.test(userAgent)) return 'bot';
  if (
    /ipad|tablet|kindle|silk|playbook/i.test(userAgent) ||
    (/android/i.test(userAgent) && !/mobile/i.test(userAgent))
  )
    return 'tablet';
  if (/mobi|iphone|ipod|android|windows phone/i.test(userAgent)) return 'mobile';
  if (/windows nt|macintosh|x11|linux|cros/i.test(userAgent)) return 'desktop';
  return 'other';
}
