// Eligible-offer search (offer_search.h): the index, the search, the reasons
// and the list-card JSON (the query parser: offer_query.cpp).
#include "reference/offer_search.h"

#include <algorithm>
#include <charconv>
#include <climits>

#include "domain/dates.h"
#include "domain/format.h"
#include "i18n/catalog.h"

namespace alin {
namespace {

using domain::EligibilityRule;
using domain::Loan;
using domain::Zone;

constexpr std::int64_t kMaxColumnCents = 1'000'000'000;  // 10 million euros a month: beyond any real rent

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string intText(std::int64_t v) {
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

Loan loanOf(Funding f) {
    switch (f) {
        case Funding::PLAI:
            return Loan::PLAI;
        case Funding::PLUS:
            return Loan::PLUS;
        case Funding::PLS:
            return Loan::PLS;
        case Funding::PLI:
            return Loan::PLI;
    }
    return Loan::PLUS;
}

std::optional<std::int32_t> dayOf(std::string_view iso) {
    const std::optional<domain::CivilDate> d = domain::parseIsoDate(iso);
    if (!d) return std::nullopt;
    return static_cast<std::int32_t>(domain::daysFromCivil(*d));
}

// A price bound in cents (`none` when absent), kept far from overflow.
std::int64_t priceCents(const std::optional<std::int64_t>& euros, std::int64_t none) {
    constexpr std::int64_t kLimit = 1'000'000'000'000;
    return euros ? std::clamp(*euros, -kLimit, kLimit) * 100 : none;
}

std::string frenchDate(std::int32_t days) {
    return domain::toFrenchDate(domain::civilFromDays(days));
}

// The per-thread candidate buffer of search(): grows to the largest tab seen, then
// stays (no allocation per offer, none at all once warm).
struct Candidate {
    std::int64_t key;
    std::int64_t id;
    std::uint32_t index;
};
bool operator<(const Candidate& a, const Candidate& b) {
    return a.key != b.key ? a.key < b.key : a.id < b.id;
}

std::vector<Candidate>& candidateBuffer() {
    static thread_local std::vector<Candidate> buffer;
    return buffer;
}

// ---------------------------------------------------------------- query-string parsing helpers

const char* ruleCode(EligibilityRule rule) {
    switch (rule) {
        case EligibilityRule::Eligible:
            return "eligible";
        case EligibilityRule::IncomeAboveCeiling:
            return "income_above_ceiling";
        case EligibilityRule::NoCeilingData:
            return "no_ceiling_data";
        case EligibilityRule::TypologyTooSmall:
            return "typology_too_small";
        case EligibilityRule::TypologyTooLarge:
            return "typology_too_large";
        case EligibilityRule::RentEffortTooHigh:
            return "rent_effort_too_high";
    }
    return "unknown";
}

const char* filterLabelKey(std::string_view filter) {
    if (filter == "rooms") return "offers.filter.rooms";
    if (filter == "kind") return "offers.filter.kind";
    if (filter == "pmr") return "offers.filter.pmr";
    return "offers.filter.price";
}

}  // namespace

// ====================================================================== names

std::string_view searchTabCode(SearchTab tab) {
    switch (tab) {
        case SearchTab::Requested:
            return "requested";
        case SearchTab::Neighbours:
            return "neighbours";
        case SearchTab::Department:
            return "others";
    }
    return "requested";
}

const char* searchTabLabelKey(SearchTab tab) {
    switch (tab) {
        case SearchTab::Requested:
            return "offers.tab.requested";
        case SearchTab::Neighbours:
            return "offers.tab.neighbours";
        case SearchTab::Department:
            return "offers.tab.department";
    }
    return "offers.tab.requested";
}

std::optional<SearchTab> searchTabFromOfferTab(OfferTab tab) {
    switch (tab) {
        case OfferTab::Requested:
            return SearchTab::Requested;
        case OfferTab::Neighbours:
            return SearchTab::Neighbours;
        case OfferTab::Department:
            return SearchTab::Department;
        case OfferTab::None:
            break;
    }
    return std::nullopt;
}

std::string_view searchSortCode(SearchSort sort) {
    switch (sort) {
        case SearchSort::PriceAsc:
            return "price_asc";
        case SearchSort::PriceDesc:
            return "price_desc";
        case SearchSort::SurfaceDesc:
            return "surface_desc";
        case SearchSort::AvailableSoonest:
            return "available";
        case SearchSort::DeadlineSoonest:
            return "deadline";
        case SearchSort::PublishedNewest:
            return "newest";
        case SearchSort::DistanceNearest:
            return "distance";
    }
    return "newest";
}

const char* searchSortLabelKey(SearchSort sort) {
    switch (sort) {
        case SearchSort::PriceAsc:
            return "offers.sort.price_asc";
        case SearchSort::PriceDesc:
            return "offers.sort.price_desc";
        case SearchSort::SurfaceDesc:
            return "offers.sort.surface_desc";
        case SearchSort::AvailableSoonest:
            return "offers.sort.available";
        case SearchSort::DeadlineSoonest:
            return "offers.sort.deadline";
        case SearchSort::PublishedNewest:
            return "offers.sort.published";
        case SearchSort::DistanceNearest:
            return "offers.sort.distance";
    }
    return "offers.sort.published";
}

std::string_view offerVisibilityCode(OfferVisibility v) {
    switch (v) {
        case OfferVisibility::Listed:
            return "listed";
        case OfferVisibility::UnknownOffer:
            return "unknown";
        case OfferVisibility::NotInAreas:
            return "not_in_areas";
        case OfferVisibility::Closed:
            return "closed";
        case OfferVisibility::DeadlinePast:
            return "deadline_past";
        case OfferVisibility::NotEligible:
            return "not_eligible";
        case OfferVisibility::FilteredOut:
            return "filtered_out";
    }
    return "unknown";
}

void SearchQuery::addRooms(int rooms) {
    rooms = std::clamp(rooms, 1, domain::kMaxRooms);
    roomsMask = static_cast<std::uint8_t>(roomsMask | 1u << rooms);
}

std::optional<std::int32_t> searchDayFromIso(std::string_view iso) {
    return dayOf(trim(iso));
}

std::int32_t searchDayFromUnix(std::int64_t unixSeconds) {
    std::int64_t days = unixSeconds / 86400;
    if (unixSeconds % 86400 < 0) --days;
    return static_cast<std::int32_t>(days);
}

// ====================================================================== index

OfferIndex::OfferIndex(std::vector<Offer> offers, Geography geo) : geo_(std::move(geo)) {
    const std::size_t n = offers.size();
    // Duplicate ids: keep the first occurrence.
    std::vector<std::pair<std::int64_t, std::uint32_t>> ids(n);
    for (std::size_t k = 0; k < n; ++k) ids[k] = {offers[k].id, static_cast<std::uint32_t>(k)};
    std::sort(ids.begin(), ids.end());
    std::vector<bool> keep(n, false);
    for (std::size_t k = 0; k < n; ++k)
        if (k == 0 || ids[k].first != ids[k - 1].first) keep[ids[k].second] = true;

    offers_.reserve(n);
    for (auto* column : {&rentCents_, &chargesCents_, &publishedDays_, &deadlineDays_, &availableDays_})
        column->reserve(n);
    id_.reserve(n);
    commune_.reserve(n);
    zoneLoan_.reserve(n);
    rooms_.reserve(n);
    flags_.reserve(n);
    surface_.reserve(n);
    byCommune_.resize(geo_.communes().size());
    for (std::size_t k = 0; k < n; ++k) {
        if (!keep[k]) continue;
        offers_.push_back(std::move(offers[k]));
        indexOffer(static_cast<std::uint32_t>(offers_.size() - 1));
    }
    byId_.resize(offers_.size());
    for (std::uint32_t i = 0; i < byId_.size(); ++i) byId_[i] = i;
    std::sort(byId_.begin(), byId_.end(), [this](std::uint32_t a, std::uint32_t b) { return id_[a] < id_[b]; });
    // Most communes have no or few offers: give back the growth slack of the groups.
    for (auto& group : byCommune_) group.shrink_to_fit();
}

std::vector<std::uint32_t>::const_iterator OfferIndex::idPosition(std::int64_t id) const {
    return std::lower_bound(byId_.begin(), byId_.end(), id,
                            [this](std::uint32_t i, std::int64_t value) { return id_[i] < value; });
}

const Offer* OfferIndex::find(std::int64_t id) const {
    const std::optional<std::uint32_t> i = indexOf(id);
    return i ? &offers_[*i] : nullptr;
}

std::optional<std::uint32_t> OfferIndex::indexOf(std::int64_t id) const {
    const auto it = idPosition(id);
    if (it == byId_.end() || id_[*it] != id) return std::nullopt;
    return *it;
}

domain::OfferFacts OfferIndex::facts(std::uint32_t i) const {
    domain::OfferFacts f;
    f.zone = static_cast<Zone>(zoneLoan_[i] & 0x0F);
    f.loan = static_cast<Loan>(zoneLoan_[i] >> 4);
    f.rooms = rooms_[i];
    f.monthlyRentCents = rentCents_[i];
    f.monthlyChargesCents = chargesCents_[i];
    return f;
}

bool OfferIndex::add(Offer offer) {
    const auto at = idPosition(offer.id);
    if (at != byId_.end() && id_[*at] == offer.id) return false;
    const std::ptrdiff_t position = at - byId_.begin();  // new ids are usually the largest: appended
    const auto i = static_cast<std::uint32_t>(offers_.size());
    offers_.push_back(std::move(offer));
    indexOffer(i);
    byId_.insert(byId_.begin() + position, i);
    return true;
}

void OfferIndex::indexOffer(std::uint32_t i) {
    const Offer& o = offers_[i];
    const Commune* c = geo_.empty() ? nullptr : geo_.commune(o.insee);
    const std::uint32_t commune = c ? static_cast<std::uint32_t>(geo_.indexOf(*c)) : kNoCommune;
    const Zone zone = domain::zoneOf(o.insee, c ? c->dept : std::string_view(o.dept));
    std::uint8_t flags = 0;
    if (o.kind == DwellingKind::House) flags |= kHouse;
    if (o.reducedMobility) flags |= kPmr;
    if (o.status == OfferStatus::Open) flags |= kOpen;

    id_.push_back(o.id);
    commune_.push_back(commune);
    rentCents_.push_back(static_cast<std::int32_t>(std::clamp<std::int64_t>(o.rentCents, 0, kMaxColumnCents)));
    chargesCents_.push_back(static_cast<std::int32_t>(std::clamp<std::int64_t>(o.chargesCents, 0, kMaxColumnCents)));
    zoneLoan_.push_back(
        static_cast<std::uint8_t>(static_cast<unsigned>(zone) | static_cast<unsigned>(loanOf(o.funding)) << 4));
    rooms_.push_back(static_cast<std::uint8_t>(std::clamp(o.typology, 1, domain::kMaxRooms)));
    flags_.push_back(flags);
    surface_.push_back(static_cast<std::uint16_t>(std::clamp(o.surface, 0, 65535)));
    publishedDays_.push_back(dayOf(o.publishedOn).value_or(INT32_MIN));
    deadlineDays_.push_back(dayOf(o.deadline).value_or(INT32_MAX));
    availableDays_.push_back(dayOf(o.availableOn).value_or(INT32_MAX));
    if (commune != kNoCommune) byCommune_[commune].push_back(i);
}

bool OfferIndex::setApplications(std::int64_t id, int applications) {
    const std::optional<std::uint32_t> i = indexOf(id);
    if (!i) return false;
    offers_[*i].applications = std::max(0, applications);
    return true;
}

bool OfferIndex::setStatus(std::int64_t id, OfferStatus status) {
    const std::optional<std::uint32_t> i = indexOf(id);
    if (!i) return false;
    offers_[*i].status = status;
    if (status == OfferStatus::Open)
        flags_[*i] |= kOpen;
    else
        flags_[*i] &= static_cast<std::uint8_t>(~kOpen);
    return true;
}

SearchContext OfferIndex::makeContext(domain::EligibilityProfile profile, std::span<const std::string> requestedInsee,
                                      std::string_view workplaceInsee) const {
    return makeContext(std::move(profile), geo_.offerAreas(requestedInsee), workplaceInsee);
}

SearchContext OfferIndex::makeContext(domain::EligibilityProfile profile, OfferAreas areas,
                                      std::string_view workplaceInsee) const {
    SearchContext ctx;
    if (const Commune* work = workplaceInsee.empty() ? nullptr : geo_.commune(workplaceInsee))
        ctx.workplace = static_cast<std::int32_t>(geo_.indexOf(*work));
    ctx.profile = std::move(profile);
    const std::vector<const Commune*>* lists[kSearchTabCount] = {&areas.requested(), &areas.neighbours(),
                                                                 &areas.others()};
    for (int t = 0; t < kSearchTabCount; ++t) {
        auto& out = ctx.communes[static_cast<std::size_t>(t)];
        out.reserve(lists[t]->size());
        // Resolved by code: the areas may come from another copy of the geography.
        for (const Commune* c : *lists[t])
            if (const Commune* own = geo_.commune(c->insee))
                out.push_back(static_cast<std::uint32_t>(geo_.indexOf(*own)));
        std::sort(out.begin(), out.end());
    }
    ctx.areas = std::move(areas);
    return ctx;
}

std::pair<std::int32_t, bool> OfferIndex::distanceFromWork(const SearchContext& ctx, std::uint32_t index) const {
    const std::uint32_t commune = commune_[index];
    if (ctx.workplace < 0 || commune == kNoCommune) return {-1, false};
    const auto communes = geo_.communes();
    const auto work = static_cast<std::size_t>(ctx.workplace);
    if (work >= communes.size() || commune >= communes.size()) return {-1, false};
    if (commune == work) return {0, true};
    return {geoDistanceMeters(communes[work], communes[commune]), false};
}

const char* OfferIndex::failingFilter(std::uint32_t i, const SearchQuery& q) const {
    if (!q.wantsRooms(rooms_[i])) return "rooms";
    if (q.house != q.apartment && ((flags_[i] & kHouse) != 0) != q.house) return "kind";
    if (q.pmr && (flags_[i] & kPmr) == 0) return "pmr";
    const std::int64_t total = static_cast<std::int64_t>(rentCents_[i]) + chargesCents_[i];
    if (total < priceCents(q.priceMinEuros, INT64_MIN) || total > priceCents(q.priceMaxEuros, INT64_MAX))
        return "price";
    return nullptr;
}

SearchResult OfferIndex::search(const SearchContext& ctx, const SearchQuery& query, std::int32_t todayDays) const {
    SearchResult out;
    search(ctx, query, todayDays, out);
    return out;
}

OfferIndex::InstanceId::InstanceId() {
    static std::atomic<std::uint64_t> next{1};
    value = next.fetch_add(1);
}

EligibleSet::~EligibleSet() {
    if (usage) usage->fetch_sub(counted);
}

std::size_t EligibleSet::bytes() const {
    std::size_t b = sizeof(EligibleSet);
    for (const auto& tab : tabs) b += tab.capacity() * sizeof(EligibleEntry);
    return b;
}

void OfferIndex::considerForSet(const SearchContext& ctx, std::uint32_t i, std::size_t tab, std::uint16_t slot,
                                EligibleSet& set) const {
    if (!domain::check(ctx.profile, facts(i)).eligible()) return;
    EligibleEntry e;
    e.index = i;
    e.totalCents = static_cast<std::int32_t>(
        std::min<std::int64_t>(static_cast<std::int64_t>(rentCents_[i]) + chargesCents_[i], INT32_MAX));
    e.deadlineDays = deadlineDays_[i];
    e.surface = surface_[i];
    e.communeSlot = slot;
    e.rooms = rooms_[i];
    e.flags = static_cast<std::uint8_t>(flags_[i] & (kHouse | kPmr));
    set.tabs[tab].push_back(e);
}

std::shared_ptr<const EligibleSet> OfferIndex::eligibleSet(const SearchContext& ctx) const {
    std::shared_ptr<const EligibleSet> current = ctx.eligible.get();
    if (current && current->indexInstance == instance_.value && current->offersSeen == offers_.size()) return current;
    std::shared_ptr<EligibleSet> next;
    if (current && current->indexInstance == instance_.value && current->offersSeen < offers_.size()) {
        // Offers added since: each is looked up in the tabs' sorted communes.
        next = std::make_shared<EligibleSet>(*current);
        for (std::size_t i = current->offersSeen; i < offers_.size(); ++i) {
            const std::uint32_t commune = commune_[i];
            if (commune == kNoCommune) continue;
            for (std::size_t t = 0; t < kSearchTabCount; ++t) {
                const auto& list = ctx.communes[t];
                const auto at = std::lower_bound(list.begin(), list.end(), commune);
                if (at == list.end() || *at != commune) continue;
                considerForSet(ctx, static_cast<std::uint32_t>(i), t, static_cast<std::uint16_t>(at - list.begin()),
                               *next);
                break;
            }
        }
    } else {
        next = std::make_shared<EligibleSet>();
        next->indexInstance = instance_.value;
        for (std::size_t t = 0; t < kSearchTabCount; ++t) {
            const auto& list = ctx.communes[t];
            for (std::size_t slot = 0; slot < list.size(); ++slot) {
                if (list[slot] >= byCommune_.size()) continue;
                for (const std::uint32_t i : byCommune_[list[slot]])
                    considerForSet(ctx, i, t, static_cast<std::uint16_t>(slot), *next);
            }
        }
    }
    next->offersSeen = offers_.size();
    for (auto& tab : next->tabs) tab.shrink_to_fit();
    const auto bytes = static_cast<std::int64_t>(next->bytes());
    if (eligibleUsage_->load() + bytes <= eligibleBudget_) {
        next->usage = eligibleUsage_;
        next->counted = bytes;
        eligibleUsage_->fetch_add(bytes);
        ctx.eligible.put(next);
    }
    return next;
}

void OfferIndex::search(const SearchContext& ctx, const SearchQuery& q, std::int32_t todayDays,
                        SearchResult& out) const {
    out.tabCounts = {};
    out.items.clear();
    out.pageSize = std::clamp(q.pageSize, 1, kMaxPageSize);
    out.page = std::clamp(q.page, 1, kMaxPage);
    const std::int64_t minCents = priceCents(q.priceMinEuros, INT64_MIN);
    const std::int64_t maxCents = priceCents(q.priceMaxEuros, INT64_MAX);
    // An invalid tab (a query not from queryFromJson) reads as the first.
    const std::size_t queryTab =
        static_cast<std::size_t>(q.tab) < kSearchTabCount ? static_cast<std::size_t>(q.tab) : 0;
    const std::shared_ptr<const EligibleSet> set = eligibleSet(ctx);

    // Nearest first: the workplace commune itself, then by distance, unknown last.
    static thread_local std::vector<std::int64_t> distanceKeys;
    if (q.sort == SearchSort::DistanceNearest) {
        const auto& list = ctx.communes[queryTab];
        distanceKeys.assign(list.size(), INT64_MAX);
        if (ctx.workplace >= 0)
            for (std::size_t slot = 0; slot < list.size(); ++slot) {
                if (list[slot] == static_cast<std::uint32_t>(ctx.workplace)) {
                    distanceKeys[slot] = 0;
                } else if (list[slot] < geo_.communes().size()) {
                    const std::int32_t m = geoDistanceMeters(geo_.communes()[static_cast<std::size_t>(ctx.workplace)],
                                                             geo_.communes()[list[slot]]);
                    if (m >= 0) distanceKeys[slot] = static_cast<std::int64_t>(m) + 1;
                }
            }
    }

    const bool anyKind = q.house == q.apartment;
    std::vector<Candidate>& candidates = candidateBuffer();
    candidates.clear();
    for (std::size_t t = 0; t < kSearchTabCount; ++t) {
        std::uint32_t count = 0;
        const bool collect = t == queryTab;
        for (const EligibleEntry& e : set->tabs[t]) {
            if (e.deadlineDays < todayDays || (flags_[e.index] & kOpen) == 0) continue;
            if (q.roomsMask != 0 && ((q.roomsMask >> e.rooms) & 1u) == 0) continue;
            if (!anyKind && ((e.flags & kHouse) != 0) != q.house) continue;
            if (q.pmr && (e.flags & kPmr) == 0) continue;
            if (e.totalCents < minCents || e.totalCents > maxCents) continue;
            ++count;
            if (!collect) continue;
            const std::uint32_t i = e.index;
            std::int64_t key = 0;
            switch (q.sort) {
                case SearchSort::PriceAsc:
                    key = e.totalCents;
                    break;
                case SearchSort::PriceDesc:
                    key = -static_cast<std::int64_t>(e.totalCents);
                    break;
                case SearchSort::SurfaceDesc:
                    key = -static_cast<std::int64_t>(e.surface);
                    break;
                case SearchSort::AvailableSoonest:
                    key = availableDays_[i];
                    break;
                case SearchSort::DeadlineSoonest:
                    key = e.deadlineDays;
                    break;
                case SearchSort::PublishedNewest:
                    key = -static_cast<std::int64_t>(publishedDays_[i]);
                    break;
                case SearchSort::DistanceNearest:
                    key = distanceKeys[e.communeSlot];
                    break;
            }
            candidates.push_back({key, id_[i], i});
        }
        out.tabCounts[t] = count;
    }
    out.total = out.tabCounts[queryTab];
    out.workplace = ctx.workplace;
    out.pages = static_cast<int>((out.total + static_cast<std::uint32_t>(out.pageSize) - 1) /
                                 static_cast<std::uint32_t>(out.pageSize));

    // Select the page's ranks [start, end) without sorting the whole tab.
    const std::size_t n = candidates.size();
    const std::size_t start = static_cast<std::size_t>(out.page - 1) * static_cast<std::size_t>(out.pageSize);
    if (start >= n) return;
    const std::size_t end = std::min(n, start + static_cast<std::size_t>(out.pageSize));
    const auto first = candidates.begin();
    if (end < n) std::nth_element(first, first + static_cast<std::ptrdiff_t>(end), candidates.end());
    if (start > 0)
        std::nth_element(first, first + static_cast<std::ptrdiff_t>(start), first + static_cast<std::ptrdiff_t>(end));
    std::sort(first + static_cast<std::ptrdiff_t>(start), first + static_cast<std::ptrdiff_t>(end));
    out.items.reserve(end - start);
    for (std::size_t k = start; k < end; ++k) {
        const Candidate& c = candidates[k];
        const auto [meters, same] = distanceFromWork(ctx, c.index);
        out.items.push_back({c.index, c.id, domain::effortBasisPoints(ctx.profile, facts(c.index)), meters, same});
    }
}

OfferExplanation OfferIndex::explain(const SearchContext& ctx, std::int64_t offerId, std::int32_t todayDays,
                                     const SearchQuery* query) const {
    OfferExplanation e;
    const std::optional<std::uint32_t> found = indexOf(offerId);
    if (!found) {
        e.visibility = OfferVisibility::UnknownOffer;
        e.message = tr("offers.why.unknown");
        return e;
    }
    const std::uint32_t i = *found;
    const Offer& o = offers_[i];
    if (commune_[i] != kNoCommune)
        for (int t = 0; t < kSearchTabCount; ++t) {
            const auto& list = ctx.communes[static_cast<std::size_t>(t)];
            if (std::binary_search(list.begin(), list.end(), commune_[i])) e.tab = static_cast<SearchTab>(t);
        }
    if (!e.tab) {
        e.visibility = OfferVisibility::NotInAreas;
        const Commune* c = commune_[i] != kNoCommune ? &geo_.communes()[commune_[i]] : nullptr;
        const std::string name = c ? std::string(c->name) : o.address.commune;
        e.message = trf("offers.why.not_in_areas", {name, c ? c->dept : std::string_view(o.dept)});
        return e;
    }
    const domain::OfferFacts f = facts(i);
    e.verdict = domain::check(ctx.profile, f);
    if ((flags_[i] & kOpen) == 0) {
        e.visibility = OfferVisibility::Closed;
        e.message = tr("offers.why.closed");
        return e;
    }
    if (deadlineDays_[i] < todayDays) {
        e.visibility = OfferVisibility::DeadlinePast;
        e.message = trf("offers.why.deadline_past", {frenchDate(deadlineDays_[i])});
        return e;
    }
    if (!e.verdict.eligible()) {
        e.visibility = OfferVisibility::NotEligible;
        e.message = domain::explainVerdict(ctx.profile, f, e.verdict);
        return e;
    }
    const std::string tabLabel = tr(searchTabLabelKey(*e.tab));
    if (query)
        if (const char* filter = failingFilter(i, *query)) {
            e.visibility = OfferVisibility::FilteredOut;
            e.filter = filter;
            e.message = trf("offers.why.filtered", {tabLabel, tr(filterLabelKey(filter))});
            return e;
        }
    e.visibility = OfferVisibility::Listed;
    e.message = trf("offers.why.listed", {tabLabel});
    e.message.push_back(' ');
    e.message.append(domain::explainVerdict(ctx.profile, f, e.verdict));
    return e;
}

std::size_t OfferIndex::indexMemoryBytes() const {
    std::size_t bytes = id_.capacity() * sizeof(std::int64_t) + commune_.capacity() * sizeof(std::uint32_t) +
                        (rentCents_.capacity() + chargesCents_.capacity() + publishedDays_.capacity() +
                         deadlineDays_.capacity() + availableDays_.capacity()) *
                            sizeof(std::int32_t) +
                        zoneLoan_.capacity() + rooms_.capacity() + flags_.capacity() +
                        surface_.capacity() * sizeof(std::uint16_t);
    bytes += byCommune_.capacity() * sizeof(std::vector<std::uint32_t>);
    for (const auto& group : byCommune_) bytes += group.capacity() * sizeof(std::uint32_t);
    bytes += byId_.capacity() * sizeof(std::uint32_t);
    return bytes;
}

std::size_t OfferIndex::offersMemoryBytes() const {
    auto heap = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : std::size_t{0}; };
    std::size_t bytes = offers_.capacity() * sizeof(Offer);
    for (const Offer& o : offers_)
        bytes += heap(o.landlord) + heap(o.address.street) + heap(o.address.postcode) + heap(o.address.commune) +
                 heap(o.insee) + heap(o.dept) + heap(o.publishedOn) + heap(o.deadline) + heap(o.availableOn);
    return bytes;
}

// ====================================================================== JSON answers

std::string centsCardText(std::int64_t cents) {
    return domain::formatEuros(static_cast<double>(cents) / 100.0, 2);
}

std::string effortCardText(std::int32_t basisPoints) {
    if (basisPoints < 0) return tr("offers.card.effort_unknown");
    // The same figure as the detail's sentence (domain::formatEffort: one decimal).
    return trf("offers.card.effort", {domain::formatEffort(basisPoints)});
}

std::string distanceCardText(std::int32_t meters, bool sameCommune) {
    if (sameCommune) return tr("offers.card.distance.same");
    if (meters < 0) return {};
    // Commune centre to commune centre, as the crow flies: "about", whole km.
    const std::int64_t km = std::max<std::int64_t>(1, (std::int64_t{meters} + 500) / 1000);
    return trf("offers.card.distance.km", {intText(km)});
}

std::string offerFloorText(const Offer& o) {
    if (o.kind == DwellingKind::House) return tr("offers.detail.floor.house");
    if (o.floor <= 0) return tr("offers.detail.floor.ground");
    const std::string level = o.floor == 1 ? std::string(tr("offers.detail.floor.first"))
                                           : trf("offers.detail.floor.nth", {intText(o.floor)});
    return trf(o.lift ? "offers.detail.floor.lift" : "offers.detail.floor.no_lift", {level});
}

std::string offerPlaceText(std::string_view commune, std::string_view postcode) {
    // Paris, Lyon and Marseille: the arrondissement, read from the postcode
    // (75011 -> Paris 11e, 69003 -> Lyon 3e, 13008 -> Marseille 8e; 75116 -> 16e).
    std::string name(commune);
    if (postcode.size() == 5 &&
        std::all_of(postcode.begin(), postcode.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        const int n = (postcode[3] - '0') * 10 + (postcode[4] - '0');
        const bool paris = commune == "Paris" && postcode.substr(0, 2) == "75" && n >= 1 && n <= 20;
        const bool lyon = commune == "Lyon" && postcode.substr(0, 3) == "690" && n >= 1 && n <= 9;
        const bool marseille = commune == "Marseille" && postcode.substr(0, 3) == "130" && n >= 1 && n <= 16;
        if (paris || lyon || marseille)
            name = n == 1 ? trf("offers.card.arrondissement.first", {commune})
                          : trf("offers.card.arrondissement.nth", {commune, intText(n)});
    }
    if (postcode.empty()) return name;
    return trf("offers.card.place", {name, postcode});
}

nlohmann::json offerCardJson(const OfferIndex& index, const SearchItem& item) {
    const Offer& o = index.offer(item.index);
    const Geography& geo = index.geography();
    const Commune* c = geo.empty() ? nullptr : geo.commune(o.insee);
    const std::string commune = c ? std::string(c->name) : o.address.commune;
    const std::string dept = c ? std::string(c->dept) : o.dept;
    const Department* d = geo.empty() ? nullptr : geo.department(dept);
    const int rooms = std::clamp(o.typology, 1, domain::kMaxRooms);
    const std::string typology = domain::typologyLabel(rooms);
    const std::int64_t total = o.rentCents + o.chargesCents;
    const std::optional<std::int32_t> deadline = dayOf(o.deadline);
    const std::optional<std::int32_t> available = dayOf(o.availableOn);
    const char* applicationsKey = o.applications <= 0   ? "offers.card.applications.none"
                                  : o.applications == 1 ? "offers.card.applications.one"
                                                        : "offers.card.applications.many";
    // Filled field by field: an initializer list builds every pair twice (in the
    // -Oz browser build a page of 50 cards took 12-15 ms that way, 4-8 ms this way;
    // in the offline demo a page is built inside a frame).
    nlohmann::json j = nlohmann::json::object();
    j["id"] = o.id;
    const std::string place = offerPlaceText(commune, o.address.postcode);
    j["title"] = trf("offers.card.title", {typology, place});
    j["placeText"] = place;
    j["postcode"] = o.address.postcode;
    j["floor"] = o.floor;
    j["lift"] = o.lift;
    j["floorText"] = offerFloorText(o);
    j["commune"] = commune;
    j["insee"] = o.insee;
    j["department"] = dept;
    j["departmentName"] = d ? std::string(d->name) : std::string();
    j["typology"] = typology;
    j["rooms"] = rooms;
    j["surface"] = o.surface;
    j["kind"] = dwellingKindLabel(o.kind);
    j["kindCode"] = dwellingKindCode(o.kind);
    j["house"] = o.kind == DwellingKind::House;
    j["apartment"] = o.kind == DwellingKind::Apartment;
    j["pmr"] = o.reducedMobility;
    j["funding"] = fundingName(o.funding);
    j["rentCents"] = o.rentCents;
    j["chargesCents"] = o.chargesCents;
    j["totalCents"] = total;
    j["rentText"] = centsCardText(o.rentCents);
    j["chargesText"] = centsCardText(o.chargesCents);
    j["totalText"] = trf("offers.card.total", {centsCardText(total)});
    j["effortBasisPoints"] = item.effortBasisPoints;
    j["effortText"] = effortCardText(item.effortBasisPoints);
    j["distanceMeters"] = item.distanceMeters;
    j["distanceText"] = distanceCardText(item.distanceMeters, item.sameCommune);
    j["deadline"] = o.deadline;
    j["deadlineText"] = deadline ? frenchDate(*deadline) : std::string();
    j["availableOn"] = o.availableOn;
    j["availableText"] = available ? frenchDate(*available) : std::string();
    j["publishedOn"] = o.publishedOn;
    j["applicationsCount"] = o.applications;
    j["applicationsText"] = trf(applicationsKey, {intText(o.applications)});
    j["landlord"] = o.landlord;
    return j;
}

nlohmann::json resultToJson(const OfferIndex& index, const SearchQuery& query, const SearchResult& result) {
    nlohmann::json tabs = nlohmann::json::array();
    for (int t = 0; t < kSearchTabCount; ++t) {
        const auto tab = static_cast<SearchTab>(t);
        tabs.push_back({{"key", searchTabCode(tab)},
                        {"label", tr(searchTabLabelKey(tab))},
                        {"count", result.tabCounts[static_cast<std::size_t>(t)]}});
    }
    nlohmann::json items = nlohmann::json::array();
    for (const SearchItem& item : result.items) items.push_back(offerCardJson(index, item));
    // Where distances are measured from (the sort "distance" is offered only then).
    nlohmann::json workplace = nullptr;
    const auto communes = index.geography().communes();
    if (result.workplace >= 0 && static_cast<std::size_t>(result.workplace) < communes.size()) {
        const Commune& w = communes[static_cast<std::size_t>(result.workplace)];
        workplace = {{"insee", w.insee}, {"name", w.name}};
    }
    return nlohmann::json{{"tab", searchTabCode(query.tab)},
                          {"workplace", std::move(workplace)},
                          {"sort", searchSortCode(query.sort)},
                          {"page", result.page},
                          {"pageSize", result.pageSize},
                          {"pages", result.pages},
                          {"total", result.total},
                          {"tabs", std::move(tabs)},
                          {"items", std::move(items)}};
}

nlohmann::json explanationToJson(std::int64_t offerId, const OfferExplanation& e) {
    nlohmann::json j{{"id", offerId},     {"visibility", offerVisibilityCode(e.visibility)},
                     {"tab", nullptr},    {"rule", nullptr},
                     {"filter", nullptr}, {"message", e.message}};
    if (e.tab) j["tab"] = searchTabCode(*e.tab);
    const bool verdictKnown = e.tab && e.visibility != OfferVisibility::UnknownOffer;
    if (verdictKnown) {
        j["rule"] = ruleCode(e.verdict.rule);
        j["ruleLabel"] = tr(domain::eligibilityRuleKey(e.verdict.rule));
        j["value"] = e.verdict.value;
        j["limit"] = e.verdict.limit;
    }
    if (!e.filter.empty()) j["filter"] = e.filter;
    return j;
}

}  // namespace alin
