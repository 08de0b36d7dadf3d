/**
 * A deterministic, realistic French contacts CSV as Excel writes it ("CSV UTF-8": BOM, `;`, CRLF), streamed
 * to a file. Mixed phone formats, civilities written several ways, companies, blanks, accents, quoted fields,
 * and a few invalid emails and phones (~0.5 % of rows), as in real files.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

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
  'Zoé',
  'François',
  'Agathe',
  'Théo',
  'Élise',
  'Noël',
  'Anaïs',
  'Jérôme',
];
const LAST_START = [
  'Le',
  'Du',
  'Mar',
  'Ber',
  'Ro',
  'Fon',
  'Gar',
  'Lam',
  'Mo',
  'Pe',
  'Four',
  'Gi',
  'Bou',
  'Che',
  'Fau',
  'Mer',
  'Ga',
  'Lef',
  'Ri',
  'Vi',
];
const LAST_END = [
  'rand',
  'bert',
  'tin',
  'chard',
  'nier',
  'taine',
  'reau',
  'vre',
  'cier',
  'let',
  'nier',
  'ron',
  'vel',
  'mont',
  'çon',
  'zière',
  'ssier',
  'quet',
  'neau',
  'dieu',
];
const CIVILITY = ['Mme', 'M.', 'Madame', 'Monsieur', 'M', 'Mlle', ''];
const DOMAINS = [
  'orange.fr',
  'free.fr',
  'gmail.com',
  'laposte.net',
  'sfr.fr',
  'wanadoo.fr',
  'hotmail.fr',
  'yahoo.fr',
];
const STREETS = [
  'rue de la République',
  'avenue Jean Jaurès',
  'boulevard Victor Hugo',
  'rue Pasteur',
  'place de la Mairie',
  'chemin des Vignes',
  'allée des Tilleuls',
  'rue du Général de Gaulle',
];
const CITIES: [string, string][] = [
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
  ['25000', 'Besançon'],
  ['45000', 'Orléans'],
];
const JOBS = ['Gérant', 'Directrice commerciale', 'Responsable achats', 'Assistante de direction', 'DAF'];
const TAGS = ['client', 'client|vip', 'prospect', 'salon-2024', 'fidélité,newsletter'];
const CONSENT = ['oui', 'non', '', 'Oui', '1', '0'];

const HEADER =
  'Référence;Civilité;Prénom;Nom;Société;Fonction;E-mail;Téléphone;Portable;Adresse;Complément;Code postal;Ville;Pays;Tags;Consentement email;Consentement SMS';

function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** mulberry32: a small deterministic generator */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function contactLine(i: number, random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const digits = (n: number) => String(Math.floor(random() * 10 ** n)).padStart(n, '0');
  const first = pick(FIRST);
  const last = `${pick(LAST_START)}${pick(LAST_END)}`;
  const isCompany = i % 10 === 0;
  const company = isCompany ? `${last} ${pick(['SARL', 'SAS', '& Fils', 'Distribution'])}` : '';
  const job = isCompany ? pick(JOBS) : '';
  const r = random();
  let email = r < 0.05 ? '' : `${ascii(first)}.${ascii(last)}${i}@${pick(DOMAINS)}`;
  if (r > 0.997)
    email = email.replace('@', '.'); // invalid: no @
  else if (r > 0.9) email = email.toUpperCase();
  // allocated French mobile ranges (06 except 069x and 063 9x; 073 to 079)
  const mobileDigits =
    random() < 0.7
      ? `6${pick(['0', '1', '2', '4', '5', '6', '7', '8'])}${digits(7)}`
      : `7${pick(['3', '4', '5', '6', '7', '8', '9'])}${digits(7)}`;
  const p = random();
  let mobile =
    p < 0.15
      ? ''
      : p < 0.55
        ? `0${mobileDigits}`.replace(/(\d\d)(?=\d)/g, '$1 ')
        : p < 0.85
          ? `0${mobileDigits}`
          : `+33 ${mobileDigits[0]} ${mobileDigits.slice(1).replace(/(\d\d)(?=\d)/g, '$1 ')}`;
  if (random() < 0.002) mobile = `06 ${digits(2)} ${digits(2)}`; // invalid: too short
  const phone =
    random() < 0.3 ? `0${pick(['1', '3'])} ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}` : '';
  const [postal, city] = pick(CITIES);
  const address = `${1 + Math.floor(random() * 120)} ${pick(STREETS)}`;
  const complement =
    random() < 0.1 ? `"Bât. ${pick(['A', 'B', 'C'])}; ${1 + Math.floor(random() * 5)}e étage"` : '';
  return [
    `CLI${String(i).padStart(7, '0')}`,
    isCompany ? '' : pick(CIVILITY),
    isCompany && i % 20 === 0 ? '' : first,
    isCompany && i % 20 === 0 ? '' : last,
    company,
    job,
    email,
    phone,
    mobile,
    address,
    complement,
    postal,
    city,
    random() < 0.2 ? 'FR' : '',
    random() < 0.3 ? pick(TAGS) : '',
    pick(CONSENT),
    pick(CONSENT),
  ].join(';');
}

export async function writeContactsCsv(file: string, rows: number, seed = 20240601): Promise<void> {
  const random = generator(seed);
  const out = createWriteStream(file);
  out.write(`\ufeff${HEADER}\r\n`);
  let buffer: string[] = [];
  for (let i = 1; i <= rows; i++) {
    buffer.push(contactLine(i, random));
    if (buffer.length === 5000 || i === rows) {
      if (!out.write(`${buffer.join('\r\n')}\r\n`)) await once(out, 'drain');
      buffer = [];
    }
  }
  out.end();
  await once(out, 'finish');
}
