// "Mes alertes" (issue 14): which saved alerts an offer matches when it is
// published or reopened, without scanning every applicant.
//
// An alert is its owner's request file (the eligibility profile and the
// requested communes, as the offers screen uses them: offer_search.h) plus the
// filters of the offers screen it was created from: the tabs ("Communes
// demandées", "Communes limitrophes", "Autres communes du département"), the
// rooms, house / apartment, reduced mobility and the price bounds. An offer
// matches an alert exactly when the owner's offers screen, with these filters,
// lists it in one of the alert's tabs: open, deadline not past, in the areas,
// domain::check() eligible, passing the filters (tests/unit/test_alert_index.cpp
// checks this against OfferIndex::explain for every alert and offer).
//
// Index: an alert is filed under the keys an offer's commune can reach it by:
//   - each requested commune             (tab "Communes demandées");
//   - the EPCI of each requested commune (tab "Communes limitrophes");
//   - the department of each requested commune (tab "Autres communes du département").
// An offer visits three lists only: its commune's, its EPCI's and its
// department's (in that order: an alert met in an earlier list gives the
// commune that tab, so it is skipped in the later ones; a per-thread stamp per
// alert, no look-up of its communes). Each posting (16 bytes) carries the
// figures that decide eligibility, all derived at filing time by calling
// domain::check() (the one eligibility rule, not a copy) on the alert's
// profile: for which (loan, zone) the household's income is under the ceiling,
// which room counts its typology range allows (crossed with the rooms filter),
// the highest rent + charges its rent effort allows (the largest total check()
// accepts: a binary search), crossed with the price filter; and the kind and PMR
// filters. So match() reads postings only, never a profile: its verdicts are
// check()'s (tests/unit/test_alert_index.cpp compares them with OfferIndex::explain).
//
// Cost: publishing one offer reads the postings filed under its three keys
// (tests/bench/native/bench_alert_matching.cpp: 1 000 000 alerts). Memory:
// 16 bytes per posting and the alert's communes; no profile is kept.
//
// Threads: match() is const and may run in parallel; put() / remove() need
// exclusive access (the caller holds a lock). Portable (native and wasm).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "domain/eligibility.h"
#include "reference/geography.h"
#include "reference/offer_search.h"
#include "reference/offer_types.h"

namespace alin {

// Bit of a tab in AlertFilters::tabsMask.
inline constexpr std::uint8_t alertTabBit(SearchTab tab) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(tab));
}
inline constexpr std::uint8_t kAllAlertTabs = 0x07;

struct AlertFilters {
    std::uint8_t tabsMask = kAllAlertTabs;  // alertTabBit(tab) for each tab wanted; 0 reads as all
    // The offers screen's filters: roomsMask, house, apartment, pmr,
    // priceMinEuros, priceMaxEuros (same meaning as in a search; tab, sort and
    // page are not used).
    SearchQuery query;
    friend bool operator==(const AlertFilters&, const AlertFilters&) = default;
};

struct AlertMatch {
    std::int64_t alertId = 0;
    SearchTab tab = SearchTab::Requested;  // where the owner's offers screen lists the offer
    friend bool operator==(const AlertMatch&, const AlertMatch&) = default;
};

// The eligibility facts of an offer (zone of its commune, loan of its funding,
// rooms, rent and charges), as OfferIndex::facts gives them.
domain::OfferFacts offerFactsOf(const Offer& offer, const Geography& geo);

class AlertIndex {
public:
    AlertIndex() = default;
    explicit AlertIndex(Geography geo);

    const Geography& geography() const { return geo_; }
    std::size_t size() const { return live_; }
    bool contains(std::int64_t alertId) const;

    // Files an alert (or files it again: replaces the one with this id).
    // Unknown INSEE codes are ignored; an alert without a known commune never matches.
    void put(std::int64_t alertId, const domain::EligibilityProfile& profile,
             std::span<const std::string> requestedInsee, const AlertFilters& filters);
    // false when there is no such alert.
    bool remove(std::int64_t alertId);

    // The alerts that `offer` matches, by increasing alert id (`out` is cleared
    // first). `todayDays`: searchDayFromIso / searchDayFromUnix. A closed offer,
    // one whose deadline is past or whose commune is unknown matches none.
    void match(const Offer& offer, std::int32_t todayDays, std::vector<AlertMatch>& out) const;
    std::vector<AlertMatch> match(const Offer& offer, std::int32_t todayDays) const;

    // Postings visited by the last match() on this thread (for the benchmark).
    static std::size_t lastVisited();
    // Approximate heap bytes (profiles, postings, communes).
    std::size_t memoryBytes() const;

private:
    struct Posting {
        std::uint32_t slot;
        std::int32_t maxTotalCents;  // highest rent + charges accepted (effort and price filter); INT32_MAX: any
        std::int32_t minTotalCents;  // price filter's lower bound, 0 when none
        std::uint16_t income;        // bit loan * kZoneCount + zone: income under that ceiling
        std::uint8_t rooms;          // bit r: Tr possible (typology range and rooms filter)
        std::uint8_t flags;          // kinds accepted, PMR required, tab wanted (alert_index.cpp)
    };
    struct Slot {
        std::vector<std::uint32_t> communes;     // requested communes (geography indices, sorted)
        std::vector<std::uint32_t> epcis;        // their EPCIs (sorted, unique)
        std::vector<std::uint32_t> departments;  // their departments (indices, sorted, unique)
    };

    std::uint32_t departmentIndex(std::string_view code) const;
    void unfile(std::uint32_t slot);

    Geography geo_;
    std::vector<Slot> slots_;
    std::vector<std::int64_t> ids_;  // alert id by slot, 0: free
    std::vector<std::uint32_t> freeSlots_;
    std::vector<std::pair<std::int64_t, std::uint32_t>> byId_;  // sorted by alert id
    std::size_t live_ = 0;
    std::vector<std::vector<Posting>> byCommune_, byEpci_, byDepartment_;
};

}  // namespace alin
