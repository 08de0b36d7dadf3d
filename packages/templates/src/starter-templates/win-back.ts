import { band, footer, head, type StarterTemplate } from './layout';

const ACCENT = '#b4443c';

/** Win-back of a lapsed customer: what we know of them, an offer that ends soon, one button. */
export const winBack: StarterTemplate = {
  id: 'win-back',
  name: { en: 'Win-back: “we miss you”', fr: 'Reconquête : « Vous nous manquez »' },
  description: 'For customers who have not ordered for a while: a personal word, an offer with an end date.',
  subject: '{{firstName|Bonjour}}, vous nous manquez',
  preheader: '{{offer|Une attention rien que pour vous}} jusqu’au {{offerEndDate|fin du mois}}.',
  mjml: `<mjml lang="fr">
${head('Vous nous manquez', ACCENT)}
  <mj-body background-color="#f5f7fa" width="600px">
${band('Vous nous manquez', ACCENT)}
    <mj-section background-color="#ffffff" padding="24px 0 8px">
      <mj-column>
        <mj-text>Bonjour {{firstName|à vous}},</mj-text>
        <mj-text>Depuis votre dernière commande ({{lastOrderDate|il y a quelque temps déjà}}), nous avons pensé à vous.
          Pour vous retrouver, nous vous réservons une attention particulière&nbsp;:</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="0 24px">
      <mj-column background-color="#fdf2f1" border="2px dashed ${ACCENT}" padding="12px 0">
        <mj-text align="center" font-size="22px" font-weight="bold" color="${ACCENT}">{{offer|Une surprise vous attend}}</mj-text>
        <mj-text align="center" font-size="15px">avec votre code personnel</mj-text>
        <mj-text align="center" font-size="28px" font-weight="bold" css-class="code">{{trackingCode}}</mj-text>
        <mj-text align="center" font-size="14px" color="#616e7c">Valable jusqu’au {{offerEndDate|dernier jour du mois}} inclus.</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="16px 0 24px">
      <mj-column>
        <mj-button href="{{trackingUrl}}">J’en profite maintenant</mj-button>
        <mj-text>À très bientôt,<br /><strong>{{senderName}}</strong></mj-text>
      </mj-column>
    </mj-section>
${footer('Vous recevez cet e-mail parce que vous êtes client chez nous.')}
  </mj-body>
</mjml>
`,
};
