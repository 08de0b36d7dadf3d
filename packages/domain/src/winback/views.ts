/**
 * The former-customer file and the lists cut from it (DOMAIN.md §6):
 * - `candidates`: win-back candidates, ranked by reactivation score: neither occasional buyers nor excluded;
 * - `occasional`: the occasional buyers kept apart (not excluded);
 * - `excluded`: those captured as not worth winning back (moved out of the area, too demanding, left for a
 *   competitor's aggressive promotion), and the occasional buyers when the settings exclude them;
 * - `file`: every current former customer.
 * All ranked by reactivation score (best first, unscored last), then contact id; keyset pages.
 */
export const WINBACK_VIEWS = ['candidates', 'occasional', 'excluded', 'file'] as const;
export type WinbackView = (typeof WINBACK_VIEWS)[number];
