import twilio from 'twilio';

/** A voice message: a recording to play, or a script the text-to-speech reads in French. */
export type VoiceContent = { kind: 'recording'; url: string } | { kind: 'script'; text: string };

/** When a person (not a voicemail) answers: play the message anyway, or hang up and have someone call back. */
export type OnHumanAnswer = 'play' | 'callback';

export interface VoiceAnswerOptions {
  onHuman: OnHumanAnswer;
  /** the text-to-speech voice for scripts (Amazon Polly's French voices: Polly.Lea, Polly.Mathieu...) */
  voice?: string;
}

/**
 * What happened once the answering machine detection said who answered:
 * - `voicemail-left`: a machine answered; the message was played after its beep;
 * - `played-to-person`: a person (or an undecided answer) heard the message;
 * - `callback-task`: a person answered and the call was ended: create a callback task for a telemarketer;
 * - `hung-up`: a fax or nothing useful: the call was ended.
 */
export type VoiceAnswerOutcome = 'voicemail-left' | 'played-to-person' | 'callback-task' | 'hung-up';

/** Twilio's AnsweredBy values with MachineDetection=DetectMessageEnd. */
export type AnsweredBy =
  | 'machine_end_beep'
  | 'machine_end_silence'
  | 'machine_end_other'
  | 'machine_start'
  | 'human'
  | 'fax'
  | 'unknown';

/** Keeps the line silent while the detection listens (asynchronous AMD): the answer then replaces this TwiML. */
export function waitingTwiml(seconds: number): string {
  const response = new twilio.twiml.VoiceResponse();
  response.pause({ length: seconds });
  return response.toString();
}

function playMessage(
  response: InstanceType<typeof twilio.twiml.VoiceResponse>,
  content: VoiceContent,
  voice?: string,
) {
  if (content.kind === 'recording') response.play(content.url);
  else response.say({ language: 'fr-FR', ...(voice ? { voice: voice as never } : {}) }, content.text);
  response.hangup();
}

/**
 * The TwiML a live call is redirected to when the asynchronous detection answers. With DetectMessageEnd the
 * machine result comes after the voicemail greeting's beep, so the message starts right after the beep and
 * the call hangs up at its end.
 */
export function answerTwiml(
  answeredBy: AnsweredBy | string,
  content: VoiceContent,
  options: VoiceAnswerOptions,
): { twiml: string; outcome: VoiceAnswerOutcome } {
  const response = new twilio.twiml.VoiceResponse();
  if (answeredBy.startsWith('machine')) {
    playMessage(response, content, options.voice);
    return { twiml: response.toString(), outcome: 'voicemail-left' };
  }
  if (answeredBy === 'fax') {
    response.hangup();
    return { twiml: response.toString(), outcome: 'hung-up' };
  }
  if (answeredBy === 'human' && options.onHuman === 'callback') {
    response.hangup();
    return { twiml: response.toString(), outcome: 'callback-task' };
  }
  // a person who is to hear it, or an undecided detection (better heard than lost)
  playMessage(response, content, options.voice);
  return { twiml: response.toString(), outcome: 'played-to-person' };
}
