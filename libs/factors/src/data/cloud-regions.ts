/**
 * Cloud region → ISO alpha-2 country whose grid the region draws on (providers' published region
 * locations). Used for location-based intensity when `cloud.region` is set. Keys are
 * `<provider>/<region>` in lower case; OVHcloud regions are matched without their trailing
 * digits (GRA11 → gra).
 */
const AWS: Record<string, string> = {
  'us-east-1': 'US', 'us-east-2': 'US', 'us-west-1': 'US', 'us-west-2': 'US',
  'ca-central-1': 'CA', 'ca-west-1': 'CA', 'sa-east-1': 'BR',
  'eu-west-1': 'IE', 'eu-west-2': 'GB', 'eu-west-3': 'FR', 'eu-central-1': 'DE', 'eu-central-2': 'CH',
  'eu-north-1': 'SE', 'eu-south-1': 'IT', 'eu-south-2': 'ES',
  'ap-northeast-1': 'JP', 'ap-northeast-2': 'KR', 'ap-northeast-3': 'JP', 'ap-southeast-1': 'SG',
  'ap-southeast-2': 'AU', 'ap-southeast-3': 'ID', 'ap-southeast-4': 'AU', 'ap-south-1': 'IN',
  'ap-south-2': 'IN', 'ap-east-1': 'HK', 'me-south-1': 'BH', 'me-central-1': 'AE', 'af-south-1': 'ZA',
  'il-central-1': 'IL',
};
const GCP: Record<string, string> = {
  'us-central1': 'US', 'us-east1': 'US', 'us-east4': 'US', 'us-east5': 'US', 'us-south1': 'US',
  'us-west1': 'US', 'us-west2': 'US', 'us-west3': 'US', 'us-west4': 'US',
  'northamerica-northeast1': 'CA', 'northamerica-northeast2': 'CA',
  'southamerica-east1': 'BR', 'southamerica-west1': 'CL',
  'europe-west1': 'BE', 'europe-west2': 'GB', 'europe-west3': 'DE', 'europe-west4': 'NL',
  'europe-west6': 'CH', 'europe-west8': 'IT', 'europe-west9': 'FR', 'europe-west10': 'DE',
  'europe-west12': 'IT', 'europe-north1': 'FI', 'europe-central2': 'PL', 'europe-southwest1': 'ES',
  'asia-east1': 'TW', 'asia-east2': 'HK', 'asia-northeast1': 'JP', 'asia-northeast2': 'JP',
  'asia-northeast3': 'KR', 'asia-south1': 'IN', 'asia-south2': 'IN', 'asia-southeast1': 'SG',
  'asia-southeast2': 'ID', 'australia-southeast1': 'AU', 'australia-southeast2': 'AU',
  'me-west1': 'IL', 'me-central1': 'QA', 'africa-south1': 'ZA',
};
const AZURE: Record<string, string> = {
  eastus: 'US', eastus2: 'US', centralus: 'US', northcentralus: 'US', southcentralus: 'US',
  westus: 'US', westus2: 'US', westus3: 'US', westcentralus: 'US',
  canadacentral: 'CA', canadaeast: 'CA', brazilsouth: 'BR',
  northeurope: 'IE', westeurope: 'NL', uksouth: 'GB', ukwest: 'GB', francecentral: 'FR',
  germanywestcentral: 'DE', swedencentral: 'SE', switzerlandnorth: 'CH', norwayeast: 'NO',
  polandcentral: 'PL', italynorth: 'IT', spaincentral: 'ES',
  japaneast: 'JP', japanwest: 'JP', koreacentral: 'KR', southeastasia: 'SG', eastasia: 'HK',
  australiaeast: 'AU', australiasoutheast: 'AU', centralindia: 'IN', southindia: 'IN',
  uaenorth: 'AE', southafricanorth: 'ZA', qatarcentral: 'QA', israelcentral: 'IL',
};
const OVHCLOUD: Record<string, string> = {
  gra: 'FR', sbg: 'FR', rbx: 'FR', par: 'FR', 'eu-west-par': 'FR', 'eu-west-gra': 'FR', 'eu-west-sbg': 'FR',
  bhs: 'CA', de: 'DE', lim: 'DE', uk: 'GB', waw: 'PL', sgp: 'SG', syd: 'AU',
};

function prefixed(provider: string, table: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(table).map(([region, c]) => [`${provider}/${region}`, c]));
}

export const CLOUD_REGION_COUNTRY: Readonly<Record<string, string>> = Object.freeze({
  ...prefixed('aws', AWS),
  ...prefixed('gcp', GCP),
  ...prefixed('azure', AZURE),
  ...prefixed('ovhcloud', OVHCLOUD),
});
