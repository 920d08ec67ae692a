// "Mes données" (issue 14 part 3; the data notice promises "consulter,
// exporter et effacer vos données à tout moment"):
//  - exportData: everything held about the signed-in person as one JSON
//    document (RGPD article 20): account (no password hash), request file and
//    its history, data-sharing choices with the date of each change (consent
//    log), applications with their events, e-mails sent to the person (the
//    outbox rows to their address), recent log-ins (date, device).
//  - deleteAccount: with the password (Argon2id, throttled like the log-in,
//    same keys); an active application is first ended by its normal
//    cancellation (ApplicationService::endForDeletedRequest), then, in ONE
//    storage transaction, what the landlord must keep is archived anonymised
//    and apart (archived_applications: the offer, the stages and decision,
//    dates; no user, no Numéro Unique, no name, no free text; only the
//    applications that reached a landlord, step 3 or later) and everything
//    personal is deleted (Storage::deleteUserData): the e-mail can register
//    again and every session of the account ends.
// Alerts (issue 14 part 1) do not exist yet: the export holds an empty list;
// the contact form's messages and answers (part 2) are in "messages".
#pragma once
#include <optional>
#include <string>

#include "app/account_service.h"
#include "app/application_service.h"

namespace alin {

// What deleteAccount did, for the reply.
struct DeletionOutcome {
    bool applicationCancelled = false;  // an active application was ended first
    int applicationsArchived = 0;       // anonymised rows kept for the landlords
};

class MyDataService {
public:
    MyDataService(Storage& storage, Clock& clock, PasswordHasher& hasher, const ServiceConfig& config);

    Json exportData(const Me& me);
    // `applications` may be null only while the reference data loads: the
    // deletion is then refused (503) when the person has an active application,
    // rather than leaving the landlord's side incoherent.
    Result<DeletionOutcome> deleteAccount(const Me& me, const std::string& password, const std::string& clientAddress,
                                          ApplicationService* applications);
    // The deletion itself, once decided (deleteAccount after the password, the
    // retention job): in one transaction, the active application ended, what
    // reached a landlord archived, everything personal deleted, every session
    // ended. nullopt (nothing done) when the person has an active application
    // and `applications` is null (reference data still loading).
    std::optional<DeletionOutcome> erase(const UserRecord& user, ApplicationService* applications);

private:
    Storage& storage_;
    Clock& clock_;
    PasswordHasher& hasher_;
    const ServiceConfig& config_;
};

}  // namespace alin
