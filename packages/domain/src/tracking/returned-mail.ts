/**
 * What became of one returned letter:
 * - recorded: the letter's send now has its `returned` event (its postal address is suppressed: NPAI);
 * - already_recorded: it had it already (scanned twice, or the same line in two files);
 * - typo: the code's check character does not match (a mistake in typing it);
 * - unknown: no letter carries this code;
 * - not_postal: the code is an email's, a text's or a call's, not a letter's.
 */
export const RETURNED_LINE_STATUSES = [
  'recorded',
  'already_recorded',
  'typo',
  'unknown',
  'not_postal',
] as const;
export type ReturnedLineStatus = (typeof RETURNED_LINE_STATUSES)[number];
