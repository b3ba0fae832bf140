/** Milliseconds from 1970 to 0000-01-01 and to 10000-01-01: the 4-digit-year range of ISO 8601. */
const FIRST_MS = -62167219200000;
const END_MS = 253402300800000;
const MS_PER_DAY = 86400000;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`;
}

function pad4(n: number): string {
  return n < 10 ? `000${n}` : n < 100 ? `00${n}` : n < 1000 ? `0${n}` : `${n}`;
}

/**
 * `new Date(ms).toISOString()` for an integer `ms` with a year in 0000–9999, without the Date:
 * the civil date from the day number by H. Hinnant's `civil_from_days`
 * (https://howardhinnant.github.io/date_algorithms.html). Ingest writes two instants per span,
 * and Date#toISOString was a tenth of mapping one. Other values (fractions, other years, NaN)
 * are Date's to format, or to refuse.
 */
export function isoFromEpochMs(ms: number): string {
  if (!Number.isInteger(ms) || ms < FIRST_MS || ms >= END_MS) return new Date(ms).toISOString();
  const days = Math.floor(ms / MS_PER_DAY);
  const inDay = ms - days * MS_PER_DAY;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(inDay / 3600000);
  const minutes = Math.floor((inDay % 3600000) / 60000);
  const seconds = Math.floor((inDay % 60000) / 1000);
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(inDay % 1000)}Z`;
}
