// "Les offres" (guide §5) as use cases, behind docs/offers-api.md: the search
// in the three tabs, the detail of an offer (with "why can / can't I apply"),
// and the offers landlords and advisors add.
//
// The OfferIndex (offer_search.h) is built at start from the generated
// catalogue (offer_seed.h: config.offerCount offers, "today" from the clock as
// the reference date) plus what the storage kept: the offers added through
// POST /offers (ids from kFirstAddedOfferId) and, per offer, the applications
// made here (added to the catalogue's own count) and a status change (closed
// when a lease is signed). So a restart rebuilds the same index.
//
// Several servers on one database (PostgreSQL): each keeps its own index and
// follows what the others write with followStorage() (the server calls it every
// second): the offers added since the largest id it knows, and the offer states
// changed lately (applications count, status). A state is applied as an
// absolute value (the catalogue's own count + the applications made here), so
// applying one twice, or a local change and the same change read back, never
// counts twice.
//
// Per applicant, the SearchContext (eligibility profile and areas of the
// imported request) is computed once and cached until the request file
// changes (another file, import or refresh time, the declared resources and
// housing aid) or the day changes (ages).
//
// Thread-safe: searches and details share the index (std::shared_mutex),
// additions and counters take it exclusively.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "app/account_service.h"  // Result, ServiceError, Me
#include "app/clock.h"
#include "app/config.h"
#include "reference/eligibility_profile.h"
#include "reference/offer_search.h"
#include "reference/registry_types.h"
#include "reference/service_data.h"
#include "storage/storage.h"

namespace alin {

// The applicant's validated request file with its search context.
struct ApplicantContext {
    RequestFileRecord file;
    std::shared_ptr<const RegistryRequest> request;  // the file's snapshot, parsed (cached with the context)
    std::shared_ptr<const SearchContext> search;
};

// What the application service needs to know of an offer (a copy: the index
// may grow meanwhile).
struct OfferSummary {
    Offer offer;
    std::string title;         // "T2 - Paris (75)"
    std::string addressText;   // "12 rue Victor Hugo, 75014 Paris"
    std::string totalText;     // "912,40 € charges comprises"
    std::string deadlineText;  // "03/12/2026"
};

class OfferService {
public:
    // Generates the catalogue and loads the storage's additions and changes.
    // Throws std::invalid_argument when the geography is empty.
    OfferService(Storage& storage, Clock& clock, const ServiceConfig& config, const ServiceData& data);

    // GET /offers: the query string of docs/offers-api.md. 404 no_request,
    // 409 file_not_validated, 422 validation (field: the first bad parameter).
    Result<Json> search(const Me& me, const std::map<std::string, std::string>& query);
    // GET /offers/{id}: {offer:{card + address, floor, lift, heating, ..., eligible, reason, tab},
    // canApply, cannotApplyReason, activeApplication}. 404 offer_unknown. Applicants need a
    // validated file; staff see the offer without eligibility (canApply false).
    Result<Json> detail(const Me& me, int64_t offerId);
    // POST /offers: landlords for their organisation, advisors for any landlord.
    // 201 {offer}; 403 forbidden; 422 validation with field.
    Result<Json> add(const Me& me, const Json& body);

    // ---- for the application service

    // 404 no_request / 409 file_not_validated, else the file and its (cached) context.
    Result<ApplicantContext> applicantContext(int64_t userId);
    std::optional<OfferSummary> summary(int64_t offerId) const;
    // "Je postule" on this offer: nullopt when allowed, else 404 offer_unknown,
    // 410 offer_closed / deadline_past, 403 not_eligible (the reason in the message).
    std::optional<ServiceError> applyRefusal(const SearchContext& ctx, int64_t offerId) const;
    // Inside the caller's storage transaction: one more application made here on
    // the offer / the offer closed. Then, once committed, the index follows with
    // applicationAdded / offerClosed.
    void storeApplicationAdded(int64_t offerId);
    void storeOfferClosed(int64_t offerId);
    void applicationAdded(int64_t offerId);
    void offerClosed(int64_t offerId);

    // Today for the deadlines (days since 1970-01-01, from the clock).
    std::int32_t today() const;
    const ServiceData& data() const { return data_; }
    std::size_t size() const;

    // Reads what other servers wrote since the last call (see above): the
    // number of offers added and of states applied.
    struct FollowResult {
        int offersAdded = 0;
        int statesApplied = 0;
    };
    FollowResult followStorage();

    // Called by add() with the new offer inside the storage transaction that
    // inserts it (AlertService::offerPublished: the alerts' notifications
    // commit with the offer, or not at all). Set once, before serving.
    void setPublishedHook(std::function<void(const Offer&)> hook) { publishedHook_ = std::move(hook); }

private:
    Json offerJson(std::uint32_t index, std::int32_t effortBasisPoints) const;  // call with the lock held
    // The parsed request and the search context of a file: cached per user until
    // the file, its declared resources or the day change.
    void contextFor(const RequestFileRecord& file, ApplicantContext& out);

    Storage& storage_;
    Clock& clock_;
    const ServiceConfig& config_;
    ServiceData data_;
    domain::EligibilityRules rules_;

    // Under indexMutex_ (unique): an offer state read from the storage, applied
    // as absolute values.
    void applyState(const OfferStateRecord& state);

    mutable std::shared_mutex indexMutex_;
    OfferIndex index_;
    // Guarded by indexMutex_: per offer with a state, its applications count
    // before any state was applied (the catalogue's own count); the largest
    // added offer id and the latest state time seen (followStorage).
    std::unordered_map<int64_t, int> catalogueApplications_;
    int64_t lastAddedId_ = 0;
    int64_t statesSeenUntil_ = 0;

    struct CachedContext {
        int64_t fileId = 0, importedAt = 0, refreshedAt = 0;
        DeclaredResources resources;  // the file's declared resources and housing aid
        std::int32_t day = 0;
        std::shared_ptr<const RegistryRequest> request;
        std::shared_ptr<const SearchContext> search;
    };
    std::function<void(const Offer&)> publishedHook_;
    std::mutex cacheMutex_;
    std::unordered_map<int64_t, CachedContext> cache_;  // by user id
};

// Error helpers shared by the offer and application services.
ServiceError serviceError(int status, const std::string& code, const std::string& message,
                          const std::string& field = {});
ServiceError forbiddenError();  // 403 forbidden

}  // namespace alin
