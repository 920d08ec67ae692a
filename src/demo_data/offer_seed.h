// Deterministic catalogue of social-housing offers for the demo (5 000) and the
// benchmarks (100 000): same seed and options -> the same offers, natively and in
// wasm (own PRNG, integer arithmetic only, rents in cents).
//
// Where: communes drawn by population (small communes, under 2 000 inhabitants,
// count a quarter), so departments get offers roughly in proportion to their
// population. On top, fixed "guaranteed" offers for the user guide's two
// requests (registry_seed.h): in each requested commune, in the neighbouring
// communes (same EPCI) and in the other communes of the departments, open, in the
// wished typologies, within the household's income ceiling and affordable (total
// rent <= a third of the monthly income), so that all three tabs of §5 have
// results for Anne PORTE; in Paris, three of her six are let by "Paris Habitat"
// (the demo landlord account) and published on the reference date.
//
// Figures (documented here and checked by tests/unit/test_offer_seed.cpp):
//
// Rent without charges, euro cents per m² per month, by zone (domain::Zone, the
// zones of the income ceilings) and funding - plausible bands under the 2024-2025
// regulatory rent ceilings for PLAI/PLUS/PLS and the "loyer intermédiaire" caps
// for PLI, not regulatory values:
//
//                       PLAI        PLUS         PLS           PLI
//   Paris + limitrophes 550 - 700   650 - 900    1000 - 1450   1500 - 1900
//   reste Île-de-France 500 - 660   600 - 800     900 - 1200   1150 - 1450
//   autres régions      420 - 580   500 - 700     700 - 1000    850 - 1150
//
// Charges, euro cents per m² per month, by heating (collective heating is in the
// charges, individual heating is paid by the tenant directly):
//   collectif 250 - 380, réseau de chaleur 230 - 350, individuel gaz 120 - 200,
//   électrique 100 - 180, pompe à chaleur 110 - 190.
//
// Surface by typology (m²): T1 18-33, T2 34-52, T3 53-72, T4 70-88, T5 85-105, T6 100-130.
// rent = surface x rate, charges = surface x rate (rates drawn in whole cents).
//
// Dates: `openPercent` % of the offers are published in the 7 days up to the
// reference date (open: deadline = publication + 7 >= reference date), the others
// 8 to 120 days before (closed). Available 20 to 90 days after publication.
// Applications: 2 + 380 x u² (u uniform in [0, 1)), x1.5 in Paris and its
// neighbours, x0.6 outside Île-de-France, x (days online + 1) / 8 for an open
// offer: from a couple to about 570.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "demo_data/registry_seed.h"
#include "reference/geography.h"
#include "reference/offer_types.h"

namespace alin {

inline constexpr std::size_t kDemoOfferCount = 5000;
inline constexpr std::size_t kBenchmarkOfferCount = 100000;

struct OfferSeedOptions {
    std::uint64_t seed = 20260420;
    std::size_t count = kDemoOfferCount;       // total, guaranteed offers included
    std::string referenceDate = "2026-11-26";  // "today": the server passes its clock's date
    int openPercent = 60;                      // share of open offers among the random ones
    bool guaranteeGuideExamples = true;        // the offers for the guide's two requests (first ids)
};

// Offers with ids 1..count; the guaranteed ones first (66 for the two guide
// examples; cut when count is smaller). Throws std::invalid_argument when the geography is empty or
// the date is malformed.
std::vector<Offer> generateOffers(const Geography& geo, const OfferSeedOptions& options = {});

struct CentsRange {
    std::int64_t min = 0, max = 0;  // inclusive
};
CentsRange rentRangePerM2(domain::Zone zone, Funding funding);  // the table above
CentsRange chargesRangePerM2(Heating heating);
CentsRange surfaceRange(int typology);  // m² (1..6; T1 range below, T6 above)

}  // namespace alin
