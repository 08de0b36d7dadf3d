import { base, Faker, fr } from '@faker-js/faker';
import { PLACES, type Place } from './french-places';

/** A faker speaking French, seeded: the same seed gives the same workspace. */
export function createDemoFaker(seed: number): Faker {
  const faker = new Faker({ locale: [fr, base] });
  faker.seed(seed);
  return faker;
}

const DAY = 86_400_000;

export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - Math.round(days * DAY));
}

export function pickPlace(faker: Faker): Place {
  return faker.helpers.weightedArrayElement(PLACES.map((place) => ({ weight: place.weight, value: place })));
}

function digits(faker: Faker, n: number): string {
  return faker.string.numeric({ length: n, allowLeadingZeros: true });
}

/** A French mobile in E.164: +336 or +337 and eight digits. */
export function frenchMobile(faker: Faker): string {
  return `+33${faker.helpers.arrayElement(['6', '6', '7'])}${digits(faker, 8)}`;
}

/** A French landline in E.164 with the region's prefix. */
export function frenchLandline(faker: Faker, place: Place): string {
  return `+33${place.landline}${digits(faker, 8)}`;
}

/** Lower-case ASCII for building email local parts and domains from French names. */
export function slug(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
