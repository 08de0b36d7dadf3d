import { describe, expect, it } from 'vitest';
import { keywordKey, smsKeyword } from './sms-keywords';

describe('smsKeyword', () => {
  it('reads STOP whatever the case, accents, spaces and punctuation', () => {
    for (const body of [
      'STOP',
      'stop',
      ' Stop ',
      'stop!',
      'STOP SMS',
      'Stop sms.',
      'ARRET',
      'ARRÊT',
      'arrêt',
      'Arrêt SMS',
      'UNSUBSCRIBE',
      'StopAll',
      'END',
      'quit',
      'Cancel',
      'désinscription',
      '\tSTOP\n',
    ])
      expect(smsKeyword(body), body).toBe('stop');
  });

  it('reads START and UNSTOP as an opt-in, HELP as help', () => {
    expect(smsKeyword('start')).toBe('start');
    expect(smsKeyword('UNSTOP')).toBe('start');
    expect(smsKeyword(' Start. ')).toBe('start');
    expect(smsKeyword('help')).toBe('help');
    expect(smsKeyword('Aide')).toBe('help');
  });

  it('takes any other message, even one containing a keyword, as a reply', () => {
    for (const body of [
      'Oui, je suis intéressé',
      'stop calling me at work',
      'Rappelez-moi svp',
      'Je veux arrêter mon abonnement',
      'STOPPER',
      '',
      '   ',
      '👍',
    ])
      expect(smsKeyword(body), body).toBeNull();
  });

  it('reduces a message to its upper-case letters and digits without accents', () => {
    expect(keywordKey(' Arrêt SMS ! ')).toBe('ARRETSMS');
    expect(keywordKey('ÉÈÊ-à')).toBe('EEEA');
  });
});
