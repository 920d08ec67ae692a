#include "app/retention_service.h"

#include "domain/dates.h"
#include "domain/format.h"
#include "i18n/catalog.h"

namespace alin {

RetentionService::RetentionService(Storage& storage, Clock& clock, MailTransport& mail, const ServiceConfig& config,
                                   MyDataService& myData)
    : storage_(storage), clock_(clock), mail_(mail), config_(config), myData_(myData) {}

bool RetentionService::warn(const RetentionAccount& account, int64_t now) {
    bool warned = false;
    // The warning row and its e-mail commit together: one mail per warning,
    // whichever server runs the job, however often.
    storage_.transaction([&] {
        if (!storage_.insertRetentionWarning(account.userId, now)) return;
        // Worded in the account's language, like every e-mail to an account.
        const std::optional<UserRecord> user = storage_.findUserById(account.userId);
        const i18n::LanguageScope language(user ? accountLanguage(*user) : i18n::Lang::Fr);
        const std::string lastLogin = domain::formatDate(account.lastLoginAt);
        const std::string deletion = domain::formatDate(now + config_.retentionGraceSeconds);
        const std::string url = config_.publicBaseUrl + "#/connexion";
        MailRecord mail;
        mail.to = account.email;
        mail.subject = tr("jobs.retention.subject");
        mail.body = withLanguageFooter(trf("jobs.retention.body", {lastLogin, deletion, url}));
        mail.links = nlohmann::json::array({{{"label", tr("jobs.retention.link")}, {"url", url}}});
        mail.createdAt = now;
        if (!mail_.send(mail)) throw StorageError("retention warning not queued", 0, false);
        warned = true;
    });
    return warned;
}

RetentionReport RetentionService::run(ApplicationService* applications) {
    RetentionReport report;
    const int64_t now = clock_.now();

    // Warned accounts whose grace period is over: deleted, unless they logged in since.
    for (;;) {
        const auto due = storage_.listRetentionWarnings(now - config_.retentionGraceSeconds, kBatch);
        int progressed = 0;
        for (const RetentionAccount& account : due) {
            if (account.lastLoginAt > account.warnedAt) {
                storage_.deleteRetentionWarning(account.userId);
                ++report.resumed;
                ++progressed;
                continue;
            }
            const std::optional<UserRecord> user = storage_.findUserById(account.userId);
            if (!user) continue;
            if (myData_.erase(*user, applications)) {
                ++report.deleted;
                ++progressed;
            } else {
                ++report.deferred;
            }
        }
        if (static_cast<int>(due.size()) < kBatch || progressed == 0) break;
    }

    // Accounts inactive for the whole period and not warned yet.
    for (;;) {
        const auto inactive = storage_.listAccountsToWarn(now - config_.retentionInactiveSeconds, kBatch);
        int progressed = 0;
        for (const RetentionAccount& account : inactive) {
            if (warn(account, now)) ++report.warned;
            ++progressed;  // warned here or by another server: no longer listed
        }
        if (static_cast<int>(inactive.size()) < kBatch || progressed == 0) break;
    }
    return report;
}

}  // namespace alin
