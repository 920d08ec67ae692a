// Eligible-offer search (src/reference/offer_search.*): results equal a brute-force
// reference (every offer, domain::check(), filter, sort, page) on a 20 000-offer
// catalogue for several registry requests and many random queries; the three
// tabs partition the eligible offers; paging; "why don't I see this offer";
// adding / updating offers; query-string errors; the list-card JSON.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "demo_data/offer_seed.h"
#include "demo_data/registry_seed.h"
#include "domain/dates.h"
#include "domain/eligibility.h"
#include "reference/eligibility_profile.h"
#include "reference/geography.h"
#include "reference/offer_search.h"

#ifndef ALIN_SOURCE_DIR
#define ALIN_SOURCE_DIR "."
#endif

using namespace alin;
namespace dom = alin::domain;

#define NBSP "\xC2\xA0"

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
        std::string error;
        const auto t = dom::parseIncomeCeilings(std::string_view(text), 0, &error);
        if (!t) FAIL("income_ceilings.json: " << error);
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

const OfferIndex& index() {
    static const OfferIndex idx(catalogue(), geo());
    return idx;
}

const std::vector<RegistryRequest>& registry() {
    static const std::vector<RegistryRequest> r = generateRegistry(geo());
    return r;
}

// The guide's two requests, then every 29th generated one (Île-de-France and
// other regions, couples, single parents, large households).
std::vector<const RegistryRequest*> applicants() {
    std::vector<const RegistryRequest*> out;
    for (std::size_t i = 0; i < registry().size(); ++i)
        if (i < 2 || i % 29 == 0) out.push_back(&registry()[i]);
    return out;
}

dom::EligibilityProfile profileOf(const RegistryRequest& r) {
    return profileFor(r, ceilings(), dom::EligibilityRules{}, kToday);
}

// ---------------------------------------------------------------- the reference

std::int32_t days(const std::string& iso, std::int32_t missing) {
    const auto d = dom::parseIsoDate(iso);
    return d ? static_cast<std::int32_t>(dom::daysFromCivil(*d)) : missing;
}

dom::OfferFacts factsOf(const Offer& o) {
    dom::OfferFacts f;
    f.zone = dom::zoneOf(o.insee, o.dept);
    f.loan = *dom::parseLoan(fundingName(o.funding));
    f.rooms = o.typology;
    f.monthlyRentCents = o.rentCents;
    f.monthlyChargesCents = o.chargesCents;
    return f;
}

std::int64_t sortKey(const Offer& o, SearchSort sort) {
    switch (sort) {
        case SearchSort::PriceAsc:
            return o.totalCents();
        case SearchSort::PriceDesc:
            return -o.totalCents();
        case SearchSort::SurfaceDesc:
            return -o.surface;
        case SearchSort::AvailableSoonest:
            return days(o.availableOn, INT32_MAX);
        case SearchSort::DeadlineSoonest:
            return days(o.deadline, INT32_MAX);
        case SearchSort::PublishedNewest:
            return -static_cast<std::int64_t>(days(o.publishedOn, INT32_MIN));
    }
    return 0;
}

struct Reference {
    std::array<std::uint32_t, 3> counts{};
    std::vector<std::pair<std::int64_t, std::int32_t>> tab;  // whole tab, sorted: (id, effort)
};

bool passes(const Offer& o, const SearchQuery& q) {
    const int rooms = std::clamp(o.typology, 1, 6);
    if (q.roomsMask && !((q.roomsMask >> rooms) & 1)) return false;
    if (q.house && !q.apartment && o.kind != DwellingKind::House) return false;
    if (q.apartment && !q.house && o.kind != DwellingKind::Apartment) return false;
    if (q.pmr && !o.reducedMobility) return false;
    if (q.priceMinEuros && o.totalCents() < *q.priceMinEuros * 100) return false;
    if (q.priceMaxEuros && o.totalCents() > *q.priceMaxEuros * 100) return false;
    return true;
}

// Every offer of the catalogue, no index: open, deadline not past, in the areas,
// filters, check(); then sort by (key, id).
Reference bruteForce(const std::vector<Offer>& offers, const OfferAreas& areas, const dom::EligibilityProfile& p,
                     const SearchQuery& q, std::int32_t todayDays) {
    Reference ref;
    std::vector<std::pair<std::pair<std::int64_t, std::int64_t>, std::int32_t>> tab;
    for (const Offer& o : offers) {
        if (o.status != OfferStatus::Open || days(o.deadline, INT32_MAX) < todayDays) continue;
        const std::optional<SearchTab> t = searchTabFromOfferTab(areas.tabOf(o.insee));
        if (!t || !passes(o, q)) continue;
        const dom::OfferFacts f = factsOf(o);
        if (!dom::check(p, f).eligible()) continue;
        ++ref.counts[static_cast<std::size_t>(*t)];
        if (*t == q.tab) tab.push_back({{sortKey(o, q.sort), o.id}, dom::effortBasisPoints(p, f)});
    }
    std::sort(tab.begin(), tab.end());
    for (const auto& [key, effort] : tab) ref.tab.push_back({key.second, effort});
    return ref;
}

// Filters drawn so that about half of the pages are not empty.
SearchQuery randomQuery(SeedRng& rng) {
    SearchQuery q;
    q.tab = static_cast<SearchTab>(rng.below(3));
    if (rng.percent(35)) {
        const std::uint64_t pick = rng.below(4);
        if (pick == 0)
            q.roomsMask = static_cast<std::uint8_t>(1u << rng.range(2, 4));
        else if (pick == 1)
            q.roomsMask = (1u << 5) | (1u << 6);  // "5 et plus"
        else
            q.roomsMask = static_cast<std::uint8_t>(rng.range(1, 63) << 1);
    }
    q.house = rng.percent(10);
    q.apartment = rng.percent(10);
    q.pmr = rng.percent(8);
    if (rng.percent(20)) q.priceMinEuros = rng.range(150, 700);
    if (rng.percent(20)) q.priceMaxEuros = rng.range(q.priceMinEuros.value_or(200) + 100, 1800);
    q.sort = static_cast<SearchSort>(rng.below(kSearchSortCount));
    static constexpr int kSizes[] = {1, 3, 7, 20, 20, 50, 100};
    q.pageSize = kSizes[rng.below(std::size(kSizes))];
    q.page = rng.percent(60) ? 1 : static_cast<int>(rng.range(2, 4));
    return q;
}

void requireSameAsReference(const SearchResult& got, const Reference& ref, const SearchQuery& q,
                            const OfferIndex& idx = index()) {
    REQUIRE(got.tabCounts == ref.counts);
    REQUIRE(got.total == ref.tab.size());
    REQUIRE(got.pageSize == q.pageSize);
    REQUIRE(got.pages == static_cast<int>((ref.tab.size() + q.pageSize - 1) / q.pageSize));
    const std::size_t start = static_cast<std::size_t>(q.page - 1) * q.pageSize;
    const std::size_t end = std::min(ref.tab.size(), start + q.pageSize);
    REQUIRE(got.items.size() == (start < end ? end - start : 0));
    for (std::size_t k = 0; k < got.items.size(); ++k) {
        INFO("rank " << start + k);
        CHECK(got.items[k].id == ref.tab[start + k].first);
        CHECK(got.items[k].effortBasisPoints == ref.tab[start + k].second);
        CHECK(idx.offer(got.items[k].index).id == got.items[k].id);
    }
}

std::string queryText(const SearchQuery& q) {
    std::string s;
    for (const auto& [k, v] : queryToParams(q)) s += k + "=" + v + "&";
    return s;
}

const RegistryRequest& porte() {
    return registry()[0];
}

// An offer of the catalogue in the applicant's areas (open, deadline ahead)
// whose verdict is `rule`, or nullptr.
const Offer* refusedFor(const SearchContext& ctx, dom::EligibilityRule rule) {
    for (const Offer& o : catalogue()) {
        if (o.status != OfferStatus::Open || ctx.areas.tabOf(o.insee) == OfferTab::None) continue;
        if (dom::check(ctx.profile, factsOf(o)).rule == rule) return &o;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("offer search: results equal the brute-force reference for many random queries") {
    SeedRng rng(777);
    int queries = 0, nonEmpty = 0;
    for (const RegistryRequest* r : applicants()) {
        const dom::EligibilityProfile profile = profileOf(*r);
        const SearchContext ctx = index().makeContext(profile, r->requestedCommunes);
        const OfferAreas areas = geo().offerAreas(r->requestedCommunes);
        SearchResult reused;  // the buffer-reusing overload, across queries
        for (int k = 0; k < 80; ++k) {
            SearchQuery q = k == 0 ? SearchQuery{} : randomQuery(rng);
            INFO("request " << r->numeroUnique << " query " << queryText(q));
            const Reference ref = bruteForce(catalogue(), areas, profile, q, today());
            index().search(ctx, q, today(), reused);
            requireSameAsReference(reused, ref, q);
            requireSameAsReference(index().search(ctx, q, today()), ref, q);
            ++queries;
            nonEmpty += reused.items.empty() ? 0 : 1;
        }
    }
    MESSAGE(queries << " random queries compared with the brute force, " << nonEmpty << " with a non-empty page");
    CHECK(nonEmpty > queries / 2);
}

TEST_CASE("offer search: the three tabs partition the eligible offers of the applicant's areas") {
    for (const RegistryRequest* r : applicants()) {
        INFO("request " << r->numeroUnique);
        const dom::EligibilityProfile profile = profileOf(*r);
        const SearchContext ctx = index().makeContext(profile, r->requestedCommunes);
        const OfferAreas areas = geo().offerAreas(r->requestedCommunes);
        std::map<std::int64_t, SearchTab> seen;
        for (int t = 0; t < kSearchTabCount; ++t) {
            SearchQuery q;
            q.tab = static_cast<SearchTab>(t);
            q.pageSize = kMaxPageSize;
            SearchResult res = index().search(ctx, q, today());
            std::size_t listed = 0;
            for (q.page = 1; q.page <= std::max(1, res.pages); ++q.page) {
                res = index().search(ctx, q, today());
                for (const SearchItem& item : res.items) {
                    CHECK(seen.emplace(item.id, q.tab).second);  // in exactly one tab
                    ++listed;
                }
            }
            CHECK(listed == res.total);
        }
        // Exactly the open, eligible offers of the areas, each in its commune's tab.
        std::size_t expected = 0;
        for (const Offer& o : catalogue()) {
            const std::optional<SearchTab> tab = searchTabFromOfferTab(areas.tabOf(o.insee));
            const bool eligible = o.status == OfferStatus::Open && o.deadline >= kToday && tab &&
                                  dom::check(profile, factsOf(o)).eligible();
            if (!eligible) {
                CHECK(seen.count(o.id) == 0);
                continue;
            }
            ++expected;
            REQUIRE(seen.count(o.id) == 1);
            CHECK(seen[o.id] == *tab);
        }
        CHECK(seen.size() == expected);
    }
}

TEST_CASE("offer search: Anne PORTE sees offers in all three tabs, neighbours across departments included") {
    const dom::EligibilityProfile profile = profileOf(porte());
    const SearchContext ctx = index().makeContext(profile, porte().requestedCommunes);
    const SearchResult res = index().search(ctx, SearchQuery{}, today());
    CHECK(res.tabCounts[0] >= 6);
    CHECK(res.tabCounts[1] >= 6);
    CHECK(res.tabCounts[2] >= 6);
    // Paris is in the Métropole du Grand Paris: its neighbours include Seine-Saint-Denis
    // and Val-de-Marne, which are not departments of her requested communes (75, 92, 78).
    SearchQuery q;
    q.tab = SearchTab::Neighbours;
    q.pageSize = kMaxPageSize;
    std::set<std::string> depts;
    const SearchResult first = index().search(ctx, q, today());
    for (q.page = 1; q.page <= first.pages; ++q.page)
        for (const SearchItem& item : index().search(ctx, q, today()).items)
            depts.insert(index().offer(item.index).dept);
    CHECK(depts.count("93") == 1);
    CHECK(depts.count("94") == 1);
    for (const std::string& d : ctx.areas.departments()) CHECK((d == "75" || d == "92" || d == "78"));
    // A search does not visit the whole catalogue: only the communes of the three tabs.
    std::size_t visited = 0;
    for (const auto& list : ctx.communes) visited += list.size();
    CHECK(visited < geo().communes().size() / 10);
}

TEST_CASE("offer search: nearest to the workplace first, with the distance on each card") {
    const dom::EligibilityProfile profile = profileOf(porte());
    // Anne PORTE works in Paris (the guide's example): Paris offers first, then
    // Vanves, Malakoff... before the Yvelines.
    REQUIRE(porte().applicant.workplaceInsee == "75056");
    const SearchContext ctx = index().makeContext(profile, porte().requestedCommunes, "75056");
    REQUIRE(ctx.workplace >= 0);
    for (SearchTab tab : {SearchTab::Requested, SearchTab::Neighbours, SearchTab::Department}) {
        SearchQuery q;
        q.tab = tab;
        q.sort = SearchSort::DistanceNearest;
        q.pageSize = kMaxPageSize;
        const SearchResult first = index().search(ctx, q, today());
        REQUIRE(first.total > 0);
        std::int32_t previous = -1;
        std::size_t seen = 0;
        for (q.page = 1; q.page <= first.pages; ++q.page)
            for (const SearchItem& item : index().search(ctx, q, today()).items) {
                const Offer& o = index().offer(item.index);
                CHECK(item.sameCommune == (o.insee == "75056"));
                REQUIRE_MESSAGE(item.distanceMeters >= 0, o.insee);
                CHECK_MESSAGE(item.distanceMeters >= previous, o.insee);  // nearest first
                CHECK(item.distanceMeters < 120'000);                     // Île-de-France
                previous = item.distanceMeters;
                ++seen;
            }
        CHECK(seen == first.total);
    }
    // The card says it in words; without a workplace, nothing is said or sorted.
    SearchQuery q;
    q.sort = SearchSort::DistanceNearest;
    const SearchResult res = index().search(ctx, q, today());
    REQUIRE(!res.items.empty());
    CHECK(res.workplace == ctx.workplace);
    const nlohmann::json card = resultToJson(index(), q, res)["items"][0];
    CHECK(card["distanceText"] == "Dans la commune de votre lieu de travail");
    CHECK(resultToJson(index(), q, res)["workplace"]["name"] == "Paris");
    CHECK(distanceCardText(12'400, false) == "À environ 12\u00A0km de votre lieu de travail");
    CHECK(distanceCardText(300, false) == "À environ 1\u00A0km de votre lieu de travail");
    CHECK(distanceCardText(-1, false).empty());
    const SearchContext nowhere = index().makeContext(profile, porte().requestedCommunes);
    const SearchResult plain = index().search(nowhere, q, today());
    CHECK(plain.workplace == -1);
    CHECK(resultToJson(index(), q, plain)["workplace"].is_null());
    for (const SearchItem& item : plain.items) CHECK(item.distanceMeters == -1);
    // The sort is a query parameter like the others.
    const ParsedQuery parsed = queryFromJson(std::map<std::string, std::string>{{"sort", "distance"}});
    REQUIRE(parsed.ok());
    CHECK(parsed.query.sort == SearchSort::DistanceNearest);
}

TEST_CASE("offer search: paging is consistent") {
    const dom::EligibilityProfile profile = profileOf(porte());
    const SearchContext ctx = index().makeContext(profile, porte().requestedCommunes);
    for (SearchSort sort : {SearchSort::PriceAsc, SearchSort::SurfaceDesc, SearchSort::PublishedNewest}) {
        SearchQuery all;
        all.tab = SearchTab::Department;
        all.sort = sort;
        all.pageSize = kMaxPageSize;
        const SearchResult whole = index().search(ctx, all, today());
        REQUIRE(whole.total > 7);
        std::vector<std::int64_t> big;
        for (all.page = 1; all.page <= whole.pages; ++all.page)
            for (const SearchItem& i : index().search(ctx, all, today()).items) big.push_back(i.id);
        REQUIRE(big.size() == whole.total);

        SearchQuery small = all;
        small.pageSize = 7;
        std::vector<std::int64_t> pieces;
        int pages = 0;
        for (small.page = 1;; ++small.page) {
            const SearchResult r = index().search(ctx, small, today());
            pages = r.pages;
            CHECK(r.tabCounts == whole.tabCounts);
            CHECK(r.page == small.page);
            if (r.items.empty()) break;
            CHECK(r.items.size() == (small.page < r.pages ? 7u : whole.total - 7u * (r.pages - 1)));
            for (const SearchItem& i : r.items) pieces.push_back(i.id);
        }
        CHECK(small.page == pages + 1);  // the page after the last is empty, with the counts
        CHECK(pieces == big);
    }
    // No result: no page.
    SearchQuery none;
    none.priceMaxEuros = 0;
    const SearchResult empty = index().search(ctx, none, today());
    CHECK(empty.total == 0);
    CHECK(empty.pages == 0);
    CHECK(empty.items.empty());
    CHECK(empty.tabCounts == std::array<std::uint32_t, 3>{0, 0, 0});
}

TEST_CASE("offer search: filters") {
    const dom::EligibilityProfile profile = profileOf(porte());
    const SearchContext ctx = index().makeContext(profile, porte().requestedCommunes);
    auto every = [&](SearchQuery q, auto&& predicate) {
        q.pageSize = kMaxPageSize;
        const SearchResult first = index().search(ctx, q, today());
        std::size_t n = 0;
        for (q.page = 1; q.page <= first.pages; ++q.page)
            for (const SearchItem& i : index().search(ctx, q, today()).items) {
                CHECK(predicate(index().offer(i.index)));
                ++n;
            }
        return n;
    };
    SearchQuery q;
    q.tab = SearchTab::Department;
    const std::size_t all = every(q, [](const Offer&) { return true; });
    q.roomsMask = 1u << 3;
    const std::size_t t3 = every(q, [](const Offer& o) { return o.typology == 3; });
    q.roomsMask = (1u << 3) | (1u << 4);
    const std::size_t t34 = every(q, [](const Offer& o) { return o.typology == 3 || o.typology == 4; });
    CHECK(t3 > 0);
    CHECK(t3 < t34);
    CHECK(t34 <= all);
    q = {};
    q.tab = SearchTab::Department;
    q.house = true;
    const std::size_t houses = every(q, [](const Offer& o) { return o.kind == DwellingKind::House; });
    q.house = false;
    q.apartment = true;
    const std::size_t apartments = every(q, [](const Offer& o) { return o.kind == DwellingKind::Apartment; });
    q.house = true;  // both: no kind filter
    CHECK(every(q, [](const Offer&) { return true; }) == all);
    CHECK(houses + apartments == all);
    q = {};
    q.tab = SearchTab::Department;
    q.pmr = true;
    every(q, [](const Offer& o) { return o.reducedMobility; });
    q = {};
    q.tab = SearchTab::Department;
    q.priceMinEuros = 600;
    q.priceMaxEuros = 900;
    q.sort = SearchSort::PriceAsc;
    const std::size_t priced =
        every(q, [](const Offer& o) { return o.totalCents() >= 60000 && o.totalCents() <= 90000; });
    CHECK(priced > 0);
    // Sorted: price ascending on the first page.
    q.pageSize = kMaxPageSize;
    const SearchResult r = index().search(ctx, q, today());
    for (std::size_t k = 1; k < r.items.size(); ++k)
        CHECK(index().offer(r.items[k - 1].index).totalCents() <= index().offer(r.items[k].index).totalCents());
}

TEST_CASE("offer search: only open offers whose deadline is not past") {
    const dom::EligibilityProfile profile = profileOf(porte());
    const SearchContext ctx = index().makeContext(profile, porte().requestedCommunes);
    SearchQuery q;
    q.pageSize = kMaxPageSize;
    const SearchResult now = index().search(ctx, q, today());
    // Ten days later every generated offer's deadline (publication + 7) is past.
    const SearchResult later = index().search(ctx, q, today() + 10);
    CHECK(now.total > 0);
    CHECK(later.tabCounts == std::array<std::uint32_t, 3>{0, 0, 0});
    for (const SearchItem& i : now.items) {
        const Offer& o = index().offer(i.index);
        CHECK(o.status == OfferStatus::Open);
        CHECK(o.deadline >= std::string(kToday));
    }
    CHECK(searchDayFromUnix(dom::unixFromCivil({2026, 11, 26}) + 86399) == today());
    CHECK(searchDayFromUnix(-1) == -1);
    CHECK_FALSE(searchDayFromIso("2026-13-01").has_value());
}

TEST_CASE("offer search: why an offer is or is not shown") {
    const dom::EligibilityProfile profile = profileOf(porte());
    OfferIndex idx(catalogue(), geo());
    const SearchContext ctx = idx.makeContext(profile, porte().requestedCommunes);

    SUBCASE("unknown offer") {
        const OfferExplanation e = idx.explain(ctx, 99'999'999, today());
        CHECK(e.visibility == OfferVisibility::UnknownOffer);
        CHECK(e.message == "Cette offre n'existe pas ou n'est plus publiée.");
        CHECK(explanationToJson(99'999'999, e)["visibility"] == "unknown");
    }
    SUBCASE("not in the areas") {
        const auto it =
            std::find_if(catalogue().begin(), catalogue().end(), [](const Offer& o) { return o.dept == "29"; });
        REQUIRE(it != catalogue().end());
        const OfferExplanation e = idx.explain(ctx, it->id, today());
        CHECK(e.visibility == OfferVisibility::NotInAreas);
        CHECK_FALSE(e.tab.has_value());
        CHECK(e.message.find(it->address.commune + " (29)") != std::string::npos);
    }
    SUBCASE("closed, and deadline past") {
        const auto closed = std::find_if(catalogue().begin(), catalogue().end(), [&](const Offer& o) {
            return o.status == OfferStatus::Closed && ctx.areas.tabOf(o.insee) != OfferTab::None;
        });
        REQUIRE(closed != catalogue().end());
        const OfferExplanation e = idx.explain(ctx, closed->id, today());
        CHECK(e.visibility == OfferVisibility::Closed);
        CHECK(e.tab.has_value());
        CHECK(e.message == "Cette offre est clôturée\u00A0: il n'est plus possible d'y candidater.");

        Offer late = catalogue()[0];  // a guaranteed, eligible offer in Paris
        REQUIRE(idx.explain(ctx, late.id, today()).visibility == OfferVisibility::Listed);
        late.id = 5'000'001;
        late.deadline = "2026-11-25";
        REQUIRE(idx.add(late));
        const OfferExplanation past = idx.explain(ctx, late.id, today());
        CHECK(past.visibility == OfferVisibility::DeadlinePast);
        CHECK(past.message == "La date limite de candidature de cette offre (25/11/2026) est dépassée.");
        CHECK(idx.explain(ctx, late.id, today() - 1).visibility == OfferVisibility::Listed);  // the deadline day counts
    }
    SUBCASE("each failing rule is named with its figures") {
        using R = dom::EligibilityRule;
        for (R rule : {R::IncomeAboveCeiling, R::TypologyTooSmall, R::TypologyTooLarge, R::RentEffortTooHigh}) {
            const Offer* o = refusedFor(ctx, rule);
            REQUIRE(o != nullptr);
            INFO("offer " << o->id);
            const OfferExplanation e = idx.explain(ctx, o->id, today());
            if (o->deadline < std::string(kToday)) continue;
            CHECK(e.visibility == OfferVisibility::NotEligible);
            CHECK(e.verdict.rule == rule);
            CHECK(e.verdict == dom::check(profile, factsOf(*o)));
            CHECK(e.message == dom::explainVerdict(profile, factsOf(*o), e.verdict));
            const nlohmann::json j = explanationToJson(o->id, e);
            CHECK(j["visibility"] == "not_eligible");
            CHECK(j["value"] == e.verdict.value);
            CHECK(j["limit"] == e.verdict.limit);
        }
        const Offer* income = refusedFor(ctx, R::IncomeAboveCeiling);
        const OfferExplanation e = idx.explain(ctx, income->id, today());
        CHECK(e.message.find("Vos revenus 2023\u00A0: 46" NBSP "300" NBSP "€") == 0);
        CHECK(explanationToJson(income->id, e)["rule"] == "income_above_ceiling");
        const Offer* small = refusedFor(ctx, R::TypologyTooSmall);
        CHECK(idx.explain(ctx, small->id, today()).message.find("trop petit") != std::string::npos);
        const Offer* effort = refusedFor(ctx, R::RentEffortTooHigh);
        CHECK(idx.explain(ctx, effort->id, today()).message.find("de vos ressources") != std::string::npos);
    }
    SUBCASE("eligible: listed in its tab, or hidden by a filter") {
        const SearchResult res = idx.search(ctx, SearchQuery{}, today());
        REQUIRE(!res.items.empty());
        const Offer& o = idx.offer(res.items[0].index);
        const OfferExplanation e = idx.explain(ctx, o.id, today());
        CHECK(e.visibility == OfferVisibility::Listed);
        CHECK(e.tab == SearchTab::Requested);
        CHECK(e.message.find("Communes demandées") != std::string::npos);
        CHECK(e.message.find("Vous remplissez les conditions") != std::string::npos);
        SearchQuery q;
        q.roomsMask = static_cast<std::uint8_t>(0x7E & ~(1u << o.typology));
        const OfferExplanation hidden = idx.explain(ctx, o.id, today(), &q);
        CHECK(hidden.visibility == OfferVisibility::FilteredOut);
        CHECK(hidden.filter == "rooms");
        CHECK(hidden.message.find("nombre de pièces") != std::string::npos);
        q = {};
        q.priceMaxEuros = o.totalCents() / 100 - 1;
        CHECK(idx.explain(ctx, o.id, today(), &q).filter == "price");
        q = {};
        q.tab = SearchTab::Department;  // another tab is not a filter
        CHECK(idx.explain(ctx, o.id, today(), &q).visibility == OfferVisibility::Listed);
    }
}

TEST_CASE("offer search: adding offers and updating their applications and status") {
    const dom::EligibilityProfile profile = profileOf(porte());
    OfferIndex idx(catalogue(), geo());
    const SearchContext ctx = idx.makeContext(profile, porte().requestedCommunes);
    const SearchResult before = idx.search(ctx, SearchQuery{}, today());

    Offer added = catalogue()[0];  // eligible, in Paris (a requested commune)
    added.id = 7'000'000;
    added.rentCents = 100;  // the cheapest: first by price
    added.chargesCents = 0;
    CHECK(idx.add(added));
    CHECK_FALSE(idx.add(added));  // the id exists already
    CHECK(idx.size() == catalogue().size() + 1);
    SearchQuery byPrice;
    byPrice.sort = SearchSort::PriceAsc;
    SearchResult after = idx.search(ctx, byPrice, today());
    CHECK(after.tabCounts[0] == before.tabCounts[0] + 1);
    CHECK(after.tabCounts[1] == before.tabCounts[1]);
    REQUIRE(!after.items.empty());
    CHECK(after.items[0].id == added.id);

    CHECK(idx.setApplications(added.id, 321));
    CHECK(offerCardJson(idx, after.items[0])["applicationsCount"] == 321);
    CHECK(idx.setStatus(added.id, OfferStatus::Closed));
    after = idx.search(ctx, SearchQuery{}, today());
    CHECK(after.tabCounts == before.tabCounts);
    CHECK(idx.explain(ctx, added.id, today()).visibility == OfferVisibility::Closed);
    CHECK(idx.setStatus(added.id, OfferStatus::Open));
    CHECK(idx.search(ctx, SearchQuery{}, today()).tabCounts[0] == before.tabCounts[0] + 1);
    CHECK_FALSE(idx.setApplications(123'456'789, 1));
    CHECK_FALSE(idx.setStatus(123'456'789, OfferStatus::Open));

    // An offer in an unknown commune is kept but never listed.
    Offer nowhere = added;
    nowhere.id = 7'000'001;
    nowhere.insee = "99999";
    CHECK(idx.add(nowhere));
    CHECK(idx.find(nowhere.id) != nullptr);
    CHECK(idx.explain(ctx, nowhere.id, today()).visibility == OfferVisibility::NotInAreas);
    CHECK(idx.indexMemoryBytes() > 0);
}

TEST_CASE("offer search: query-string parameters") {
    SUBCASE("defaults") {
        const ParsedQuery p = queryFromJson(std::map<std::string, std::string>{});
        CHECK(p.ok());
        CHECK(p.query == SearchQuery{});
        CHECK(p.query.pageSize == 20);
        CHECK(p.query.sort == SearchSort::PublishedNewest);
        CHECK(queryFromJson(std::map<std::string, std::string>{{"sort", "newest"}}).query.sort ==
              SearchSort::PublishedNewest);
        CHECK(queryFromJson(std::map<std::string, std::string>{{"sort", "published"}}).query.sort ==
              SearchSort::PublishedNewest);
        CHECK(queryFromJson(std::map<std::string, std::string>{{"tab", "others"}}).query.tab == SearchTab::Department);
        CHECK(queryFromJson(std::map<std::string, std::string>{{"tab", "department"}}).query.tab ==
              SearchTab::Department);
    }
    SUBCASE("every parameter") {
        const ParsedQuery p = queryFromJson(std::map<std::string, std::string>{{"tab", "neighbours"},
                                                                               {"rooms", "2,3"},
                                                                               {"house", "1"},
                                                                               {"apartment", "0"},
                                                                               {"pmr", "true"},
                                                                               {"priceMin", "400"},
                                                                               {"priceMax", "900"},
                                                                               {"sort", "price_desc"},
                                                                               {"page", "3"},
                                                                               {"pageSize", "50"},
                                                                               {"utm_source", "x"}});
        REQUIRE(p.ok());
        CHECK(p.query.tab == SearchTab::Neighbours);
        CHECK(p.query.roomsMask == ((1u << 2) | (1u << 3)));
        CHECK(p.query.house);
        CHECK_FALSE(p.query.apartment);
        CHECK(p.query.pmr);
        CHECK(p.query.priceMinEuros == 400);
        CHECK(p.query.priceMaxEuros == 900);
        CHECK(p.query.sort == SearchSort::PriceDesc);
        CHECK(p.query.page == 3);
        CHECK(p.query.pageSize == 50);
        CHECK(queryFromJson(queryToParams(p.query)).query == p.query);
    }
    SUBCASE("rooms") {
        auto rooms = [](const char* v) { return queryFromJson(std::map<std::string, std::string>{{"rooms", v}}); };
        CHECK(rooms("5+").query.roomsMask == ((1u << 5) | (1u << 6)));
        CHECK(rooms("5 et plus").query.roomsMask == ((1u << 5) | (1u << 6)));
        CHECK(rooms("T1, t2,").query.roomsMask == ((1u << 1) | (1u << 2)));
        CHECK(rooms("6").query.roomsMask == (1u << 6));
        // The client's last choice "5 et plus" is sent as 5 (docs/offers-api.md); T5 alone is "T5".
        CHECK(rooms("1,5").query.roomsMask == ((1u << 1) | (1u << 5) | (1u << 6)));
        CHECK(rooms("T5").query.roomsMask == (1u << 5));
        for (std::uint8_t mask : {std::uint8_t(1u << 5), std::uint8_t(1u << 6), std::uint8_t((1u << 5) | (1u << 6)),
                                  std::uint8_t(0x7E), std::uint8_t((1u << 2) | (1u << 6))}) {
            SearchQuery q;
            q.roomsMask = mask;
            CHECK(queryFromJson(queryToParams(q)).query.roomsMask == mask);
        }
        for (const char* bad : {"0", "7", "deux", "2;3", "-1", "T", "+"}) {
            INFO(bad);
            const ParsedQuery p = rooms(bad);
            REQUIRE(p.errors.size() == 1);
            CHECK(p.errors[0].field == "rooms");
            CHECK(p.errors[0].key == "offers.error.rooms");
            CHECK(p.errors[0].message.find("Nombre de pièces invalide") == 0);
        }
    }
    SUBCASE("bad values give French errors on their field") {
        const ParsedQuery p = queryFromJson(std::map<std::string, std::string>{{"tab", "voisins"},
                                                                               {"house", "peut-être"},
                                                                               {"priceMin", "-5"},
                                                                               {"priceMax", "abc"},
                                                                               {"sort", "cheapest"},
                                                                               {"page", "0"},
                                                                               {"pageSize", "101"}});
        CHECK_FALSE(p.ok());
        std::map<std::string, std::string> byField;
        for (const QueryError& e : p.errors) byField[e.field] = e.key;
        CHECK(byField["tab"] == "offers.error.tab");
        CHECK(byField["house"] == "offers.error.flag");
        CHECK(byField["priceMin"] == "offers.error.price");
        CHECK(byField["priceMax"] == "offers.error.price");
        CHECK(byField["sort"] == "offers.error.sort");
        CHECK(byField["page"] == "offers.error.page");
        CHECK(byField["pageSize"] == "offers.error.page_size");
        for (const QueryError& e : p.errors) CHECK(e.message.find("offers.") == std::string::npos);  // translated
        const ParsedQuery order =
            queryFromJson(std::map<std::string, std::string>{{"priceMin", "900"}, {"priceMax", "400"}});
        REQUIRE(order.errors.size() == 1);
        CHECK(order.errors[0].field == "priceMax");
        CHECK(order.errors[0].message == "Le prix maximum doit être supérieur ou égal au prix minimum.");
        CHECK_FALSE(queryFromJson(std::map<std::string, std::string>{{"priceMax", "100001"}}).ok());
        CHECK_FALSE(queryFromJson(std::map<std::string, std::string>{{"page", "1.5"}}).ok());
        CHECK(queryFromJson(std::map<std::string, std::string>{{"pageSize", "100"}}).ok());
    }
    SUBCASE("JSON object") {
        const ParsedQuery p =
            queryFromJson(nlohmann::json{{"tab", 3}, {"rooms", {2, "5+"}}, {"pmr", true}, {"priceMax", 800}});
        REQUIRE(p.ok());
        CHECK(p.query.tab == SearchTab::Department);
        CHECK(p.query.roomsMask == ((1u << 2) | (1u << 5) | (1u << 6)));
        CHECK(p.query.pmr);
        CHECK(p.query.priceMaxEuros == 800);
        CHECK_FALSE(queryFromJson(nlohmann::json{{"pageSize", 2.5}}).ok());
        CHECK_FALSE(queryFromJson(nlohmann::json::array()).ok());
    }
}

TEST_CASE("offer search: list-card JSON") {
    CHECK(effortCardText(2450) == "Taux d'effort\u00A0: 24,5" NBSP "%");
    CHECK(effortCardText(2400) == "Taux d'effort\u00A0: 24,0" NBSP "%");
    CHECK(effortCardText(2447) == "Taux d'effort\u00A0: 24,5" NBSP "%");
    CHECK(effortCardText(-1) == "Taux d'effort\u00A0: non calculable");
    CHECK(centsCardText(81240) == "812,40" NBSP "€");
    CHECK(centsCardText(120000) == "1" NBSP "200,00" NBSP "€");

    const dom::EligibilityProfile profile = profileOf(porte());
    const SearchContext ctx = index().makeContext(profile, porte().requestedCommunes);
    SearchQuery q;
    q.pageSize = kMaxPageSize;
    const SearchResult res = index().search(ctx, q, today());
    const nlohmann::json j = resultToJson(index(), q, res);
    CHECK(j["tab"] == "requested");
    CHECK(j["sort"] == "newest");
    CHECK(j["total"] == res.total);
    CHECK(j["pages"] == res.pages);
    REQUIRE(j["tabs"].size() == 3);
    CHECK(j["tabs"][0]["label"] == "Communes demandées");
    CHECK(j["tabs"][1]["key"] == "neighbours");
    CHECK(j["tabs"][1]["label"] == "Communes limitrophes");
    CHECK(j["tabs"][2]["key"] == "others");
    CHECK(j["tabs"][2]["label"] == "Autres communes du département");
    for (int t = 0; t < 3; ++t) CHECK(j["tabs"][t]["count"] == res.tabCounts[t]);
    REQUIRE(j["items"].size() == res.items.size());
    bool sawBoulogne = false;
    for (std::size_t k = 0; k < res.items.size(); ++k) {
        const nlohmann::json& card = j["items"][k];
        const Offer& o = index().offer(res.items[k].index);
        CHECK(card["id"] == o.id);
        CHECK(card["totalCents"] == o.totalCents());
        CHECK(card["totalText"] == centsCardText(o.totalCents()) + " charges comprises");
        CHECK(card["rentText"] == centsCardText(o.rentCents));
        CHECK(card["effortText"] == effortCardText(res.items[k].effortBasisPoints));
        CHECK(card["kind"] == (o.kind == DwellingKind::House ? "Maison" : "Appartement"));
        CHECK(card["landlord"] == o.landlord);
        CHECK(card["applicationsCount"] == o.applications);
        CHECK(card["deadlineText"].get<std::string>().size() == 10);
        if (o.insee == "92012") {
            sawBoulogne = true;
            CHECK(card["title"] ==
                  "T" + std::to_string(o.typology) + " - Boulogne-Billancourt (" + o.address.postcode + ")");
            CHECK(card["postcode"] == o.address.postcode);
            CHECK(card["commune"] == "Boulogne-Billancourt");
            CHECK(card["departmentName"] == "Hauts-de-Seine");
        }
        for (const char* key : {"typology", "surface", "chargesText", "rentCents", "chargesCents", "funding",
                                "availableText", "kind", "house", "apartment", "pmr", "deadline", "applicationsText"})
            CHECK(card.contains(key));
    }
    CHECK(sawBoulogne);
}

TEST_CASE("offer search: an applicant's eligible set follows added, closed and reopened offers") {
    // A context searched once keeps its eligible offers (EligibleSet); offers
    // added, closed or reopened afterwards must show in its next searches
    // exactly as in a fresh brute force over the whole catalogue.
    OfferIndex idx(catalogue(), geo());
    std::vector<Offer> all = catalogue();
    SeedRng rng(4242);
    for (const RegistryRequest* r : {&registry()[0], &registry()[1], &registry()[29 * 3]}) {
        const dom::EligibilityProfile profile = profileOf(*r);
        const SearchContext ctx = idx.makeContext(profile, r->requestedCommunes);
        const OfferAreas areas = geo().offerAreas(r->requestedCommunes);
        for (int round = 0; round < 6; ++round) {
            // Add offers copied from the catalogue (so in every tab and of every
            // verdict) under new ids, close some and reopen some.
            for (int k = 0; k < 40; ++k) {
                Offer o = catalogue()[rng.below(catalogue().size())];
                o.id = 9'000'000 + static_cast<std::int64_t>(all.size());
                o.status = OfferStatus::Open;
                REQUIRE(idx.add(o));
                all.push_back(o);
            }
            for (int k = 0; k < 60; ++k) {
                Offer& o = all[rng.below(all.size())];
                o.status = o.status == OfferStatus::Open ? OfferStatus::Closed : OfferStatus::Open;
                REQUIRE(idx.setStatus(o.id, o.status));
            }
            for (int k = 0; k < 12; ++k) {
                const SearchQuery q = k == 0 ? SearchQuery{} : randomQuery(rng);
                INFO("request " << r->numeroUnique << " round " << round << " query " << queryText(q));
                requireSameAsReference(idx.search(ctx, q, today()), bruteForce(all, areas, profile, q, today()), q,
                                       idx);
            }
        }
    }
}

TEST_CASE("offer search: the eligible sets' cache is bounded and belongs to one index") {
    const dom::EligibilityProfile profile = profileOf(porte());
    OfferIndex idx(catalogue(), geo());
    const OfferAreas areas = geo().offerAreas(porte().requestedCommunes);
    const Reference ref = bruteForce(catalogue(), areas, profile, SearchQuery{}, today());
    {
        const SearchContext ctx = idx.makeContext(profile, porte().requestedCommunes);
        requireSameAsReference(idx.search(ctx, SearchQuery{}, today()), ref, SearchQuery{}, idx);
        CHECK(idx.eligibleCacheBytes() > 0);
        CHECK(ctx.eligible.get() != nullptr);
        // A copy of the context starts without a set.
        const SearchContext copy = ctx;
        CHECK(copy.eligible.get() == nullptr);
    }
    CHECK(idx.eligibleCacheBytes() == 0);  // the context is gone: so is its set

    // No budget: nothing is kept, every search builds its set and gives the same answer.
    idx.setEligibleCacheBudget(0);
    const SearchContext ctx = idx.makeContext(profile, porte().requestedCommunes);
    requireSameAsReference(idx.search(ctx, SearchQuery{}, today()), ref, SearchQuery{}, idx);
    CHECK(ctx.eligible.get() == nullptr);
    CHECK(idx.eligibleCacheBytes() == 0);

    // One context searched in two indexes (a copy, then changed): each answers for its own offers.
    idx.setEligibleCacheBudget(std::int64_t{64} << 20);
    OfferIndex other = idx;
    Offer added = catalogue()[0];  // eligible, in Paris
    added.id = 8'000'000;
    REQUIRE(other.add(added));
    const std::uint32_t here = idx.search(ctx, SearchQuery{}, today()).tabCounts[0];
    CHECK(other.search(ctx, SearchQuery{}, today()).tabCounts[0] == here + 1);
    CHECK(idx.search(ctx, SearchQuery{}, today()).tabCounts[0] == here);
}
