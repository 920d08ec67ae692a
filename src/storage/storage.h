// Storage interface of the service layer. Two implementations: SQLite (the
// server, server-stub/sqlite_storage.*) and in-memory with a JSON snapshot (the
// offline demo mode in the browser, src/storage/memory_storage.*). Both keep the
// same integrity constraints (the SQL schema's UNIQUE, FOREIGN KEY and CHECK
// clauses; src/storage/constraints.h for the in-memory one) and throw the same
// StorageError; tests/unit/test_storage_contract.cpp runs one suite against both.
#pragma once
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/roles.h"

namespace alin {

// Every storage failure. `constraint` is true for a violated integrity
// constraint (UNIQUE, FOREIGN KEY, CHECK: e.g. a second user with the same
// e-mail, a request file of an unknown user, a sharing choice of 4); `code` is
// the engine's own code when it has one (SQLite's extended result code), else 0.
class StorageError : public std::runtime_error {
public:
    StorageError(const std::string& what, int engineCode, bool isConstraint)
        : std::runtime_error(what), code(engineCode), constraint(isConstraint) {}
    int code;
    bool constraint;
};

// The database cannot be reached (connection refused or lost, a server
// restarting): the API answers 503 "database_unavailable", retryable, never 500.
class StorageUnavailable : public StorageError {
public:
    explicit StorageUnavailable(const std::string& what) : StorageError(what, 0, false) {}
};

struct UserRecord {
    int64_t id = 0;
    std::string email;                            // normalised (trimmed, lower-case)
    std::string birthName;                        // "Nom de naissance"
    std::string firstName;                        // "Prénom"
    std::string phone;                            // normalised E.164, "+33604505792"
    std::string passwordHash;                     // Argon2id encoded string, empty until set
    bool active = false;                          // true once the password was set via the e-mailed link
    domain::Role role = domain::Role::Applicant;  // stored as domain::roleCode
    int64_t createdAt = 0;
    int64_t consentAt = 0;  // when the personal-data box was ticked
    // Staff accounts: the landlord organisation ("Paris Habitat"), the employer's
    // company name, "Action Logement Services" for advisors; empty for applicants.
    std::string organisation;
    std::string siret;  // employers: the company's SIRET (14 digits)
    // The account's language (issue 15, migration 0008): "fr" or "en" (CHECK).
    // Its e-mails are worded in it; the sign-up's language, then PUT /me/language.
    std::string language = "fr";
};

// One-time links/codes (account activation, password reset, ...). Only the
// hash of the secret is stored.
struct OneTimeTokenRecord {
    std::string tokenHash;  // hex SHA-256 of the secret
    std::string purpose;    // "activation", "reset"
    int64_t userId = 0;
    int64_t createdAt = 0;
    int64_t expiresAt = 0;
    int64_t usedAt = 0;  // 0 = not used
};

struct SessionRecord {
    std::string tokenHash;  // hex SHA-256 of the 256-bit cookie token
    int64_t userId = 0;
    int64_t createdAt = 0;
    int64_t lastSeenAt = 0;
};

struct MailRecord {
    int64_t id = 0;
    std::string to;
    std::string subject;
    std::string body;                                // plain text
    nlohmann::json links = nlohmann::json::array();  // [{ "label", "url" }]
    nlohmann::json codes = nlohmann::json::array();  // ["A1B2C3", ...]
    int64_t createdAt = 0;
    // Delivery over SMTP (migration 0009, see outbox_delivery.h): "none" (kept
    // for the development mailbox only), "pending", "sent" or "failed".
    std::string delivery = "none";
    int64_t dueAt = 0;  // claimable from (creation, a claim's lease end, a retry time)
    int attempts = 0;   // claims so far
    int64_t sentAt = 0;
    // At most one row per non-empty key (migration 0010): insertMail of a
    // second row with the same key inserts nothing and returns 0 ("alert:A:O":
    // one e-mail per alert and offer, whatever the concurrent publications).
    std::string dedupeKey;
};

// The applicant's request file on AL'in (guide §3, §4): one per account, one
// account per Numéro Unique. `snapshot` is the RegistryRequest JSON
// (registry_types.h) as imported or last refreshed; the rest is what the
// applicant completes on AL'in. Contains a NIR (in the snapshot): never log it.
struct RequestFileRecord {
    int64_t id = 0;
    int64_t userId = 0;
    std::string numeroUnique;  // normalised, 18 A-Z/0-9
    nlohmann::json snapshot = nlohmann::json::object();
    int64_t importedAt = 0;
    int64_t refreshedAt = 0;
    bool legacy = false;  // created before 20/04/2021 and not yet re-confirmed by code
    // Panel 2: "Les informations à compléter pour AL'in".
    std::string employerName;
    std::string companyCode;
    std::string matricule;
    std::string hireDate;                // ISO "2020-01-15" or empty
    std::string cdii;                    // "yes", "no" or empty
    std::string attachTo = "applicant";  // "applicant" | "coApplicant"
    bool employerValidated = false;      // "Je valide l'entreprise" succeeded
    int sharingChoice = 0;               // 0 = not chosen yet, else 1..3
    // Panel 3: deposit of each supporting document confirmed by the applicant.
    bool docIdentity = false;    // identite
    bool docResources = false;   // ressources
    bool docTaxNotices = false;  // avis_imposition
    bool docMotive = false;      // motif
    int64_t validatedAt = 0;     // "Valider mon dossier"; 0 = not validated
    // "Ressources et aides au logement" (issue 12 item 7b, migration 0012): the
    // household's net monthly resources and expected monthly housing aid
    // (APL/AL), in cents; -1 = not declared (the rent effort then takes the
    // income considered / 12, and no aid). CHECK: -1 or 0..kMaxDeclared*Cents.
    int64_t monthlyResourcesCents = -1;
    int64_t monthlyHousingAidCents = -1;
    int64_t resourcesDeclaredAt = 0;  // when they were last saved; 0 = never
};
// Bounds of the declared amounts (the storage's CHECK, the service's 422).
inline constexpr int64_t kMaxDeclaredResourcesCents = 10'000'000;  // 100 000 € a month
inline constexpr int64_t kMaxDeclaredHousingAidCents = 500'000;    // 5 000 € a month

// A security code e-mailed to the address of a registered request (import of
// the request, or the re-confirmation of a legacy request). Only its hash is kept.
struct VerificationCodeRecord {
    int64_t id = 0;
    int64_t userId = 0;
    std::string purpose;  // "import" | "refresh"
    std::string numeroUnique;
    std::string codeHash;  // hex SHA-256 (see request_file_service.cpp)
    std::string sentTo;    // the registry request's e-mail address
    int64_t createdAt = 0;
    int64_t expiresAt = 0;
    int failedAttempts = 0;
    int64_t usedAt = 0;  // 0 = still usable (also set when revoked by a newer code)
};

// Offers (guide §5). The catalogue is generated at start (offer_seed.h); the
// storage keeps what must survive a restart: the offers added through
// POST /offers, and per offer the applications made on this platform and a
// status change (closed once a lease is signed).
inline constexpr int64_t kFirstAddedOfferId = 1'000'001;  // added offers: ids from here (generated: 1..count)

struct AddedOfferRecord {
    int64_t id = 0;                                   // >= kFirstAddedOfferId
    nlohmann::json offer = nlohmann::json::object();  // Offer JSON (offer_types.h), id included
    int64_t createdBy = 0;                            // user id
    int64_t createdAt = 0;
};

struct OfferStateRecord {
    int64_t offerId = 0;
    int applicationsAdded = 0;  // applications made here, added to the catalogue's own count
    std::string status;         // "" = as published, "open", "closed"
    int64_t updatedAt = 0;
};

// An application to an offer (guide §6). The state is application_flow.h's
// (stage, decision, rank, step as their codes); `active` mirrors
// domain::isActive and carries THE RULE OF ONE: at most one active
// application per user and per applicant's request (Numéro Unique), enforced
// by the storage itself (insertApplication).
// The ranking facts (ranking.h) are those of the request file when applying.
struct ApplicationRecord {
    int64_t id = 0;
    int64_t userId = 0;
    int64_t requestFileId = 0;
    std::string numeroUnique;
    int64_t offerId = 0;
    std::string stage = "submitted";  // domain::stageCode
    std::string decision = "none";    // domain::decisionCode
    int rank = 0;                     // 1..3 with attribution_ranked
    int step = 1;                     // tracker step 1..7
    bool active = true;
    bool prioritySituation = false;
    bool employerSupport = false;
    int64_t requestCreatedAt = 0;  // Unix seconds of the request's registration; INT64_MAX when unknown
    int64_t createdAt = 0;         // "Je postule"
    int64_t updatedAt = 0;
    std::string invalidationReason;  // the advisor's reason, shown to the applicant
    // [{at, event, actor, stage, decision, rank, reason?, note?}], oldest first.
    nlohmann::json events = nlohmann::json::array();
    bool unread = false;  // a change the applicant has not seen yet (badge)
};

// "Mes données" (migration 0007). A change of the request file's data-sharing
// choice (1..3), dated: the consent log of the export.
struct ConsentChangeRecord {
    int64_t id = 0;
    int64_t userId = 0;
    int choice = 0;
    int64_t at = 0;
};

// One log-in (date and device = the browser's user agent). The storage keeps
// the newest kLoginHistoryRows of each user.
struct LoginRecord {
    int64_t id = 0;
    int64_t userId = 0;
    int64_t at = 0;
    std::string userAgent;
};
inline constexpr int kLoginHistoryRows = 20;

// What account deletion keeps of an application for the landlord's legal
// obligations (the offer's attribution file), anonymised and apart from the
// live tables: no user, no Numéro Unique, no name, no free text.
struct ArchivedApplicationRecord {
    int64_t id = 0;
    int64_t offerId = 0;
    std::string stage;
    std::string decision = "none";
    int rank = 0;
    int64_t appliedAt = 0;
    int64_t endedAt = 0;
    nlohmann::json events = nlohmann::json::array();  // [{at, event, actor, stage, decision, rank}]
    int64_t archivedAt = 0;
};

// Retention (migration 0009): an applicant account, the date of its last
// log-in (its creation when it never logged in) and of its warning (0: none).
struct RetentionAccount {
    int64_t userId = 0;
    std::string email;
    int64_t lastLoginAt = 0;
    int64_t warnedAt = 0;
};

// A message of the contact form (issue 14 part 2, migration 0011) and the
// advisor's answer. `subject` is a code of domain/contact.h; `status` is
// "waiting" (no answer yet), "answered" or "closed" (CHECK constraints).
struct ContactMessageRecord {
    int64_t id = 0;
    int64_t userId = 0;
    std::string subject;
    std::string body;
    int64_t applicationId = 0;  // the application it is about; 0: none
    int64_t createdAt = 0;
    std::string status = "waiting";
    std::string answer;      // empty until answered
    int64_t answeredBy = 0;  // the advisor's user id (not a foreign key: an advisor may leave)
    int64_t answeredAt = 0;
    int64_t closedAt = 0;
};

// "Mes alertes" (issue 14, migration 0010): an applicant's saved search. The
// filters are the offers screen's (AlertService reads them):
// {"tabs":["requested","neighbours","others"],"rooms":[2,3],"house":false,
//  "apartment":false,"pmr":false,"priceMin":null,"priceMax":900}.
struct AlertRecord {
    int64_t id = 0;
    int64_t userId = 0;
    nlohmann::json filters = nlohmann::json::object();
    std::string frequency = "immediate";  // "immediate" or "daily" (one digest a day at digestHour)
    int digestHour = 8;                   // 0..23, local time of the service
    bool paused = false;
    int64_t createdAt = 0;
    int64_t updatedAt = 0;
};

// One offer matched by one alert: at most one row per (alert, offer), the
// key that makes the e-mail go once. mailedAt 0: waiting for the daily digest.
struct AlertNotificationRecord {
    int64_t alertId = 0;
    int64_t offerId = 0;
    int64_t userId = 0;
    int64_t createdAt = 0;
    int64_t mailedAt = 0;
    bool seen = false;  // the applicant has opened the offers since ("Nouveau" badge)
};

// Filters of Storage::listApplications; 0 / false = any.
struct ApplicationQuery {
    int64_t userId = 0;
    int64_t offerId = 0;
    bool activeOnly = false;
    int minStep = 0;
};

// Login throttling (Storage::beginLoginAttempt): a key is locked while at
// least maxFailures of its failures lie within the windowSeconds that end at its
// latest failure, and until lockSeconds after that latest failure.
struct LoginLimit {
    int maxFailures = 5;
    int64_t windowSeconds = 15 * 60;
    int64_t lockSeconds = 15 * 60;
};

// One quota of Storage::takeQuota: at most `max` events under `key` within the
// last `windowSeconds` (e.g. 3 e-mails per hour to one address).
struct QuotaRule {
    std::string key;
    int max = 0;
    int64_t windowSeconds = 0;
};

// Pruning of the limits' rows: each write of a throttle row (beginLoginAttempt,
// takeQuota, insertToken) also deletes at most this many rows, of any key, that
// no rule reads any more; a table therefore holds what its windows need, not
// its history.
inline constexpr int kPruneBatchRows = 100;
// One-time tokens are deleted this long after they expire (until then, a late
// click still gets "this link has expired", not "unknown link").
inline constexpr int64_t kSpentTokenRetentionSeconds = 7 * 24 * 3600;

// Rows held by the limits (countLimitRows): what pruning leaves.
struct LimitRowCounts {
    int64_t loginFailures = 0;
    int64_t quotaEvents = 0;
    int64_t tokens = 0;
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
    virtual int64_t insertUser(const UserRecord& user) = 0;  // returns the new id
    virtual void updateUser(const UserRecord& user) = 0;
    // Sets the language of one account ("fr" or "en", else a constraint
    // error); nothing happens for an unknown id.
    virtual void setUserLanguage(int64_t userId, const std::string& language) = 0;

    // One-time tokens. insertToken also prunes (kPruneBatchRows at most) the
    // tokens expired kSpentTokenRetentionSeconds before token.createdAt.
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
    // recordLoginFailure's rows stop counting like beginLoginAttempt's under the
    // default LoginLimit (windowSeconds + lockSeconds after `at`).
    virtual void recordLoginFailure(const std::string& key, int64_t at) = 0;
    virtual int countLoginFailuresSince(const std::string& key, int64_t since) = 0;
    virtual int64_t latestLoginFailure(const std::string& key) = 0;  // 0 if none
    virtual void clearLoginFailures(const std::string& key) = 0;

    // Outbox of sent e-mails (the development mailbox reads it). insertMail
    // keeps mail.delivery ("none" or "pending"); a pending row is due at once
    // when mail.dueAt is 0.
    virtual int64_t insertMail(const MailRecord& mail) = 0;
    virtual std::vector<MailRecord> listMailTo(const std::string& to) = 0;  // newest first

    // ---- Delivery of the outbox (issue 13 item 4, migration 0009). Several
    // drainers (threads, servers) may call these at once on one database.
    // Claims at most `limit` pending rows due at `now` (dueAt <= now), oldest
    // first, in ONE atomic step (PostgreSQL: one UPDATE over FOR UPDATE SKIP
    // LOCKED; SQLite: one IMMEDIATE transaction; memory: the lock): each gets
    // attempts + 1 and dueAt = now + leaseSeconds, so no other claim returns it
    // while the lease holds; a row whose lease ended unmarked (its worker
    // died) is claimed again. Returned with their new attempts and dueAt.
    virtual std::vector<MailRecord> claimMails(int64_t now, int64_t leaseSeconds, int limit) = 0;
    // The row was handed to the SMTP server: "sent" at `at`, never claimed again.
    virtual void markMailSent(int64_t id, int64_t at) = 0;
    // The claim numbered `attempt` failed: the row is due again at `retryAt`,
    // or "failed" (never claimed again) when `giveUp`. Ignored when the row was
    // claimed again since (another attempt number) or is no longer pending.
    virtual void markMailFailed(int64_t id, int attempt, int64_t retryAt, bool giveUp) = 0;

    // Registry stand-in: RegistryRequest JSON by Numéro Unique (normalised). It
    // lives in the storage so that edits ("Modifier mes informations") persist.
    virtual std::optional<nlohmann::json> findRegistryRequest(const std::string& numeroUnique) = 0;
    // Inserts or replaces the request with this Numéro Unique.
    virtual void upsertRegistryRequest(const std::string& numeroUnique, const nlohmann::json& request, int64_t at) = 0;
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

    // Request files of every user (the employer view filters them), user id order.
    virtual std::vector<RequestFileRecord> listRequestFiles() = 0;

    // Offers added through the API: the id is chosen by the storage (>= kFirstAddedOfferId,
    // the largest so far + 1), written into offer["id"] too, and returned.
    virtual int64_t insertAddedOffer(const AddedOfferRecord& offer) = 0;
    virtual std::vector<AddedOfferRecord> listAddedOffers() = 0;  // id order
    // Those with an id greater than afterId, id order: what another server added
    // since (ids grow in commit order: they are chosen under the write lock).
    virtual std::vector<AddedOfferRecord> listAddedOffersAfter(int64_t afterId) = 0;
    // Applications made here and status changes of the offers, by offer id.
    virtual std::optional<OfferStateRecord> findOfferState(int64_t offerId) = 0;
    virtual void upsertOfferState(const OfferStateRecord& state) = 0;
    virtual std::vector<OfferStateRecord> listOfferStates() = 0;
    // Those with updatedAt >= since, offer id order (OfferService::followStorage).
    virtual std::vector<OfferStateRecord> listOfferStatesSince(int64_t since) = 0;

    // Applications. insertApplication returns the new id, or 0 when the user,
    // or the applicant's request (its Numéro Unique), already has an active
    // application (and application.active is true): the rule of one is a
    // uniqueness constraint of the storage, checked atomically with the
    // insertion, never a read-then-write of the caller.
    virtual int64_t insertApplication(const ApplicationRecord& application) = 0;
    virtual std::optional<ApplicationRecord> findApplication(int64_t id) = 0;
    virtual std::optional<ApplicationRecord> findActiveApplicationOfUser(int64_t userId) = 0;
    // Saves the mutable part (stage, decision, rank, step, active, updatedAt,
    // invalidationReason, events, unread). Throws when it would give the user,
    // or the Numéro Unique, a second active application.
    virtual void updateApplication(const ApplicationRecord& application) = 0;
    virtual std::vector<ApplicationRecord> listApplications(const ApplicationQuery& query) = 0;  // id order
    virtual void markApplicationsRead(int64_t userId) = 0;

    // ---- Limits that hold under concurrency (issue 9): each call below is ONE
    // atomic step of the storage (a transaction in SQLite, the lock in memory),
    // and an attempt is counted BEFORE the work it guards, never after.

    // Log-in attempt over the throttle keys ("email:<addr>", "ip:<addr>"): when
    // none is locked (LoginLimit), records a failure at `now` under every key
    // (the attempt counts as failed until it proves right, see
    // releaseLoginAttempt) and returns 0; otherwise records nothing and returns
    // the seconds until the last lock ends (> 0). A failure stops counting
    // windowSeconds + lockSeconds after it was recorded; either way the call
    // prunes (kPruneBatchRows at most) failures of any key that stopped counting.
    virtual int64_t beginLoginAttempt(const std::vector<std::string>& keys, int64_t now, const LoginLimit& limit) = 0;
    // Takes back one failure recorded at `at` under `key` (a log-in that succeeded).
    virtual void releaseLoginAttempt(const std::string& key, int64_t at) = 0;

    // When every rule's key has fewer than rule.max events within its window
    // (events at > now - windowSeconds), records one event at `now` under each
    // key and returns true; otherwise records nothing and returns false. Either
    // way it prunes (kPruneBatchRows at most) events of any key past their window.
    virtual bool takeQuota(const std::vector<QuotaRule>& rules, int64_t now) = 0;

    // Marks an unused one-time token used: true for the one caller that did,
    // false when it was already used (or does not exist).
    virtual bool consumeToken(const std::string& tokenHash, int64_t at) = 0;

    virtual LimitRowCounts countLimitRows() = 0;

    // ---- "Mes données" (issue 14 part 3, migration 0007)
    virtual void insertConsentChange(const ConsentChangeRecord& change) = 0;
    virtual std::vector<ConsentChangeRecord> listConsentChanges(int64_t userId) = 0;  // oldest first
    // Records a log-in and deletes that user's log-ins beyond the newest kLoginHistoryRows.
    virtual void insertLogin(const LoginRecord& login) = 0;
    virtual std::vector<LoginRecord> listLogins(int64_t userId) = 0;                               // newest first
    virtual int64_t insertArchivedApplication(const ArchivedApplicationRecord& archived) = 0;      // returns the id
    virtual std::vector<ArchivedApplicationRecord> listArchivedApplications(int64_t offerId) = 0;  // id order
    // Deletes the user and every row that is theirs: sessions, one-time
    // tokens, request file, security codes, applications, consent log,
    // log-ins, contact messages; and for each of `addresses` (the account's e-mail, the
    // addresses its security codes went to) the outbox rows to it, the log-in
    // failures and e-mail quota events keyed by it. The e-mail can register
    // again afterwards. Run it inside transaction() (after archiving what must be kept).
    virtual void deleteUserData(int64_t userId, const std::vector<std::string>& addresses) = 0;

    // ---- Contact form (issue 14 part 2, migration 0011)
    // Inserts the message when its user has fewer than `maxPerWindow` messages
    // created after message.createdAt - windowSeconds, in ONE atomic step (the
    // quota against abuse holds under concurrency); returns the new id, or 0
    // (nothing written) when the quota is reached. Throws a constraint error for
    // an unknown user, subject or status.
    virtual int64_t insertContactMessage(const ContactMessageRecord& message, int maxPerWindow,
                                         int64_t windowSeconds) = 0;
    virtual std::optional<ContactMessageRecord> findContactMessage(int64_t id) = 0;
    virtual std::vector<ContactMessageRecord> listContactMessagesOfUser(int64_t userId) = 0;  // newest first
    // The advisors' inbox: the messages not closed, those waiting for an answer
    // first, each group oldest first (createdAt, then id).
    virtual std::vector<ContactMessageRecord> listOpenContactMessages() = 0;
    // Records the answer of a waiting message: true for the one caller that
    // did, false when it was already answered or closed (or does not exist).
    virtual bool answerContactMessage(int64_t id, const std::string& answer, int64_t advisorId, int64_t at) = 0;
    // Closes a message not closed yet: true for the one caller that did.
    virtual bool closeContactMessage(int64_t id, int64_t at) = 0;

    // ---- Retention (issue 14 part 3, migration 0009)
    // Applicant accounts not warned yet whose last log-in (or creation, when
    // none) is at or before `lastLoginBefore`; user id order, `limit` at most.
    virtual std::vector<RetentionAccount> listAccountsToWarn(int64_t lastLoginBefore, int limit) = 0;
    // Records the warning of this account: true for the one caller that did,
    // false when it was already warned (the warning mail is sent once).
    virtual bool insertRetentionWarning(int64_t userId, int64_t at) = 0;
    // Warned accounts whose warning is at or before `warnedBefore` (with their
    // last log-in, to tell a comeback from a deletion); user id order.
    virtual std::vector<RetentionAccount> listRetentionWarnings(int64_t warnedBefore, int limit) = 0;
    virtual void deleteRetentionWarning(int64_t userId) = 0;

    // ---- "Mes alertes" (issue 14, migration 0010). deleteUserData deletes
    // the user's alerts and notifications too.
    virtual int64_t insertAlert(const AlertRecord& alert) = 0;  // returns the new id
    virtual std::optional<AlertRecord> findAlert(int64_t id) = 0;
    // One user's alerts, or every alert when userId is 0; id order.
    virtual std::vector<AlertRecord> listAlerts(int64_t userId) = 0;
    // Those with updatedAt >= since, id order (AlertService::followStorage: what
    // other servers created or changed).
    virtual std::vector<AlertRecord> listAlertsUpdatedSince(int64_t since) = 0;
    // Saves filters, frequency, digestHour, paused and updatedAt.
    virtual void updateAlert(const AlertRecord& alert) = 0;
    // Deletes the alert and its notifications.
    virtual void deleteAlert(int64_t id) = 0;
    // Records that the alert matched the offer: true for the one caller that
    // did, false when the pair is there already (one atomic step: a unique key).
    virtual bool insertAlertNotification(const AlertNotificationRecord& notification) = 0;
    // One user's notifications, newest first (createdAt, then offer id).
    virtual std::vector<AlertNotificationRecord> listAlertNotifications(int64_t userId) = 0;
    // Notifications waiting for a digest (mailedAt 0), user then offer id order.
    virtual std::vector<AlertNotificationRecord> listUnmailedAlertNotifications(int limit) = 0;
    virtual void markAlertNotificationMailed(int64_t alertId, int64_t offerId, int64_t at) = 0;
    // Every notification of the user seen (the applicant opened "Les offres").
    virtual void markAlertNotificationsSeen(int64_t userId) = 0;
};

}  // namespace alin
