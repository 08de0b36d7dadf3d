import { band, footer, head, type StarterTemplate } from './layout';

const ACCENT = '#1f5f8b';

/**
 * Invitation to an event (open days). The bracketed text is the event's own details: the user replaces it.
 * Two columns (when / where) that stack on a phone.
 */
export const openDays: StarterTemplate = {
  id: 'open-days',
  name: { en: 'Invitation: open days', fr: 'Invitation : journées portes ouvertes' },
  description:
    'Invite customers and prospects to an event; the when and where side by side, stacked on phones.',
  subject: '{{firstName|Vous êtes}} invité(e) à nos portes ouvertes',
  preheader: 'Deux jours pour découvrir nos nouveautés, et {{offer|une attention pour chaque visiteur}}.',
  mjml: `<mjml lang="fr">
${head('Invitation : portes ouvertes', ACCENT)}
  <mj-body background-color="#f5f7fa" width="600px">
${band('Journées portes ouvertes', ACCENT)}
    <mj-section background-color="#ffffff" padding="24px 0 8px">
      <mj-column>
        <mj-text>Bonjour {{firstName|à vous}},</mj-text>
        <mj-text>Nous ouvrons grand nos portes et serions heureux de vous y accueillir. Venez découvrir nos nouveautés,
          échanger avec notre équipe et profiter d’offres réservées aux visiteurs.</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="8px 12px">
      <mj-column background-color="#eef4f8" padding="12px 0">
        <mj-text align="center" font-size="13px" color="#616e7c" padding-bottom="0">QUAND</mj-text>
        <mj-text align="center" font-size="18px" font-weight="bold">[Samedi 14 et dimanche 15 mars]</mj-text>
        <mj-text align="center" padding-top="0">[de 9 h à 19 h]</mj-text>
      </mj-column>
      <mj-column background-color="#eef4f8" padding="12px 0">
        <mj-text align="center" font-size="13px" color="#616e7c" padding-bottom="0">OÙ</mj-text>
        <mj-text align="center" font-size="18px" font-weight="bold">[Notre magasin]</mj-text>
        <mj-text align="center" padding-top="0">[12 avenue de la République, {{city|votre ville}}]</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="16px 0 24px">
      <mj-column>
        <mj-text>Sur présentation de votre code <strong>{{trackingCode}}</strong> :
          <strong>{{offer|un cadeau de bienvenue}}</strong>.</mj-text>
        <mj-button href="{{trackingUrl}}">Je confirme ma venue</mj-button>
        <mj-text>Au plaisir de vous recevoir,<br /><strong>{{senderName}}</strong></mj-text>
      </mj-column>
    </mj-section>
${footer('Vous recevez cette invitation parce que vous êtes client ou nous avez demandé des informations.')}
  </mj-body>
</mjml>
`,
};
