/**
 * The parts the starter templates share: fonts and defaults, the header band and the footer with the
 * required unsubscribe link. Each starter is a complete MJML document the user then edits freely.
 */
export interface StarterTemplate {
  id: string;
  name: { en: string; fr: string };
  description: string;
  subject: string;
  preheader: string;
  mjml: string;
}

export function head(title: string, accent: string): string {
  return `  <mj-head>
    <mj-title>${title}</mj-title>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="16px" line-height="1.55" color="#1f2933" padding="8px 24px" />
      <mj-button background-color="${accent}" color="#ffffff" font-size="17px" font-weight="bold" border-radius="6px" inner-padding="14px 28px" />
    </mj-attributes>
    <mj-style inline="inline">
      .code { letter-spacing: 3px; }
    </mj-style>
  </mj-head>`;
}

export function band(text: string, accent: string): string {
  return `    <mj-section background-color="${accent}" padding="20px 0">
      <mj-column>
        <mj-text align="center" color="#ffffff" font-size="26px" font-weight="bold" line-height="1.2">${text}</mj-text>
      </mj-column>
    </mj-section>`;
}

export function footer(reason: string): string {
  return `    <mj-section padding="16px 0 24px">
      <mj-column>
        <mj-divider border-width="1px" border-color="#d9e2ec" padding="0 24px 12px" />
        <mj-text font-size="12px" color="#616e7c" align="center" line-height="1.5">
          ${reason}<br />
          <a href="{{unsubscribeUrl}}" style="color:#616e7c;">Se désinscrire</a> : vous ne recevrez plus nos e-mails.
        </mj-text>
      </mj-column>
    </mj-section>`;
}
