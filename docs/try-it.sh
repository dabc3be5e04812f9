#!/usr/bin/env bash
# The README's "Try it" block, exactly (test/try-it.e2e-spec.ts keeps them equal): a whole
# project lifecycle from draft to closed, with one refusal, against a running service
# (npm start). Run from the repository root: bash docs/try-it.sh
set -e
API=${API:-http://localhost:3000}
FM=$(npm run -s token -- fatima fund-manager)
AP=$(npm run -s token -- arturo approver)
AD=$(npm run -s token -- ada admin)
FO=$(npm run -s token -- farid finance-officer)
post() { curl -s -X POST "$API$2" -H "authorization: Bearer $1" -H 'content-type: application/json' -d "${3:-{\}}"; echo; }

# An admin opens the 2026 envelope of funding line 1.
post $AD /envelopes '{"year":2026,"fundingLine":1,"amount":"1479887.00"}'

# The fund manager enters a proposal like the fund's real record PO.0143, late: each step
# says the business date it happened on ("effectiveOn"; default: today in FUND_TIME_ZONE).
post $FM /projects '{"projectId":"PO.0143","primaId":"KG10P0501","effectiveOn":"2026-01-10",
  "title":{"en":"Migration policy support","ru":"Поддержка миграционной политики"},
  "description":{"en":"Support to the State Migration Service of Kyrgyzstan."},
  "thematicArea":"policy-and-legal-framework-development","coverage":"national","fundingLine":1,
  "region":"asia-and-oceania","beneficiaryStates":[{"code":"KG"}],
  "plannedStartDate":"2026-01-01","plannedEndDate":"2027-12-31","year":2026,
  "budget":{"staffAndOfficeCosts":"9000.00","operationalCosts":"28887.00"}}'

# A refusal: submitting without the government's endorsement (rule 5). Nothing is recorded.
post $FM /projects/PO.0143/submit

post $FM /projects/PO.0143/government-endorsements '{"state":"KG","endorsedOn":"2026-01-15","authority":"Ministry of Labour","effectiveOn":"2026-01-15"}'
post $FM /projects/PO.0143/submit '{"effectiveOn":"2026-01-20"}'
post $AP /projects/PO.0143/endorse '{"effectiveOn":"2026-01-25"}'
post $AP /projects/PO.0143/approve '{"effectiveOn":"2026-01-28"}'
post $FM /projects/PO.0143/focal-point '{"name":"Aibek Osmonov","organisation":"State Migration Service","effectiveOn":"2026-01-29"}'
post $FM /projects/PO.0143/start '{"effectiveOn":"2026-02-01"}'
post $FM /projects/PO.0143/disbursements '{"amount":"30000.00","valueDate":"2026-02-01"}'
post $FM /projects/PO.0143/expenditures '{"amount":"29500.00","valueDate":"2026-06-30"}'
post $FM /projects/PO.0143/reports '{"reportId":"interim-1","kind":"interim"}'
post $AP /projects/PO.0143/reports/interim-1/accept
post $FM /projects/PO.0143/complete
post $FM /projects/PO.0143/reports '{"reportId":"final-narrative","kind":"final-narrative"}'
post $FM /projects/PO.0143/reports '{"reportId":"final-financial","kind":"final-financial"}'
post $AP /projects/PO.0143/reports/final-narrative/accept
post $AP /projects/PO.0143/reports/final-financial/accept
# 500.00 disbursed and not spent: refunded first (or the closure must say why: closure.unspent-balance).
post $FO /projects/PO.0143/refunds '{"amount":"500.00","valueDate":"2026-07-15","reason":"Unspent balance returned"}'
post $AP /projects/PO.0143/close

curl -s $API/projects/PO.0143 -H "authorization: Bearer $AP"; echo               # the project, with ETag
curl -s $API/envelopes/2026/1 -H "authorization: Bearer $AP"; echo              # reserved: only what was disbursed, net of the refund
curl -s "$API/projects/PO.0143/events?limit=3" -H "authorization: Bearer $AP"; echo
curl -s $API/projects/PO.0143/events/verification -H "authorization: Bearer $AP"; echo
