/**
 * Real French cities with one of their real postal codes, weighted roughly by population, and the
 * landline prefix of their region (+331 Île-de-France, +332 north-west, +333 north-east, +334 south-east,
 * +335 south-west).
 */
export interface Place {
  city: string;
  postalCodes: readonly string[];
  landline: '1' | '2' | '3' | '4' | '5';
  weight: number;
}

const range = (from: number, to: number, format: (n: number) => string) =>
  Array.from({ length: to - from + 1 }, (_, i) => format(from + i));

export const PLACES: readonly Place[] = [
  {
    city: 'Paris',
    postalCodes: range(1, 20, (n) => `750${String(n).padStart(2, '0')}`),
    landline: '1',
    weight: 20,
  },
  {
    city: 'Marseille',
    postalCodes: range(1, 16, (n) => `130${String(n).padStart(2, '0')}`),
    landline: '4',
    weight: 8,
  },
  { city: 'Lyon', postalCodes: range(1, 9, (n) => `6900${n}`), landline: '4', weight: 7 },
  {
    city: 'Toulouse',
    postalCodes: ['31000', '31100', '31200', '31300', '31400', '31500'],
    landline: '5',
    weight: 5,
  },
  { city: 'Nice', postalCodes: ['06000', '06100', '06200', '06300'], landline: '4', weight: 4 },
  { city: 'Nantes', postalCodes: ['44000', '44100', '44200', '44300'], landline: '2', weight: 4 },
  { city: 'Strasbourg', postalCodes: ['67000', '67100', '67200'], landline: '3', weight: 3 },
  { city: 'Montpellier', postalCodes: ['34000', '34070', '34080', '34090'], landline: '4', weight: 3 },
  { city: 'Bordeaux', postalCodes: ['33000', '33100', '33200', '33300', '33800'], landline: '5', weight: 4 },
  { city: 'Lille', postalCodes: ['59000', '59160', '59260', '59800'], landline: '3', weight: 3 },
  { city: 'Rennes', postalCodes: ['35000', '35200', '35700'], landline: '2', weight: 3 },
  { city: 'Reims', postalCodes: ['51100'], landline: '3', weight: 2 },
  { city: 'Le Havre', postalCodes: ['76600', '76610', '76620'], landline: '2', weight: 2 },
  { city: 'Saint-Étienne', postalCodes: ['42000', '42100'], landline: '4', weight: 2 },
  { city: 'Toulon', postalCodes: ['83000', '83100', '83200'], landline: '4', weight: 2 },
  { city: 'Grenoble', postalCodes: ['38000', '38100'], landline: '4', weight: 2 },
  { city: 'Dijon', postalCodes: ['21000'], landline: '3', weight: 2 },
  { city: 'Angers', postalCodes: ['49000', '49100'], landline: '2', weight: 2 },
  { city: 'Nîmes', postalCodes: ['30000', '30900'], landline: '4', weight: 2 },
  { city: 'Villeurbanne', postalCodes: ['69100'], landline: '4', weight: 2 },
  { city: 'Clermont-Ferrand', postalCodes: ['63000', '63100'], landline: '4', weight: 2 },
  { city: 'Le Mans', postalCodes: ['72000', '72100'], landline: '2', weight: 2 },
  { city: 'Aix-en-Provence', postalCodes: ['13090', '13100', '13290'], landline: '4', weight: 2 },
  { city: 'Brest', postalCodes: ['29200'], landline: '2', weight: 2 },
  { city: 'Tours', postalCodes: ['37000', '37100', '37200'], landline: '2', weight: 2 },
  { city: 'Amiens', postalCodes: ['80000', '80080', '80090'], landline: '3', weight: 2 },
  { city: 'Limoges', postalCodes: ['87000', '87100', '87280'], landline: '5', weight: 2 },
  { city: 'Annecy', postalCodes: ['74000', '74370', '74600', '74960'], landline: '4', weight: 1 },
  { city: 'Perpignan', postalCodes: ['66000', '66100'], landline: '4', weight: 1 },
  { city: 'Metz', postalCodes: ['57000', '57050', '57070'], landline: '3', weight: 1 },
  { city: 'Besançon', postalCodes: ['25000'], landline: '3', weight: 1 },
  { city: 'Orléans', postalCodes: ['45000', '45100'], landline: '2', weight: 1 },
  { city: 'Rouen', postalCodes: ['76000', '76100'], landline: '2', weight: 1 },
  { city: 'Mulhouse', postalCodes: ['68100', '68200'], landline: '3', weight: 1 },
  { city: 'Caen', postalCodes: ['14000'], landline: '2', weight: 1 },
  { city: 'Nancy', postalCodes: ['54000', '54100'], landline: '3', weight: 1 },
  { city: 'Argenteuil', postalCodes: ['95100'], landline: '1', weight: 1 },
  { city: 'Montreuil', postalCodes: ['93100'], landline: '1', weight: 1 },
  { city: 'Boulogne-Billancourt', postalCodes: ['92100'], landline: '1', weight: 1 },
  { city: 'Versailles', postalCodes: ['78000'], landline: '1', weight: 1 },
  { city: 'Saint-Denis', postalCodes: ['93200', '93210'], landline: '1', weight: 1 },
  { city: 'Créteil', postalCodes: ['94000'], landline: '1', weight: 1 },
  { city: 'Roubaix', postalCodes: ['59100'], landline: '3', weight: 1 },
  { city: 'Avignon', postalCodes: ['84000'], landline: '4', weight: 1 },
  { city: 'Poitiers', postalCodes: ['86000'], landline: '5', weight: 1 },
  { city: 'Pau', postalCodes: ['64000'], landline: '5', weight: 1 },
  { city: 'La Rochelle', postalCodes: ['17000'], landline: '5', weight: 1 },
  { city: 'Bayonne', postalCodes: ['64100'], landline: '5', weight: 1 },
  { city: 'Colmar', postalCodes: ['68000'], landline: '3', weight: 1 },
  { city: 'Quimper', postalCodes: ['29000'], landline: '2', weight: 1 },
  { city: 'Vannes', postalCodes: ['56000'], landline: '2', weight: 1 },
  { city: 'Chambéry', postalCodes: ['73000'], landline: '4', weight: 1 },
  { city: 'Valence', postalCodes: ['26000'], landline: '4', weight: 1 },
  { city: 'Troyes', postalCodes: ['10000'], landline: '3', weight: 1 },
  { city: 'Niort', postalCodes: ['79000'], landline: '5', weight: 1 },
  { city: 'Cannes', postalCodes: ['06400', '06150'], landline: '4', weight: 1 },
  { city: 'Ajaccio', postalCodes: ['20000', '20090'], landline: '4', weight: 1 },
  { city: 'Angoulême', postalCodes: ['16000'], landline: '5', weight: 1 },
  { city: 'Saint-Malo', postalCodes: ['35400'], landline: '2', weight: 1 },
];
