#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/limits.h"

namespace alin {

// What a request can make the service e-mail (sign-up, new link, security
// codes) is limited, so nobody can flood a mailbox through the API: at most
// kMailsPerAddressPerHour e-mails to one address and kMailsPerClientPerHour
// triggered by one client address, per sliding hour. Over the limit the
// request is answered exactly as usual and nothing is sent (no enumeration).
inline constexpr int kMailsPerAddressPerHour = 3;
inline constexpr int kMailsPerClientPerHour = 30;
inline constexpr int64_t kMailQuotaWindowSeconds = 3600;

struct ServiceConfig {
    // The settings of an environment ("development", "demo", "production",
    // "test"): no dev mailbox, registry routes or demo accounts in production;
    // the test clock in "test" only. Defined in services.cpp.
    static ServiceConfig forEnvironment(std::string_view environment);

    std::string environment = "development";               // "development", "demo", "production", "test"
    bool devMailbox = true;                                // GET /api/v1/dev/mailbox; never in production
    bool testClock = false;                                // POST /api/v1/dev/clock (tests only)
    bool registryAdmin = true;                             // /api/v1/registry/requests (stand-in); never in production
    std::string publicBaseUrl = "http://127.0.0.1:8080/";  // links in e-mails: <base>#/...
    // Lifetimes and limits: the named values of domain/limits.h.
    int64_t sessionIdleSeconds = domain::limits::kSessionIdle;
    int64_t activationLinkSeconds = domain::limits::kActivationLinkLifetime;
    int64_t resetLinkSeconds = domain::limits::kResetLinkLifetime;
    int loginMaxFailures = domain::limits::kLoginMaxFailures;
    int64_t loginWindowSeconds = domain::limits::kLoginWindow;
    int64_t loginLockSeconds = domain::limits::kLoginLock;
    std::string mailFrom = "no-reply@action-logement.local";
    // Key of the signed links that work without a session (the alerts' one-click
    // unsubscribe). Empty: ALIN_SIGNING_KEY, else a random key for the process
    // (links then stop working at restart; several servers need the same key).
    std::string signingKey;
    // Request file (guide §3, §4): e-mailed security codes.
    int64_t verificationCodeSeconds = domain::limits::kVerificationCodeLifetime;
    int verificationMaxAttempts = domain::limits::kVerificationMaxAttempts;
    int verificationMaxCodesPerDay = domain::limits::kVerificationMaxCodesPerWindow;  // per kVerificationQuotaWindow
    // Offers (guide §5): size of the generated catalogue (ALIN_OFFER_COUNT), at
    // most kMaxOfferCount so that added offers (ids from 1 000 001) never meet it.
    int64_t offerCount = 5000;
    // POST /api/v1/dev/demo-accounts (the ready demo accounts); never in production.
    bool demoAccounts = true;
    // E-mail quotas (see kMailsPerAddressPerHour).
    int mailsPerAddressPerHour = kMailsPerAddressPerHour;
    int mailsPerClientPerHour = kMailsPerClientPerHour;
    // Retention (app/retention_service.h): warning after this long without a
    // log-in, deletion this long after the warning.
    int64_t retentionInactiveSeconds = domain::limits::kAccountInactivity;
    int64_t retentionGraceSeconds = domain::limits::kRetentionGrace;
};

inline constexpr int64_t kMaxOfferCount = 500000;

}  // namespace alin
