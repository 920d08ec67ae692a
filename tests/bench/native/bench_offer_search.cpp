// Benchmark of the eligible-offer search (src/reference/offer_search.*): figures,
// not pass/fail. For each catalogue size (argv, default 10 000, 100 000 and
// 500 000 generated offers): index build time and memory; 10 000 searches by the
// 240 registry requests as applicants, mixing tabs, filters, sorts and pages; the
// same queries by the guide's applicant alone (Anne PORTE, Paris: the largest
// areas, the worst case); wall-clock and the thread's CPU time per search (CPU
// moves much less with the machine's load); the first search of each
// applicant (which builds the applicant's eligible set) apart; the brute force
// (every offer, check(), sort) on a sample for comparison.
// Targets (issue 17): p50 <= 2 ms and p99 <= 10 ms per search, at 500 000 offers too.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "demo_data/offer_seed.h"
#include "demo_data/registry_seed.h"
#include "domain/dates.h"
#include "reference/eligibility_profile.h"
#include "reference/geography.h"
#include "reference/offer_search.h"

using namespace alin;
namespace dom = alin::domain;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kToday = "2026-11-26";

double cpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Stats {
    double median, p90, p99, max, mean;
};

Stats stats(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    auto at = [&v](double q) {
        return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
    };
    double sum = 0;
    for (double x : v) sum += x;
    return {at(0.5), at(0.9), at(0.99), v.back(), sum / static_cast<double>(v.size())};
}

void print(const char* what, const Stats& s) {
    std::printf("%-34s median %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  max %7.3f ms  mean %7.3f ms\n", what, s.median,
                s.p90, s.p99, s.max, s.mean);
}

SearchQuery randomQuery(SeedRng& rng) {
    SearchQuery q;
    q.tab = static_cast<SearchTab>(rng.below(3));
    if (rng.percent(40)) {
        if (rng.percent(30))
            q.roomsMask = (1u << 5) | (1u << 6);
        else
            q.roomsMask = static_cast<std::uint8_t>(rng.range(1, 63) << 1);
    }
    q.house = rng.percent(15);
    q.apartment = rng.percent(15);
    q.pmr = rng.percent(10);
    if (rng.percent(25)) q.priceMinEuros = rng.range(150, 700);
    if (rng.percent(25)) q.priceMaxEuros = rng.range(q.priceMinEuros.value_or(200) + 100, 1800);
    q.sort = static_cast<SearchSort>(rng.below(kSearchSortCount));
    q.pageSize = rng.percent(80) ? kDefaultPageSize : (rng.percent(50) ? kMaxPageSize : 10);
    q.page = rng.percent(70) ? 1 : static_cast<int>(rng.range(2, 10));
    return q;
}

// The reference without an index: every offer of the catalogue.
std::size_t bruteForce(const std::vector<Offer>& offers, const OfferAreas& areas, const dom::EligibilityProfile& p,
                       const SearchQuery& q, const std::string& today) {
    struct Hit {
        std::int64_t key, id;
    };
    std::vector<Hit> hits;
    std::array<std::uint32_t, 3> counts{};
    for (const Offer& o : offers) {
        if (o.status != OfferStatus::Open || o.deadline < today) continue;
        const std::optional<SearchTab> tab = searchTabFromOfferTab(areas.tabOf(o.insee));
        if (!tab) continue;
        if (!q.wantsRooms(std::clamp(o.typology, 1, 6))) continue;
        if (q.house != q.apartment && (o.kind == DwellingKind::House) != q.house) continue;
        if (q.pmr && !o.reducedMobility) continue;
        if (q.priceMinEuros && o.totalCents() < *q.priceMinEuros * 100) continue;
        if (q.priceMaxEuros && o.totalCents() > *q.priceMaxEuros * 100) continue;
        dom::OfferFacts f;
        f.zone = dom::zoneOf(o.insee, o.dept);
        f.loan = *dom::parseLoan(fundingName(o.funding));
        f.rooms = o.typology;
        f.monthlyRentCents = o.rentCents;
        f.monthlyChargesCents = o.chargesCents;
        if (!dom::check(p, f).eligible()) continue;
        ++counts[static_cast<std::size_t>(*tab)];
        if (*tab == q.tab) hits.push_back({q.sort == SearchSort::PriceAsc ? o.totalCents() : -o.surface, o.id});
    }
    std::sort(hits.begin(), hits.end(),
              [](const Hit& a, const Hit& b) { return a.key != b.key ? a.key < b.key : a.id < b.id; });
    return hits.size() + counts[0] + counts[1] + counts[2];
}

struct Setup {
    Geography geo;
    EligibilityConfig config;
    std::vector<RegistryRequest> registry;
};

void runCatalogue(const Setup& setup, std::size_t count) {
    const Geography& geo = setup.geo;
    std::printf("\n## %zu offers\n\n", count);
    OfferSeedOptions seed;
    seed.count = count;
    seed.referenceDate = kToday;
    Clock::time_point t0 = Clock::now();
    std::vector<Offer> offers = generateOffers(geo, seed);
    std::printf("%zu offers generated in %.1f ms\n", offers.size(), msSince(t0));

    t0 = Clock::now();
    OfferIndex index(offers, geo);
    std::printf("index built in %.1f ms: search structures %.2f MB, offer records %.2f MB\n", msSince(t0),
                static_cast<double>(index.indexMemoryBytes()) / 1e6,
                static_cast<double>(index.offersMemoryBytes()) / 1e6);

    // One context per applicant, as the server caches them.
    std::vector<SearchContext> contexts;
    std::vector<double> contextMs;
    contexts.reserve(setup.registry.size());
    std::vector<std::uint32_t> offersPerCommune(geo.communes().size(), 0);
    for (const Offer& o : offers)
        if (const Commune* c = geo.commune(o.insee)) ++offersPerCommune[geo.indexOf(*c)];
    std::size_t visitedOffers = 0, guide = 0;
    for (std::size_t k = 0; k < setup.registry.size(); ++k) {
        const RegistryRequest& r = setup.registry[k];
        if (r.numeroUnique == kGuideExamplePorteNu) guide = k;
        t0 = Clock::now();
        contexts.push_back(
            index.makeContext(profileFor(r, setup.config.ceilings, setup.config.rules, kToday), r.requestedCommunes));
        contextMs.push_back(msSince(t0));
        for (const auto& list : contexts.back().communes)
            for (std::uint32_t c : list) visitedOffers += offersPerCommune[c];
    }
    print("context per applicant (profile+areas)", stats(contextMs));
    std::size_t guideVisited = 0;
    for (const auto& list : contexts[guide].communes)
        for (std::uint32_t c : list) guideVisited += offersPerCommune[c];
    std::printf("offers in the three tabs' communes: %.0f on average, %zu for the guide's applicant (Paris)\n",
                static_cast<double>(visitedOffers) / static_cast<double>(contexts.size()), guideVisited);

    const std::int32_t today = *searchDayFromIso(kToday);
    SeedRng rng(20261126);
    std::vector<SearchQuery> queries;
    std::vector<std::size_t> who;
    constexpr int kSearches = 10000;
    for (int k = 0; k < kSearches; ++k) {
        who.push_back(static_cast<std::size_t>(rng.below(contexts.size())));
        queries.push_back(randomQuery(rng));
    }
    SearchResult result;
    // The first search of each applicant reads the offers of its areas and keeps
    // the eligible ones (its EligibleSet); the later ones walk only those.
    std::vector<double> firstCpu;
    for (std::size_t k = 0; k < contexts.size(); ++k) {
        const double c0 = cpuMs();
        index.search(contexts[k], SearchQuery{}, today, result);
        firstCpu.push_back(cpuMs() - c0);
    }
    print("first search per applicant, CPU", stats(firstCpu));
    std::printf("eligible sets kept: %.2f MB for %zu applicants\n",
                static_cast<double>(index.eligibleCacheBytes()) / 1e6, contexts.size());
    for (int k = 0; k < 200; ++k) index.search(contexts[who[k]], queries[k], today, result);  // warm-up

    const auto run = [&](const char* label, bool guideOnly, int n) {
        std::vector<double> wall, cpu, json;
        std::uint64_t listed = 0;
        for (int k = 0; k < n; ++k) {
            const SearchContext& ctx = contexts[guideOnly ? guide : who[static_cast<std::size_t>(k)]];
            const double c0 = cpuMs();
            t0 = Clock::now();
            index.search(ctx, queries[static_cast<std::size_t>(k)], today, result);
            wall.push_back(msSince(t0));
            cpu.push_back(cpuMs() - c0);
            listed += result.tabCounts[0] + result.tabCounts[1] + result.tabCounts[2];
            t0 = Clock::now();
            const std::string body = resultToJson(index, queries[static_cast<std::size_t>(k)], result).dump();
            json.push_back(msSince(t0));
        }
        std::printf("%s: %d searches, %.0f eligible offers listed per search (3 tabs)\n", label, n,
                    static_cast<double>(listed) / n);
        print("  search, wall-clock", stats(wall));
        print("  search, thread CPU", stats(cpu));
        print("  resultToJson + dump (the page)", stats(json));
    };
    run("every applicant", false, kSearches);
    run("the guide's applicant (Paris)", true, 2000);

    // The brute force on a sample, for comparison.
    std::vector<double> bruteMs;
    std::size_t sink = 0;
    for (int k = 0; k < 100; ++k) {
        const RegistryRequest& r = setup.registry[who[static_cast<std::size_t>(k)]];
        const OfferAreas areas = geo.offerAreas(r.requestedCommunes);
        t0 = Clock::now();
        sink += bruteForce(offers, areas, contexts[who[static_cast<std::size_t>(k)]].profile,
                           queries[static_cast<std::size_t>(k)], kToday);
        bruteMs.push_back(msSince(t0));
    }
    print("brute force (100 searches)", stats(bruteMs));
    std::printf("(checksum %zu)\n", sink);
}

}  // namespace

int main(int argc, char** argv) {
    const std::string root = ALIN_SOURCE_DIR;
    Clock::time_point t0 = Clock::now();
    Geography geo = loadGeographyFile(root + "/build-assets/geo/geo.bin");
    std::string error;
    auto config = eligibilityConfigFromJson(readFile(root + "/assets/data/income_ceilings.json"),
                                            readFile(root + "/assets/data/typologies.json"), 0.33, &error);
    if (!config) {
        std::fprintf(stderr, "eligibility data: %s\n", error.c_str());
        return 1;
    }
    std::printf("geography loaded in %.1f ms\n", msSince(t0));
    Setup setup{geo, *config, generateRegistry(geo)};
    std::vector<std::size_t> counts;
    for (int i = 1; i < argc; ++i) counts.push_back(static_cast<std::size_t>(std::strtoull(argv[i], nullptr, 10)));
    if (counts.empty()) counts = {10000, kBenchmarkOfferCount, 500000};
    for (std::size_t count : counts) runCatalogue(setup, count);
    return 0;
}
