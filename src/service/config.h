#pragma once
#include <cstdint>
#include <string>

namespace alin {

struct ServiceConfig {
    std::string environment = "development";  // "development", "demo", "production", "test"
    bool devMailbox = true;                    // GET /api/v1/dev/mailbox; never in production
    bool testClock = false;                    // POST /api/v1/dev/clock (tests only)
    std::string publicBaseUrl = "http://127.0.0.1:8080/";  // links in e-mails: <base>#/...
    int64_t sessionIdleSeconds = 30 * 60;
    int64_t activationLinkSeconds = 2 * 24 * 3600;   // "Ce lien expire dans 2 jour(s)"
    int64_t resetLinkSeconds = 2 * 24 * 3600;
    int loginMaxFailures = 5;
    int64_t loginWindowSeconds = 15 * 60;
    int64_t loginLockSeconds = 15 * 60;
    std::string mailFrom = "no-reply@action-logement.local";
};

}  // namespace alin
