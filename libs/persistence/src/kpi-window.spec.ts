import { kpiWindow } from './project-kpi-queries';

describe('kpiWindow: whole UTC days for the daily aggregates, raw edges for the rest', () => {
  it('open on both ends: every day from the aggregate, no raw edge', () => {
    expect(kpiWindow(null, null)).toEqual([true, null, null, null, null, null, null]);
  });

  it('ends inside days: the days between from the aggregate, the two partial days raw', () => {
    // [03-01 15:00, 03-03 00:30): whole day 03-02 (03-02 ≤ day < 03-03); raw [03-01 15:00,
    // 03-02 00:00) and [03-03 00:00, 03-03 00:30).
    expect(kpiWindow('2026-03-01T15:00:00.000Z', '2026-03-03T00:30:00.000Z')).toEqual([
      true,
      '2026-03-02T00:00:00.000Z',
      '2026-03-03T00:00:00.000Z',
      '2026-03-01T15:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
      '2026-03-03T00:00:00.000Z',
      '2026-03-03T00:30:00.000Z',
    ]);
  });

  it('ends on midnights: no raw edge', () => {
    expect(kpiWindow('2026-03-02T00:00:00.000Z', '2026-03-04T00:00:00.000Z')).toEqual([
      true,
      '2026-03-02T00:00:00.000Z',
      '2026-03-04T00:00:00.000Z',
      null,
      null,
      null,
      null,
    ]);
  });

  it('no whole day inside: the window is one raw edge and the aggregate reads nothing', () => {
    expect(kpiWindow('2026-03-01T09:00:00.000Z', '2026-03-01T11:00:00.000Z')).toEqual([
      false,
      null,
      null,
      '2026-03-01T09:00:00.000Z',
      '2026-03-01T11:00:00.000Z',
      null,
      null,
    ]);
    // 22:00 to 02:00 the next day crosses a midnight but holds no whole day.
    expect(kpiWindow('2026-03-01T22:00:00.000Z', '2026-03-02T02:00:00.000Z')[0]).toBe(false);
  });

  it('one end open: the aggregate is open on that side', () => {
    expect(kpiWindow('2026-03-01T12:00:00.000Z', null)).toEqual([
      true,
      '2026-03-02T00:00:00.000Z',
      null,
      '2026-03-01T12:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
      null,
      null,
    ]);
    expect(kpiWindow(null, '2026-03-02T13:00:00.000Z')).toEqual([
      true,
      null,
      '2026-03-02T00:00:00.000Z',
      null,
      null,
      '2026-03-02T00:00:00.000Z',
      '2026-03-02T13:00:00.000Z',
    ]);
  });
});
