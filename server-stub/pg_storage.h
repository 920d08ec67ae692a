// alin::Storage over PostgreSQL (libpq): the store when several servers share
// the data (ALIN_DB=postgresql://...; a path keeps SQLite, the default).
//
// Schema: the embedded PostgreSQL migrations (migrations.h, the twins of the
// SQLite ones: same numbers, same tables and constraints), applied at open
// time under a session advisory lock, so servers starting together never apply
// one twice; each migration in its own transaction, recorded in schema_version.
//
// Connections: a pool of at most `poolSize` libpq connections shared by the
// server's threads. A call outside transaction() borrows one connection for
// one statement (autocommit); a broken connection is reset and the statement
// retried once, so a restarted database is picked up without restarting the
// server. While the database cannot be reached, calls throw
// StorageUnavailable (the HTTP layer answers 503).
//
// Transactions: transaction() runs fn on one connection bound to the calling
// thread; nested calls join it through a SAVEPOINT, as in SQLite. Every
// top-level transaction first takes one transaction-scoped advisory lock, so
// write transactions are serialised across all servers exactly as SQLite's
// BEGIN IMMEDIATE serialises them in one file: the services' read-then-write
// steps (an application count incremented, a quota checked then taken) stay
// atomic whichever server runs them. Reads outside transactions run in
// parallel. A failed statement inside a transaction is undone alone (a
// statement-level SAVEPOINT), so a caller that catches a constraint error can
// go on, as with SQLite.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "storage/storage.h"

struct pg_conn;

namespace alin::server {

// True for the ALIN_DB values that name a PostgreSQL database
// ("postgresql://...", "postgres://...", or a libpq "key=value" string with host= or dbname=).
bool isPostgresUrl(const std::string& value);

class PgStorage final : public Storage {
public:
    struct Options {
        std::string conninfo;  // libpq URI or key=value string
        int poolSize = 8;      // ALIN_DB_POOL
        int connectTimeoutSeconds = 3;
        int statementTimeoutMs = 10000;
    };
    // Connects, migrates (under the advisory lock) and keeps the connection in
    // the pool. Throws StorageError / StorageUnavailable on failure, including a
    // database whose schema is newer than this binary knows.
    explicit PgStorage(Options options);
    ~PgStorage() override;
    PgStorage(const PgStorage&) = delete;
    PgStorage& operator=(const PgStorage&) = delete;

    int schemaVersion();
    // One round trip ("SELECT 1"): false when the database cannot be reached.
    bool ping();

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
    int64_t insertRequestFile(const RequestFileRecord& file) override;
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

    // The rule of one: INSERT ... ON CONFLICT DO NOTHING against the two
    // partial unique indexes (per user, per Numéro Unique): 0 when one holds.
    int64_t insertApplication(const ApplicationRecord& application) override;
    std::optional<ApplicationRecord> findApplication(int64_t id) override;
    std::optional<ApplicationRecord> findActiveApplicationOfUser(int64_t userId) override;
    void updateApplication(const ApplicationRecord& application) override;
    std::vector<ApplicationRecord> listApplications(const ApplicationQuery& query) override;
    void markApplicationsRead(int64_t userId) override;

    int64_t beginLoginAttempt(const std::vector<std::string>& keys, int64_t now, const LoginLimit& limit) override;
    void releaseLoginAttempt(const std::string& key, int64_t at) override;
    bool takeQuota(const std::vector<QuotaRule>& rules, int64_t now) override;
    bool consumeToken(const std::string& tokenHash, int64_t at) override;
    LimitRowCounts countLimitRows() override;

    // "Mes données" (pg_storage_mydata.cpp).
    void insertConsentChange(const ConsentChangeRecord& change) override;
    std::vector<ConsentChangeRecord> listConsentChanges(int64_t userId) override;
    void insertLogin(const LoginRecord& login) override;
    std::vector<LoginRecord> listLogins(int64_t userId) override;
    int64_t insertArchivedApplication(const ArchivedApplicationRecord& archived) override;
    std::vector<ArchivedApplicationRecord> listArchivedApplications(int64_t offerId) override;
    void deleteUserData(int64_t userId, const std::vector<std::string>& addresses) override;

    // Background jobs (pg_storage_jobs.cpp): a claim is one UPDATE over FOR UPDATE SKIP LOCKED.
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

    // The contact form (pg_storage_contact.cpp, migration 0011).
    int64_t insertContactMessage(const ContactMessageRecord& message, int maxPerWindow, int64_t windowSeconds) override;
    std::optional<ContactMessageRecord> findContactMessage(int64_t id) override;
    std::vector<ContactMessageRecord> listContactMessagesOfUser(int64_t userId) override;
    std::vector<ContactMessageRecord> listOpenContactMessages() override;
    bool answerContactMessage(int64_t id, const std::string& answer, int64_t advisorId, int64_t at) override;
    bool closeContactMessage(int64_t id, int64_t at) override;

    class Result;  // a PGresult, read by row and column
    class Arg;     // one text parameter

private:
    struct Bound {  // the transaction of one thread
        pg_conn* conn = nullptr;
        int depth = 0;
    };
    class Lease;

    pg_conn* connect();
    pg_conn* acquire();
    void release(pg_conn* conn);
    Bound* bound();  // the calling thread's transaction, or nullptr
    Result exec(const char* sql, std::initializer_list<Arg> args, bool write);
    Result run(pg_conn* conn, const char* sql, std::initializer_list<Arg> args);
    void command(pg_conn* conn, const char* sql);
    void migrate();

    Options options_;
    std::mutex poolMutex_;
    std::condition_variable poolFree_;
    std::vector<pg_conn*> idle_;
    int open_ = 0;  // connections created and not closed (idle or lent)
    std::mutex boundMutex_;
    std::unordered_map<std::thread::id, Bound> bound_;
};

}  // namespace alin::server
