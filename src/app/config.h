#pragma once
#include <cstdint>
#include <string>

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
    std::string environment = "development";               // "development", "demo", "production", "test"
    bool devMailbox = true;                                // GET /api/v1/dev/mailbox; never in production
    bool testClock = false;                                // POST /api/v1/dev/clock (tests only)
    bool registryAdmin = true;                             // /api/v1/registry/requests (stand-in); never in production
    std::string publicBaseUrl = "http://127.0.0.1:8080/";  // links in e-mails: <base>#/...
    int64_t sessionIdleSeconds = 30 * 60;
    int64_t activationLinkSeconds = 2 * 24 * 3600;  // "Ce lien expire dans 2 jour(s)"
    int64_t resetLinkSeconds = 2 * 24 * 3600;
    int loginMaxFailures = 5;
    int64_t loginWindowSeconds = 15 * 60;
    int64_t loginLockSeconds = 15 * 60;
    std::string mailFrom = "no-reply@action-logement.local";
    // Request file (guide §3, §4): e-mailed security codes.
    int64_t verificationCodeSeconds = 24 * 3600;  // "Ce code est actif durant un délai de 24h"
    int verificationMaxAttempts = 5;              // wrong entries before the code stops working
    int verificationMaxCodesPerDay = 10;          // codes sent per account and purpose in 24 h
    // Offers (guide §5): size of the generated catalogue (ALIN_OFFER_COUNT), at
    // most kMaxOfferCount so that added offers (ids from 1 000 001) never meet it.
    int64_t offerCount = 5000;
    // POST /api/v1/dev/demo-accounts (the ready demo accounts); never in production.
    bool demoAccounts = true;
    // E-mail quotas (see kMailsPerAddressPerHour).
    int mailsPerAddressPerHour = kMailsPerAddressPerHour;
    int mailsPerClientPerHour = kMailsPerClientPerHour;
};

inline constexpr int64_t kMaxOfferCount = 500000;

}  // namespace alin
