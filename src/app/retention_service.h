// Retention of inactive accounts (issue 14 part 3; the data notice states it,
// page.data.how_long.p1): an applicant account without a log-in for
// config.retentionInactiveSeconds (two years) gets a warning e-mail, then is
// deleted config.retentionGraceSeconds (30 days) after the warning unless it
// logged in meanwhile. The deletion is the one of "Mes données"
// (MyDataService::erase: what reached a landlord archived anonymised, the rest
// deleted, every session ended).
//
// run() is the whole job, called by the server on an interval (server-stub/
// background_jobs.h) and by tests with a manual clock. It is idempotent and
// safe on several servers at once: the warning row is inserted once
// (Storage::insertRetentionWarning), in the same transaction as its e-mail,
// so an account is never warned twice; a second run finds nothing to do.
// Staff accounts (advisors, landlords, employers) are managed by their
// organisations and never touched.
#pragma once
#include <cstdint>

#include "app/config.h"
#include "app/mail.h"
#include "app/my_data_service.h"

namespace alin {

struct RetentionReport {
    int warned = 0;    // warning e-mails queued
    int deleted = 0;   // accounts deleted after the grace period
    int resumed = 0;   // warned accounts that logged in since: warning withdrawn
    int deferred = 0;  // due, but not deletable now (reference data loading): next run
};

class RetentionService {
public:
    // Rows handled per storage call; run() loops over batches.
    static constexpr int kBatch = 200;

    RetentionService(Storage& storage, Clock& clock, MailTransport& mail, const ServiceConfig& config,
                     MyDataService& myData);

    // `applications` may be null while the reference data loads: an account
    // with an active application is then left for the next run.
    RetentionReport run(ApplicationService* applications);

private:
    bool warn(const RetentionAccount& account, int64_t now);

    Storage& storage_;
    Clock& clock_;
    MailTransport& mail_;
    const ServiceConfig& config_;
    MyDataService& myData_;
};

}  // namespace alin
