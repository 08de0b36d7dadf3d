/**
 * A cancellation request or a customer announcing they leave, as written in the interaction log (a letter, an
 * email, a visit noted by hand): its subject or body matches this (PostgreSQL `~*`, case-insensitive). A
 * cancellation letter is often a mood, not a decision (DOMAIN.md §5): the callback queues call these customers
 * back, and the lost-customer survey can ask them why.
 */
export const CANCELLATION_PATTERN = '(résili|resili|annul|cancel|désabonn|ne plus être client)';
