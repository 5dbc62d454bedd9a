/**
 * Client names: a fixed opening list (so even a three-client hub has umlauts and a CSV-hostile name),
 * then names composed per locale, with an occasional hostile-but-legal value sprinkled in.
 */
import type { Locale } from './locales';
import type { Rng } from './prng';

export interface CuratedClient {
  name: string;
  country: string;
}

/** The first clients of every hub, in this order. */
export const CURATED_CLIENTS: readonly CuratedClient[] = [
  { name: 'Müller & Söhne GmbH', country: 'DE' },
  { name: 'Bäckerei Größ', country: 'DE' },
  { name: 'Café Crème SARL', country: 'FR' },
  { name: '=HYPERLINK("http://evil.example","Klick")', country: 'DE' },
  { name: 'مطعم الشام', country: 'AE' },
  { name: '北京烤鸭有限公司', country: 'CN' },
  { name: 'Pizza 🍕 Roma', country: 'IT' },
  { name: '"Quoted", Comma; Semicolon Ltd', country: 'GB' },
  { name: '株式会社さくら', country: 'JP' },
  { name: 'ООО «Ромашка»', country: 'RU' },
  { name: 'חברת השמש בע"מ', country: 'IL' },
  { name: '+49 Trading GmbH', country: 'DE' },
  { name: 'Zeilen\numbruch GmbH', country: 'DE' },
  { name: 'Straßenbau Kühn GmbH', country: 'DE' },
  { name: 'Acme Ltd', country: 'GB' },
];

/** Legal in a name field, dangerous in a naive CSV or spreadsheet. */
export const HOSTILE_NAMES: readonly string[] = [
  '=1+2',
  '+31 Export B.V.',
  '-10% Discount Store',
  '@Mention Media',
  'Tab\tSeparated Inc.',
  'It\'s "Quoted" Ltd',
  'Comma, Colon: Semicolon; Co',
  'Two\r\nLines GmbH',
  '  Leading Spaces Ltd',
  'Back\\slash & <Angle> AG',
];

export function composeName(rng: Rng, locale: Locale): string {
  if (rng.chance(0.01)) return rng.pick(HOSTILE_NAMES);
  const stem = rng.pick(locale.stems);
  const form = rng.pick(locale.forms);
  // A person-named shop now and then, so names repeat less and surnames get sorted too.
  const base = rng.chance(0.25) ? `${rng.pick(locale.lastNames)} ${stem.split(' ')[0] ?? stem}` : stem;
  return form && !base.endsWith(form) ? `${base} ${form}` : base;
}

/** ASCII slug for emails and URLs; empty for names in non-Latin scripts. */
export function slugify(text: string): string {
  return text
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 24)
    .replace(/-+$/g, '');
}
