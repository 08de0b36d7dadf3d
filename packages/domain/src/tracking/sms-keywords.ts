/**
 * What an incoming SMS asks for, from its words alone: stop (an opt-out), start (an opt-back-in), help, or nothing
 * (a reply, a response to the campaign). Twilio's and the French operators' keywords (the "STOP SMS" of the
 * 36111 rules, ARRET), read whatever the case, accents, spaces and punctuation around them: "Stop", " arrêt. ",
 * "STOP SMS", "stop!" all opt out. A longer message that merely contains one of the words ("stop calling me at
 * work, call me at home") is a reply, as Twilio reads it: the keyword must be the whole message. Twilio's YES
 * opt-in is left out: a French "yes" to an offer is an answer, not a consent.
 */
export type SmsKeyword = 'stop' | 'start' | 'help';

const KEYWORDS: Record<string, SmsKeyword> = {
  STOP: 'stop',
  STOPSMS: 'stop',
  STOPALL: 'stop',
  ARRET: 'stop',
  ARRETSMS: 'stop',
  ARRETER: 'stop',
  UNSUBSCRIBE: 'stop',
  DESINSCRIPTION: 'stop',
  DESABONNER: 'stop',
  DESABONNEMENT: 'stop',
  END: 'stop',
  QUIT: 'stop',
  CANCEL: 'stop',
  REVOKE: 'stop',
  OPTOUT: 'stop',
  START: 'start',
  UNSTOP: 'start',
  HELP: 'help',
  INFO: 'help',
  AIDE: 'help',
};

/** The message reduced to its letters and digits, upper case, accents removed: " Arrêt SMS ! " → "ARRETSMS". */
export function keywordKey(body: string): string {
  return body
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '');
}

export function smsKeyword(body: string): SmsKeyword | null {
  return KEYWORDS[keywordKey(body)] ?? null;
}
