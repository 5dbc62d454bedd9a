/**
 * Where simulated clients live. Each locale brings its own script, so exports, search and sorting get
 * exercised on umlauts, accents, right-to-left text, CJK and Cyrillic rather than on ASCII only.
 */

import { weights, type WeightTable } from './prng';

export interface Locale {
  country: string;
  language: string;
  timezone: string;
  cities: readonly string[];
  streets: readonly string[];
  firstNames: readonly string[];
  lastNames: readonly string[];
  /** Business name stems, already in the locale's script. */
  stems: readonly string[];
  /** Legal forms appended to some stems ('' = none). */
  forms: readonly string[];
  zipDigits: number;
  weight: number;
}

export const LOCALES: readonly Locale[] = [
  {
    country: 'DE',
    language: 'de',
    timezone: 'Europe/Berlin',
    zipDigits: 5,
    weight: 22,
    cities: ['Berlin', 'München', 'Köln', 'Düsseldorf', 'Dresden', 'Nürnberg', 'Lübeck', 'Görlitz'],
    streets: ['Hauptstraße 1', 'Königsallee 12', 'Schloßstraße 7', 'Müllerstraße 33', 'Am Gänsemarkt 5'],
    firstNames: ['Jürgen', 'Jörg', 'Björn', 'Anna', 'Lena', 'Sören', 'Käthe', 'Uwe'],
    lastNames: ['Müller', 'Schäfer', 'Weiß', 'Groß', 'Köhler', 'Jäger', 'Schröder', 'Fuß'],
    stems: [
      'Bäckerei Größ',
      'Müller & Söhne',
      'Schäfer Logistik',
      'Weißbräu',
      'Höfner Elektro',
      'Grünwald Immobilien',
      'Straßenbau Kühn',
      'Fleischerei Jäger',
      'Blumen Fröhlich',
      'Autohaus Möller',
      'Zahnärzte am Schloß',
      'Bücherstube Süß',
    ],
    forms: ['GmbH', 'GmbH', 'AG', 'KG', 'e.K.', 'GmbH & Co. KG', ''],
  },
  {
    country: 'AT',
    language: 'de',
    timezone: 'Europe/Vienna',
    zipDigits: 4,
    weight: 4,
    cities: ['Wien', 'Graz', 'Linz', 'Salzburg'],
    streets: ['Mariahilfer Straße 20', 'Getreidegasse 9'],
    firstNames: ['Maximilian', 'Theresa', 'Lukas'],
    lastNames: ['Gruber', 'Huber', 'Wögerbauer'],
    stems: ['Kaffeehaus Größl', 'Heuriger Österreicher', 'Skischule Höller'],
    forms: ['GmbH', 'OG', ''],
  },
  {
    country: 'FR',
    language: 'fr',
    timezone: 'Europe/Paris',
    zipDigits: 5,
    weight: 10,
    cities: ['Paris', 'Lyon', 'Orléans', 'Besançon', 'Nîmes'],
    streets: ['12 rue de la Paix', '3 allée des Cèdres'],
    firstNames: ['Hélène', 'François', 'Zoé', 'Jérôme', 'Anaïs'],
    lastNames: ['Lefèvre', 'Dubois', 'Mercier', 'Garçon'],
    stems: ['Café Crème', 'Boulangerie Lefèvre', 'Crêperie Bretonne', 'Hôtel Élysée', 'Pâtisserie Noël', 'Garçon Frères'],
    forms: ['SARL', 'SAS', 'SA', ''],
  },
  {
    country: 'GB',
    language: 'en',
    timezone: 'Europe/London',
    zipDigits: 0,
    weight: 10,
    cities: ['London', 'Manchester', 'Leeds', 'Bristol'],
    streets: ['221B Baker Street', '10 High Street'],
    firstNames: ['Oliver', 'Amelia', 'Harry', 'Isla'],
    lastNames: ['Smith', "O'Brien", 'Taylor', 'Patel'],
    stems: ['Acme', 'Northwind Traders', 'Blue Harbour', "O'Brien's Pub", 'Baker & Sons', 'Thames Logistics'],
    forms: ['Ltd', 'Ltd', 'PLC', 'LLP', ''],
  },
  {
    country: 'US',
    language: 'en',
    timezone: 'America/New_York',
    zipDigits: 5,
    weight: 7,
    cities: ['New York', 'Austin', 'Denver', 'Boston'],
    streets: ['500 Main St', '1600 Elm Ave'],
    firstNames: ['James', 'Emma', 'Noah', 'Ava'],
    lastNames: ['Johnson', 'Garcia', 'Miller', 'Nguyen'],
    stems: ['Sunrise Dental', 'Lone Star Realty', 'Coffee ☕ Corner', 'Rocky Mountain Gear', 'Big Apple Deli'],
    forms: ['LLC', 'Inc.', 'Corp.', ''],
  },
  {
    country: 'AE',
    language: 'ar',
    timezone: 'Asia/Dubai',
    zipDigits: 0,
    weight: 7,
    cities: ['دبي', 'أبو ظبي', 'الشارقة'],
    streets: ['شارع الشيخ زايد', 'شارع الرقة'],
    firstNames: ['محمد', 'فاطمة', 'أحمد', 'مريم'],
    lastNames: ['الهاشمي', 'المنصوري', 'النعيمي'],
    stems: ['مطعم الشام', 'شركة النور للتجارة', 'مخبز الأمل', 'صيدلية الشفاء', 'عطور الخليج'],
    forms: ['ذ.م.م', ''],
  },
  {
    country: 'CN',
    language: 'zh',
    timezone: 'Asia/Shanghai',
    zipDigits: 6,
    weight: 6,
    cities: ['北京', '上海', '深圳', '广州'],
    streets: ['长安街 8 号', '南京路 100 号'],
    firstNames: ['伟', '芳', '娜', '强'],
    lastNames: ['王', '李', '张', '刘'],
    stems: ['北京烤鸭', '上海明珠贸易', '深圳星光科技', '广州茶楼'],
    forms: ['有限公司', '有限公司', ''],
  },
  {
    country: 'JP',
    language: 'ja',
    timezone: 'Asia/Tokyo',
    zipDigits: 7,
    weight: 5,
    cities: ['東京', '大阪', '京都', '札幌'],
    streets: ['銀座 4-5-6', '梅田 1-2-3'],
    firstNames: ['太郎', '花子', 'さくら', '健'],
    lastNames: ['山田', '佐藤', '鈴木', '高橋'],
    stems: ['株式会社さくら', '東京ラーメン', '山田商店', 'カフェ・モカ', 'すし匠'],
    forms: [''],
  },
  {
    country: 'RU',
    language: 'ru',
    timezone: 'Europe/Moscow',
    zipDigits: 6,
    weight: 4,
    cities: ['Москва', 'Санкт-Петербург', 'Казань'],
    streets: ['ул. Тверская, 7', 'Невский пр., 28'],
    firstNames: ['Алексей', 'Ольга', 'Дмитрий', 'Наталья'],
    lastNames: ['Иванов', 'Смирнова', 'Кузнецов'],
    stems: ['ООО «Ромашка»', 'Пекарня Хлебный Дом', 'Магазин Берёзка', 'Ёлки-Палки'],
    forms: [''],
  },
  {
    country: 'IL',
    language: 'he',
    timezone: 'Asia/Jerusalem',
    zipDigits: 7,
    weight: 4,
    cities: ['תל אביב', 'ירושלים', 'חיפה'],
    streets: ['רחוב הרצל 10', 'דרך בגין 5'],
    firstNames: ['נועה', 'יוסי', 'מיכל'],
    lastNames: ['כהן', 'לוי', 'מזרחי'],
    stems: ['חברת השמש בע"מ', 'מאפיית הבית', 'קפה גלים'],
    forms: [''],
  },
  {
    country: 'BR',
    language: 'pt_BR',
    timezone: 'America/Sao_Paulo',
    zipDigits: 8,
    weight: 6,
    cities: ['São Paulo', 'Florianópolis', 'Belém'],
    streets: ['Av. Paulista, 1000', 'Rua Augusta, 55'],
    firstNames: ['João', 'Conceição', 'Luís'],
    lastNames: ['Gonçalves', 'Araújo', 'Simões'],
    stems: ['Padaria São João', 'Açaí Brasil', 'Pão de Açúcar Delícias'],
    forms: ['Ltda', 'ME', ''],
  },
  {
    country: 'IN',
    language: 'en',
    timezone: 'Asia/Kolkata',
    zipDigits: 6,
    weight: 5,
    cities: ['Mumbai', 'Bengaluru', 'दिल्ली'],
    streets: ['MG Road 12', 'Linking Road 4'],
    firstNames: ['Priya', 'Rahul', 'Ananya'],
    lastNames: ['Sharma', 'Iyer', 'Gupta'],
    stems: ['शर्मा स्वीट्स', 'Sharma Sweets', 'Bangalore Tech Hub'],
    forms: ['Pvt Ltd', ''],
  },
  {
    country: 'ES',
    language: 'es',
    timezone: 'Europe/Madrid',
    zipDigits: 5,
    weight: 4,
    cities: ['Madrid', 'A Coruña', 'Málaga'],
    streets: ['Calle Mayor 3', 'Gran Vía 22'],
    firstNames: ['Iñigo', 'María José', 'Begoña'],
    lastNames: ['Muñoz', 'Peña', 'Ibáñez'],
    stems: ['Panadería Muñoz', 'Ñandú Viajes', 'Jamones Peña'],
    forms: ['S.L.', 'S.A.', ''],
  },
  {
    country: 'IT',
    language: 'it',
    timezone: 'Europe/Rome',
    zipDigits: 5,
    weight: 4,
    cities: ['Roma', 'Milano', 'Napoli'],
    streets: ['Via del Corso 10', 'Piazza Navona 2'],
    firstNames: ['Giulia', 'Niccolò', 'Lucrezia'],
    lastNames: ['Rossi', 'Esposito', 'De Luca'],
    stems: ['Pizza 🍕 Roma', 'Gelateria Dolce Vità', 'Trattoria Nonna'],
    forms: ['S.r.l.', ''],
  },
  {
    country: 'GR',
    language: 'el',
    timezone: 'Europe/Athens',
    zipDigits: 5,
    weight: 2,
    cities: ['Αθήνα', 'Θεσσαλονίκη'],
    streets: ['Οδός Ερμού 5'],
    firstNames: ['Γιάννης', 'Ελένη'],
    lastNames: ['Παπαδόπουλος', 'Οικονόμου'],
    stems: ['Ταβέρνα Ο Γιάννης', 'Φούρνος Ελένη'],
    forms: ['Α.Ε.', ''],
  },
  {
    country: 'TR',
    language: 'tr',
    timezone: 'Europe/Istanbul',
    zipDigits: 5,
    weight: 3,
    cities: ['İstanbul', 'İzmir', 'Ankara'],
    streets: ['İstiklal Cd. 45'],
    firstNames: ['Ayşe', 'Çağlar', 'Şule'],
    lastNames: ['Yılmaz', 'Öztürk', 'Çelik'],
    stems: ['Çiçek Pastanesi', 'Güneş Turizm', 'Şahin Halı'],
    forms: ['A.Ş.', 'Ltd. Şti.', ''],
  },
];

export function localeFor(country: string): Locale {
  const found = LOCALES.find((l) => l.country === country);
  if (!found) throw new Error(`Unknown demo locale ${country}`);
  return found;
}

export const LOCALE_TABLE: WeightTable<Locale> = weights(LOCALES.map((l) => [l, l.weight] as const));
