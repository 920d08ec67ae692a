// Matching of saved alerts to a published offer (alert_index.h).
#include "reference/alert_index.h"

#include <algorithm>
#include <climits>

#include "domain/dates.h"

namespace alin {
namespace {

constexpr std::int64_t kMaxColumnCents = 1'000'000'000;  // as OfferIndex's columns
constexpr std::uint8_t kApartmentOk = 1, kHouseOk = 2, kPmrRequired = 4;

thread_local std::size_t tVisited = 0;

std::int32_t saturate(std::int64_t v) {
    return static_cast<std::int32_t>(std::clamp<std::int64_t>(v, 0, INT32_MAX));
}

domain::Loan loanOf(Funding f) {
    switch (f) {
        case Funding::PLAI:
            return domain::Loan::PLAI;
        case Funding::PLUS:
            return domain::Loan::PLUS;
        case Funding::PLS:
            return domain::Loan::PLS;
        case Funding::PLI:
            return domain::Loan::PLI;
    }
    return domain::Loan::PLUS;
}

bool containsSorted(const std::vector<std::uint32_t>& v, std::uint32_t x) {
    for (const std::uint32_t y : v)  // a handful of entries: a linear scan beats a binary search
        if (y == x) return true;
    return false;
}

void insertUnique(std::vector<std::uint32_t>& v, std::uint32_t x) {
    const auto at = std::lower_bound(v.begin(), v.end(), x);
    if (at == v.end() || *at != x) v.insert(at, x);
}

}  // namespace

domain::OfferFacts offerFactsOf(const Offer& offer, const Geography& geo) {
    const Commune* c = geo.empty() ? nullptr : geo.commune(offer.insee);
    domain::OfferFacts f;
    f.zone = domain::zoneOf(offer.insee, c ? c->dept : std::string_view(offer.dept));
    f.loan = loanOf(offer.funding);
    f.rooms = std::clamp(offer.typology, 1, domain::kMaxRooms);
    f.monthlyRentCents = std::clamp<std::int64_t>(offer.rentCents, 0, kMaxColumnCents);
    f.monthlyChargesCents = std::clamp<std::int64_t>(offer.chargesCents, 0, kMaxColumnCents);
    return f;
}

AlertIndex::AlertIndex(Geography geo) : geo_(std::move(geo)) {
    byCommune_.resize(geo_.communes().size());
    byEpci_.resize(geo_.epcis().size());
    byDepartment_.resize(geo_.departments().size());
}

bool AlertIndex::contains(std::int64_t alertId) const {
    const auto at = std::lower_bound(byId_.begin(), byId_.end(), std::pair<std::int64_t, std::uint32_t>{alertId, 0});
    return at != byId_.end() && at->first == alertId;
}

std::uint32_t AlertIndex::departmentIndex(std::string_view code) const {
    const Department* d = geo_.department(code);
    return d ? static_cast<std::uint32_t>(d - geo_.departments().data()) : UINT32_MAX;
}

void AlertIndex::put(std::int64_t alertId, const domain::EligibilityProfile& profile,
                     std::span<const std::string> requestedInsee, const AlertFilters& filters) {
    remove(alertId);
    std::uint32_t slot;
    if (!freeSlots_.empty()) {
        slot = freeSlots_.back();
        freeSlots_.pop_back();
        profiles_[slot] = profile;
    } else {
        slot = static_cast<std::uint32_t>(slots_.size());
        slots_.emplace_back();
        profiles_.push_back(profile);
    }
    Slot& s = slots_[slot];
    s = Slot{};
    s.id = alertId;
    s.live = true;
    s.tabsMask = filters.tabsMask == 0 ? kAllAlertTabs : static_cast<std::uint8_t>(filters.tabsMask & kAllAlertTabs);
    for (const std::string& code : requestedInsee) {
        const Commune* c = geo_.empty() ? nullptr : geo_.commune(code);
        if (!c) continue;
        insertUnique(s.communes, static_cast<std::uint32_t>(geo_.indexOf(*c)));
        if (c->epci >= 0) insertUnique(s.epcis, static_cast<std::uint32_t>(c->epci));
        if (const std::uint32_t d = departmentIndex(c->dept); d != UINT32_MAX) insertUnique(s.departments, d);
    }

    // The figures of the posting (see the header).
    const SearchQuery& q = filters.query;
    std::uint8_t rooms = 0;
    for (int r = profile.typology.minRooms; r <= profile.typology.maxRooms; ++r)
        if (r >= 1 && r <= domain::kMaxRooms && q.wantsRooms(r)) rooms = static_cast<std::uint8_t>(rooms | 1u << r);
    std::uint8_t kinds = kApartmentOk | kHouseOk;
    if (q.house != q.apartment) kinds = q.house ? kHouseOk : kApartmentOk;
    if (q.pmr) kinds |= kPmrRequired;
    std::int64_t maxTotal = INT64_MAX;
    if (profile.enforceEffort) {
        // check() refuses exactly when rent + charges - aid > 0 and exceeds max * resources.
        const std::int64_t aid = std::max<std::int64_t>(0, profile.monthlyHousingAidCents);
        maxTotal = profile.monthlyResourcesCents <= 0 ? aid
                                                      : aid + static_cast<std::int64_t>(profile.maxEffortBasisPoints) *
                                                                  profile.monthlyResourcesCents / 10000;
        if (profile.monthlyHousingAidCents < 0) maxTotal = INT64_MAX;  // not expected: no pruning then
    }
    if (q.priceMaxEuros) maxTotal = std::min(maxTotal, std::max<std::int64_t>(-1, *q.priceMaxEuros) * 100);
    s.posting.slot = slot;
    s.posting.maxTotalCents = maxTotal < 0 ? -1 : saturate(maxTotal);
    s.posting.minTotalCents = q.priceMinEuros ? saturate(*q.priceMinEuros * 100) : 0;
    s.posting.rooms = rooms;
    s.posting.kinds = kinds;

    if (rooms != 0 && s.posting.maxTotalCents >= 0) {  // else it can never match: filed nowhere
        if (s.tabsMask & alertTabBit(SearchTab::Requested))
            for (const std::uint32_t c : s.communes) byCommune_[c].push_back(s.posting);
        if (s.tabsMask & alertTabBit(SearchTab::Neighbours))
            for (const std::uint32_t e : s.epcis) byEpci_[e].push_back(s.posting);
        if (s.tabsMask & alertTabBit(SearchTab::Department))
            for (const std::uint32_t d : s.departments) byDepartment_[d].push_back(s.posting);
    }
    const auto at = std::lower_bound(byId_.begin(), byId_.end(), std::pair<std::int64_t, std::uint32_t>{alertId, 0});
    byId_.insert(at, {alertId, slot});
    ++live_;
}

void AlertIndex::unfile(std::uint32_t slot) {
    const Slot& s = slots_[slot];
    auto drop = [slot](std::vector<Posting>& list) {
        for (std::size_t k = 0; k < list.size(); ++k)
            if (list[k].slot == slot) {
                list[k] = list.back();
                list.pop_back();
                return;
            }
    };
    for (const std::uint32_t c : s.communes) drop(byCommune_[c]);
    for (const std::uint32_t e : s.epcis) drop(byEpci_[e]);
    for (const std::uint32_t d : s.departments) drop(byDepartment_[d]);
}

bool AlertIndex::remove(std::int64_t alertId) {
    const auto at = std::lower_bound(byId_.begin(), byId_.end(), std::pair<std::int64_t, std::uint32_t>{alertId, 0});
    if (at == byId_.end() || at->first != alertId) return false;
    const std::uint32_t slot = at->second;
    unfile(slot);
    Slot& s = slots_[slot];
    s.live = false;
    s.communes = {};
    s.epcis = {};
    s.departments = {};
    freeSlots_.push_back(slot);
    byId_.erase(at);
    --live_;
    return true;
}

bool AlertIndex::visit(const Posting& p, int rooms, std::uint8_t kindBit, std::int64_t total) const {
    if ((p.rooms >> rooms & 1u) == 0) return false;
    if ((p.kinds & kindBit) == 0) return false;
    if (p.maxTotalCents != INT32_MAX && total > p.maxTotalCents) return false;
    return total >= p.minTotalCents;
}

std::vector<AlertMatch> AlertIndex::match(const Offer& offer, std::int32_t todayDays) const {
    std::vector<AlertMatch> out;
    match(offer, todayDays, out);
    return out;
}

void AlertIndex::match(const Offer& offer, std::int32_t todayDays, std::vector<AlertMatch>& out) const {
    out.clear();
    tVisited = 0;
    if (offer.status != OfferStatus::Open || geo_.empty()) return;
    if (const std::optional<std::int32_t> deadline = searchDayFromIso(offer.deadline);
        deadline && *deadline < todayDays)
        return;
    const Commune* c = geo_.commune(offer.insee);
    if (!c) return;
    const auto commune = static_cast<std::uint32_t>(geo_.indexOf(*c));
    const std::uint32_t department = departmentIndex(c->dept);

    const domain::OfferFacts facts = offerFactsOf(offer, geo_);
    const std::int64_t total = facts.monthlyRentCents + facts.monthlyChargesCents;
    const std::uint8_t kindBit = offer.kind == DwellingKind::House ? kHouseOk : kApartmentOk;
    const bool pmrOffer = offer.reducedMobility;

    auto consider = [&](const std::vector<Posting>& list, SearchTab tab) {
        tVisited += list.size();
        for (const Posting& p : list) {
            if (!visit(p, facts.rooms, kindBit, total)) continue;
            if ((p.kinds & kPmrRequired) != 0 && !pmrOffer) continue;
            const Slot& s = slots_[p.slot];
            // The tab the owner's offers screen gives this commune.
            if (tab != SearchTab::Requested && containsSorted(s.communes, commune)) continue;
            if (tab == SearchTab::Department && c->epci >= 0 &&
                containsSorted(s.epcis, static_cast<std::uint32_t>(c->epci)))
                continue;
            if (!domain::check(profiles_[p.slot], facts).eligible()) continue;
            out.push_back({s.id, tab});
        }
    };
    consider(byCommune_[commune], SearchTab::Requested);
    if (c->epci >= 0) consider(byEpci_[static_cast<std::size_t>(c->epci)], SearchTab::Neighbours);
    if (department != UINT32_MAX) consider(byDepartment_[department], SearchTab::Department);
    std::sort(out.begin(), out.end(), [](const AlertMatch& a, const AlertMatch& b) { return a.alertId < b.alertId; });
}

std::size_t AlertIndex::lastVisited() {
    return tVisited;
}

std::size_t AlertIndex::memoryBytes() const {
    std::size_t bytes = slots_.capacity() * sizeof(Slot) + profiles_.capacity() * sizeof(domain::EligibilityProfile) +
                        byId_.capacity() * sizeof(byId_[0]) + freeSlots_.capacity() * sizeof(std::uint32_t);
    for (const Slot& s : slots_)
        bytes += (s.communes.capacity() + s.epcis.capacity() + s.departments.capacity()) * sizeof(std::uint32_t);
    for (const auto* lists : {&byCommune_, &byEpci_, &byDepartment_}) {
        bytes += lists->capacity() * sizeof(std::vector<Posting>);
        for (const auto& list : *lists) bytes += list.capacity() * sizeof(Posting);
    }
    return bytes;
}

}  // namespace alin
