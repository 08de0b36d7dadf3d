import type { Faker } from '@faker-js/faker';
import type { contacts } from '@relance/db/schema/contacts';
import { frenchLandline, frenchMobile, pickPlace, slug } from './random';

export type ContactRow = typeof contacts.$inferInsert;

/** How a customer behaves over the three years of history; drives orders and interactions. */
export type Profile = 'loyal' | 'regular' | 'declining' | 'lapsed' | 'occasional' | 'prospect';

export interface DemoContact {
  row: ContactRow;
  profile: Profile;
  /** externalId of the company a contact person works for */
  companyRef?: string;
}

const CONSUMER_DOMAINS = [
  'gmail.com',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'hotmail.fr',
  'yahoo.fr',
];
const CONSUMER_TAGS = ['newsletter', 'carte-fidelite', 'parrainage', 'salon-habitat-2025', 'jeu-concours'];
const B2B_TAGS = ['salon-pro-2025', 'grand-compte', 'appel-offres', 'partenaire'];
const LEGAL_FORMS = ['SARL', 'SAS', 'SA', 'EURL', 'SASU'];
const SECTORS = ['BTP', 'Restauration', 'Transport', 'Santé', 'Commerce de détail', 'Industrie', 'Conseil'];

/** A house number a French street could have, and a street. */
const streetAddress = (faker: Faker): string =>
  `${faker.number.int({ min: 1, max: faker.datatype.boolean({ probability: 0.8 }) ? 60 : 240 })} ${faker.location.street()}`;

const consumerProfile = (faker: Faker): Profile =>
  faker.helpers.weightedArrayElement<Profile>([
    { weight: 22, value: 'loyal' },
    { weight: 15, value: 'regular' },
    { weight: 12, value: 'declining' },
    { weight: 18, value: 'lapsed' },
    { weight: 18, value: 'occasional' },
    { weight: 15, value: 'prospect' },
  ]);

const companyProfile = (faker: Faker): Profile =>
  faker.helpers.weightedArrayElement<Profile>([
    { weight: 35, value: 'loyal' },
    { weight: 20, value: 'regular' },
    { weight: 15, value: 'declining' },
    { weight: 15, value: 'lapsed' },
    { weight: 15, value: 'prospect' },
  ]);

/** Emails are unique in the file: the second Marie Martin gets a number. */
function uniqueEmail(seen: Set<string>, local: string, domain: string): string {
  let email = `${local}@${domain}`;
  for (let n = 2; seen.has(email); n++) email = `${local}${n}@${domain}`;
  seen.add(email);
  return email;
}

export function generateContacts(
  faker: Faker,
  options: { consumers: number; companies: number },
): { companies: DemoContact[]; persons: DemoContact[] } {
  const emails = new Set<string>();
  const persons: DemoContact[] = [];
  const companies: DemoContact[] = [];

  for (let i = 1; i <= options.consumers; i++) {
    const sex = faker.person.sexType();
    const firstName = faker.person.firstName(sex);
    const lastName = faker.person.lastName();
    const place = pickPlace(faker);
    const hasEmail = faker.datatype.boolean({ probability: 0.88 });
    const hasAddress = faker.datatype.boolean({ probability: 0.92 });
    const tags = faker.helpers.arrayElements(CONSUMER_TAGS, { min: 0, max: 2 });
    persons.push({
      profile: consumerProfile(faker),
      row: {
        externalId: `DEMO-C${String(i).padStart(5, '0')}`,
        kind: 'person',
        civility: sex === 'female' ? 'Mme' : 'M.',
        firstName,
        lastName,
        email: hasEmail
          ? uniqueEmail(
              emails,
              `${slug(firstName)}.${slug(lastName)}`.replace(/-/g, '.'),
              faker.helpers.arrayElement(CONSUMER_DOMAINS),
            )
          : null,
        mobile: faker.datatype.boolean({ probability: 0.8 }) ? frenchMobile(faker) : null,
        phone: faker.datatype.boolean({ probability: 0.35 }) ? frenchLandline(faker, place) : null,
        addressLine1: hasAddress ? streetAddress(faker) : null,
        addressLine2:
          hasAddress && faker.datatype.boolean({ probability: 0.1 })
            ? faker.location.secondaryAddress()
            : null,
        postalCode: hasAddress ? faker.helpers.arrayElement(place.postalCodes) : null,
        city: hasAddress ? place.city : null,
        country: 'FR',
        tags,
        attributes: { birthYear: String(faker.number.int({ min: 1942, max: 2004 })) },
      },
    });
  }

  for (let i = 1; i <= options.companies; i++) {
    const legalForm = faker.helpers.arrayElement(LEGAL_FORMS);
    const name = `${faker.company.name().replace(/\s+(SA|SARL|SAS|SASU|SCOP|EURL|GIE|SCS|SNC|SCA)$/, '')} ${legalForm}`;
    const domain = `${slug(name.replace(legalForm, '')).slice(0, 24)}.fr`;
    const place = pickPlace(faker);
    const externalId = `DEMO-B${String(i).padStart(4, '0')}`;
    const profile = companyProfile(faker);
    companies.push({
      profile,
      row: {
        externalId,
        kind: 'company',
        companyName: name,
        email: uniqueEmail(emails, 'contact', domain),
        phone: frenchLandline(faker, place),
        addressLine1: streetAddress(faker),
        postalCode: faker.helpers.arrayElement(place.postalCodes),
        city: place.city,
        country: 'FR',
        tags: faker.helpers.arrayElements(B2B_TAGS, { min: 0, max: 2 }),
        attributes: {
          siret: faker.string.numeric({ length: 14, allowLeadingZeros: false }),
          sector: faker.helpers.arrayElement(SECTORS),
          employees: String(faker.number.int({ min: 3, max: 450 })),
        },
      },
    });
    const staff = faker.number.int({ min: 1, max: 3 });
    for (let s = 1; s <= staff; s++) {
      const sex = faker.person.sexType();
      const firstName = faker.person.firstName(sex);
      const lastName = faker.person.lastName();
      persons.push({
        profile: 'prospect',
        companyRef: externalId,
        row: {
          externalId: `${externalId}-P${s}`,
          kind: 'person',
          civility: sex === 'female' ? 'Mme' : 'M.',
          firstName,
          lastName,
          companyName: name,
          jobTitle: faker.person.jobTitle(),
          email: uniqueEmail(emails, `${slug(firstName)}.${slug(lastName)}`.replace(/-/g, '.'), domain),
          phone: frenchLandline(faker, place),
          mobile: faker.datatype.boolean({ probability: 0.6 }) ? frenchMobile(faker) : null,
          addressLine1: companies.at(-1)?.row.addressLine1,
          postalCode: companies.at(-1)?.row.postalCode,
          city: place.city,
          country: 'FR',
          tags: ['pro'],
        },
      });
    }
  }
  return { companies, persons };
}
