/**
 * A cell that starts with = + - @ (or a tab / carriage return) is run as a formula by Excel and LibreOffice:
 * prefix it with an apostrophe so it is shown as text (OWASP's CSV injection advice).
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
