/**
 * Message templates per WABA, generated on first request and then kept: 0-30 per WABA, derived
 * from (seed, WABA id) only, so a hub of 50k channels pays nothing until templates are read.
 */
import { DATA_END_MS, DATA_START_MS } from './generate-clients';
import { isoSeconds, Rng } from './prng';
import type { DemoTemplate, TemplateComponent } from './types';
import { type TEMPLATE_CATEGORIES } from './vocabulary';

type Category = (typeof TEMPLATE_CATEGORIES)[number];

const BASES: readonly (readonly [string, Category])[] = [
  ['order_confirmation', 'UTILITY'],
  ['shipping_update', 'UTILITY'],
  ['appointment_reminder', 'UTILITY'],
  ['payment_due', 'UTILITY'],
  ['delivery_delay', 'UTILITY'],
  ['booking_confirmed', 'UTILITY'],
  ['ticket_update', 'UTILITY'],
  ['welcome_offer', 'MARKETING'],
  ['black_friday_sale', 'MARKETING'],
  ['newsletter_weekly', 'MARKETING'],
  ['abandoned_cart', 'MARKETING'],
  ['feedback_request', 'MARKETING'],
  ['otp_code', 'AUTHENTICATION'],
  ['verification_code', 'AUTHENTICATION'],
  ['password_reset', 'AUTHENTICATION'],
];

const LANGUAGES = ['en', 'en_US', 'de', 'fr', 'es', 'ar', 'pt_BR', 'it', 'ja', 'zh_CN', 'he', 'ru', 'tr'] as const;

const GREETING: Readonly<Record<string, string>> = {
  de: 'Hallo {{1}}, Ihre Bestellung {{2}} ist unterwegs. Grüße aus München!',
  fr: 'Bonjour {{1}}, votre commande {{2}} est expédiée. À bientôt !',
  es: 'Hola {{1}}, tu pedido {{2}} está en camino. ¡Gracias!',
  ar: 'مرحبا {{1}}، طلبك {{2}} في الطريق.',
  ja: '{{1}}様、ご注文{{2}}を発送しました。',
  zh_CN: '{{1}}，您好！您的订单{{2}}已发货。',
  he: 'שלום {{1}}, ההזמנה {{2}} בדרך אליך.',
  ru: 'Здравствуйте, {{1}}! Ваш заказ {{2}} отправлен.',
  tr: 'Merhaba {{1}}, {{2}} numaralı siparişiniz yolda.',
};

const REJECTIONS = ['INVALID_FORMAT', 'TAG_CONTENT_MISMATCH', 'PROMOTIONAL', 'ABUSIVE_CONTENT', 'INCORRECT_CATEGORY', 'SCAM'] as const;

function components(rng: Rng, category: Category, language: string): TemplateComponent[] {
  if (category === 'AUTHENTICATION') {
    return [
      {
        type: 'BODY',
        text: '*{{1}}* is your verification code. For your security, do not share this code.',
        example: { body_text: [['482913']] },
      },
      { type: 'FOOTER', text: 'This code expires in 10 minutes.' },
      {
        type: 'BUTTONS',
        buttons: [{ type: 'URL', text: 'Copy code', url: 'https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}' }],
      },
    ];
  }
  const out: TemplateComponent[] = [];
  if (rng.chance(0.5)) {
    out.push(
      rng.chance(0.6)
        ? { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['#4711'] } }
        : { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['https://scontent.example/v/header.jpg'] } },
    );
  }
  const text = GREETING[language] ?? 'Hi {{1}}, your order {{2}} is on its way. Thanks for shopping with us!';
  out.push({ type: 'BODY', text, example: { body_text: [['Anna', '#4711']] } });
  if (category === 'MARKETING' || rng.chance(0.3)) out.push({ type: 'FOOTER', text: 'Reply STOP to opt out' });
  if (rng.chance(0.45)) {
    out.push({
      type: 'BUTTONS',
      buttons: rng.chance(0.5)
        ? [
            { type: 'QUICK_REPLY', text: 'Yes' },
            { type: 'QUICK_REPLY', text: 'No' },
          ]
        : [
            { type: 'URL', text: 'Track', url: 'https://shop.example/track/{{1}}' },
            { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+4930123456' },
          ],
    });
  }
  return out;
}

export function generateTemplates(seed: number, partnerId: string, wabaId: string, namespace: string): DemoTemplate[] {
  const rng = Rng.for(seed, 'templates', wabaId);
  const count = rng.int(0, 30);
  const seen = new Map<string, number>();
  const out: DemoTemplate[] = [];
  for (let i = 0; i < count; i++) {
    const [base, category] = rng.pick(BASES);
    const language = rng.pick(LANGUAGES);
    // Meta requires (name, language) to be unique, so repeats get a numeric suffix.
    const n = (seen.get(`${base}|${language}`) ?? 0) + 1;
    seen.set(`${base}|${language}`, n);
    const status = rng.weighted([
      ['approved', 55],
      ['rejected', 12],
      ['pending', 10],
      ['submitted', 8],
      ['created', 6],
      ['paused', 5],
    ] as const);
    const createdMs = rng.int(DATA_START_MS, DATA_END_MS);
    const modifiedMs = rng.chance(0.5) ? createdMs : rng.int(createdMs, DATA_END_MS);
    out.push({
      id: rng.alnum(12),
      partner_id: partnerId,
      waba_account_id: wabaId,
      namespace,
      external_id: rng.number(16),
      name: n === 1 ? base : `${base}_${n}`,
      language,
      category,
      components: components(rng, category, language),
      status,
      rejected_reason: status === 'rejected' ? rng.pick(REJECTIONS) : null,
      quality_score:
        status === 'approved' || status === 'paused'
          ? { score: status === 'paused' ? 'RED' : rng.pick(['GREEN', 'GREEN', 'YELLOW', 'UNKNOWN']), date: isoSeconds(modifiedMs) }
          : null,
      created_at: isoSeconds(createdMs),
      created_by: { user_id: 'system', user_name: 'system' },
      modified_at: isoSeconds(modifiedMs),
      modified_by: { user_id: 'system', user_name: 'system' },
    });
  }
  return out;
}
