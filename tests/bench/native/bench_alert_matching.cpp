// Benchmark of alert matching (src/reference/alert_index.*): figures, not
// pass/fail. 1 000 000 alerts (the households of 2 000 generated registry
// requests, incomes varied, with random offers-screen filters), then one offer
// published at a time and a batch of 1 000 offers, with the number of alerts
// matched. Targets of issue 14: one offer <= 20 ms, 1 000 offers <= 2 s.
// Usage: bench_alert_matching [alerts] (default 1000000).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "demo_data/offer_seed.h"
#include "demo_data/registry_seed.h"
#include "reference/alert_index.h"
#include "reference/eligibility_profile.h"
#include "reference/geography.h"

using namespace alin;
namespace dom = alin::domain;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kToday = "2026-11-26";

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

AlertFilters randomFilters(SeedRng& rng) {
    AlertFilters a;
    if (rng.percent(30)) a.tabsMask = static_cast<std::uint8_t>(rng.range(1, 7));
    if (rng.percent(40)) a.query.roomsMask = static_cast<std::uint8_t>(rng.range(1, 63) << 1);
    a.query.house = rng.percent(10);
    a.query.apartment = rng.percent(10);
    a.query.pmr = rng.percent(5);
    if (rng.percent(30)) a.query.priceMaxEuros = rng.range(400, 1500);
    return a;
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t alertCount = argc > 1 ? static_cast<std::size_t>(std::atol(argv[1])) : 1'000'000;
    const std::string root = ALIN_SOURCE_DIR;
    const Geography geo = loadGeographyFile(root + "/build-assets/geo/geo.bin");
    std::string error;
    const auto config = eligibilityConfigFromJson(readFile(root + "/assets/data/income_ceilings.json"),
                                                  readFile(root + "/assets/data/typologies.json"), 0.33, &error);
    if (!config) {
        std::fprintf(stderr, "eligibility data: %s\n", error.c_str());
        return 1;
    }
    RegistrySeedOptions ro;
    ro.count = 2000;
    ro.referenceDate = kToday;
    Clock::time_point t0 = Clock::now();
    const std::vector<RegistryRequest> registry = generateRegistry(geo, ro);
    std::printf("%zu registry requests generated in %.0f ms\n", registry.size(), msSince(t0));

    SeedRng rng(14);
    t0 = Clock::now();
    AlertIndex index(geo);
    double putMs = 0;
    for (std::size_t k = 0; k < alertCount; ++k) {
        const RegistryRequest& r = registry[k % registry.size()];
        dom::Household h = householdFromRegistry(r, kToday);
        // Vary the incomes by -40 % .. +40 %, so that no two alerts share a profile.
        const std::int64_t percent = rng.range(60, 140);
        for (dom::HouseholdMember& m : h.members) m.incomeN2 = m.incomeN2 * percent / 100;
        const dom::EligibilityProfile profile = dom::makeEligibilityProfile(h, config->ceilings, config->rules);
        const AlertFilters filters = randomFilters(rng);
        const Clock::time_point p0 = Clock::now();
        index.put(static_cast<std::int64_t>(k + 1), profile, r.requestedCommunes, filters);
        putMs += msSince(p0);
    }
    std::printf("%zu alerts indexed in %.0f ms (put: %.0f ms, %.2f us each); index memory %.0f MB\n", index.size(),
                msSince(t0), putMs, putMs * 1000 / static_cast<double>(alertCount),
                static_cast<double>(index.memoryBytes()) / 1e6);

    OfferSeedOptions so;
    so.count = 1000;
    so.referenceDate = kToday;
    so.openPercent = 100;
    so.seed = 2026;
    std::vector<Offer> offers = generateOffers(geo, so);
    for (Offer& o : offers) o.status = OfferStatus::Open;
    const std::int32_t today = *searchDayFromIso(kToday);

    // One offer at a time.
    std::vector<AlertMatch> matches;
    std::vector<double> oneMs;
    std::size_t matched = 0, visited = 0, maxMatched = 0;
    for (const Offer& o : offers) {
        t0 = Clock::now();
        index.match(o, today, matches);
        oneMs.push_back(msSince(t0));
        matched += matches.size();
        maxMatched = std::max(maxMatched, matches.size());
        visited += AlertIndex::lastVisited();
    }
    std::vector<double> sorted = oneMs;
    std::sort(sorted.begin(), sorted.end());
    const auto at = [&sorted](double q) {
        return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(q * static_cast<double>(sorted.size())))];
    };
    std::printf(
        "one offer published against %zu alerts: median %.3f ms  p99 %.3f ms  max %.3f ms (target <= 20 ms); "
        "%.1f alerts matched per offer on average (max %zu), %.0f postings visited\n",
        index.size(), at(0.5), at(0.99), sorted.back(), static_cast<double>(matched) / offers.size(), maxMatched,
        static_cast<double>(visited) / offers.size());

    // A batch of 1 000 offers (an import).
    t0 = Clock::now();
    std::size_t batchMatched = 0;
    for (const Offer& o : offers) {
        index.match(o, today, matches);
        batchMatched += matches.size();
    }
    std::printf("batch of %zu offers against %zu alerts: %.0f ms (target <= 2000 ms), %zu alerts matched in all\n",
                offers.size(), index.size(), msSince(t0), batchMatched);
    return 0;
}
