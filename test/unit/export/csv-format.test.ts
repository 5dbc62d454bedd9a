/** The bytes of both flavours, value by value. */
import { describe, expect, it } from 'vitest';
import { csvFormat, neutraliseInjection, quoteField } from '@core/export/csv-format';

describe('quoteField (RFC 4180)', () => {
  it('quotes only fields holding the separator, a quote, CR or LF, doubling quotes', () => {
    expect(quoteField('Acme', ',')).toBe('Acme');
    expect(quoteField('a,b', ',')).toBe('"a,b"');
    expect(quoteField('a,b', ';')).toBe('a,b');
    expect(quoteField('a;b', ';')).toBe('"a;b"');
    expect(quoteField('say "hi"', ',')).toBe('"say ""hi"""');
    expect(quoteField('a\nb', ',')).toBe('"a\nb"');
    expect(quoteField('a\rb', ',')).toBe('"a\rb"');
  });
});

describe('spreadsheet flavour', () => {
  const format = csvFormat({ format: 'spreadsheet', delimiter: ';' });

  it('starts with the UTF-8 BOM and ends every record with CRLF', () => {
    expect(format.preamble).toBe('\uFEFF');
    expect(format.record(['a', 'b'])).toBe('a;b\r\n');
  });

  it('writes each hostile value as an inert text formula, CSV-quoted', () => {
    const cases: Array<[string, string]> = [
      ['=HYPERLINK("http://x","y")', '"=""=HYPERLINK(""""http://x"""",""""y"""")"""'],
      ['+4915123456789', '"=""+4915123456789"""'],
      ['004915123456789', '"=""004915123456789"""'],
      ['-1', '"=""-1"""'],
      ['@SUM(A1)', '"=""@SUM(A1)"""'],
      ['12345678901234567890', '"=""12345678901234567890"""'],
      ['\tTab', '"=""\tTab"""'],
      ['\rCR', '"=CHAR(10)&""CR"""'],
      ['Müller & Söhne', 'Müller & Söhne'],
      ['مطعم الشام', 'مطعم الشام'],
      ['北京烤鸭有限公司', '北京烤鸭有限公司'],
      ['Zeilen\numbruch', '"Zeilen\numbruch"'],
      ['Two\r\nLines', '"Two\nLines"'],
      ['"Quoted", Comma; Semicolon', '"""Quoted"", Comma; Semicolon"'],
      ['2026-11-28T09:15:42Z', '"=""2026-11-28T09:15:42Z"""'],
    ];
    for (const [value, written] of cases) expect(format.record([value]), JSON.stringify(value)).toBe(`${written}\r\n`);
  });
});

describe('plain flavour', () => {
  it('has no BOM and writes raw values, only RFC 4180-quoted', () => {
    const format = csvFormat({ format: 'plain', delimiter: ',' });
    expect(format.preamble).toBe('');
    expect(format.record(['=1+2', '+49151', '0049', 'Two\r\nLines', 'a,b', 'x"y'])).toBe(
      '=1+2,+49151,0049,"Two\r\nLines","a,b","x""y"\r\n',
    );
  });

  it('with safe, prefixes the OWASP leading characters with an apostrophe and nothing else', () => {
    const format = csvFormat({ format: 'plain', delimiter: ',', safe: true });
    expect(format.record(['=1+2', '+49151', '-1', '@x', '\tx', '\rx', '0049', 'Acme'])).toBe(
      `'=1+2,'+49151,'-1,'@x,'\tx,"'\rx",0049,Acme\r\n`,
    );
    expect(neutraliseInjection('a=b')).toBe('a=b');
  });
});
