import twilio from 'twilio';

/**
 * Verifies X-Twilio-Signature with the twilio SDK's `validateRequest`: an HMAC-SHA1, with the account's auth token,
 * of the full URL Twilio called (PUBLIC_URL + the path and query it was given) followed by the POST parameters
 * sorted by name. A post whose URL, parameters or token differ fails.
 */
export function verifyTwilioRequest(
  authToken: string,
  url: string,
  params: Record<string, string>,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}

/** The URL Twilio signed: the configured public address (no trailing slash) and the request's path and query. */
export function twilioSignedUrl(publicUrl: string, originalUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${originalUrl}`;
}
