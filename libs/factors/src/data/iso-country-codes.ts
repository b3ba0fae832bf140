/**
 * ISO 3166-1 alpha-2 → alpha-3, for the countries the Ember annual averages (as packaged in
 * @tgwf/co2/data `averageIntensity`, keyed by alpha-3) cover. The span contract uses alpha-2
 * (`greenops.location.country`), the data set alpha-3, hence this table (ISO 3166-1).
 */
export const ISO_ALPHA2_TO_ALPHA3: Readonly<Record<string, string>> = Object.freeze({
  AF: 'AFG', AL: 'ALB', DZ: 'DZA', AS: 'ASM', AO: 'AGO', AG: 'ATG', AR: 'ARG', AM: 'ARM', AW: 'ABW',
  AU: 'AUS', AT: 'AUT', AZ: 'AZE', BS: 'BHS', BH: 'BHR', BD: 'BGD', BB: 'BRB', BY: 'BLR', BE: 'BEL',
  BZ: 'BLZ', BJ: 'BEN', BT: 'BTN', BO: 'BOL', BA: 'BIH', BW: 'BWA', BR: 'BRA', BN: 'BRN', BG: 'BGR',
  BF: 'BFA', BI: 'BDI', CV: 'CPV', KH: 'KHM', CM: 'CMR', CA: 'CAN', KY: 'CYM', CF: 'CAF', TD: 'TCD',
  CL: 'CHL', CN: 'CHN', CO: 'COL', KM: 'COM', CG: 'COG', CD: 'COD', CK: 'COK', CR: 'CRI', CI: 'CIV',
  HR: 'HRV', CU: 'CUB', CY: 'CYP', CZ: 'CZE', DK: 'DNK', DJ: 'DJI', DM: 'DMA', DO: 'DOM', EC: 'ECU',
  EG: 'EGY', SV: 'SLV', GQ: 'GNQ', ER: 'ERI', EE: 'EST', SZ: 'SWZ', ET: 'ETH', FK: 'FLK', FO: 'FRO',
  FJ: 'FJI', FI: 'FIN', FR: 'FRA', GF: 'GUF', PF: 'PYF', GA: 'GAB', GM: 'GMB', GE: 'GEO', DE: 'DEU',
  GH: 'GHA', GR: 'GRC', GL: 'GRL', GD: 'GRD', GP: 'GLP', GU: 'GUM', GT: 'GTM', GN: 'GIN', GW: 'GNB',
  GY: 'GUY', HT: 'HTI', HN: 'HND', HK: 'HKG', HU: 'HUN', IS: 'ISL', IN: 'IND', ID: 'IDN', IR: 'IRN',
  IQ: 'IRQ', IE: 'IRL', IL: 'ISR', IT: 'ITA', JM: 'JAM', JP: 'JPN', JO: 'JOR', KZ: 'KAZ', KE: 'KEN',
  KI: 'KIR', XK: 'XKX', KW: 'KWT', KG: 'KGZ', LA: 'LAO', LV: 'LVA', LB: 'LBN', LS: 'LSO', LR: 'LBR',
  LY: 'LBY', LT: 'LTU', LU: 'LUX', MO: 'MAC', MG: 'MDG', MW: 'MWI', MY: 'MYS', MV: 'MDV', ML: 'MLI',
  MT: 'MLT', MQ: 'MTQ', MR: 'MRT', MU: 'MUS', MX: 'MEX', MD: 'MDA', MN: 'MNG', ME: 'MNE', MS: 'MSR',
  MA: 'MAR', MZ: 'MOZ', MM: 'MMR', NA: 'NAM', NR: 'NRU', NP: 'NPL', NL: 'NLD', NC: 'NCL', NZ: 'NZL',
  NI: 'NIC', NE: 'NER', NG: 'NGA', KP: 'PRK', MK: 'MKD', NO: 'NOR', OM: 'OMN', PK: 'PAK', PS: 'PSE',
  PA: 'PAN', PG: 'PNG', PY: 'PRY', PE: 'PER', PL: 'POL', PT: 'PRT', PR: 'PRI', QA: 'QAT', RE: 'REU',
  RO: 'ROU', RU: 'RUS', RW: 'RWA', KN: 'KNA', LC: 'LCA', PM: 'SPM', VC: 'VCT', WS: 'WSM', ST: 'STP',
  SA: 'SAU', SN: 'SEN', RS: 'SRB', SC: 'SYC', SL: 'SLE', SG: 'SGP', SK: 'SVK', SI: 'SVN', SB: 'SLB',
  SO: 'SOM', ZA: 'ZAF', KR: 'KOR', SS: 'SSD', ES: 'ESP', LK: 'LKA', SD: 'SDN', SR: 'SUR', SE: 'SWE',
  CH: 'CHE', SY: 'SYR', TW: 'TWN', TJ: 'TJK', TZ: 'TZA', TH: 'THA', PH: 'PHL', TG: 'TGO', TO: 'TON',
  TT: 'TTO', TN: 'TUN', TR: 'TUR', TM: 'TKM', TC: 'TCA', UG: 'UGA', UA: 'UKR', AE: 'ARE', GB: 'GBR',
  US: 'USA', UY: 'URY', UZ: 'UZB', VU: 'VUT', VE: 'VEN', VN: 'VNM', VG: 'VGB', VI: 'VIR', YE: 'YEM',
  ZM: 'ZMB', ZW: 'ZWE',
});
