import {
  CHANNELS,
  CONSENT_STATUSES,
  CONTACT_KINDS,
  IMPORT_KINDS,
  IMPORT_STATUSES,
  INTERACTION_KINDS,
  LEGAL_BASES,
  ROLES,
  SUPPRESSION_REASONS,
} from '@relance/domain/vocabulary';
import { pgEnum } from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('role', ROLES);
export const channelEnum = pgEnum('channel', CHANNELS);
export const consentStatusEnum = pgEnum('consent_status', CONSENT_STATUSES);
export const legalBasisEnum = pgEnum('legal_basis', LEGAL_BASES);
export const suppressionReasonEnum = pgEnum('suppression_reason', SUPPRESSION_REASONS);
export const contactKindEnum = pgEnum('contact_kind', CONTACT_KINDS);
export const interactionKindEnum = pgEnum('interaction_kind', INTERACTION_KINDS);
export const importKindEnum = pgEnum('import_kind', IMPORT_KINDS);
export const importStatusEnum = pgEnum('import_status', IMPORT_STATUSES);
