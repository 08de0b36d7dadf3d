import { LOST_REASONS, SIGNAL_KINDS, WINBACK_EXCLUSIONS } from '@relance/domain/winback/vocabulary';
import { type SQL, sql } from 'drizzle-orm';
import { contacts } from '../schema/contacts';
import { contactWinback } from '../schema/winback';
import type { SegmentField } from './segment-fields';

/**
 * The win-back fields of the segment catalogue (added to SEGMENT_FIELDS in segment-fields.ts): what the
 * worker's win-back refresh stored per customer (contact_winback), and the contact's latest lost reason.
 * A contact without a win-back row (no order yet) is not a former customer, not an occasional buyer, has no
 * signal, no score and no probability.
 */
const label = (key: string) => `winback.segmentFields.${key}`;

const winback = (column: SQL) => (ctx: Parameters<SegmentField['value']>[0]) => {
  ctx.joinRows('table:contact_winback', () => ({
    from: sql`${contactWinback}`,
    contactId: sql`${contactWinback.contactId}`,
  }));
  return column;
};

/** The latest captured lost reason of the contact (one row at most). */
const latestLost =
  (what: 'reason' | 'competitor' | 'exclusion') => (ctx: Parameters<SegmentField['value']>[0]) => {
    const alias = ctx.join(
      'winback:latest-lost-reason',
      (a) => sql`LEFT JOIN LATERAL (
      SELECT l.reason::text AS reason, l.competitor, l.exclusion::text AS exclusion FROM lost_reasons l
       WHERE l.contact_id = ${contacts.id} ORDER BY l.id DESC LIMIT 1
    ) ${a} ON true`,
    );
    return sql`${alias}.${sql.identifier(what)}`;
  };

const signal = (kind: (typeof SIGNAL_KINDS)[number]): SegmentField => ({
  key: `winback.signal.${kind}`,
  labelKey: label(`signal.${kind}`),
  category: 'winback',
  type: 'boolean',
  value: winback(sql`${contactWinback.signals} ? ${kind}`),
});

export const WINBACK_SEGMENT_FIELDS: readonly SegmentField[] = [
  {
    key: 'winback.formerCustomer',
    labelKey: label('formerCustomer'),
    category: 'winback',
    type: 'boolean',
    value: winback(sql`${contactWinback.formerSince} IS NOT NULL`),
  },
  {
    key: 'winback.formerSince',
    labelKey: label('formerSince'),
    category: 'winback',
    type: 'date',
    value: winback(sql`${contactWinback.formerSince}`),
  },
  {
    key: 'winback.reactivationScore',
    labelKey: label('reactivationScore'),
    category: 'winback',
    type: 'number',
    unit: 'score',
    value: winback(sql`${contactWinback.reactivationScore}`),
  },
  {
    key: 'winback.occasionalBuyer',
    labelKey: label('occasionalBuyer'),
    category: 'winback',
    type: 'boolean',
    value: winback(sql`cardinality(${contactWinback.occasionalReasons}) > 0`),
  },
  {
    key: 'winback.churnProbability',
    labelKey: label('churnProbability'),
    category: 'winback',
    type: 'number',
    unit: 'percent',
    // stored as a probability (0.42); rules speak in percent
    value: winback(sql`${contactWinback.churnProbability} * 100`),
  },
  {
    key: 'winback.warningSignal',
    labelKey: label('warningSignal'),
    category: 'winback',
    type: 'boolean',
    value: winback(sql`${contactWinback.signals} <> '{}'::jsonb`),
  },
  ...SIGNAL_KINDS.map(signal),
  {
    key: 'winback.lostReason',
    labelKey: label('lostReason'),
    category: 'winback',
    type: 'enum',
    options: LOST_REASONS,
    optionLabelPrefix: 'winback.reasons',
    value: latestLost('reason'),
  },
  {
    key: 'winback.lostCompetitor',
    labelKey: label('lostCompetitor'),
    category: 'winback',
    type: 'text',
    value: latestLost('competitor'),
  },
  {
    key: 'winback.exclusion',
    labelKey: label('exclusion'),
    category: 'winback',
    type: 'enum',
    options: WINBACK_EXCLUSIONS,
    optionLabelPrefix: 'winback.exclusions',
    value: latestLost('exclusion'),
  },
];
