import { compileSms } from '@relance/templates/sms';
import { compileVoice } from '@relance/templates/voice';
import { describe, expect, it } from 'vitest';
import {
  contactLabel,
  contentForPlan,
  contentFromPlan,
  emptyContent,
  insertMergeField,
  isUnwritten,
  joinedFieldErrors,
  lineRange,
  mergeMessages,
  messageLine,
  messagesByField,
  messagesFor,
  smsLength,
  splitFormErrors,
  unplacedMessages,
  voiceSeconds,
} from '../apps/web/src/features/campaigns/components/content/content-values';
import {
  type PlanValues,
  toPlan,
  toValues,
  validPlan,
} from '../apps/web/src/features/campaigns/components/plan-values';

describe("the builder's step content values", () => {
  it('leaves unwritten content out of the plan, letters with their prefilled labels included', () => {
    for (const channel of ['email', 'sms', 'voice', 'postal', 'phone'] as const) {
      expect(isUnwritten(channel, emptyContent(channel))).toBe(true);
      expect(contentForPlan(channel, emptyContent(channel))).toBeUndefined();
    }
    const letter = { ...emptyContent('postal'), hook: 'Bonjour' };
    expect(isUnwritten('postal', letter)).toBe(false);
    expect(contentForPlan('postal', letter)).toMatchObject({
      hook: 'Bonjour',
      codeLabel: 'Votre code personnel',
    });
  });

  it('drops the blank lines of a sender address, which are typing room, not address lines', () => {
    const letter = {
      ...emptyContent('postal'),
      sender: { name: 'Maison Relance', addressLines: ['3 rue Mercière', '', '69002 Lyon', '  '] },
    };
    expect(contentForPlan('postal', letter)).toMatchObject({
      sender: { name: 'Maison Relance', addressLines: ['3 rue Mercière', '69002 Lyon'] },
    });
  });

  it('reads stored content into the form, taking what has the right type and defaulting the rest', () => {
    expect(contentFromPlan('sms', { text: 'Bonjour STOP au 36180', senderName: 42, extra: 'x' })).toEqual({
      text: 'Bonjour STOP au 36180',
      senderName: '',
      commercial: true,
    });
    expect(contentFromPlan('email', undefined)).toEqual(emptyContent('email'));
    expect(
      contentFromPlan('postal', { sender: { name: 'A', addressLines: ['l1', 2] }, hook: 'H' }).sender,
    ).toEqual({ name: 'A', addressLines: [] });
  });

  it('round-trips a step content through the plan, and keeps it out of the forecast request', () => {
    const sms = { text: 'Promo -20 % STOP au 36180', senderName: 'RELANCE', commercial: true };
    const plan = {
      name: 'Relance SMS',
      kind: 'win_back',
      objective: 'sale',
      averageOrderValueCents: 10_000,
      marginRate: 0.3,
      steps: [{ channel: 'sms', offsetDays: 0, content: sms }],
    } as const;
    const values: PlanValues = toValues(plan as never);
    expect(values.steps[0]!.content).toEqual(sms);
    expect(toPlan(values).steps[0]!.content).toEqual(sms);
    expect(validPlan(values)?.steps[0]).not.toHaveProperty('content');
    values.steps[0]!.content = emptyContent('sms');
    expect(toPlan(values).steps[0]).not.toHaveProperty('content');
  });

  it('counts an SMS as the API does: merged with the example contact, UCS-2 as soon as a character needs it', () => {
    expect(smsLength('Bonjour {{firstName}} STOP au 36180')).toMatchObject({
      encoding: 'gsm7',
      characters: 'Bonjour Claire STOP au 36180'.length,
      segments: 1,
    });
    expect(smsLength('Bonjour {{firstName}} 🎉')).toMatchObject({
      encoding: 'ucs2',
      nonGsmCharacters: ['🎉'],
    });
    expect(smsLength('Vous êtes attendu').encoding).toBe('ucs2');
    // an unknown field is counted as typed rather than not at all
    expect(smsLength('{{prenom}}').characters).toBe(10);
    // the live counter agrees with what the API refuses on save
    const long = 'a'.repeat(1531);
    expect(smsLength(long).segments).toBe(11);
    expect(() => compileSms({ text: `${long} STOP au 36180`, senderName: 'RELANCE' })).toThrow();
  });

  it('estimates the spoken length of a voice script as the API checks it', () => {
    const script = 'Bonjour {{firstName}}, ici la Boulangerie Martin. Votre code est {{trackingCode}}.';
    expect(voiceSeconds(script)).toBe(compileVoice({ script }).exampleSeconds);
    expect(voiceSeconds(script)).toBeGreaterThan(3);
  });

  it('inserts a merge field at the caret or over the selection', () => {
    expect(insertMergeField('Bonjour ,', 8, 8, 'firstName')).toEqual({
      value: 'Bonjour {{firstName}},',
      caret: 21,
    });
    expect(insertMergeField('Bonjour XXX', 8, 11, 'lastName').value).toBe('Bonjour {{lastName}}');
    expect(insertMergeField('ab', 99, 99, 'city')).toEqual({ value: 'ab{{city}}', caret: 10 });
  });

  it('finds the line an MJML error names', () => {
    const source = '<mjml>\n  <mj-body>\n  </mj-bod>\n</mjml>';
    expect(messageLine('line 3: mj-bod is not closed')).toBe(3);
    expect(messageLine('line 12, column 4: unknown merge field {{nom}}')).toBe(12);
    expect(messageLine('Write a subject.')).toBeNull();
    const range = lineRange(source, 3)!;
    expect(source.slice(range.start, range.end)).toBe('  </mj-bod>');
    expect(lineRange(source, 4)).toEqual({ start: source.length - 7, end: source.length });
    expect(lineRange(source, 5)).toBeNull();
    expect(lineRange(source, 0)).toBeNull();
  });

  it('groups the errors of a save and of a preview by content field, every MJML error kept once', () => {
    const save = [
      { field: 'steps.1.content.mjml', message: 'line 3: a' },
      { field: 'steps.1.content.mjml', message: 'line 5: b' },
      { field: 'steps.1.content.sender.addressLines.4', message: 'At most 4 sender address lines.' },
      { field: 'steps.10.content.mjml', message: 'another step' },
      { field: 'steps.1.offsetDays', message: 'not content' },
    ];
    const saved = messagesByField(splitFormErrors(joinedFieldErrors(save)), 'steps.1.content');
    expect(saved).toEqual({
      mjml: ['line 3: a', 'line 5: b'],
      'sender.addressLines.4': ['At most 4 sender address lines.'],
    });
    const live = messagesByField(
      [
        { field: 'content.mjml', message: 'line 5: b' },
        { field: 'content', message: 'Not an object' },
        { field: 'contactId', message: 'Choose a contact of the file' },
      ],
      'content',
    );
    const all = mergeMessages(saved, live);
    expect(all.mjml).toEqual(['line 3: a', 'line 5: b']);
    expect(messagesFor(all, 'sender.addressLines')).toEqual(['At most 4 sender address lines.']);
    expect(messagesFor(all, 'sender')).toEqual(['At most 4 sender address lines.']);
    expect(unplacedMessages('postal', all)).toEqual([
      { field: 'mjml', message: 'line 3: a' },
      { field: 'mjml', message: 'line 5: b' },
      { field: '', message: 'Not an object' },
    ]);
    expect(unplacedMessages('email', all)).toEqual([
      { field: 'sender.addressLines.4', message: 'At most 4 sender address lines.' },
      { field: '', message: 'Not an object' },
    ]);
  });

  it('names a contact in the preview picker', () => {
    expect(
      contactLabel({ id: 1, civility: 'Mme', firstName: 'Hélène', lastName: 'Lefèvre', city: 'Lyon' }),
    ).toBe('Mme Hélène Lefèvre · Lyon');
    expect(contactLabel({ id: 2, companyName: 'Boulangerie Martin', lastName: ' ' })).toBe(
      'Boulangerie Martin',
    );
    expect(contactLabel({ id: 3, email: 'a@b.fr' })).toBe('a@b.fr');
    expect(contactLabel({ id: 4 })).toBe('#4');
  });
});
