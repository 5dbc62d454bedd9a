/** Pure formatting helpers for people-facing text: phone numbers, relative times, money, counts and sentence case. */
export {
  formatPhone,
  formatPhoneText,
  parsePhone,
  phoneForExport,
  readTypedNumber,
  type ParsedPhone,
  type PhoneNumber,
  type TypedNumber,
  type TypedNumberProblem,
} from './phone';
export { formatDate, formatDateTime, formatRelativeTime, toMillis, type TimeInput } from './relative-time';
export { currencyCode, formatCompact, formatCount, formatMoney } from './money';
export { sentenceCase } from './sentence-case';
