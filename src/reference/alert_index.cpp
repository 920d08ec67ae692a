// Matching of saved alerts to a published offer (alert_index.h).
#include "reference/alert_index.h"

#include <algorithm>
#include <climits>

#include "domain/dates.h"

namespace alin {
namespace {

constexpr std::int64_t kMaxColumnCents = 1'000'000'000;  // as OfferIndex's columns
constexpr std::uint8_t kApartmentOk = 1, kHouseOk = 2, kPmrRequired = 4, kTabWanted = 8;

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
    } else {
        slot = static_cast<std::uint32_t>(slots_.size());
        slots_.emplace_back();
        ids_.push_back(0);
    }
    Slot& s = slots_[slot];
    s = Slot{};
    ids_[slot] = alertId;
    const std::uint8_t tabs =
        filters.tabsMask == 0 ? kAllAlertTabs : static_cast<std::uint8_t>(filters.tabsMask & kAllAlertTabs);
    for (const std::string& code : requestedInsee) {
        const Commune* c = geo_.empty() ? nullptr : geo_.commune(code);
        if (!c) continue;
        insertUnique(s.communes, static_cast<std::uint32_t>(geo_.indexOf(*c)));
        if (c->epci >= 0) insertUnique(s.epcis, static_cast<std::uint32_t>(c->epci));
        if (const std::uint32_t d = departmentIndex(c->dept); d != UINT32_MAX) insertUnique(s.departments, d);
    }

    // The figures of the posting, each one a verdict of domain::check() (see the header).
    Posting p{};
    p.slot = slot;
    domain::OfferFacts probe;  // rent 0: only the income (then the typology) can refuse
    probe.rooms = std::clamp(profile.typology.minRooms, 1, domain::kMaxRooms);
    for (int loan = 0; loan < domain::kLoanCount; ++loan)
        for (int zone = 0; zone < domain::kZoneCount; ++zone) {
            probe.loan = static_cast<domain::Loan>(loan);
            probe.zone = static_cast<domain::Zone>(zone);
            const domain::EligibilityRule rule = domain::check(profile, probe).rule;
            if (rule != domain::EligibilityRule::IncomeAboveCeiling && rule != domain::EligibilityRule::NoCeilingData)
                p.income = static_cast<std::uint16_t>(p.income | 1u << (loan * domain::kZoneCount + zone));
        }
    const SearchQuery& q = filters.query;
    if (p.income != 0) {
        // A (loan, zone) the income passes, to ask check() about rooms and rent.
        int first = 0;
        while ((p.income >> first & 1u) == 0) ++first;
        probe.loan = static_cast<domain::Loan>(first / domain::kZoneCount);
        probe.zone = static_cast<domain::Zone>(first % domain::kZoneCount);
        for (int r = 1; r <= domain::kMaxRooms; ++r) {
            probe.rooms = r;
            if (q.wantsRooms(r) && domain::check(profile, probe).eligible())
                p.rooms = static_cast<std::uint8_t>(p.rooms | 1u << r);
        }
    }
    if (p.rooms != 0) {
        // The largest rent + charges check() accepts (it accepts every smaller one).
        int r = 1;
        while ((p.rooms >> r & 1u) == 0) ++r;
        probe.rooms = r;
        auto accepts = [&](std::int64_t total) {
            probe.monthlyRentCents = total;
            probe.monthlyChargesCents = 0;
            return domain::check(profile, probe).eligible();
        };
        std::int64_t maxTotal = -1;
        if (accepts(2 * kMaxColumnCents)) {
            maxTotal = INT32_MAX;  // any rent
        } else if (accepts(0)) {
            std::int64_t lo = 0, hi = 2 * kMaxColumnCents;  // accepts(lo), !accepts(hi)
            while (hi - lo > 1) {
                const std::int64_t mid = lo + (hi - lo) / 2;
                (accepts(mid) ? lo : hi) = mid;
            }
            maxTotal = lo;
        }
        if (q.priceMaxEuros) {
            const std::int64_t priceMax = std::max<std::int64_t>(-1, *q.priceMaxEuros) * 100;
            if (maxTotal == INT32_MAX || priceMax < maxTotal)
                maxTotal = std::min<std::int64_t>(priceMax, INT32_MAX - 1);
        }
        p.maxTotalCents = static_cast<std::int32_t>(std::clamp<std::int64_t>(maxTotal, -1, INT32_MAX));
    }
    p.minTotalCents = q.priceMinEuros ? saturate(*q.priceMinEuros * 100) : 0;
    std::uint8_t kinds = kApartmentOk | kHouseOk;
    if (q.house != q.apartment) kinds = q.house ? kHouseOk : kApartmentOk;
    if (q.pmr) kinds |= kPmrRequired;
    p.flags = kinds;

    const bool canMatch = p.rooms != 0 && p.maxTotalCents >= 0;
    auto file = [&](std::vector<Posting>& list, SearchTab tab) {
        Posting copy = p;
        if (canMatch && (tabs & alertTabBit(tab)) != 0) copy.flags |= kTabWanted;
        list.push_back(copy);
    };
    // Filed under every requested commune and EPCI whatever the tabs wanted: an
    // offer there takes that tab, so the later lists skip the alert.
    for (const std::uint32_t c : s.communes) file(byCommune_[c], SearchTab::Requested);
    for (const std::uint32_t e : s.epcis) file(byEpci_[e], SearchTab::Neighbours);
    if (canMatch && (tabs & alertTabBit(SearchTab::Department)) != 0)
        for (const std::uint32_t d : s.departments) file(byDepartment_[d], SearchTab::Department);
    else
        s.departments.clear();  // filed under none
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
    slots_[slot] = Slot{};
    ids_[slot] = 0;
    freeSlots_.push_back(slot);
    byId_.erase(at);
    --live_;
    return true;
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
    const std::uint16_t incomeBit = static_cast<std::uint16_t>(
        1u << (static_cast<unsigned>(facts.loan) * domain::kZoneCount + static_cast<unsigned>(facts.zone)));
    const std::uint8_t roomsBit = static_cast<std::uint8_t>(1u << facts.rooms);
    const std::uint8_t kindBit = offer.kind == DwellingKind::House ? kHouseOk : kApartmentOk;
    const bool pmrOffer = offer.reducedMobility;

    // Per thread: the stamp of the alerts already met for this offer.
    static thread_local std::vector<std::uint32_t> stamps;
    static thread_local std::uint32_t epoch = 0;
    if (stamps.size() < slots_.size()) stamps.resize(slots_.size(), 0);
    if (++epoch == 0) {
        std::fill(stamps.begin(), stamps.end(), 0);
        epoch = 1;
    }

    auto consider = [&](const std::vector<Posting>& list, SearchTab tab, bool last) {
        tVisited += list.size();
        for (const Posting& p : list) {
            if (!last) {
                if (stamps[p.slot] == epoch) continue;  // an earlier tab has it (two communes of one EPCI: once)
                stamps[p.slot] = epoch;
            } else if (stamps[p.slot] == epoch) {
                continue;
            }
            if ((p.flags & kTabWanted) == 0 || (p.income & incomeBit) == 0 || (p.rooms & roomsBit) == 0) continue;
            if ((p.flags & kindBit) == 0 || ((p.flags & kPmrRequired) != 0 && !pmrOffer)) continue;
            if (p.maxTotalCents != INT32_MAX && total > p.maxTotalCents) continue;
            if (total < p.minTotalCents) continue;
            out.push_back({ids_[p.slot], tab});
        }
    };
    consider(byCommune_[commune], SearchTab::Requested, false);
    if (c->epci >= 0) consider(byEpci_[static_cast<std::size_t>(c->epci)], SearchTab::Neighbours, false);
    if (department != UINT32_MAX) consider(byDepartment_[department], SearchTab::Department, true);
    std::sort(out.begin(), out.end(), [](const AlertMatch& a, const AlertMatch& b) { return a.alertId < b.alertId; });
}

std::size_t AlertIndex::lastVisited() {
    return tVisited;
}

std::size_t AlertIndex::memoryBytes() const {
    std::size_t bytes = slots_.capacity() * sizeof(Slot) + ids_.capacity() * sizeof(std::int64_t) +
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
