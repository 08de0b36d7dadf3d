import { describe, expect, it } from 'vitest';
import { answerTwiml, waitingTwiml } from './voice-twiml';

const script = {
  kind: 'script',
  text: 'Bonjour, ici la Boulangerie Martin. Votre code : K 7 Q M Z.',
} as const;
const recording = { kind: 'recording', url: 'https://cdn.example/messages/42.mp3' } as const;

describe('voice TwiML', () => {
  it('waits silently while the detection listens', () => {
    expect(waitingTwiml(60)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Pause length="60"/></Response>',
    );
  });

  it('plays the recording, or says the script in French, after a voicemail’s beep, then hangs up', () => {
    expect(answerTwiml('machine_end_beep', recording, { onHuman: 'callback' })).toEqual({
      twiml:
        '<?xml version="1.0" encoding="UTF-8"?><Response><Play>https://cdn.example/messages/42.mp3</Play><Hangup/></Response>',
      outcome: 'voicemail-left',
    });
    const said = answerTwiml('machine_end_silence', script, { onHuman: 'callback', voice: 'Polly.Lea' });
    expect(said.twiml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say language="fr-FR" voice="Polly.Lea">Bonjour, ici la Boulangerie Martin. Votre code : K 7 Q M Z.</Say><Hangup/></Response>',
    );
    expect(said.outcome).toBe('voicemail-left');
  });

  it('for a person: hangs up for a callback task, or plays the message, as configured', () => {
    expect(answerTwiml('human', script, { onHuman: 'callback' })).toEqual({
      twiml: '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>',
      outcome: 'callback-task',
    });
    const played = answerTwiml('human', script, { onHuman: 'play' });
    expect(played.outcome).toBe('played-to-person');
    expect(played.twiml).toContain('<Say language="fr-FR">Bonjour');
    expect(answerTwiml('fax', script, { onHuman: 'play' }).outcome).toBe('hung-up');
    expect(answerTwiml('unknown', script, { onHuman: 'callback' }).outcome).toBe('played-to-person');
  });

  it('escapes the script as XML text', () => {
    const { twiml } = answerTwiml(
      'machine_end_beep',
      { kind: 'script', text: 'Promo <-20 %> & plus' },
      { onHuman: 'play' },
    );
    expect(twiml).toContain('Promo &lt;-20 %&gt; &amp; plus');
  });
});
