// Storage interface of the service layer. Two implementations: SQLite (the
// server, server-stub/sqlite_storage.*) and in-memory with a JSON snapshot (the
// offline demo mode in the browser, src/service/memory_storage.*).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace alin {

struct UserRecord {
    int64_t id = 0;
    std::string email;           // normalised (trimmed, lower-case)
    std::string birthName;       // "Nom de naissance"
    std::string firstName;       // "Prénom"
    std::string phone;           // normalised E.164, "+33604505792"
    std::string passwordHash;    // Argon2id encoded string, empty until set
    bool active = false;         // true once the password was set via the e-mailed link
    std::string role = "applicant";
    int64_t createdAt = 0;
    int64_t consentAt = 0;       // when the personal-data box was ticked
};

// One-time links/codes (account activation, password reset, ...). Only the
// hash of the secret is stored.
struct OneTimeTokenRecord {
    std::string tokenHash;       // hex SHA-256 of the secret
    std::string purpose;         // "activation", "reset"
    int64_t userId = 0;
    int64_t createdAt = 0;
    int64_t expiresAt = 0;
    int64_t usedAt = 0;          // 0 = not used
};

struct SessionRecord {
    std::string tokenHash;       // hex SHA-256 of the 256-bit cookie token
    int64_t userId = 0;
    int64_t createdAt = 0;
    int64_t lastSeenAt = 0;
};

struct MailRecord {
    int64_t id = 0;
    std::string to;
    std::string subject;
    std::string body;            // plain text
    nlohmann::json links = nlohmann::json::array();  // [{ "label", "url" }]
    nlohmann::json codes = nlohmann::json::array();  // ["A1B2C3", ...]
    int64_t createdAt = 0;
};

class Storage {
public:
    virtual ~Storage() = default;

    // Runs fn atomically: every write inside commits together or not at all.
    // fn may throw; the transaction is then rolled back and the exception rethrown.
    virtual void transaction(const std::function<void()>& fn) = 0;

    // Users
    virtual std::optional<UserRecord> findUserByEmail(const std::string& email) = 0;
    virtual std::optional<UserRecord> findUserById(int64_t id) = 0;
    virtual int64_t insertUser(const UserRecord& user) = 0;   // returns the new id
    virtual void updateUser(const UserRecord& user) = 0;

    // One-time tokens
    virtual void insertToken(const OneTimeTokenRecord& token) = 0;
    virtual std::optional<OneTimeTokenRecord> findToken(const std::string& tokenHash) = 0;
    virtual void markTokenUsed(const std::string& tokenHash, int64_t at) = 0;
    // Marks every unused token of this user and purpose used (a newer one replaces them).
    virtual void revokeTokens(int64_t userId, const std::string& purpose, int64_t at) = 0;

    // Sessions
    virtual void insertSession(const SessionRecord& session) = 0;
    virtual std::optional<SessionRecord> findSession(const std::string& tokenHash) = 0;
    virtual void touchSession(const std::string& tokenHash, int64_t at) = 0;
    virtual void deleteSession(const std::string& tokenHash) = 0;
    virtual void deleteSessionsOfUser(int64_t userId) = 0;

    // Login throttling: failures keyed by "email:<addr>" or "ip:<addr>".
    virtual void recordLoginFailure(const std::string& key, int64_t at) = 0;
    virtual int countLoginFailuresSince(const std::string& key, int64_t since) = 0;
    virtual int64_t latestLoginFailure(const std::string& key) = 0;  // 0 if none
    virtual void clearLoginFailures(const std::string& key) = 0;

    // Outbox of sent e-mails (the development mailbox reads it).
    virtual int64_t insertMail(const MailRecord& mail) = 0;
    virtual std::vector<MailRecord> listMailTo(const std::string& to) = 0;  // newest first
};

}  // namespace alin
