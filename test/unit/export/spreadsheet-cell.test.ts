import { describe, expect, it } from 'vitest';
import { needsTextFormula, spreadsheetCell, textFormula } from '@core/export/spreadsheet-cell';

describe('needsTextFormula', () => {
  it.each([
    '=1+2',
    '+4915123456789',
    '-1',
    '@SUM(A1)',
    '\tx',
    '\rx',
    '\nx',
    ' x',
    '\u00a0x',
    'x ',
    '#N/A',
    "'quoted",
    '＝1',
    '＋49',
    '−1',
    '0049151',
    '12345678901234567890',
    '1.5',
    '1,5',
    '5%',
    '(1)',
    '2024-01-05',
    '12:30',
    'Jan 5',
    'Pizza 4 You',
    '１２３',
    '½',
    'TRUE',
    'false',
    'Wahr',
    'FAUX',
    'ИСТИНА',
  ])('protects %j', (value) => {
    expect(needsTextFormula(value)).toBe(true);
  });

  it.each([
    '',
    'Acme Ltd',
    'Müller & Söhne GmbH',
    'مطعم الشام',
    '北京烤鸭有限公司',
    'info@example.com',
    'Live',
    'Not available',
    'Zeilen\numbruch',
    'Floor\n2',
    'a=b',
    'Truely',
  ])('leaves %j as it is', (value) => {
    expect(needsTextFormula(value)).toBe(false);
  });
});

describe('textFormula', () => {
  it('is one quoted literal with quotes doubled', () => {
    expect(textFormula('+4915123456789')).toBe('="+4915123456789"');
    expect(textFormula('=HYPERLINK("http://x","y")')).toBe('="=HYPERLINK(""http://x"",""y"")"');
  });

  it('joins lines with CHAR(10), which Calc needs (a raw line feed inside a literal breaks the formula)', () => {
    expect(textFormula('+49 Trading\nGmbH')).toBe('="+49 Trading"&CHAR(10)&"GmbH"');
    expect(textFormula('\nx')).toBe('=CHAR(10)&"x"');
  });

  it('splits literals at 255 characters (Excel refuses longer ones) without splitting a surrogate pair', () => {
    const long = `+${'1'.repeat(600)}`;
    const formula = textFormula(long);
    const literals = formula
      .slice(1)
      .split('&')
      .map((part) => part.slice(1, -1));
    expect(literals.join('')).toBe(long);
    expect(literals.map((l) => l.length)).toEqual([255, 255, 91]);

    const emoji = `${'a'.repeat(254)}🍕b`;
    const parts = textFormula(`1${emoji}`)
      .slice(1)
      .split('&')
      .map((part) => part.slice(1, -1));
    expect(parts.join('')).toBe(`1${emoji}`);
    expect(parts.every((p) => p.length <= 255 && !/[\ud800-\udbff]$/.test(p))).toBe(true);
  });
});

describe('spreadsheetCell', () => {
  it('writes safe text unchanged and protects the rest', () => {
    expect(spreadsheetCell('Acme Ltd')).toBe('Acme Ltd');
    expect(spreadsheetCell('0049151')).toBe('="0049151"');
    expect(spreadsheetCell('')).toBe('');
  });

  it('stores line breaks as line feeds', () => {
    expect(spreadsheetCell('Two\r\nLines')).toBe('Two\nLines');
    expect(spreadsheetCell('+1\r\n2')).toBe('="+1"&CHAR(10)&"2"');
  });

  it("falls back to the apostrophe when the formula would pass Excel's 8192-character limit", () => {
    const huge = `=${'x'.repeat(9000)}`;
    expect(spreadsheetCell(huge)).toBe(`'${huge}`);
  });
});
