import { CSV_BOM, csvField, csvRecord, spreadsheetSafe } from './csv-writer.js';

describe('the CSV writer', () => {
  it('ends every record with CRLF and separates fields with commas', () => {
    expect(csvRecord(['PO.0143', 'KG10P0501', '37887.00'])).toBe('PO.0143,KG10P0501,37887.00\r\n');
  });

  it('quotes a field holding a comma, a quote, CR or LF, and doubles its quotes', () => {
    expect(csvField('Bishkek, Osh')).toBe('"Bishkek, Osh"');
    expect(csvField('the "Silk Road" corridor')).toBe('"the ""Silk Road"" corridor"');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('carriage\rreturn')).toBe('"carriage\rreturn"');
    expect(csvField('{"en":"Labour","fr":"Travail"}')).toBe('"{""en"":""Labour"",""fr"":""Travail""}"');
  });

  it('leaves a plain field and an empty one unquoted', () => {
    expect(csvRecord(['', 'active', ''])).toBe(',active,\r\n');
  });

  it('keeps text in any script as it is (the file is UTF-8, marked by a byte-order mark)', () => {
    expect(CSV_BOM).toBe('\uFEFF');
    expect(Buffer.from(CSV_BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const texts = ['Укрепление миграционной политики', 'تعزيز إدارة الحدود', 'მიგრაციის პოლიტიკა', '移民政策', 'Amélioration, phase 2'];
    expect(csvRecord(texts)).toBe('Укрепление миграционной политики,تعزيز إدارة الحدود,მიგრაციის პოლიტიკა,移民政策,"Amélioration, phase 2"\r\n');
  });

  it('prefixes text a spreadsheet would run as a formula with a quote, and quotes it when needed', () => {
    for (const formula of ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1:A9)', '\tlabel', '\rlabel']) {
      expect(spreadsheetSafe(formula)).toBe(`'${formula}`);
    }
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });

  it('leaves numbers alone, negative ones included, so that money stays a number', () => {
    for (const number of ['-500.00', '+12', '37887.00', '0', '-3']) expect(spreadsheetSafe(number)).toBe(number);
    expect(spreadsheetSafe('a=b')).toBe('a=b');
  });
});
