#include "app/account_service.h"

#include <algorithm>
#include <cctype>
#include <exception>

#include "demo_data/demo_accounts.h"
#include "domain/password_policy.h"
#include "domain/validation.h"
#include "i18n/catalog.h"

namespace alin {

namespace {

constexpr const char* kActivation = "activation";
constexpr const char* kReset = "reset";
constexpr size_t kTokenBytes = 32;  // 256-bit link and session secrets

// "error.name.required" -> "required": the last segment of a catalogue key is
// the short, stable error code sent to the client.
std::string codeOfKey(std::string_view key) {
    const size_t dot = key.rfind('.');
    return std::string(dot == std::string_view::npos ? key : key.substr(dot + 1));
}

FieldError fieldErrorFromKey(const std::string& field, const std::string& key) {
    return FieldError{field, codeOfKey(key), tr(key)};
}

ServiceError validationError(std::vector<FieldError> errors) {
    ServiceError e;
    e.status = 422;
    e.code = "validation";
    e.message = tr("account.error.validation");
    if (!errors.empty()) e.field = errors.front().field;
    e.errors = std::move(errors);
    return e;
}

ServiceError simpleError(int status, const std::string& code, const std::string& message) {
    ServiceError e;
    e.status = status;
    e.code = code;
    e.message = message;
    return e;
}

ServiceError linkError(const std::string& code) {
    const int status = code == "link_invalid" ? 404 : 410;
    return simpleError(status, code, tr("account.error." + code));
}

// Links are randomHex(32): 64 hex digits. Anything else is refused before any
// lookup. Upper case is accepted (a retyped link), the hash is of lower case.
std::optional<std::string> canonicalToken(const std::string& token) {
    if (token.size() != kTokenBytes * 2) return std::nullopt;
    std::string out = token;
    for (char& c : out) {
        if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string expirySentence(int64_t lifetimeSeconds) {
    using domain::limits::kDay, domain::limits::kHour;
    if (lifetimeSeconds >= kDay && lifetimeSeconds % kDay == 0)
        return trn("mail.link.expires_days", lifetimeSeconds / kDay, {std::to_string(lifetimeSeconds / kDay)});
    const int64_t hours = std::max<int64_t>(1, (lifetimeSeconds + kHour - 1) / kHour);
    return trn("mail.link.expires_hours", hours, {std::to_string(hours)});
}

std::string ruleName(domain::PasswordRule rule) {
    // "password.rule.min_length" -> "min_length": the client finds the label
    // under the same key.
    return codeOfKey(domain::passwordRuleKey(rule));
}

}  // namespace

AccountService::AccountService(Storage& storage, Clock& clock, MailTransport& mail, PasswordHasher& hasher,
                               const ServiceConfig& config)
    : storage_(storage), clock_(clock), mail_(mail), hasher_(hasher), config_(config) {}

std::string AccountService::maskEmail(const std::string& email) {
    const size_t at = email.rfind('@');
    if (at == std::string::npos) return "***";
    const size_t keep = at > 2 ? 2 : (at > 0 ? 1 : 0);
    return email.substr(0, keep) + "***" + email.substr(at);
}

// ---------------------------------------------------------------- links and mail

std::string AccountService::issueLink(int64_t userId, const std::string& purpose, int64_t lifetimeSeconds) {
    const int64_t now = clock_.now();
    // A newer link replaces the older ones of the same purpose.
    storage_.revokeTokens(userId, purpose, now);
    const std::string token = randomHex(kTokenBytes);
    OneTimeTokenRecord record;
    record.tokenHash = sha256Hex(token);
    record.purpose = purpose;
    record.userId = userId;
    record.createdAt = now;
    record.expiresAt = now + lifetimeSeconds;
    storage_.insertToken(record);
    return token;
}

bool AccountService::sendPlainMail(i18n::Lang language, const std::string& to, const std::string& subjectKey,
                                   const std::string& bodyKey) {
    const i18n::LanguageScope scope(language);
    MailRecord mail;
    mail.to = to;
    mail.subject = tr(subjectKey);
    mail.body = withLanguageFooter(tr(bodyKey));
    mail.createdAt = clock_.now();
    try {
        return mail_.send(mail);
    } catch (const std::exception&) {
        return false;
    }
}

bool AccountService::sendLinkMail(i18n::Lang language, const std::string& to, const std::string& subjectKey,
                                  const std::string& bodyKey, const std::string& url, int64_t lifetimeSeconds) {
    const i18n::LanguageScope scope(language);
    MailRecord mail;
    mail.to = to;
    mail.subject = tr(subjectKey);
    mail.body = withLanguageFooter(trf(bodyKey, {url, expirySentence(lifetimeSeconds)}));
    mail.links = nlohmann::json::array({{{"label", tr("mail.link.label")}, {"url", url}}});
    mail.createdAt = clock_.now();
    try {
        return mail_.send(mail);
    } catch (const std::exception&) {
        return false;
    }
}

Result<OneTimeTokenRecord> AccountService::findValidLink(const std::string& token) {
    const auto canonical = canonicalToken(token);
    if (!canonical) return Result<OneTimeTokenRecord>::failure(linkError("link_invalid"));
    auto record = storage_.findToken(sha256Hex(*canonical));
    if (!record || (record->purpose != kActivation && record->purpose != kReset))
        return Result<OneTimeTokenRecord>::failure(linkError("link_invalid"));
    if (record->usedAt != 0) return Result<OneTimeTokenRecord>::failure(linkError("link_used"));
    if (clock_.now() >= record->expiresAt) return Result<OneTimeTokenRecord>::failure(linkError("link_expired"));
    return Result<OneTimeTokenRecord>::success(*record);
}

// ---------------------------------------------------------------- sign-up

Result<Empty> AccountService::signup(const SignupInput& in) {
    std::vector<FieldError> errors;
    if (auto key = domain::checkName(in.birthName)) errors.push_back(fieldErrorFromKey("birthName", *key));
    if (auto key = domain::checkName(in.firstName)) errors.push_back(fieldErrorFromKey("firstName", *key));
    if (auto key = domain::checkMobilePhone(in.phone)) errors.push_back(fieldErrorFromKey("phone", *key));
    if (auto key = domain::checkEmail(in.email)) errors.push_back(fieldErrorFromKey("email", *key));
    if (!in.consent) errors.push_back({"consent", "required", tr("account.error.consent_required")});
    if (!errors.empty()) return Result<Empty>::failure(validationError(std::move(errors)));

    const std::string email = domain::normalizeEmail(in.email);
    const int64_t now = clock_.now();

    // Over the e-mail quota nothing is done, and the answer is the same.
    if (!mailAllowed(email, in.clientAddress)) return Result<Empty>::success({});

    // Whatever the state of the address, one e-mail leaves and the answer is
    // the same: the API never tells whether an address is registered.
    enum class Mail { Activation, ExistingAccount } kind = Mail::Activation;
    std::string token;
    i18n::Lang mailLanguage = in.language;  // a new account's; an existing one keeps its own
    auto registerOrRelink = [&] {
        storage_.transaction([&] {
            auto existing = storage_.findUserByEmail(email);
            mailLanguage = existing ? accountLanguage(*existing) : in.language;
            if (!existing) {
                UserRecord user;
                user.email = email;
                user.birthName = domain::normalizeName(in.birthName);
                user.firstName = domain::normalizeName(in.firstName);
                user.phone = domain::normalizeMobilePhone(in.phone).value_or("");
                user.createdAt = now;
                user.consentAt = now;
                user.language = i18n::languageTag(in.language);
                const int64_t id = storage_.insertUser(user);
                token = issueLink(id, kActivation, config_.activationLinkSeconds);
                kind = Mail::Activation;
            } else if (!existing->active) {
                // Not activated yet: a fresh link. The data first entered is kept
                // (whoever re-registers has not proved they own the address).
                token = issueLink(existing->id, kActivation, config_.activationLinkSeconds);
                kind = Mail::Activation;
            } else {
                // Already active: tell the owner, with a password reset link.
                token = issueLink(existing->id, kReset, config_.resetLinkSeconds);
                kind = Mail::ExistingAccount;
            }
        });
    };
    try {
        registerOrRelink();
    } catch (const std::exception&) {
        // Two sign-ups of the same new address at once: the second insert hits
        // the unique e-mail; on retry it finds the account and relinks it.
        registerOrRelink();
    }

    const bool sent =
        kind == Mail::Activation
            ? sendLinkMail(mailLanguage, email, "mail.activation.subject", "mail.activation.body",
                           config_.publicBaseUrl + "#/activation/" + token, config_.activationLinkSeconds)
            : sendLinkMail(mailLanguage, email, "mail.existing.subject", "mail.existing.body",
                           config_.publicBaseUrl + "#/reinitialisation/" + token, config_.resetLinkSeconds);
    // Every branch sends a mail, so a failure here tells nothing about the address.
    if (!sent) return Result<Empty>::failure(simpleError(503, "unavailable", tr("error.unavailable")));
    return Result<Empty>::success({});
}

// ---------------------------------------------------------------- links

Result<LinkInfo> AccountService::describeLink(const std::string& token) {
    auto link = findValidLink(token);
    if (!link.ok()) return Result<LinkInfo>::failure(*link.error);
    auto user = storage_.findUserById(link.value->userId);
    if (!user) return Result<LinkInfo>::failure(linkError("link_invalid"));
    LinkInfo info;
    info.purpose = link.value->purpose;
    info.email = user->email;
    info.maskedEmail = maskEmail(user->email);
    return Result<LinkInfo>::success(std::move(info));
}

Result<std::string> AccountService::checkLink(const std::string& token) {
    auto info = describeLink(token);
    if (!info.ok()) return Result<std::string>::failure(*info.error);
    return Result<std::string>::success("valid");
}

Result<Empty> AccountService::setPassword(const std::string& token, const std::string& password,
                                          const std::string& confirmation) {
    auto link = findValidLink(token);
    if (!link.ok()) return Result<Empty>::failure(*link.error);
    const OneTimeTokenRecord record = *link.value;
    auto user = storage_.findUserById(record.userId);
    if (!user) return Result<Empty>::failure(linkError("link_invalid"));

    // The same rules as the client's live checklist; the user name is the e-mail.
    const domain::PasswordCheck check = domain::checkPassword(password, confirmation, user->email);
    if (!check.ok()) {
        std::vector<FieldError> errors;
        std::vector<std::string> rules;
        if (check.tooLong) {
            rules.push_back("max_length");
            errors.push_back({"password", "too_long", tr("account.error.password_too_long")});
        }
        bool passwordRuleFailed = false;
        for (int i = 0; i < domain::kPasswordRuleCount; ++i) {
            const auto rule = static_cast<domain::PasswordRule>(i);
            if (check.holds(rule)) continue;
            rules.push_back(ruleName(rule));
            if (rule != domain::PasswordRule::ConfirmMatches) passwordRuleFailed = true;
        }
        if (passwordRuleFailed && !check.tooLong)
            errors.push_back({"password", "rules", tr("account.error.password_rules")});
        if (!check.holds(domain::PasswordRule::ConfirmMatches)) {
            errors.push_back(confirmation.empty()
                                 ? FieldError{"confirmation", "required", tr("account.error.confirmation_required")}
                                 : FieldError{"confirmation", "mismatch", tr("account.error.confirmation_mismatch")});
        }
        ServiceError e = validationError(std::move(errors));
        e.message = e.errors.empty() ? e.message : e.errors.front().message;
        e.rules = std::move(rules);
        return Result<Empty>::failure(std::move(e));
    }

    const int64_t now = clock_.now();
    // One-time, and consumed BEFORE the slow hash: of concurrent uses of one
    // link, exactly one goes on (and costs one Argon2id hash).
    if (!storage_.consumeToken(record.tokenHash, now)) return Result<Empty>::failure(linkError("link_used"));
    const std::string hash = hasher_.hash(password);  // slow: outside the transaction
    ++hashes_;
    const bool wasActive = user->active;
    bool consumedMeanwhile = false;
    storage_.transaction([&] {
        auto current = storage_.findUserById(record.userId);
        if (!current) {
            consumedMeanwhile = true;
            return;
        }
        current->passwordHash = hash;
        current->active = true;
        storage_.updateUser(*current);
        // Any other outstanding link is now pointless.
        storage_.revokeTokens(record.userId, kActivation, now);
        storage_.revokeTokens(record.userId, kReset, now);
        // A new password ends every open session.
        storage_.deleteSessionsOfUser(record.userId);
        storage_.clearLoginFailures("email:" + current->email);
    });
    if (consumedMeanwhile) return Result<Empty>::failure(linkError("link_used"));

    if (wasActive) {
        sendPlainMail(accountLanguage(*user), user->email, "mail.password_changed.subject",
                      "mail.password_changed.body");
    }
    return Result<Empty>::success({});
}

Result<Empty> AccountService::requestLink(const std::string& rawEmail, const std::string& clientAddress) {
    if (auto key = domain::checkEmail(rawEmail))
        return Result<Empty>::failure(validationError({fieldErrorFromKey("email", *key)}));
    const std::string email = domain::normalizeEmail(rawEmail);
    // Counted for known and unknown addresses alike; over the quota nothing
    // is sent and the answer is the same.
    if (!mailAllowed(email, clientAddress)) return Result<Empty>::success({});
    auto user = storage_.findUserByEmail(email);
    if (!user) return Result<Empty>::success({});  // same answer: nothing to send

    const bool active = user->active;
    std::string token;
    storage_.transaction([&] {
        token = active ? issueLink(user->id, kReset, config_.resetLinkSeconds)
                       : issueLink(user->id, kActivation, config_.activationLinkSeconds);
    });
    // A failed hand-over is not reported: for an unknown address nothing is
    // sent, so an error here would tell the address exists.
    if (active)
        sendLinkMail(accountLanguage(*user), email, "mail.reset.subject", "mail.reset.body",
                     config_.publicBaseUrl + "#/reinitialisation/" + token, config_.resetLinkSeconds);
    else
        sendLinkMail(accountLanguage(*user), email, "mail.activation.subject", "mail.activation.body",
                     config_.publicBaseUrl + "#/activation/" + token, config_.activationLinkSeconds);
    return Result<Empty>::success({});
}

// ---------------------------------------------------------------- log in / sessions

const std::string& AccountService::dummyHash() {
    std::call_once(dummyOnce_, [this] { dummyHash_ = hasher_.hash(randomHex(16)); });
    return dummyHash_;
}

bool AccountService::mailAllowed(const std::string& to, const std::string& clientAddress) {
    return storage_.takeQuota(mailQuota(config_, to, clientAddress), clock_.now());
}

Result<SessionInfo> AccountService::login(const std::string& rawEmail, const std::string& password,
                                          const std::string& clientAddress, const std::string& userAgent) {
    const std::string email = domain::normalizeEmail(rawEmail);
    std::vector<FieldError> errors;
    if (email.empty()) errors.push_back({"email", "required", tr("account.login.email_required")});
    if (password.empty()) errors.push_back({"password", "required", tr("account.login.password_required")});
    if (!errors.empty()) return Result<SessionInfo>::failure(validationError(std::move(errors)));

    const std::string emailKey = "email:" + email;
    const std::string addressKey = "ip:" + (clientAddress.empty() ? std::string("unknown") : clientAddress);
    // The attempt is counted as a failure BEFORE the verification, in one
    // atomic step of the storage: however many arrive at once, at most
    // loginMaxFailures of them are verified, then 429 until the lock ends.
    const int64_t now = clock_.now();
    const LoginLimit limit{config_.loginMaxFailures, config_.loginWindowSeconds, config_.loginLockSeconds};
    if (const int64_t wait = storage_.beginLoginAttempt({addressKey, emailKey}, now, limit); wait > 0) {
        const int64_t minutes = (wait + 59) / 60;
        ServiceError e = simpleError(429, "too_many_attempts",
                                     trn("account.login.too_many_attempts", minutes, {std::to_string(minutes)}));
        e.retryAfterSeconds = wait;
        return Result<SessionInfo>::failure(std::move(e));
    }

    // Made on the first log-in of any kind, so even the first unknown e-mail
    // is not slower than a real account.
    const std::string& dummy = dummyHash();
    auto user = storage_.findUserByEmail(email);
    const bool usable = user && user->active && !user->passwordHash.empty();
    bool verified = false;
    if (password.size() <= static_cast<size_t>(domain::kPasswordMaxBytes)) {
        // Unknown, inactive or password-less accounts verify against the dummy
        // hash: the answer takes as long as for a real account.
        ++verifications_;
        verified = hasher_.verify(usable ? user->passwordHash : dummy, password) && usable;
    }
    if (!verified) {  // the failure is already recorded
        return Result<SessionInfo>::failure(
            simpleError(401, "invalid_credentials", tr("account.login.invalid_credentials")));
    }

    SessionInfo session;
    session.token = randomHex(kTokenBytes);
    session.userId = user->id;
    SessionRecord record;
    record.tokenHash = sha256Hex(session.token);
    record.userId = user->id;
    record.createdAt = now;
    record.lastSeenAt = now;
    storage_.transaction([&] {
        storage_.clearLoginFailures(emailKey);
        // A success is not a failure of the client address (the account's are all cleared).
        storage_.releaseLoginAttempt(addressKey, now);
        storage_.insertSession(record);
        // "Mes données": date and device; printable ASCII only (a user agent is).
        std::string device;
        for (char ch : userAgent.substr(0, 256))
            if (ch >= 0x20 && ch <= 0x7e) device += ch;
        storage_.insertLogin({0, user->id, now, device});
    });
    return Result<SessionInfo>::success(std::move(session));
}

Result<Me> AccountService::authenticate(const std::string& rawToken) {
    if (rawToken.empty())
        return Result<Me>::failure(simpleError(401, "unauthenticated", tr("account.session.required")));
    const std::string hash = sha256Hex(rawToken);
    auto session = storage_.findSession(hash);
    const ServiceError expired = simpleError(401, "session_expired", tr("error.unauthenticated"));
    if (!session) return Result<Me>::failure(expired);
    const int64_t now = clock_.now();
    if (now - session->lastSeenAt >= config_.sessionIdleSeconds) {
        storage_.deleteSession(hash);
        return Result<Me>::failure(expired);
    }
    auto user = storage_.findUserById(session->userId);
    if (!user || !user->active) {
        storage_.deleteSession(hash);
        return Result<Me>::failure(expired);
    }
    // Last-seen is written at most once a minute (a tenth of a short idle time):
    // a storage write per request otherwise. Expiry can come that much early.
    if (now - session->lastSeenAt >= std::min<int64_t>(60, config_.sessionIdleSeconds / 10)) {
        storage_.touchSession(hash, now);
    }
    Me me;
    me.id = user->id;
    me.email = user->email;
    me.birthName = user->birthName;
    me.firstName = user->firstName;
    me.phone = user->phone;
    me.role = user->role;
    me.organisation = user->organisation;
    me.siret = user->siret;
    me.language = accountLanguage(*user);
    return Result<Me>::success(std::move(me));
}

void AccountService::setLanguage(int64_t userId, i18n::Lang language) {
    storage_.setUserLanguage(userId, i18n::languageTag(language));
}

void AccountService::logout(const std::string& rawToken) {
    if (!rawToken.empty()) storage_.deleteSession(sha256Hex(rawToken));
}

std::vector<MailRecord> AccountService::mailbox(const std::string& to) {
    return storage_.listMailTo(domain::normalizeEmail(to));
}

Json AccountService::seedDemoAccounts() {
    return ::alin::seedDemoAccounts(storage_, hasher_, clock_.now());
}

std::vector<std::string> AccountService::disableDemoAccounts() {
    std::vector<std::string> disabled;
    storage_.transaction([&] {
        disabled.clear();
        for (const DemoAccount& d : kDemoAccounts) {
            auto user = storage_.findUserByEmail(std::string(d.email));
            if (!user || (!user->active && user->passwordHash.empty())) continue;
            user->active = false;
            user->passwordHash.clear();
            storage_.updateUser(*user);
            storage_.deleteSessionsOfUser(user->id);
            storage_.revokeTokens(user->id, kActivation, clock_.now());
            storage_.revokeTokens(user->id, kReset, clock_.now());
            disabled.push_back(user->email);
        }
    });
    return disabled;
}

}  // namespace alin
