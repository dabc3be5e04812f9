/**
 * Proposals shaped like the fund's real record (PO.0143, Kyrgyzstan), dated so that rule 10
 * (requests at least a month before the end date) holds when the tests run.
 */
let counter = 0;

/** A unique project id and PRIMA id for each call, so tests never collide. */
export function uniqueIds(): { projectId: string; primaId: string } {
  counter += 1;
  const n = String((process.pid % 900) * 1000 + counter).padStart(6, '0');
  return { projectId: `PO.${n}`, primaId: `KG10P${n}` };
}

export function nationalProposal(overrides: Record<string, unknown> = {}) {
  const year = new Date().getUTCFullYear();
  return {
    ...uniqueIds(),
    title: { en: 'Strengthening migration policy in Kyrgyzstan', ru: 'Укрепление миграционной политики Кыргызстана' },
    description: { en: 'Support to the State Migration Service.', ar: 'دعم دائرة الهجرة الحكومية' },
    thematicArea: 'policy-and-legal-framework-development',
    coverage: 'national',
    fundingLine: 1,
    region: 'asia-and-oceania',
    beneficiaryStates: [{ code: 'KG' }],
    plannedStartDate: `${year}-01-01`,
    plannedEndDate: `${year + 1}-12-31`,
    year,
    budget: { staffAndOfficeCosts: '9000.00', operationalCosts: '28887.00' },
    ...overrides,
  };
}

export function regionalProposal(overrides: Record<string, unknown> = {}) {
  return nationalProposal({
    coverage: 'regional',
    beneficiaryStates: [{ code: 'KG' }, { code: 'KZ' }, { code: 'TJ' }],
    budget: { staffAndOfficeCosts: '30000.00', operationalCosts: '120000.00' },
    ...overrides,
  });
}
