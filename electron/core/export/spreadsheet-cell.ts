/**
 * How one value is written for a spreadsheet that opens the CSV by double-click (Excel, LibreOffice
 * Calc, formulas evaluated), so that the cell shows exactly the value's text and nothing from the
 * data ever runs. Measured behaviour is in docs/SPREADSHEETS.md:
 * - A value is guessed at when it could read as something other than text: "+49151..." loses its
 *   "+", "0049..." its zeros, 20 digits become 1.2E+19, "=...", "+...", "-...", "@..." are formulas
 *   (OWASP CSV injection), leading spaces are trimmed.
 * - A string formula whose only content is quoted literals, `="+4915123456789"`, shows its text in
 *   both Excel and Calc and is inert: a literal is never parsed as a formula, whatever it holds.
 *   A leading apostrophe, the other usual trick, stays visible in Calc, so it is only a last resort.
 * So a value that could be misread becomes such a formula; any other value is written as it is.
 * The formula uses no function names and no argument separators (both depend on Excel's language
 * and locale), except CHAR(10) for a line break, which Calc refuses inside a literal.
 */

/** Excel refuses a text literal longer than 255 characters inside a formula. */
const MAX_LITERAL_LENGTH = 255;
/** Excel's limit on the length of a formula. */
const MAX_FORMULA_LENGTH = 8192;

/**
 * First characters that make a spreadsheet run or reinterpret a cell: the OWASP list (= + - @ tab
 * CR), a line feed, "#" (error literals such as #N/A), "'" (Excel's text prefix, hidden there but
 * shown by Calc), their full-width forms and the minus sign (Excel's East Asian input), and any
 * whitespace (trimmed before a number is read).
 */
const RISKY_START = /^[=+\-@\t\r\n#'\uFF1D\uFF0B\uFF0D\uFF20\u2212\s]/u;
/** Whitespace at the end can be trimmed by an import just as at the start. */
const RISKY_END = /\s$/u;
/** Any digit, in any script: numbers, dates, times, percentages, phone numbers, ids. */
const ANY_DIGIT = /\p{N}/u;

/**
 * Cells that Excel turns into booleans, in the languages of Excel's translated TRUE/FALSE (whole
 * cell, any case). Best effort: a language missing here is a cosmetic risk (a boolean shown in
 * capitals), never an injection.
 */
const BOOLEAN_WORDS = new Set([
  'true',
  'false',
  'wahr',
  'falsch',
  'vrai',
  'faux',
  'vero',
  'falso',
  'verdadero',
  'verdadeiro',
  'waar',
  'onwaar',
  'prawda',
  'fałsz',
  'истина',
  'ложь',
  'sant',
  'falskt',
  'sand',
  'falsk',
  'usann',
  'tosi',
  'epätosi',
  'igaz',
  'hamis',
  'pravda',
  'nepravda',
  'doğru',
  'yanliş',
  'yanlış',
  'adevărat',
  'fals',
  'αληθές',
  'ψευδές',
]);

/** Line breaks as spreadsheets store them inside a cell (Calc turns CRLF into LF on import anyway). */
export function normaliseLineBreaks(value: string): string {
  return value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value;
}

/** Whether a spreadsheet could show `value` as anything but its text, or run it. */
export function needsTextFormula(value: string): boolean {
  if (value === '') return false;
  if (RISKY_START.test(value) || RISKY_END.test(value)) return true;
  // Text spanning lines never reads as a number, date or boolean; only its first character matters.
  if (value.includes('\n')) return false;
  return ANY_DIGIT.test(value) || BOOLEAN_WORDS.has(value.toLowerCase());
}

/**
 * `="…"` showing exactly `value` (line feeds included): quotes doubled, long text split into
 * literals of at most 255 characters joined by "&" (never splitting a surrogate pair).
 */
export function textFormula(value: string): string {
  const parts: string[] = [];
  value.split('\n').forEach((line, index) => {
    if (index > 0) parts.push('CHAR(10)');
    for (const chunk of chunks(line, MAX_LITERAL_LENGTH)) parts.push(`"${chunk.replaceAll('"', '""')}"`);
  });
  return `=${parts.join('&')}`;
}

/**
 * The cell content for the spreadsheet flavour (before CSV quoting). A value too long for a formula
 * falls back to OWASP's apostrophe prefix: still inert, the apostrophe then shows.
 */
export function spreadsheetCell(value: string): string {
  const text = normaliseLineBreaks(value);
  if (!needsTextFormula(text)) return text;
  const formula = textFormula(text);
  return formula.length <= MAX_FORMULA_LENGTH ? formula : `'${text}`;
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    // Ends on a high surrogate: keep the pair together in the next chunk.
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}
