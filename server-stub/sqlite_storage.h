// alin::Storage over a SQLite file (the server's store).
//
// Connection settings: WAL journal, synchronous=NORMAL, busy_timeout, foreign
// keys on. The schema comes from the embedded migrations (migrations.h),
// applied at open time, one transaction each, recorded in `schema_version`;
// opening an up-to-date database changes nothing.
//
// Threading: the HTTP server calls the storage from several threads. This
// class owns ONE connection guarded by a recursive mutex: every method locks
// it, and transaction() holds it from BEGIN to COMMIT, so a transaction sees
// no interleaved writes from other threads and nested calls on the same
// thread re-enter freely. Requests are therefore serialised at the storage,
// which is ample for this server (SQLite writes are serialised anyway); other
// processes on the same file are handled by busy_timeout.
#pragma once
#include <cstdint>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>

#include "storage/storage.h"

struct sqlite3;
struct sqlite3_stmt;

namespace alin::server {

// Any SQLite failure: the storage contract's error (storage.h), `code` the
// SQLite extended result code.
using StorageError = alin::StorageError;

class SqliteStorage final : public Storage {
public:
    // Opens (creating if needed) the database file and migrates it. The parent
    // folder must exist. Throws StorageError on failure, including a database
    // whose schema is newer than this binary knows.
    explicit SqliteStorage(const std::string& path);
    ~SqliteStorage() override;
    SqliteStorage(const SqliteStorage&) = delete;
    SqliteStorage& operator=(const SqliteStorage&) = delete;

    // Highest migration applied (for diagnostics and tests).
    int schemaVersion();

    // BEGIN IMMEDIATE ... COMMIT; ROLLBACK and rethrow if fn throws. A nested
    // call joins the outer transaction through a SAVEPOINT: if the inner fn
    // throws, only its own writes are undone before the exception propagates.
    void transaction(const std::function<void()>& fn) override;

    std::optional<UserRecord> findUserByEmail(const std::string& email) override;
    std::optional<UserRecord> findUserById(int64_t id) override;
    int64_t insertUser(const UserRecord& user) override;
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
    int64_t insertRequestFile(const RequestFileRecord& file) override;  // StorageError (constraint) on a duplicate
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

    // The rule of one is the partial unique index applications_one_active
    // (migration 0004): its violation is answered 0, any other failure throws.
    int64_t insertApplication(const ApplicationRecord& application) override;
    std::optional<ApplicationRecord> findApplication(int64_t id) override;
    std::optional<ApplicationRecord> findActiveApplicationOfUser(int64_t userId) override;
    void updateApplication(const ApplicationRecord& application) override;  // StorageError (constraint)
    std::vector<ApplicationRecord> listApplications(const ApplicationQuery& query) override;
    void markApplicationsRead(int64_t userId) override;

    // Each one transaction (BEGIN IMMEDIATE, under the connection's lock).
    int64_t beginLoginAttempt(const std::vector<std::string>& keys, int64_t now, const LoginLimit& limit) override;
    void releaseLoginAttempt(const std::string& key, int64_t at) override;
    bool takeQuota(const std::vector<QuotaRule>& rules, int64_t now) override;
    bool consumeToken(const std::string& tokenHash, int64_t at) override;  // one UPDATE ... WHERE used_at = 0
    LimitRowCounts countLimitRows() override;

    // "Mes données" (sqlite_storage_mydata.cpp).
    void insertConsentChange(const ConsentChangeRecord& change) override;
    std::vector<ConsentChangeRecord> listConsentChanges(int64_t userId) override;
    void insertLogin(const LoginRecord& login) override;
    std::vector<LoginRecord> listLogins(int64_t userId) override;
    int64_t insertArchivedApplication(const ArchivedApplicationRecord& archived) override;
    std::vector<ArchivedApplicationRecord> listArchivedApplications(int64_t offerId) override;
    void deleteUserData(int64_t userId, const std::vector<std::string>& addresses) override;

    // Background jobs (sqlite_storage_jobs.cpp): each claim is one IMMEDIATE transaction.
    std::vector<MailRecord> claimMails(int64_t now, int64_t leaseSeconds, int limit) override;
    void markMailSent(int64_t id, int64_t at) override;
    void markMailFailed(int64_t id, int attempt, int64_t retryAt, bool giveUp) override;
    std::vector<RetentionAccount> listAccountsToWarn(int64_t lastLoginBefore, int limit) override;
    bool insertRetentionWarning(int64_t userId, int64_t at) override;
    std::vector<RetentionAccount> listRetentionWarnings(int64_t warnedBefore, int limit) override;
    void deleteRetentionWarning(int64_t userId) override;
    // "Mes alertes" (migration 0010).
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

private:
    // The contact form (sqlite_storage_contact.cpp, migration 0011).
    int64_t insertContactMessage(const ContactMessageRecord& message, int maxPerWindow, int64_t windowSeconds) override;
    std::optional<ContactMessageRecord> findContactMessage(int64_t id) override;
    std::vector<ContactMessageRecord> listContactMessagesOfUser(int64_t userId) override;
    std::vector<ContactMessageRecord> listOpenContactMessages() override;
    bool answerContactMessage(int64_t id, const std::string& answer, int64_t advisorId, int64_t at) override;
    bool closeContactMessage(int64_t id, int64_t at) override;

    class Statement;
    Statement prepare(const char* sql);
    void exec(const char* sql);
    void migrate();
    void close();
    [[noreturn]] void fail(const char* context, int rc);

    sqlite3* db_ = nullptr;
    std::recursive_mutex mutex_;
    int depth_ = 0;                                                 // transaction nesting, guarded by mutex_
    std::map<std::string, sqlite3_stmt*, std::less<>> statements_;  // prepared once, by SQL text
};

}  // namespace alin::server
