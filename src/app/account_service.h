// Account use cases (guide §2): sign-up, activation link, password, log in/out,
// sessions, password reset, development mailbox.
#pragma once
#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api/api_types.h"
#include "app/clock.h"
#include "app/config.h"
#include "app/crypto.h"
#include "app/mail.h"
#include "i18n/catalog.h"
#include "storage/storage.h"

namespace alin {

// One invalid field of a form: field name as in the API ("birthName", ...),
// short code ("required", "invalid", "too_long", ...), French message.
struct FieldError {
    std::string field;
    std::string code;
    std::string message;
};

// A use-case failure: HTTP-like status, stable code, French message, field.
struct ServiceError {
    int status = 400;
    std::string code;
    std::string message;
    std::string field;               // first field concerned, if any
    std::vector<FieldError> errors;  // every invalid field (forms: all at once)
    std::vector<std::string> rules;  // failed password rules ("min_length", ...)
    int64_t retryAfterSeconds = 0;   // too_many_attempts: seconds until unblocked
    Json details = Json::object();   // further members of the error body (e.g. attemptsLeft)
};

template <class T>
struct Result {
    std::optional<T> value;
    std::optional<ServiceError> error;
    bool ok() const { return value.has_value(); }
    static Result success(T v) {
        Result r;
        r.value = std::move(v);
        return r;
    }
    static Result failure(ServiceError e) {
        Result r;
        r.error = std::move(e);
        return r;
    }
};

struct Empty {};

struct SignupInput {
    std::string birthName, firstName, phone, email;
    bool consent = false;
    std::string clientAddress;  // for the e-mail quota (config.h); empty: the address quota only
    // The language of the sign-up (the request's): a new account's language.
    i18n::Lang language = i18n::Lang::Fr;
};

// Counters of the slow password work, for the test configuration's
// GET /api/v1/dev/stats (the abuse tests count verifications under a burst).
struct PasswordWorkCounts {
    int64_t verifications = 0;  // Argon2id verifications at log-in
    int64_t hashes = 0;         // Argon2id hashes of a new password
};

// Field errors of a form, all at once (one per field).
struct FieldErrors {
    std::vector<ServiceError> errors;
};

struct SessionInfo {
    std::string token;  // raw token: only ever handed to the transport (cookie)
    int64_t userId = 0;
};

struct Me {
    int64_t id = 0;
    std::string email, birthName, firstName, phone;
    domain::Role role = domain::Role::Applicant;
    std::string organisation;  // staff: landlord organisation, employer company, "Action Logement Services"
    std::string siret;         // employers
    i18n::Lang language = i18n::Lang::Fr;  // the account's (its e-mails'; the client adopts it at log-in)
};

// What an activation/reset link is for, and whose it is.
struct LinkInfo {
    std::string purpose;      // "activation" or "reset"
    std::string email;        // full address: the user name of the password rules
    std::string maskedEmail;  // "du***@yopmail.com"
};

class AccountService {
public:
    AccountService(Storage& storage, Clock& clock, MailTransport& mail, PasswordHasher& hasher,
                   const ServiceConfig& config);

    // Always answers the same for a new or an already registered e-mail.
    Result<Empty> signup(const SignupInput& in);
    // Checks an activation/reset link without consuming it: "valid", or an error
    // with code "link_expired" / "link_used" / "link_invalid".
    Result<std::string> checkLink(const std::string& token);
    // Same checks as checkLink, with the link's purpose and (masked) e-mail.
    Result<LinkInfo> describeLink(const std::string& token);
    // Sets the password from a link (activation or reset); consumes the link.
    Result<Empty> setPassword(const std::string& token, const std::string& password, const std::string& confirmation);
    // Sends a new activation or reset link; same answer whether the e-mail exists or not.
    Result<Empty> requestLink(const std::string& email, const std::string& clientAddress = {});
    // `userAgent` (the device) goes to the log-in history of "Mes données".
    Result<SessionInfo> login(const std::string& email, const std::string& password, const std::string& clientAddress,
                              const std::string& userAgent = {});
    // Validates and refreshes a session (idle expiry). Error code "session_expired".
    Result<Me> authenticate(const std::string& rawToken);
    void logout(const std::string& rawToken);
    // Stores the account's language (PUT /api/v1/me/language).
    void setLanguage(int64_t userId, i18n::Lang language);
    std::vector<MailRecord> mailbox(const std::string& to);
    // The demo accounts (demo_data/demo_accounts.h), created when missing. The
    // router offers it only outside production (config.demoAccounts).
    Json seedDemoAccounts();
    // Production start on a database a development run used: every demo
    // account (published passwords) that can still log in is disabled - no
    // password, inactive, sessions ended. Returns their e-mails, for the log.
    std::vector<std::string> disableDemoAccounts();

    // "dupontjean@yopmail.com" -> "du***@yopmail.com"
    static std::string maskEmail(const std::string& email);

    PasswordWorkCounts passwordWork() const { return {verifications_.load(), hashes_.load()}; }

private:
    Result<OneTimeTokenRecord> findValidLink(const std::string& token);
    std::string issueLink(int64_t userId, const std::string& purpose, int64_t lifetimeSeconds);
    // Both word the e-mail in `language` (the account's), whatever the thread's.
    bool sendLinkMail(i18n::Lang language, const std::string& to, const std::string& subjectKey,
                      const std::string& bodyKey, const std::string& url, int64_t lifetimeSeconds);
    bool sendPlainMail(i18n::Lang language, const std::string& to, const std::string& subjectKey,
                       const std::string& bodyKey);
    const std::string& dummyHash();
    bool mailAllowed(const std::string& to, const std::string& clientAddress);

    Storage& storage_;
    Clock& clock_;
    MailTransport& mail_;
    PasswordHasher& hasher_;
    const ServiceConfig& config_;
    // Verified for unknown e-mails so timing does not tell; made once, lazily
    // (the server calls the service from several threads).
    std::once_flag dummyOnce_;
    std::string dummyHash_;
    std::atomic<int64_t> verifications_{0};
    std::atomic<int64_t> hashes_{0};
};

}  // namespace alin
