// Applications (guide §6 "Suivre sa candidature") and the other side (the
// Action Logement advisor, the landlord, the employer), as
// docs/applications-api.md describes them.
//
// Rules:
//  - THE RULE OF ONE: one active application per applicant. It is the storage's
//    uniqueness constraint (Storage::insertApplication, a partial unique index in
//    SQLite), not a read-then-write here: of fifty concurrent "Je postule" of one
//    applicant, exactly one is accepted. An ended application (cancelled,
//    invalidated, refused, declined, closed, lease signed) frees the applicant.
//  - Every change goes through domain::transition (application_flow.h) inside a
//    storage transaction that re-reads the application, so two staff members
//    acting at once cannot both move it.
//  - "Je postule": the applicant's validated request file, the offer open and
//    before its deadline, the household eligible (OfferIndex::explain).
//  - Position: domain::rankOf over the offer's active applications; the facts
//    (priority situation, employer support = sharing choice 2/3 with a company
//    code, request registration date, application time, id) are those of the
//    request file when applying, kept with the application.
//  - At every status change the applicant gets an e-mail ("Action Logement
//    Services – Votre candidature : <statut>") and, when someone else made the
//    change, the application is flagged unread (the "Mes candidatures" badge).
//  - Staff routes check the role, then the ownership: a landlord acts only on
//    its organisation's offers; an employer sees only the requests attached to
//    its SIRET, within each applicant's data-sharing choice (1: nothing,
//    2: the listed fields, 3: everything but the NIR, and the applications).
//  - A signed lease closes the offer's other active applications (System actor)
//    and the offer itself.
//
// Thread-safe (the server calls it from several threads).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/account_service.h"  // Result, ServiceError, Me
#include "app/clock.h"
#include "app/config.h"
#include "app/mail.h"
#include "app/offer_service.h"
#include "domain/application_flow.h"
#include "domain/ranking.h"
#include "storage/storage.h"

namespace alin {

class ApplicationService {
public:
    ApplicationService(Storage& storage, Clock& clock, MailTransport& mail, const ServiceConfig& config,
                       OfferService& offers);

    // ---- applicant
    // POST /applications: 201 {application, message}; 409 already_active (naming the
    // active one), 410 offer_closed / deadline_past, 403 not_eligible / forbidden,
    // 404 offer_unknown / no_request, 409 file_not_validated.
    Result<Json> apply(const Me& me, int64_t offerId);
    // GET /applications: {active, history, unread}.
    Result<Json> mine(const Me& me);
    // DELETE /applications/{id}: {application, message}; 409 cannot_cancel; 404 application_unknown.
    Result<Json> cancel(const Me& me, int64_t applicationId);
    // GET /applications/ranking: {title, paragraphs} (+ the applicant's own figures).
    Result<Json> ranking(const Me& me);
    // POST /applications/read: {unread: 0}.
    Result<Json> markRead(const Me& me);
    // "Supprimer ma demande": ends the user's active application, if any
    // (cancelled while the applicant may cancel it, closed afterwards). Call
    // inside the storage transaction that deletes the request file. True when
    // one ended.
    bool endForDeletedRequest(int64_t userId);

    // ---- advisor (Action Logement)
    Result<Json> queue(const Me& me);
    Result<Json> validate(const Me& me, int64_t applicationId);
    Result<Json> invalidate(const Me& me, int64_t applicationId, const std::string& reason);
    Result<Json> candidates(const Me& me, int64_t offerId);
    Result<Json> send(const Me& me, int64_t offerId, const std::vector<int64_t>& applicationIds);

    // ---- landlord
    Result<Json> landlordOffers(const Me& me);
    Result<Json> contact(const Me& me, int64_t applicationId, const std::string& note);
    Result<Json> commission(const Me& me, int64_t applicationId);
    // decision: "attribution" | "attribution_ranked" (rank 1..3) | "attribution_conditional" |
    // "non_attribution" | "inadmissible".
    Result<Json> decide(const Me& me, int64_t applicationId, const std::string& decision, int rank);
    // The missing document of a conditional attribution arrived (-> attribution).
    Result<Json> provideDocument(const Me& me, int64_t applicationId);
    Result<Json> signLease(const Me& me, int64_t applicationId);

    // ---- employer
    Result<Json> employerRequests(const Me& me);

private:
    struct Change {
        domain::ApplicationEvent event;
        domain::Actor actor = domain::Actor::System;
        std::string reason;  // invalidation
        std::string note;    // landlord contact
    };
    using Guard = std::optional<ServiceError> (*)(const Me&, const ApplicationRecord&, const OfferService&);

    Result<ApplicationRecord> change(const Me& me, int64_t applicationId, const Change& change, Guard guard);
    void record(ApplicationRecord& a, const domain::ApplicationState& next, const Change& change) const;
    void notify(const ApplicationRecord& a);

    Json applicantJson(const ApplicationRecord& a, const std::vector<ApplicationRecord>* activeOnOffer) const;
    Json staffJson(const ApplicationRecord& a, const std::vector<ApplicationRecord>& activeOnOffer) const;
    Json applicantInfo(const ApplicationRecord& a) const;
    Result<Json> staffAnswer(const Result<ApplicationRecord>& changed, const char* messageKey);

    Storage& storage_;
    Clock& clock_;
    MailTransport& mail_;
    const ServiceConfig& config_;
    OfferService& offers_;
};

// Ranking facts of a stored application.
domain::RankingFacts rankingFactsOf(const ApplicationRecord& a);
// "1re", "2e", "12e".
std::string frenchOrdinal(int n);

}  // namespace alin
