import { band, footer, head, type StarterTemplate } from './layout';

const ACCENT = '#2f7d4f';

/** Follow-up of a quote not yet signed: a reminder, help offered, a reason to decide before a date. */
export const quoteFollowUp: StarterTemplate = {
  id: 'quote-follow-up',
  name: { en: 'Quote follow-up', fr: 'Relance de devis' },
  description: 'For a quote sent but not signed: offer help and a reason to decide before a date.',
  subject: 'Votre devis pour {{company|votre projet}} : avez-vous des questions ?',
  preheader:
    'Nous restons à votre disposition, et {{offer|nos conditions}} jusqu’au {{offerEndDate|fin du mois}}.',
  mjml: `<mjml lang="fr">
${head('Votre devis', ACCENT)}
  <mj-body background-color="#f5f7fa" width="600px">
${band('Votre projet nous tient à cœur', ACCENT)}
    <mj-section background-color="#ffffff" padding="24px 0 8px">
      <mj-column>
        <mj-text>Bonjour {{civility}} {{lastName}},</mj-text>
        <mj-text>Il y a quelques jours, nous vous avons adressé un devis pour {{company|votre projet}}.
          Avez-vous pu l’étudier&nbsp;? Une question sur un délai, une option ou le financement&nbsp;?
          Nous pouvons l’ajuster avec vous.</mj-text>
        <mj-text>Si vous le validez avant le <strong>{{offerEndDate|dernier jour du mois}}</strong>, nous vous
          accordons <strong>{{offer|nos conditions actuelles}}</strong> (référence {{trackingCode}}).</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="8px 0 24px">
      <mj-column>
        <mj-button href="{{trackingUrl}}">Valider mon devis</mj-button>
      </mj-column>
      <mj-column>
        <mj-button href="{{trackingUrl}}" background-color="#ffffff" color="${ACCENT}" border="2px solid ${ACCENT}">Être rappelé(e)</mj-button>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="0 0 24px">
      <mj-column>
        <mj-text>Bien cordialement,<br /><strong>{{senderName}}</strong></mj-text>
      </mj-column>
    </mj-section>
${footer('Vous recevez cet e-mail à la suite de votre demande de devis.')}
  </mj-body>
</mjml>
`,
};
