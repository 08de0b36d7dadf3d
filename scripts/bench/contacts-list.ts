/**
 * Benchmark: the contacts list at 1,000,000 contacts. Seeds a million contacts set-based, then times the
 * queries the contacts screen makes (first page, a deep keyset page, searches, filters, another sort)
 * through the same query function the API uses. Value: the slowest scenario's median, in ms.
 */
import { randomBytes } from 'node:crypto';
import { createDb } from '@relance/db/client';
import { dropDatabase, ensureDatabase, runMigrations } from '@relance/db/migrate';
import {
  type ContactFilters,
  type ContactSort,
  decodeCursor,
  listContacts,
} from '@relance/db/queries/contacts-list';
import { resolvePostgresServer } from '../lib/postgres-server';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = 15;
const TARGET_MS = 100;

const log = (line: string) => console.error(`[contacts-list] ${line}`);

const FIRST = [
  'Marie',
  'Jean',
  'Hélène',
  'Louis',
  'Camille',
  'Nicolas',
  'Léa',
  'Thomas',
  'Chloé',
  'Hugo',
  'Inès',
  'Paul',
  'Manon',
  'Lucas',
  'Emma',
  'Gabriel',
  'Jade',
  'Raphaël',
  'Louise',
  'Arthur',
  'Alice',
  'Jules',
  'Lina',
  'Adam',
  'Rose',
  'Maël',
  'Anna',
  'Léo',
  'Julia',
  'Noah',
  'Zoé',
  'Ethan',
  'Mila',
  'Sacha',
  'Ambre',
  'Victor',
  'Agathe',
  'Martin',
  'Lucie',
  'Théo',
  'Juliette',
  'Nathan',
  'Margaux',
  'Tom',
  'Sarah',
  'Mathis',
  'Clara',
  'Enzo',
  'Élise',
  'Timéo',
  'Capucine',
  'Baptiste',
  'Romane',
  'Antoine',
  'Océane',
  'Maxime',
  'Pauline',
  'Clément',
  'Laura',
  'Alexandre',
];
const COMMON = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Legrand',
  'Garnier',
  'Faure',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Roussel',
  'Nicolas',
  'Perrin',
  'Morin',
  'Mathieu',
  'Clément',
  'Gauthier',
  'Dumont',
  'Lopez',
  'Fontaine',
  'Chevalier',
  'Robin',
  'Masson',
  'Sanchez',
  'Gérard',
  'Nguyen',
  'Boyer',
  'Denis',
  'Lemaire',
  'Duval',
  'Joly',
  'Gautier',
  'Roger',
];
const START = [
  'Ab',
  'Ber',
  'Cas',
  'Dal',
  'Es',
  'Fer',
  'Gal',
  'Hou',
  'Jac',
  'Ker',
  'Lau',
  'Mar',
  'Nor',
  'Oli',
  'Pel',
  'Quen',
  'Ros',
  'Sau',
  'Tav',
  'Val',
  'Bou',
  'Char',
  'Del',
  'Four',
  'Gre',
  'Lan',
  'Mon',
  'Pou',
  'Riv',
  'Tes',
  'Vil',
  'Bru',
  'Cour',
  'Dor',
  'Gil',
  'Jou',
  'Lef',
  'Mau',
  'Pra',
  'Ser',
];
const END = [
  'ard',
  'bert',
  'caud',
  'det',
  'ein',
  'fort',
  'gnac',
  'hier',
  'iot',
  'lin',
  'mont',
  'nier',
  'ot',
  'pin',
  'quet',
  'rand',
  'sard',
  'tier',
  'vin',
  'zac',
  'eau',
  'elle',
  'ier',
  'on',
  'oux',
  'ais',
  'and',
  'eix',
  'ault',
  'in',
  'y',
  'at',
  'ès',
  'oz',
  'ac',
  'eur',
  'as',
  'ol',
  'ure',
  'aine',
  'enot',
  'ille',
  'ard',
  'ois',
  'eron',
  'ineau',
  'ade',
  'et',
  'oin',
  'u',
];
const CITIES = [
  ['75011', 'Paris'],
  ['69003', 'Lyon'],
  ['13001', 'Marseille'],
  ['31000', 'Toulouse'],
  ['33000', 'Bordeaux'],
  ['44000', 'Nantes'],
  ['59000', 'Lille'],
  ['67000', 'Strasbourg'],
  ['06000', 'Nice'],
  ['35000', 'Rennes'],
  ['34000', 'Montpellier'],
  ['21000', 'Dijon'],
  ['49000', 'Angers'],
  ['37000', 'Tours'],
  ['63000', 'Clermont-Ferrand'],
  ['76000', 'Rouen'],
  ['29200', 'Brest'],
  ['87000', 'Limoges'],
  ['64000', 'Pau'],
  ['74000', 'Annecy'],
];

async function seed(sql: ReturnType<typeof createDb>['sql']) {
  // bulk-load without the trigram index, then build it once: how a real first import of a big file ends up too
  await sql`DROP INDEX contacts_search_idx`;
  // Realistic spread: 60 first names; 10 % of last names among the 60 most common French ones (skewed, so that
  // "Martin" is about 1 %), the rest among 2,000 generated ones; 10 % companies; 20 cities.
  await sql`
    INSERT INTO contacts (kind, civility, first_name, last_name, company_name, email, mobile, postal_code, city, tags, updated_at)
    SELECT CASE WHEN i % 10 = 0 THEN 'company'::contact_kind ELSE 'person' END,
           CASE WHEN i % 2 = 0 THEN 'Mme' ELSE 'M.' END,
           (${FIRST}::text[])[1 + (i * 7) % 60],
           CASE WHEN i % 10 = 3
                THEN (${COMMON}::text[])[1 + floor(60 * power(((i::bigint * 37) % 1000) / 1000.0, 2))::int]
                ELSE (${START}::text[])[1 + (i * 13) % 40] || (${END}::text[])[1 + (i / 40) % 50] END,
           CASE WHEN i % 10 = 0 THEN 'Société ' || i ELSE NULL END,
           'contact' || i || '@exemple.fr',
           '+336' || lpad((i::bigint * 7919 % 100000000)::text, 8, '0'),
           (${CITIES.map((c) => c[0]!)}::text[])[1 + (i * 11) % 20],
           (${CITIES.map((c) => c[1]!)}::text[])[1 + (i * 11) % 20],
           CASE WHEN i % 50 = 0 THEN ARRAY['vip'] WHEN i % 13 = 0 THEN ARRAY['salon-2025'] ELSE ARRAY[]::text[] END,
           now() - (i % 1000) * interval '1 hour'
      FROM generate_series(1, ${ROWS}) i`;
  await sql`CREATE INDEX contacts_search_idx ON contacts USING gin (search_text gin_trgm_ops)`;
  await sql`VACUUM ANALYZE contacts`;
}

async function main() {
  const server = await resolvePostgresServer(process.env.DATABASE_URL, 'bench');
  const adminUrl = server.adminUrl;
  const name = `relance_bench_list_${randomBytes(3).toString('hex')}`;
  const url = await ensureDatabase(adminUrl, name);
  const database = createDb(url, { max: 2 });
  try {
    await runMigrations(url);
    const t0 = performance.now();
    await seed(database.sql);
    log(`seeded ${ROWS.toLocaleString('en')} contacts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // a cursor deep in the name order: the 800,000th contact
    const [deep] = await database.sql<{ sort_name: string; id: number }[]>`
      SELECT sort_name, id FROM contacts ORDER BY sort_name, id OFFSET ${Math.floor(ROWS * 0.8)} LIMIT 1`;
    const deepCursor = deep
      ? decodeCursor(Buffer.from(JSON.stringify([deep.sort_name, Number(deep.id)])).toString('base64url'))
      : null;

    const scenarios: {
      name: string;
      filters: ContactFilters;
      sort?: ContactSort;
      order?: 'asc' | 'desc';
      deep?: boolean;
    }[] = [
      { name: 'first page by name', filters: {} },
      { name: 'deep keyset page (80%)', filters: {}, deep: true },
      { name: 'search "lefevre"', filters: { q: 'lefevre' } },
      { name: 'search "martin" (1 % of all)', filters: { q: 'martin' } },
      { name: 'search "paris" (5 % of all)', filters: { q: 'paris' } },
      { name: 'search "helene dupont"', filters: { q: 'helene dupont' } },
      { name: 'search an email', filters: { q: 'contact777777@exemple.fr' } },
      { name: 'search a phone', filters: { q: '06 12 34 56 78' } },
      { name: 'tag vip + postal code 75', filters: { tag: 'vip', postalCode: '75' } },
      { name: 'companies by last update', filters: { kind: 'company' }, sort: 'updated', order: 'desc' },
      { name: 'email consent unknown', filters: { consentChannel: 'email', consentStatus: 'unknown' } },
    ];
    const medians: number[] = [];
    for (const s of scenarios) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        await listContacts(database.db, {
          filters: s.filters,
          sort: s.sort ?? 'name',
          order: s.order ?? 'asc',
          limit: 50,
          cursor: s.deep ? deepCursor : null,
        });
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      medians.push(median);
      log(`${s.name.padEnd(32)} median ${median.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
    }
    const worst = Math.max(...medians);
    console.log(
      JSON.stringify({
        name: 'contacts-list',
        value: Number(worst.toFixed(1)),
        unit: `ms (slowest scenario median, ${ROWS.toLocaleString('en')} contacts)`,
        target: TARGET_MS,
        ok: worst <= TARGET_MS,
      }),
    );
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP) log(`kept database ${name}`);
    else await dropDatabase(adminUrl, name);
    await server.stop();
  }
}

await main();
