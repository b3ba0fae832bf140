import { csvField, projectReportCsv } from './project-report-csv';

describe('project report CSV', () => {
  it('quotes separators and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField(-1.5)).toBe('-1.5');
  });

  it('writes one CRLF line per row after the header', () => {
    const csv = projectReportCsv([
      {
        month: '2026-09',
        scope: 2,
        category: 'scope2.purchased-electricity',
        activityKind: 'render',
        activityCount: 1,
        energyKwh: 1,
        co2eG: 100,
        co2eMarketG: 40,
        lowG: 90,
        highG: 110,
        methodologyVersions: ['m1'],
        factorSetVersions: ['f1'],
        factorIds: ['a', 'b'],
      },
    ]);
    expect(csv.split('\r\n')[1]).toBe(
      '2026-09,2,scope2.purchased-electricity,render,1,1,100,40,90,110,m1,f1,a b',
    );
  });
});
