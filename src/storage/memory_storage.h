// In-memory Storage for the offline demo mode in the browser (and unit tests).
// The whole state round-trips through JSON so the demo can keep it in the
// browser's local storage between visits.
#pragma once
#include <map>
#include <mutex>
#include <vector>

#include "storage/storage.h"

namespace alin {

class MemoryStorage final : public Storage {
public:
    // Rolls back by restoring a snapshot taken before fn when fn throws.
    void transaction(const std::function<void()>& fn) override;

    std::optional<UserRecord> findUserByEmail(const std::string& email) override;
    std::optional<UserRecord> findUserById(int64_t id) override;
    int64_t insertUser(const UserRecord& user) override;  // throws on a duplicate e-mail
    void updateUser(const UserRecord& user) override;
    void setUserLanguage(int64_t userId, const std::string& language) override;

    void insertToken(const OneTimeTokenRecord& token) override;
    std::optional<OneTimeTokenRecord> findToken(const std::string& tokenHash) override;
    void markTokenUsed(const std::string& tokenHash, int64_t at) override;
    void revokeTokens(int64_t userId, const std::string& purpose, int64_t at) override;

    void insertSession(const SessionRecord& session) override;
    std::optional<SessionRecord> findSession(const std::string& tokenHash) override;
    void touchSession(const std::string& tokenHash, int64_t at) override;
    void deleteSession(const std::string& tokenHash) override;
    void deleteSessionsOfUser(int64_t userId) override;

    void recordLoginFailure(const std::string& key, int64_t at) override;
    int countLoginFailuresSince(const std::string& key, int64_t since) override;
    int64_t latestLoginFailure(const std::string& key) override;
    void clearLoginFailures(const std::string& key) override;

    int64_t insertMail(const MailRecord& mail) override;
    std::vector<MailRecord> listMailTo(const std::string& to) override;

    std::optional<nlohmann::json> findRegistryRequest(const std::string& numeroUnique) override;
    void upsertRegistryRequest(const std::string& numeroUnique, const nlohmann::json& request, int64_t at) override;
    int64_t countRegistryRequests() override;
    std::vector<nlohmann::json> listRegistryRequests(int64_t offset, int64_t limit) override;

    std::optional<RequestFileRecord> findRequestFileOfUser(int64_t userId) override;
    std::optional<RequestFileRecord> findRequestFileByNumero(const std::string& numeroUnique) override;
    int64_t insertRequestFile(const RequestFileRecord& file) override;  // throws on a duplicate user or NU
    void updateRequestFile(const RequestFileRecord& file) override;
    void deleteRequestFileOfUser(int64_t userId) override;

    int64_t insertVerificationCode(const VerificationCodeRecord& code) override;
    std::optional<VerificationCodeRecord> latestVerificationCode(int64_t userId, const std::string& purpose) override;
    void updateVerificationCode(const VerificationCodeRecord& code) override;
    void revokeVerificationCodes(int64_t userId, const std::string& purpose, int64_t at) override;
    int countVerificationCodesSince(int64_t userId, const std::string& purpose, int64_t since) override;
    void deleteVerificationCodesOfUser(int64_t userId) override;

    std::vector<RequestFileRecord> listRequestFiles() override;

    int64_t insertAddedOffer(const AddedOfferRecord& offer) override;
    std::vector<AddedOfferRecord> listAddedOffers() override;
    std::vector<AddedOfferRecord> listAddedOffersAfter(int64_t afterId) override;
    std::optional<OfferStateRecord> findOfferState(int64_t offerId) override;
    void upsertOfferState(const OfferStateRecord& state) override;
    std::vector<OfferStateRecord> listOfferStates() override;
    std::vector<OfferStateRecord> listOfferStatesSince(int64_t since) override;

    // The rule of one is checked and the application inserted under the lock.
    int64_t insertApplication(const ApplicationRecord& application) override;
    std::optional<ApplicationRecord> findApplication(int64_t id) override;
    std::optional<ApplicationRecord> findActiveApplicationOfUser(int64_t userId) override;
    void updateApplication(const ApplicationRecord& application) override;  // throws on a second active one
    std::vector<ApplicationRecord> listApplications(const ApplicationQuery& query) override;
    void markApplicationsRead(int64_t userId) override;

    int64_t beginLoginAttempt(const std::vector<std::string>& keys, int64_t now, const LoginLimit& limit) override;
    void releaseLoginAttempt(const std::string& key, int64_t at) override;
    // Quota events are not part of snapshot(): a reloaded demo starts afresh.
    bool takeQuota(const std::vector<QuotaRule>& rules, int64_t now) override;
    bool consumeToken(const std::string& tokenHash, int64_t at) override;
    LimitRowCounts countLimitRows() override;

    // "Mes données" (memory_storage_mydata.cpp).
    void insertConsentChange(const ConsentChangeRecord& change) override;
    std::vector<ConsentChangeRecord> listConsentChanges(int64_t userId) override;
    void insertLogin(const LoginRecord& login) override;
    std::vector<LoginRecord> listLogins(int64_t userId) override;
    int64_t insertArchivedApplication(const ArchivedApplicationRecord& archived) override;
    std::vector<ArchivedApplicationRecord> listArchivedApplications(int64_t offerId) override;
    void deleteUserData(int64_t userId, const std::vector<std::string>& addresses) override;

    // Background jobs (memory_storage_jobs.cpp): claims under the lock. The
    // delivery state and the retention warnings are not part of snapshot():
    // the offline demo delivers nothing and runs no retention.
    std::vector<MailRecord> claimMails(int64_t now, int64_t leaseSeconds, int limit) override;
    void markMailSent(int64_t id, int64_t at) override;
    void markMailFailed(int64_t id, int attempt, int64_t retryAt, bool giveUp) override;
    std::vector<RetentionAccount> listAccountsToWarn(int64_t lastLoginBefore, int limit) override;
    bool insertRetentionWarning(int64_t userId, int64_t at) override;
    std::vector<RetentionAccount> listRetentionWarnings(int64_t warnedBefore, int limit) override;
    void deleteRetentionWarning(int64_t userId) override;
    // "Mes alertes" (memory_storage_alerts.cpp).
    int64_t insertAlert(const AlertRecord& alert) override;
    std::optional<AlertRecord> findAlert(int64_t id) override;
    std::vector<AlertRecord> listAlerts(int64_t userId) override;
    std::vector<AlertRecord> listAlertsUpdatedSince(int64_t since) override;
    void updateAlert(const AlertRecord& alert) override;
    void deleteAlert(int64_t id) override;
    bool insertAlertNotification(const AlertNotificationRecord& notification) override;
    std::vector<AlertNotificationRecord> listAlertNotifications(int64_t userId) override;
    std::vector<AlertNotificationRecord> listUnmailedAlertNotifications(int limit) override;
    void markAlertNotificationMailed(int64_t alertId, int64_t offerId, int64_t at) override;
    void markAlertNotificationsSeen(int64_t userId) override;

    // The contact form (memory_storage_contact.cpp, migration 0011).
    int64_t insertContactMessage(const ContactMessageRecord& message, int maxPerWindow, int64_t windowSeconds) override;
    std::optional<ContactMessageRecord> findContactMessage(int64_t id) override;
    std::vector<ContactMessageRecord> listContactMessagesOfUser(int64_t userId) override;
    std::vector<ContactMessageRecord> listOpenContactMessages() override;
    bool answerContactMessage(int64_t id, const std::string& answer, int64_t advisorId, int64_t at) override;
    bool closeContactMessage(int64_t id, int64_t at) override;

    // Whole state as JSON ({"version":1, "users":[...], ...}). Secrets are
    // stored hashed already (password hashes, token hashes), as in SQLite.
    nlohmann::json snapshot() const;
    // Replaces the whole state. Never throws: a malformed document (or a
    // malformed entry) is skipped, so a corrupted browser copy yields an empty
    // (or partial) store instead of a crash.
    void restore(const nlohmann::json& state);

private:
    void requireUser(int64_t userId) const;

    // A throttle row: when it happened, and when it stops counting (pruned then).
    struct TimedRow {
        int64_t at = 0;
        int64_t expiresAt = 0;
    };
    // Deletes at most kPruneBatchRows rows of `rows` that stopped counting at `now`.
    static void prune(std::map<std::string, std::vector<TimedRow>>& rows, int64_t now);

    struct State {
        int64_t nextUserId = 1;
        int64_t nextMailId = 1;
        std::map<int64_t, UserRecord> users;
        std::map<std::string, OneTimeTokenRecord> tokens;
        std::map<std::string, SessionRecord> sessions;
        std::map<std::string, std::vector<TimedRow>> loginFailures;
        std::vector<MailRecord> mails;
        // Added with the request files (absent from older snapshots: empty).
        int64_t nextFileId = 1;
        int64_t nextCodeId = 1;
        std::map<std::string, nlohmann::json> registry;   // by Numéro Unique
        std::map<int64_t, RequestFileRecord> files;       // by user id
        std::map<int64_t, VerificationCodeRecord> codes;  // by id
        // Added with offers and applications (absent from older snapshots: empty).
        int64_t nextApplicationId = 1;
        std::map<int64_t, AddedOfferRecord> addedOffers;    // by id
        std::map<int64_t, OfferStateRecord> offerStates;    // by offer id
        std::map<int64_t, ApplicationRecord> applications;  // by id

        // Added with "Mes données" (absent from older snapshots: empty).
        int64_t nextConsentId = 1;
        int64_t nextLoginId = 1;
        int64_t nextArchivedId = 1;
        std::vector<ConsentChangeRecord> consentLog;                        // id order
        std::vector<LoginRecord> logins;                                    // id order
        std::map<int64_t, ArchivedApplicationRecord> archivedApplications;  // by id

        // Retention warnings: warned_at by user id (not in snapshots).
        std::map<int64_t, int64_t> retentionWarnings;

        // The contact form's messages by id (absent from older snapshots: empty).
        int64_t nextContactId = 1;
        std::map<int64_t, ContactMessageRecord> contactMessages;
        // "Mes alertes" (absent from older snapshots: empty).
        int64_t nextAlertId = 1;
        std::map<int64_t, AlertRecord> alerts;                                              // by id
        std::map<std::pair<int64_t, int64_t>, AlertNotificationRecord> alertNotifications;  // by (alert, offer)

        // takeQuota's events by key (not in snapshots).
        std::map<std::string, std::vector<TimedRow>> quotaEvents;
    };

    // The "Mes données" part of snapshot() and restore() (memory_storage_mydata.cpp).
    void snapshotMyData(nlohmann::json& out) const;
    static void restoreMyData(const nlohmann::json& in, State& fresh);
    // The contact form's part of snapshot() and restore() (memory_storage_contact.cpp).
    void snapshotContact(nlohmann::json& out) const;
    static void restoreContact(const nlohmann::json& in, State& fresh);
    // The alerts' part (memory_storage_alerts.cpp).
    void snapshotAlerts(nlohmann::json& out) const;
    static void restoreAlerts(const nlohmann::json& in, State& fresh);

    mutable std::recursive_mutex mutex_;
    State state_;
};

}  // namespace alin
