import { toCsv } from './csv';

describe('CSV download', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(
      toCsv(
        ['name', 'co2e_g'],
        [
          ['render, "final"', 1.5],
          ['=HYPERLINK("x")', null],
          ['plain', Number.NaN],
        ],
      ),
    ).toBe('name,co2e_g\r\n"render, ""final""",1.5\r\n"\'=HYPERLINK(""x"")",\r\nplain,\r\n');
  });
});
