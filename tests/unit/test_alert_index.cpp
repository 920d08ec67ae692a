// Alert matching (src/reference/alert_index.*): each criterion (tabs, rooms,
// kind, PMR, price, income ceiling, typology, rent effort, open, deadline), then
// a smoke-size run checked against the brute-force reference: for every alert
// and every offer, the owner's offers screen with the alert's filters
// (OfferIndex::explain) lists the offer in one of the alert's tabs exactly when
// AlertIndex::match returns it (with that tab). No timing here: the benchmark is
// tests/bench/native/bench_alert_matching.cpp.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "demo_data/offer_seed.h"
#include "demo_data/registry_seed.h"
#include "reference/alert_index.h"
#include "reference/eligibility_profile.h"
#include "reference/geography.h"
#include "reference/offer_search.h"

#ifndef ALIN_SOURCE_DIR
#define ALIN_SOURCE_DIR "."
#endif

using namespace alin;
namespace dom = alin::domain;

namespace {

constexpr const char* kToday = "2026-11-26";

const Geography& geo() {
    static const Geography g = loadGeographyFile(std::string(ALIN_SOURCE_DIR) + "/build-assets/geo/geo.bin");
    return g;
}

const dom::IncomeCeilings& ceilings() {
    static const dom::IncomeCeilings table = [] {
        std::ifstream in(std::string(ALIN_SOURCE_DIR) + "/assets/data/income_ceilings.json", std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        const std::string text = s.str();
        const auto t = dom::parseIncomeCeilings(std::string_view(text), 0, nullptr);
        REQUIRE(t);
        return *t;
    }();
    return table;
}

std::int32_t today() {
    return *searchDayFromIso(kToday);
}

const std::vector<Offer>& catalogue() {
    static const std::vector<Offer> offers = [] {
        OfferSeedOptions o;
        o.count = 20000;
        o.referenceDate = kToday;
        return generateOffers(geo(), o);
    }();
    return offers;
}

const OfferIndex& offerIndex() {
    static const OfferIndex idx(catalogue(), geo());
    return idx;
}

const std::vector<RegistryRequest>& registry() {
    static const std::vector<RegistryRequest> r = generateRegistry(geo());
    return r;
}

dom::EligibilityProfile profileOf(const RegistryRequest& r) {
    return profileFor(r, ceilings(), dom::EligibilityRules{}, kToday);
}

// The reference: where the owner's offers screen lists the offer with these filters.
std::optional<SearchTab> listedIn(const OfferIndex& offers, const SearchContext& ctx, const AlertFilters& filters,
                                  std::int64_t offerId) {
    const OfferExplanation e = offers.explain(ctx, offerId, today(), &filters.query);
    if (e.visibility != OfferVisibility::Listed || !e.tab) return std::nullopt;
    if ((filters.tabsMask & alertTabBit(*e.tab)) == 0) return std::nullopt;
    return e.tab;
}
std::optional<SearchTab> listedIn(const RegistryRequest& r, const AlertFilters& filters, const Offer& offer) {
    const OfferIndex one({offer}, geo());
    return listedIn(one, one.makeContext(profileOf(r), r.requestedCommunes), filters, offer.id);
}

// Anne PORTE (guide example) and an open offer of her first requested commune she is eligible for.
struct Fixture {
    const RegistryRequest& anne = registry()[0];
    Offer offer;
    Fixture() {
        const SearchContext ctx = offerIndex().makeContext(profileOf(anne), anne.requestedCommunes);
        SearchQuery q;
        const SearchResult res = offerIndex().search(ctx, q, today());
        REQUIRE(!res.items.empty());
        offer = offerIndex().offer(res.items.front().index);
        offer.id = 900001;
    }
    AlertIndex indexWith(const AlertFilters& filters) const {
        AlertIndex idx(geo());
        idx.put(7, profileOf(anne), anne.requestedCommunes, filters);
        return idx;
    }
    bool matches(const AlertFilters& filters, const Offer& o) const {
        const std::vector<AlertMatch> m = indexWith(filters).match(o, today());
        const bool reference = listedIn(anne, filters, o).has_value();
        CHECK(m.size() == (reference ? 1u : 0u));
        return m.size() == 1;
    }
};

}  // namespace

TEST_CASE("alert matching: the offer of a requested commune matches, in the tab 'Communes demandées'") {
    Fixture f;
    const std::vector<AlertMatch> m = f.indexWith({}).match(f.offer, today());
    REQUIRE(m.size() == 1);
    CHECK(m[0].alertId == 7);
    CHECK(m[0].tab == SearchTab::Requested);
}

TEST_CASE("alert matching: each filter of the offers screen") {
    Fixture f;
    AlertFilters none;
    CHECK(f.matches(none, f.offer));

    SUBCASE("tabs") {
        AlertFilters other;
        other.tabsMask = alertTabBit(SearchTab::Neighbours) | alertTabBit(SearchTab::Department);
        CHECK_FALSE(f.matches(other, f.offer));
        other.tabsMask |= alertTabBit(SearchTab::Requested);
        CHECK(f.matches(other, f.offer));
    }
    SUBCASE("rooms") {
        AlertFilters rooms;
        rooms.query.addRooms(f.offer.typology);
        CHECK(f.matches(rooms, f.offer));
        rooms.query.roomsMask = 0;
        rooms.query.addRooms(f.offer.typology == 1 ? 2 : f.offer.typology - 1);
        CHECK_FALSE(f.matches(rooms, f.offer));
    }
    SUBCASE("house or apartment") {
        AlertFilters kind;
        kind.query.house = f.offer.kind != DwellingKind::House;
        kind.query.apartment = f.offer.kind == DwellingKind::House;
        CHECK_FALSE(f.matches(kind, f.offer));
        kind.query.house = kind.query.apartment = true;  // both: either kind
        CHECK(f.matches(kind, f.offer));
    }
    SUBCASE("reduced mobility") {
        AlertFilters pmr;
        pmr.query.pmr = true;
        Offer o = f.offer;
        o.reducedMobility = false;
        CHECK_FALSE(f.matches(pmr, o));
        o.reducedMobility = true;
        CHECK(f.matches(pmr, o));
    }
    SUBCASE("price bounds, rent and charges") {
        const std::int64_t euros = f.offer.totalCents() / 100;
        AlertFilters price;
        price.query.priceMaxEuros = euros;  // the total is above euros * 100 when there are cents
        CHECK(f.matches(price, f.offer) == (f.offer.totalCents() <= euros * 100));
        price.query.priceMaxEuros = euros + 1;
        CHECK(f.matches(price, f.offer));
        price.query.priceMinEuros = euros + 1;
        price.query.priceMaxEuros.reset();
        CHECK_FALSE(f.matches(price, f.offer));
        price.query.priceMinEuros = euros;
        CHECK(f.matches(price, f.offer));
    }
}

TEST_CASE("alert matching: the eligibility of the household (income, typology, rent effort)") {
    Fixture f;
    SUBCASE("income above the ceiling of the offer's loan and zone") {
        AlertIndex idx(geo());
        dom::EligibilityProfile rich = profileOf(f.anne);
        rich.income.amount = 10'000'000;
        idx.put(1, rich, f.anne.requestedCommunes, {});
        idx.put(2, profileOf(f.anne), f.anne.requestedCommunes, {});
        const std::vector<AlertMatch> m = idx.match(f.offer, today());
        REQUIRE(m.size() == 1);
        CHECK(m[0].alertId == 2);
    }
    SUBCASE("typology outside the household's range") {
        const dom::EligibilityProfile p = profileOf(f.anne);
        Offer big = f.offer;
        big.typology = p.typology.maxRooms + 1;
        Offer small = f.offer;
        small.typology = p.typology.minRooms - 1;
        if (big.typology <= dom::kMaxRooms) CHECK_FALSE(f.matches({}, big));
        if (small.typology >= 1) CHECK_FALSE(f.matches({}, small));
        Offer fits = f.offer;
        fits.typology = p.typology.minRooms;
        CHECK(f.matches({}, fits));
    }
    SUBCASE("rent effort above the maximum") {
        const dom::EligibilityProfile p = profileOf(f.anne);
        Offer dear = f.offer;
        // Just above 33 % of the monthly resources: refused; just at it: accepted.
        const std::int64_t limit = p.maxEffortBasisPoints * p.monthlyResourcesCents / 10000 + p.monthlyHousingAidCents;
        dear.chargesCents = 0;
        dear.rentCents = limit + 1;
        CHECK_FALSE(f.matches({}, dear));
        dear.rentCents = limit;
        CHECK(f.matches({}, dear));
    }
}

TEST_CASE("alert matching: closed offers, past deadlines, unknown communes, removed and replaced alerts") {
    Fixture f;
    Offer closed = f.offer;
    closed.status = OfferStatus::Closed;
    CHECK_FALSE(f.matches({}, closed));
    Offer late = f.offer;
    late.deadline = "2026-11-25";
    CHECK_FALSE(f.matches({}, late));
    Offer nowhere = f.offer;
    nowhere.insee = "00000";
    CHECK_FALSE(f.matches({}, nowhere));

    AlertIndex idx = f.indexWith({});
    CHECK(idx.size() == 1);
    AlertFilters pmrOnly;
    pmrOnly.query.pmr = true;
    Offer plain = f.offer;
    plain.reducedMobility = false;
    idx.put(7, profileOf(f.anne), f.anne.requestedCommunes, pmrOnly);  // replaced, not added
    CHECK(idx.size() == 1);
    CHECK(idx.match(plain, today()).empty());
    CHECK(idx.remove(7));
    CHECK_FALSE(idx.remove(7));
    CHECK(idx.size() == 0);
    CHECK(idx.match(f.offer, today()).empty());
}

TEST_CASE("alert matching equals the brute-force scan of every alert (smoke size)") {
    // Every registry request as an alert with random filters, twice; offers
    // drawn from the catalogue in the alerts' departments (so that many match).
    SeedRng rng(14);
    AlertIndex idx(geo());
    struct Saved {
        std::int64_t id;
        const RegistryRequest* request;
        AlertFilters filters;
    };
    std::vector<Saved> saved;
    std::vector<std::string> departments;
    for (std::size_t k = 0; k < registry().size(); ++k) {
        const RegistryRequest& r = registry()[k];
        for (int copy = 0; copy < 2; ++copy) {
            AlertFilters a;
            if (copy == 1) {
                a.tabsMask = static_cast<std::uint8_t>(rng.range(1, 7));
                if (rng.percent(40)) a.query.roomsMask = static_cast<std::uint8_t>(rng.range(1, 63) << 1);
                a.query.house = rng.percent(20);
                a.query.apartment = rng.percent(20);
                a.query.pmr = rng.percent(15);
                if (rng.percent(30)) a.query.priceMinEuros = rng.range(100, 600);
                if (rng.percent(30)) a.query.priceMaxEuros = rng.range(a.query.priceMinEuros.value_or(200) + 50, 1500);
            }
            const auto id = static_cast<std::int64_t>(k * 2 + static_cast<std::size_t>(copy) + 1);
            idx.put(id, profileOf(r), r.requestedCommunes, a);
            saved.push_back({id, &r, a});
        }
        for (const std::string& insee : r.requestedCommunes)
            if (const Commune* c = geo().commune(insee)) departments.emplace_back(c->dept);
    }
    // Remove a few, so that the free slots are reused by later puts.
    for (std::size_t k = 0; k < saved.size(); k += 37) CHECK(idx.remove(saved[k].id));
    for (std::size_t k = 0; k < saved.size(); k += 37)
        idx.put(saved[k].id, profileOf(*saved[k].request), saved[k].request->requestedCommunes, saved[k].filters);
    CHECK(idx.size() == saved.size());

    std::vector<Offer> offers;
    for (const Offer& o : catalogue()) {
        if (offers.size() >= 250) break;
        if (std::find(departments.begin(), departments.end(), o.dept) != departments.end() && rng.percent(30))
            offers.push_back(o);
    }
    REQUIRE(offers.size() == 250);

    const OfferIndex reference(offers, geo());
    std::vector<SearchContext> contexts;
    for (const Saved& s : saved)
        contexts.push_back(reference.makeContext(profileOf(*s.request), s.request->requestedCommunes));

    std::size_t matched = 0, visited = 0;
    std::array<std::size_t, 3> perTab{};
    for (const Offer& o : offers) {
        std::vector<AlertMatch> expected;
        for (std::size_t k = 0; k < saved.size(); ++k)
            if (const auto tab = listedIn(reference, contexts[k], saved[k].filters, o.id))
                expected.push_back({saved[k].id, *tab});
        const std::vector<AlertMatch> got = idx.match(o, today());
        visited += AlertIndex::lastVisited();
        CHECK_MESSAGE(got == expected, "offer " << o.id << " in " << o.insee);
        matched += got.size();
        for (const AlertMatch& m : got) ++perTab[static_cast<std::size_t>(m.tab)];
    }
    MESSAGE(matched << " matches, " << visited << " postings visited, for " << offers.size() << " offers and "
                    << saved.size() << " alerts");
    CHECK(matched > 100);
    CHECK(perTab[0] > 0);
    CHECK(perTab[1] > 0);
    CHECK(perTab[2] > 0);
    CHECK(visited < offers.size() * saved.size() / 4);  // far from a scan of every alert
}
