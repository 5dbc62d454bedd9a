/**
 * The email draft for a permission link: a `mailto:` URL (RFC 6068) with a short text in the user's
 * language, for the mail program to open. Languages without a text here get English. The text says
 * what the link does and where it leads (360dialog), because a client asked to "grant access" by an
 * unexpected link should be able to tell it is genuine.
 */

interface Words {
  subject: (partner: string) => string;
  greeting: (name: string | null) => string;
  body: (partner: string, addsNumber: boolean) => string;
  closing: string;
}

const TEXTS: Readonly<Record<string, Words>> = {
  en: {
    subject: (p) => `Connect your WhatsApp Business number with ${p}`,
    greeting: (n) => (n ? `Hello ${n},` : 'Hello,'),
    body: (p, adds) =>
      `to ${adds ? 'add your WhatsApp Business number to your account with' : 'connect your WhatsApp Business number with'} ${p}, please open the link below, ` +
      'sign in to 360dialog (or create your account there) and allow access to the number. 360dialog is our WhatsApp Business API provider; it takes about five minutes.',
    closing: 'Kind regards',
  },
  de: {
    subject: (p) => `Ihre WhatsApp-Business-Nummer mit ${p} verbinden`,
    greeting: (n) => (n ? `Guten Tag ${n},` : 'Guten Tag,'),
    body: (p, adds) =>
      `um Ihre WhatsApp-Business-Nummer ${adds ? 'Ihrem Konto bei' : 'mit'} ${p} ${adds ? 'hinzuzufügen' : 'zu verbinden'}, öffnen Sie bitte den Link unten, ` +
      'melden Sie sich bei 360dialog an (oder legen Sie dort Ihr Konto an) und erlauben Sie den Zugriff auf die Nummer. 360dialog ist unser Anbieter für die WhatsApp Business API; es dauert etwa fünf Minuten.',
    closing: 'Mit freundlichen Grüßen',
  },
  fr: {
    subject: (p) => `Connecter votre numéro WhatsApp Business à ${p}`,
    greeting: (n) => (n ? `Bonjour ${n},` : 'Bonjour,'),
    body: (p) =>
      `pour connecter votre numéro WhatsApp Business à ${p}, ouvrez le lien ci-dessous, connectez-vous à 360dialog (ou créez-y votre compte) ` +
      "et autorisez l'accès au numéro. 360dialog est notre fournisseur de l'API WhatsApp Business ; cela prend environ cinq minutes.",
    closing: 'Cordialement',
  },
  es: {
    subject: (p) => `Conecte su número de WhatsApp Business con ${p}`,
    greeting: (n) => (n ? `Hola ${n}:` : 'Hola:'),
    body: (p) =>
      `para conectar su número de WhatsApp Business con ${p}, abra el enlace de abajo, inicie sesión en 360dialog (o cree allí su cuenta) ` +
      'y permita el acceso al número. 360dialog es nuestro proveedor de la API de WhatsApp Business; tarda unos cinco minutos.',
    closing: 'Saludos cordiales',
  },
  pt: {
    subject: (p) => `Conecte seu número do WhatsApp Business com ${p}`,
    greeting: (n) => (n ? `Olá ${n},` : 'Olá,'),
    body: (p) =>
      `para conectar seu número do WhatsApp Business com ${p}, abra o link abaixo, entre na 360dialog (ou crie lá sua conta) ` +
      'e permita o acesso ao número. A 360dialog é a nossa fornecedora da API do WhatsApp Business; leva cerca de cinco minutos.',
    closing: 'Atenciosamente',
  },
  it: {
    subject: (p) => `Collega il tuo numero WhatsApp Business a ${p}`,
    greeting: (n) => (n ? `Buongiorno ${n},` : 'Buongiorno,'),
    body: (p) =>
      `per collegare il tuo numero WhatsApp Business a ${p}, apri il link qui sotto, accedi a 360dialog (o crea lì il tuo account) ` +
      "e consenti l'accesso al numero. 360dialog è il nostro fornitore della WhatsApp Business API; ci vogliono circa cinque minuti.",
    closing: 'Cordiali saluti',
  },
  nl: {
    subject: (p) => `Uw WhatsApp Business-nummer koppelen aan ${p}`,
    greeting: (n) => (n ? `Beste ${n},` : 'Beste,'),
    body: (p) =>
      `om uw WhatsApp Business-nummer aan ${p} te koppelen, opent u de link hieronder, logt u in bij 360dialog (of maakt u daar uw account aan) ` +
      'en geeft u toegang tot het nummer. 360dialog is onze aanbieder van de WhatsApp Business API; het duurt ongeveer vijf minuten.',
    closing: 'Met vriendelijke groet',
  },
};

/** "de-AT" -> the German text; anything unknown -> English. */
export function draftLanguage(language: string | null | undefined): string {
  const primary = (language ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return Object.hasOwn(TEXTS, primary) ? primary : 'en';
}

/** The address part of a mailto: URL: the local part and domain encoded, the "@" kept (RFC 6068 §2). */
function addressPart(email: string | null): string {
  if (!email) return '';
  const at = email.lastIndexOf('@');
  return at < 0 ? encodeURIComponent(email) : `${encodeURIComponent(email.slice(0, at))}@${encodeURIComponent(email.slice(at + 1))}`;
}

export interface DraftInput {
  url: string;
  email: string | null;
  name: string | null;
  partnerName: string;
  /** The link adds numbers to an existing client. */
  addsNumber: boolean;
  language: string | null | undefined;
}

export function draftText(input: DraftInput): { subject: string; body: string; language: string } {
  const language = draftLanguage(input.language);
  const words = TEXTS[language] as Words;
  const body = [words.greeting(input.name), '', words.body(input.partnerName, input.addsNumber), '', input.url, '', words.closing].join(
    '\n',
  );
  return { subject: words.subject(input.partnerName), body, language };
}

export function mailtoUrl(input: DraftInput): string {
  const { subject, body } = draftText(input);
  // Line breaks are CRLF in a mailto body (RFC 6068 §5).
  return `mailto:${addressPart(input.email)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body.replace(/\n/g, '\r\n'))}`;
}
