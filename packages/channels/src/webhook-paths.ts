/**
 * Where providers post back, under PUBLIC_URL: the adapters put these in their requests (Twilio) or the
 * operator sets them in the provider's console (SendGrid's Event Webhook, the messaging number's inbound URL);
 * the API's webhook routes serve them.
 */
export const WEBHOOK_PATHS = {
  sendgridEvents: '/webhooks/sendgrid',
  twilioSmsStatus: '/webhooks/twilio/sms-status',
  twilioSmsInbound: '/webhooks/twilio/sms-inbound',
  twilioVoiceStatus: '/webhooks/twilio/voice-status',
  twilioVoiceAmd: '/webhooks/twilio/voice-amd',
} as const;

export function webhookUrl(publicUrl: string, path: keyof typeof WEBHOOK_PATHS): string {
  return `${publicUrl.replace(/\/$/, '')}${WEBHOOK_PATHS[path]}`;
}
