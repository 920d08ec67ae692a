// "Les offres" (guide §5) on the server: the offers an applicant is eligible
// for, in three tabs ("Communes demandées", "Communes limitrophes", "Autres
// communes du département"), filtered, sorted and paged, with the three tab
// counts on every answer, and "why don't I see this offer?" for any offer id.
//
// An offer is listed when ALL of:
//   - it is open (OfferStatus::Open) and its application deadline is not past
//     (deadline >= today; an offer without a readable deadline has none);
//   - its commune is in one of the applicant's three areas (OfferAreas of the
//     requested communes: the requested communes, the other members of their
//     EPCI - even in another department - and the rest of their departments);
//   - the household is eligible: domain::check() (income under the ceiling of
//     the offer's loan and zone for the household's category, typology in the
//     household's range, rent effort under the configured maximum);
//   - it passes the query's filters (rooms, house / apartment, PMR, price).
//
// Cost: OfferIndex keeps compact per-offer columns (zone, loan, rooms, rent and
// charges in cents, surface, dates as day numbers, flags) and the offers of each
// commune. The first search of an applicant's SearchContext reads the offers of
// the communes of its three tabs once, runs check() on each and keeps the
// eligible ones as compact entries (EligibleSet, in the context); later searches
// walk only those entries (filters, status, deadline), read the offers added
// since, and select and sort only the page asked for. No allocation per offer
// once warm: one reusable per-thread buffer.
//
// Threads: search / explain / the JSON helpers are const and may run in
// parallel; add / setApplications / setStatus need exclusive access (the caller
// holds a std::shared_mutex or equivalent). Portable (native and wasm).
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/eligibility.h"
#include "reference/geography.h"
#include "reference/offer_types.h"

namespace alin {

// ---------------------------------------------------------------- query and result

enum class SearchTab : std::uint8_t { Requested = 0, Neighbours = 1, Department = 2 };
inline constexpr int kSearchTabCount = 3;
std::string_view searchTabCode(SearchTab tab);  // "requested", "neighbours", "others" (docs/offers-api.md)
const char* searchTabLabelKey(SearchTab tab);   // catalogue key: "Communes demandées", ...
std::optional<SearchTab> searchTabFromOfferTab(OfferTab tab);

enum class SearchSort : std::uint8_t {
    PriceAsc,          // rent + charges, lowest first
    PriceDesc,         // rent + charges, highest first
    SurfaceDesc,       // largest first
    AvailableSoonest,  // availability date, earliest first
    DeadlineSoonest,   // application deadline, soonest first
    PublishedNewest,   // publication date, newest first (the default)
    DistanceNearest,   // distance from the applicant's workplace commune, nearest first
                       // (offers whose distance is unknown last)
};
inline constexpr int kSearchSortCount = 7;
// "price_asc", "price_desc", "surface_desc", "available", "deadline", "newest", "distance"
// (docs/offers-api.md)
std::string_view searchSortCode(SearchSort sort);
const char* searchSortLabelKey(SearchSort sort);  // "Prix croissant", ...

inline constexpr int kDefaultPageSize = 20;
inline constexpr int kMaxPageSize = 100;
inline constexpr int kMaxPage = 1'000'000;
inline constexpr std::int64_t kMaxPriceEuros = 100'000;

struct SearchQuery {
    SearchTab tab = SearchTab::Requested;
    // Rooms wanted: bit r set for Tr (r = 1..6, T6 = six rooms or more); 0 = any.
    // "5 et plus" is bits 5 and 6.
    std::uint8_t roomsMask = 0;
    // Dwelling kind: only houses when house && !apartment, only apartments when
    // apartment && !house; both or neither: both kinds.
    bool house = false;
    bool apartment = false;
    bool pmr = false;  // only "Adapté aux personnes à mobilité réduite"
    // Rent + charges per month, whole euros, inclusive bounds.
    std::optional<std::int64_t> priceMinEuros;
    std::optional<std::int64_t> priceMaxEuros;
    SearchSort sort = SearchSort::PublishedNewest;
    int page = 1;  // 1-based
    int pageSize = kDefaultPageSize;

    void addRooms(int rooms);  // clamps to 1..6
    bool wantsRooms(int rooms) const { return roomsMask == 0 || (roomsMask >> rooms & 1u) != 0; }
    friend bool operator==(const SearchQuery&, const SearchQuery&) = default;
};

struct SearchItem {
    std::uint32_t index = 0;             // into OfferIndex (offer(index))
    std::int64_t id = 0;                 // Offer::id
    std::int32_t effortBasisPoints = 0;  // the applicant's rent effort (2450 = 24,5 %); -1: no resources
    std::int32_t distanceMeters = -1;    // from the applicant's workplace commune; -1: unknown
    bool sameCommune = false;            // the offer is in the workplace commune
};

struct SearchResult {
    // Offers listed in each tab: eligible AND passing the query's filters.
    std::array<std::uint32_t, kSearchTabCount> tabCounts{};
    std::uint32_t total = 0;  // = tabCounts[query tab]
    int page = 1;
    int pageSize = kDefaultPageSize;
    int pages = 0;                  // ceil(total / pageSize); 0 when total is 0
    std::vector<SearchItem> items;  // the page, in the query's order (empty past the last page)
    std::int32_t workplace = -1;    // the applicant's workplace commune (geography index), -1: none
};

// Why an offer is (not) shown to the applicant, first reason in this order.
enum class OfferVisibility : std::uint8_t {
    Listed,        // eligible, in one of the tabs (and passing the filters, when a query was given)
    UnknownOffer,  // no offer with this id
    NotInAreas,    // its commune is in none of the three tabs
    Closed,        // OfferStatus::Closed
    DeadlinePast,  // deadline < today
    NotEligible,   // verdict: the first failing rule with its figures
    FilteredOut,   // eligible but hidden by the query's filter `filter`
};
std::string_view offerVisibilityCode(OfferVisibility v);  // "listed", "unknown", "not_in_areas", ...

struct OfferExplanation {
    OfferVisibility visibility = OfferVisibility::UnknownOffer;
    std::optional<SearchTab> tab;  // when the commune is in the applicant's areas
    domain::Verdict verdict;       // computed whenever the offer is in the areas
    std::string filter;            // FilteredOut: "rooms", "kind", "pmr", "price"
    std::string message;           // French, for the applicant
};

// ---------------------------------------------------------------- applicant context

// One offer of an applicant's tab that the household is eligible for
// (domain::check), with the figures the query's filters read: a search walks
// these compact entries instead of every offer of the applicant's areas.
struct EligibleEntry {
    std::uint32_t index = 0;        // into OfferIndex
    std::int32_t totalCents = 0;    // rent + charges
    std::int32_t deadlineDays = 0;  // INT32_MAX: no deadline
    std::uint16_t surface = 0;
    std::uint16_t communeSlot = 0;  // position of the offer's commune in SearchContext::communes[tab]
    std::uint8_t rooms = 1;
    std::uint8_t flags = 0;  // OfferIndex's house and PMR bits
};

// Per applicant and OfferIndex, what does not change between searches: the
// eligible offers of each tab whatever the query's filters, open or not (the
// status and the deadline are read by each search, so closing or reopening an
// offer needs no rebuild). Offers are only ever appended to an index, so a set
// is brought up to date by reading the offers added since it was built.
struct EligibleSet {
    std::uint64_t indexInstance = 0;  // the OfferIndex that built it
    std::size_t offersSeen = 0;       // offers [0, offersSeen) of that index were read
    std::array<std::vector<EligibleEntry>, kSearchTabCount> tabs;
    std::size_t bytes() const;
    // The index's count of the bytes held by stored sets (its cache budget).
    std::shared_ptr<std::atomic<std::int64_t>> usage;
    std::int64_t counted = 0;  // what this set added to *usage
    EligibleSet() = default;
    EligibleSet(const EligibleSet& other)
        : indexInstance(other.indexInstance), offersSeen(other.offersSeen), tabs(other.tabs) {}
    EligibleSet& operator=(const EligibleSet&) = delete;
    ~EligibleSet();
};

// Where a context keeps its eligible set. A copy of a context starts empty
// (its profile may be changed before it is used).
class EligibleSetSlot {
public:
    EligibleSetSlot() = default;
    EligibleSetSlot(const EligibleSetSlot&) {}
    EligibleSetSlot& operator=(const EligibleSetSlot&) {
        put(nullptr);
        return *this;
    }
    std::shared_ptr<const EligibleSet> get() const {
        std::lock_guard lock(mutex_);
        return set_;
    }
    void put(std::shared_ptr<const EligibleSet> set) const {
        std::lock_guard lock(mutex_);
        set_ = std::move(set);
    }

private:
    mutable std::mutex mutex_;
    mutable std::shared_ptr<const EligibleSet> set_;
};

// Per applicant, computed once (OfferIndex::makeContext) and cached by the
// caller with the request it comes from; valid for the OfferIndex (and its
// Geography) that made it, also after offers are added. Not changed after
// makeContext: the first search stores the applicant's eligible set in it.
struct SearchContext {
    domain::EligibilityProfile profile;
    OfferAreas areas;
    // Geography commune indices of each tab (sorted): what a search visits.
    std::array<std::vector<std::uint32_t>, kSearchTabCount> communes;
    // The workplace commune (geography index) distances are measured from; -1: none.
    std::int32_t workplace = -1;
    EligibleSetSlot eligible;  // filled and kept up to date by OfferIndex::search
};

// Day numbers (days since 1970-01-01) for `today`.
std::optional<std::int32_t> searchDayFromIso(std::string_view iso);  // nullopt when malformed
std::int32_t searchDayFromUnix(std::int64_t unixSeconds);            // UTC date of the instant

// ---------------------------------------------------------------- the index

class OfferIndex {
public:
    OfferIndex() = default;
    // Copies nothing of `geo` but a handle. Offers whose INSEE code is unknown
    // are kept (find, explain) but never listed. Duplicate ids: the first wins.
    OfferIndex(std::vector<Offer> offers, Geography geo);

    std::size_t size() const { return offers_.size(); }
    const Geography& geography() const { return geo_; }
    const Offer& offer(std::uint32_t index) const { return offers_[index]; }
    const Offer* find(std::int64_t id) const;
    std::optional<std::uint32_t> indexOf(std::int64_t id) const;
    domain::OfferFacts facts(std::uint32_t index) const;

    // An offer added by a landlord or an operator: listed by the next search.
    // false (nothing changes) when the id exists already.
    bool add(Offer offer);
    // The number of applications made on an offer / its status; false when unknown.
    bool setApplications(std::int64_t id, int applications);
    bool setStatus(std::int64_t id, OfferStatus status);

    SearchContext makeContext(domain::EligibilityProfile profile, std::span<const std::string> requestedInsee,
                              std::string_view workplaceInsee = {}) const;
    SearchContext makeContext(domain::EligibilityProfile profile, OfferAreas areas,
                              std::string_view workplaceInsee = {}) const;
    // Distance from the context's workplace to an offer's commune (SearchItem's
    // distanceMeters and sameCommune); {-1, false} when either is unknown.
    std::pair<std::int32_t, bool> distanceFromWork(const SearchContext& ctx, std::uint32_t index) const;

    // `todayDays`: searchDayFromIso / searchDayFromUnix. The query is assumed
    // valid (queryFromJson checks it); out-of-range page / pageSize are clamped.
    SearchResult search(const SearchContext& ctx, const SearchQuery& query, std::int32_t todayDays) const;
    // Same, reusing `out`'s buffers (no allocation once warm).
    void search(const SearchContext& ctx, const SearchQuery& query, std::int32_t todayDays, SearchResult& out) const;

    // "Why don't I see this one?". With a query, an eligible offer hidden by its
    // filters is FilteredOut (the tab is not a filter: Listed says which tab).
    OfferExplanation explain(const SearchContext& ctx, std::int64_t offerId, std::int32_t todayDays,
                             const SearchQuery* query = nullptr) const;

    // The applicant's eligible set, up to date (built or extended when needed;
    // stored in the context unless the index's cache budget is spent).
    std::shared_ptr<const EligibleSet> eligibleSet(const SearchContext& ctx) const;
    // Bytes the stored eligible sets may hold in all (default 256 MiB); past it a
    // search builds its set and drops it afterwards. Bytes they hold now.
    void setEligibleCacheBudget(std::int64_t bytes) { eligibleBudget_ = bytes; }
    std::int64_t eligibleCacheBytes() const { return eligibleUsage_->load(); }

    // Approximate heap bytes of the search structures (columns, commune
    // groups, id map), and of the Offer records themselves (strings included).
    std::size_t indexMemoryBytes() const;
    std::size_t offersMemoryBytes() const;

private:
    enum Flag : std::uint8_t { kHouse = 1, kPmr = 2, kOpen = 4 };
    static constexpr std::uint32_t kNoCommune = 0xFFFFFFFFu;

    void indexOffer(std::uint32_t i);
    // Adds offer i to `set` when it is in one of the context's tabs and eligible.
    void considerForSet(const SearchContext& ctx, std::uint32_t i, std::size_t tab, std::uint16_t slot,
                        EligibleSet& set) const;
    std::vector<std::uint32_t>::const_iterator idPosition(std::int64_t id) const;
    const char* failingFilter(std::uint32_t i, const SearchQuery& q) const;

    Geography geo_;
    std::vector<Offer> offers_;
    std::vector<std::uint32_t> byId_;  // offer indices sorted by id (binary search; 4 bytes per offer)
    // Columns, one entry per offer (structure of arrays).
    std::vector<std::int64_t> id_;             // Offer::id
    std::vector<std::uint32_t> commune_;       // geography commune index, kNoCommune when unknown
    std::vector<std::int32_t> rentCents_;      // clamped to 0..1e9
    std::vector<std::int32_t> chargesCents_;   // clamped to 0..1e9
    std::vector<std::uint8_t> zoneLoan_;       // zone | loan << 4
    std::vector<std::uint8_t> rooms_;          // 1..6
    std::vector<std::uint8_t> flags_;          // Flag bits
    std::vector<std::uint16_t> surface_;       // m², clamped to 0..65535
    std::vector<std::int32_t> publishedDays_;  // INT32_MIN when unknown
    std::vector<std::int32_t> deadlineDays_;   // INT32_MAX when unknown (no deadline)
    std::vector<std::int32_t> availableDays_;  // INT32_MAX when unknown
    // Offer indices of each commune, in insertion order.
    std::vector<std::vector<std::uint32_t>> byCommune_;

    // Tells the eligible sets of one index from another's (a copy is another).
    struct InstanceId {
        std::uint64_t value;
        InstanceId();
        InstanceId(const InstanceId&) : InstanceId() {}
        InstanceId& operator=(const InstanceId&) {
            value = InstanceId().value;
            return *this;
        }
    };
    InstanceId instance_;
    std::int64_t eligibleBudget_ = std::int64_t{256} << 20;
    std::shared_ptr<std::atomic<std::int64_t>> eligibleUsage_ = std::make_shared<std::atomic<std::int64_t>>(0);
};

// ---------------------------------------------------------------- JSON

// A bad query value, for the API's error body {code, message, field}.
struct QueryError {
    std::string field;    // the parameter: "rooms", "priceMax", ...
    std::string key;      // catalogue key: "offers.error.rooms"
    std::string message;  // French text of the key
};

struct ParsedQuery {
    SearchQuery query;
    std::vector<QueryError> errors;  // every bad parameter, in a fixed order
    bool ok() const { return errors.empty(); }
};

// From the decoded query string (GET /api/v1/offers?tab=neighbours&rooms=2,3...,
// the contract of docs/offers-api.md):
//   tab       requested | neighbours | others (also department, 1 | 2 | 3); default requested
//   rooms     comma-separated 1..6; a bare 5 is "5 et plus" (T5 and T6), as are "5+"
//             and "5 et plus"; T1..T6 are exact (T5 = T5 alone); 6 = T6 (six or more)
//   house, apartment, pmr   1 / 0 (also true / false, oui / non, on / off; empty = 0)
//   priceMin, priceMax      whole euros 0..100000, rent + charges per month; min <= max
//   sort      price_asc | price_desc | surface_desc | available | deadline | newest (default; alias published)
//   page      1..1000000 (default 1); pageSize 1..100 (default 20)
// Unknown parameters are ignored; empty values mean "default".
ParsedQuery queryFromJson(const std::map<std::string, std::string>& params);
// The same from a JSON object (a POST body: numbers, booleans, strings; rooms may
// be an array of numbers or strings). Not an object: one error on field "".
ParsedQuery queryFromJson(const nlohmann::json& object);
// The query-string parameters of a query (only non-default values): what the
// client sends; queryFromJson(queryToParams(q)).query == q.
std::map<std::string, std::string> queryToParams(const SearchQuery& query);

// The answer of the search endpoint (docs/offers-api.md, plus machine fields):
// {"tab":"requested","sort":"newest","page":1,"pageSize":20,"pages":3,"total":47,
//  "tabs":[{"key":"requested","label":"Communes demandées","count":47},...],
//  "items":[{"id","title":"T3 - Boulogne-Billancourt (92)","commune","insee","department":"92",
//    "departmentName","typology":"T3","rooms","surface","kind":"Appartement","kindCode":"appartement",
//    "house","apartment","pmr","funding":"PLUS","rentCents","chargesCents","totalCents",
//    "rentText":"812,40 €","chargesText","totalText":"912,40 € charges comprises","effortBasisPoints",
//    "effortText":"Taux d'effort : 24,5 %","deadline":"2026-12-01","deadlineText":"01/12/2026",
//    "availableOn","availableText","publishedOn","applicationsCount","applicationsText","landlord"}]}
nlohmann::json resultToJson(const OfferIndex& index, const SearchQuery& query, const SearchResult& result);
// One list card (the item of resultToJson).
nlohmann::json offerCardJson(const OfferIndex& index, const SearchItem& item);
// "2e étage avec ascenseur", "Rez-de-chaussée", "Maison individuelle".
std::string offerFloorText(const Offer& offer);
// "Paris 11e (75011)", "Boulogne-Billancourt (92100)": tells offers of one city apart.
std::string offerPlaceText(std::string_view commune, std::string_view postcode);
// {"id","visibility":"not_eligible","tab":"requested"|null,"rule":"eligibility.rule.income"|null,
//  "value","limit","filter","message"}
nlohmann::json explanationToJson(std::int64_t offerId, const OfferExplanation& explanation);

// "Taux d'effort : 24,5 %" (one decimal, ",0" dropped); "Taux d'effort : non calculable" for -1.
std::string effortCardText(std::int32_t basisPoints);
// "À environ 12 km de votre lieu de travail" (commune centres, whole km, at least 1),
// "Dans la commune de votre lieu de travail"; "" when unknown (-1).
std::string distanceCardText(std::int32_t meters, bool sameCommune);
// "812,40 €" (always two decimals).
std::string centsCardText(std::int64_t cents);

}  // namespace alin
