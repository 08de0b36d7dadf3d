import type { Faker } from '@faker-js/faker';
import type { interactions } from '@relance/db/schema/interactions';
import { assertNever, type InteractionKind } from '@relance/domain/vocabulary';
import type { SeededContact } from './customers';
import type { OrderRow } from './orders';
import { daysBefore } from './random';

export type InteractionRow = typeof interactions.$inferInsert;

const COMPLAINTS = [
  ['Colis arrivé endommagé', 'Le carton était ouvert, deux articles cassés.'],
  ['Retard de livraison', 'Commande attendue depuis trois semaines, aucune nouvelle du transporteur.'],
  ['Erreur de facturation', 'Remise fidélité non appliquée sur la dernière facture.'],
  ['Produit non conforme', 'La couleur ne correspond pas à la photo du catalogue.'],
  ['Accueil en magasin', 'Se plaint d’avoir attendu 40 minutes sans être servi.'],
] as const;

const AFTER_SALES = [
  ['Question sur la garantie', 'Demande si la garantie couvre la pièce défectueuse.'],
  ['Demande de réparation', 'Appareil en panne après 14 mois, retour atelier proposé.'],
  ['Échange de taille', 'Échange effectué en boutique.'],
  ['Pièce manquante', 'Envoi de la pièce manquante sous 48 h.'],
] as const;

const CALLS = [
  ['Appel de courtoisie', 'Client satisfait, souhaite recevoir le prochain catalogue.'],
  ['Relance devis', 'Devis envoyé le mois dernier, rappeler en fin de trimestre.'],
  ['Prise de rendez-vous', 'Rendez-vous fixé en showroom.'],
  ['Enquête de satisfaction', 'Note 8/10, trouve les délais un peu longs.'],
] as const;

const LEFT_REASONS = [
  'Parti chez un concurrent moins cher (promotion agressive).',
  'A déménagé hors de la zone de livraison.',
  'Mécontent du service après-vente.',
  'N’a plus besoin du produit.',
] as const;

function interaction(
  faker: Faker,
  contact: SeededContact,
  kind: InteractionKind,
  [subject, body]: readonly [string, string],
  occurredAt: Date,
  closeProbability: number,
): InteractionRow {
  const closed = faker.datatype.boolean({ probability: closeProbability });
  return {
    contactId: contact.id,
    kind,
    subject,
    body,
    occurredAt,
    closedAt: closed
      ? new Date(occurredAt.getTime() + faker.number.int({ min: 1, max: 20 }) * 86_400_000)
      : null,
  };
}

/**
 * The interaction log, shaped by the profiles: complaints and after-sales calls pile up before a customer
 * declines or leaves (the warning signals), the reasons of some who left are noted, loyal customers get
 * courtesy calls, companies get visits.
 */
export function generateInteractions(
  faker: Faker,
  contacts: SeededContact[],
  ordersByContact: Map<number, OrderRow[]>,
  now: Date,
): InteractionRow[] {
  const rows: InteractionRow[] = [];
  for (const contact of contacts) {
    const orders = ordersByContact.get(contact.id) ?? [];
    const last = orders.reduce<Date | null>(
      (max, o) => (max === null || o.orderedAt > max ? o.orderedAt : max),
      null,
    );
    const around = (date: Date, spreadDays: number) =>
      daysBefore(date, faker.number.float({ min: 0, max: spreadDays }));
    switch (contact.profile) {
      case 'lapsed':
        if (last && faker.datatype.boolean({ probability: 0.45 }))
          rows.push(
            interaction(
              faker,
              contact,
              'complaint',
              faker.helpers.arrayElement(COMPLAINTS),
              around(last, 60),
              0.6,
            ),
          );
        if (last && faker.datatype.boolean({ probability: 0.25 }))
          rows.push(
            interaction(
              faker,
              contact,
              'note',
              ['Raison du départ', faker.helpers.arrayElement(LEFT_REASONS)],
              daysBefore(last, -45),
              1,
            ),
          );
        break;
      case 'declining':
        for (let i = faker.number.int({ min: 0, max: 3 }); i > 0; i--)
          rows.push(
            interaction(
              faker,
              contact,
              faker.helpers.arrayElement<InteractionKind>(['complaint', 'after_sales', 'after_sales']),
              faker.helpers.arrayElement([...COMPLAINTS, ...AFTER_SALES]),
              daysBefore(now, faker.number.float({ min: 5, max: 330 })),
              0.5,
            ),
          );
        break;
      case 'loyal':
      case 'regular':
        if (faker.datatype.boolean({ probability: 0.3 }))
          rows.push(
            interaction(
              faker,
              contact,
              'call',
              faker.helpers.arrayElement(CALLS),
              daysBefore(now, faker.number.float({ min: 3, max: 900 })),
              1,
            ),
          );
        if (faker.datatype.boolean({ probability: 0.15 }))
          rows.push(
            interaction(
              faker,
              contact,
              'after_sales',
              faker.helpers.arrayElement(AFTER_SALES),
              daysBefore(now, faker.number.float({ min: 3, max: 900 })),
              0.9,
            ),
          );
        break;
      case 'occasional':
        if (faker.datatype.boolean({ probability: 0.1 }))
          rows.push(
            interaction(
              faker,
              contact,
              'complaint',
              faker.helpers.arrayElement(COMPLAINTS),
              last ?? now,
              0.7,
            ),
          );
        break;
      case 'prospect':
        if (contact.companyId !== null && faker.datatype.boolean({ probability: 0.5 }))
          rows.push(
            interaction(
              faker,
              contact,
              'call',
              faker.helpers.arrayElement(CALLS),
              daysBefore(now, faker.number.float({ min: 3, max: 600 })),
              1,
            ),
          );
        break;
      default:
        assertNever(contact.profile, 'profile');
    }
    if (
      contact.kind === 'company' &&
      contact.profile !== 'prospect' &&
      faker.datatype.boolean({ probability: 0.6 })
    )
      rows.push(
        interaction(
          faker,
          contact,
          'visit',
          ['Visite commerciale', 'Point annuel avec le responsable des achats.'],
          daysBefore(now, faker.number.float({ min: 10, max: 700 })),
          1,
        ),
      );
  }
  return rows;
}
