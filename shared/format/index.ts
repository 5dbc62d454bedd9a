/** Pure formatting helpers for people-facing text: phone numbers, relative times, money, counts and sentence case. */
export { countryCodeLength, fallbackGroups, formatPhone, phoneDigitsOf, toE164 } from './phone';
export { formatDate, formatDateTime, formatRelativeTime, toMillis, type TimeInput } from './relative-time';
export { currencyCode, formatCompact, formatCount, formatMoney } from './money';
export { sentenceCase } from './sentence-case';
