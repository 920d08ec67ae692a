// "Mes alertes" (issue 14 part 1) as use cases, behind the routes of
// src/api/api_router_alerts.cpp:
//  - an applicant with a validated request file saves the filters of the
//    offers screen as an alert (tabs, rooms, house / apartment, PMR, price),
//    lists, pauses, resumes and deletes them, and picks how to be told:
//    "immediate" (one e-mail per offer) or "daily" (one digest at a chosen hour);
//  - when an offer is published (OfferService::add calls offerPublished inside
//    its storage transaction), every matching alert is found through the
//    AlertIndex (src/reference/alert_index.h: no scan of every applicant), one
//    notification row per alert and offer is written (unique key: a second
//    publication, on this server or another, writes nothing) and, for the
//    immediate ones, the e-mail goes to the outbox with the dedupe key
//    "alert:<alert>:<offer>": at-least-once delivery by the outbox drainer,
//    never two e-mails for one alert and offer;
//  - each e-mail has a one-click unsubscribe link: a token signed with the
//    service's key (keyedHashHex), usable without logging in, given in the
//    body and as the List-Unsubscribe / List-Unsubscribe-Post headers (the
//    link of the outbox row marked "unsubscribe": smtp_transport.cpp);
//  - the applicant's "Nouvelles offres" badge and the "Nouveau" marks: the
//    notifications not seen yet.
//
// The index holds the active (not paused) alerts of owners whose file is
// validated, with the eligibility profile of that file; an alert is filed
// again when it is saved, and every alert of a user when the user lists them
// (a refreshed file then counts). Thread-safe (one mutex over the index).
#pragma once
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "app/account_service.h"
#include "app/clock.h"
#include "app/config.h"
#include "app/mail.h"
#include "app/offer_service.h"
#include "reference/alert_index.h"
#include "storage/storage.h"

namespace alin {

// The stored filters JSON of an alert from a request body (the offers
// screen's query: tab or tabs, rooms, house, apartment, pmr, priceMin,
// priceMax); errors by field, in French, as the offers search gives them.
struct ParsedAlertFilters {
    AlertFilters filters;
    Json stored = Json::object();  // normalised: {"tabs","rooms","house","apartment","pmr","priceMin","priceMax"}
    std::vector<FieldError> errors;
};
ParsedAlertFilters alertFiltersFromJson(const Json& body);
// The filters of a stored alert (alertFiltersFromJson(stored).filters, never failing).
AlertFilters alertFiltersOf(const Json& stored);
// "Communes demandées · T2, T3 · Appartement · Jusqu'à 900 €": what the alert watches.
std::string alertSummary(const AlertFilters& filters);

// At most this many alerts per applicant.
inline constexpr int kMaxAlertsPerUser = 20;

class AlertService {
public:
    AlertService(Storage& storage, Clock& clock, MailTransport& mail, const ServiceConfig& config,
                 OfferService& offers);

    // Files every stored active alert (at start).
    void loadAll();
    // Several servers on one database: files the alerts created or changed
    // since the last call (the server calls it with OfferService::followStorage).
    // Returns how many were read. Deleted ones leave at the next offer they match.
    int followStorage();

    // GET /alerts: {alerts:[{id, summary, filters, frequency, digestHour, paused, createdAt}], newOffers}
    Result<Json> list(const Me& me);
    // POST /alerts: 201 {alert, message}; 404 no_request, 409 file_not_validated, 422 validation.
    Result<Json> create(const Me& me, const Json& body);
    // PATCH /alerts/{id} {paused?, frequency?, digestHour?}: 200 {alert, message}; 404 alert_unknown.
    Result<Json> update(const Me& me, int64_t alertId, const Json& body);
    // DELETE /alerts/{id}: 200 {message}; 404 alert_unknown.
    Result<Json> remove(const Me& me, int64_t alertId);
    // GET /alerts/news: {count, offerIds:[...]} the offers of notifications not seen yet.
    Result<Json> news(const Me& me);
    // POST /alerts/news/seen: every notification seen.
    Result<Json> markSeen(const Me& me);
    // GET /alerts/unsubscribe?token=: {alert:{summary}, paused}; 404 alert_unknown for a bad token.
    Result<Json> unsubscribeInfo(const std::string& token);
    // POST /alerts/unsubscribe?token=: pauses the alert (no e-mail any more), without a session.
    Result<Json> unsubscribe(const std::string& token);

    // The hook of OfferService::add, inside its storage transaction: returns the
    // number of notifications written (0 for a second call with the same offer).
    int offerPublished(const Offer& offer);
    // The daily digests due at the clock's time (Paris hour >= digestHour): one
    // e-mail per user and day ("digest:<user>:<day>"); returns the e-mails queued.
    int sendDigests();

    // "<alert id>.<signature>" (tests build links with it).
    std::string unsubscribeToken(int64_t alertId, int64_t userId) const;
    std::size_t indexedAlerts() const;

private:
    struct Owner {
        int64_t userId = 0;
    };
    Json alertJson(const AlertRecord& alert) const;
    // Files the alert (or takes it out when paused or the owner has no validated file).
    void file(const AlertRecord& alert);
    std::optional<AlertRecord> ownAlert(const Me& me, int64_t alertId);
    std::optional<AlertRecord> alertOfToken(const std::string& token);
    void mailOffer(const AlertRecord& alert, const UserRecord& user, const Offer& offer);

    Storage& storage_;
    Clock& clock_;
    MailTransport& mail_;
    const ServiceConfig& config_;
    OfferService& offers_;
    std::string key_;  // signing key of the unsubscribe links

    mutable std::mutex mutex_;
    AlertIndex index_;
    std::unordered_map<int64_t, Owner> owners_;  // filed alerts
    int64_t followedSince_ = 0;                  // updatedAt from which followStorage reads (guarded by mutex_)
};

}  // namespace alin
