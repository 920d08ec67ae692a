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

// The applicant's request file on AL'in (guide §3, §4): one per account, one
// account per Numéro Unique. `snapshot` is the RegistryRequest JSON
// (registry_types.h) as imported or last refreshed; the rest is what the
// applicant completes on AL'in. Contains a NIR (in the snapshot): never log it.
struct RequestFileRecord {
    int64_t id = 0;
    int64_t userId = 0;
    std::string numeroUnique;     // normalised, 18 A-Z/0-9
    nlohmann::json snapshot = nlohmann::json::object();
    int64_t importedAt = 0;
    int64_t refreshedAt = 0;
    bool legacy = false;          // created before 20/04/2021 and not yet re-confirmed by code
    // Panel 2: "Les informations à compléter pour AL'in".
    std::string employerName;
    std::string companyCode;
    std::string matricule;
    std::string hireDate;         // ISO "2020-01-15" or empty
    std::string cdii;             // "yes", "no" or empty
    std::string attachTo = "applicant";  // "applicant" | "coApplicant"
    bool employerValidated = false;      // "Je valide l'entreprise" succeeded
    int sharingChoice = 0;               // 0 = not chosen yet, else 1..3
    // Panel 3: deposit of each supporting document confirmed by the applicant.
    bool docIdentity = false;     // identite
    bool docResources = false;    // ressources
    bool docTaxNotices = false;   // avis_imposition
    bool docMotive = false;       // motif
    int64_t validatedAt = 0;      // "Valider mon dossier"; 0 = not validated
};

// A security code e-mailed to the address of a registered request (import of
// the request, or the re-confirmation of a legacy request). Only its hash is kept.
struct VerificationCodeRecord {
    int64_t id = 0;
    int64_t userId = 0;
    std::string purpose;          // "import" | "refresh"
    std::string numeroUnique;
    std::string codeHash;         // hex SHA-256 (see request_file_service.cpp)
    std::string sentTo;           // the registry request's e-mail address
    int64_t createdAt = 0;
    int64_t expiresAt = 0;
    int failedAttempts = 0;
    int64_t usedAt = 0;           // 0 = still usable (also set when revoked by a newer code)
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

    // Registry stand-in: RegistryRequest JSON by Numéro Unique (normalised). It
    // lives in the storage so that edits ("Modifier mes informations") persist.
    virtual std::optional<nlohmann::json> findRegistryRequest(const std::string& numeroUnique) = 0;
    // Inserts or replaces the request with this Numéro Unique.
    virtual void upsertRegistryRequest(const std::string& numeroUnique, const nlohmann::json& request,
                                       int64_t at) = 0;
    virtual int64_t countRegistryRequests() = 0;
    // In Numéro Unique order, `limit` at most from `offset`.
    virtual std::vector<nlohmann::json> listRegistryRequests(int64_t offset, int64_t limit) = 0;

    // Request files: at most one per user and one per Numéro Unique.
    virtual std::optional<RequestFileRecord> findRequestFileOfUser(int64_t userId) = 0;
    virtual std::optional<RequestFileRecord> findRequestFileByNumero(const std::string& numeroUnique) = 0;
    // Returns the new id; throws when the user or the Numéro Unique already has a file.
    virtual int64_t insertRequestFile(const RequestFileRecord& file) = 0;
    // Replaces the file of file.userId (id, userId and numeroUnique are kept).
    virtual void updateRequestFile(const RequestFileRecord& file) = 0;
    virtual void deleteRequestFileOfUser(int64_t userId) = 0;

    // E-mailed security codes.
    virtual int64_t insertVerificationCode(const VerificationCodeRecord& code) = 0;  // returns the new id
    // The newest code of this user and purpose, used or not.
    virtual std::optional<VerificationCodeRecord> latestVerificationCode(int64_t userId,
                                                                         const std::string& purpose) = 0;
    // Saves failedAttempts and usedAt of the code with this id.
    virtual void updateVerificationCode(const VerificationCodeRecord& code) = 0;
    // Marks every unused code of this user and purpose used (a newer one replaces them).
    virtual void revokeVerificationCodes(int64_t userId, const std::string& purpose, int64_t at) = 0;
    virtual int countVerificationCodesSince(int64_t userId, const std::string& purpose, int64_t since) = 0;
    virtual void deleteVerificationCodesOfUser(int64_t userId) = 0;
};

}  // namespace alin
