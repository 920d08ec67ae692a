// The server's settings from the environment (the table in README.md): each
// variable parsed and bounded here, so a wrong value stops the start with its name.
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "http_server.h"

namespace alin::server {

namespace {

std::string envOr(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return (v && *v) ? std::string(v) : fallback;
}

int64_t parseInteger(const char* name, const std::string& text, int64_t min, int64_t max) {
    try {
        size_t used = 0;
        long long v = std::stoll(text, &used, 10);
        if (used == text.size() && v >= min && v <= max) return v;
    } catch (const std::exception&) {
    }
    throw ConfigError(std::string(name) + " must be an integer between " + std::to_string(min) + " and " +
                      std::to_string(max) + " (got \"" + text + "\")");
}

}  // namespace

TrustedProxies parseTrustedProxies(const std::string& list) {
    try {
        return TrustedProxies::parse(list);
    } catch (const std::invalid_argument& e) {
        throw ConfigError(std::string("ALIN_TRUSTED_PROXIES: ") + e.what());
    }
}

bool knownEnvironment(const std::string& e) {
    return e == "development" || e == "demo" || e == "production" || e == "test";
}

ServerSettings settingsFromEnvironment() {
    ServerSettings s;
    s.host = envOr("HOST", s.host);
    if (auto port = envOr("PORT", ""); !port.empty()) s.port = static_cast<int>(parseInteger("PORT", port, 0, 65535));
    s.databasePath = envOr("ALIN_DB", s.databasePath);
    if (auto pool = envOr("ALIN_DB_POOL", ""); !pool.empty())
        s.databasePoolSize = static_cast<int>(parseInteger("ALIN_DB_POOL", pool, 1, 256));
    s.environment = envOr("ALIN_ENV", s.environment);
    if (!knownEnvironment(s.environment)) {
        throw ConfigError("ALIN_ENV must be development, demo, production or test (got \"" + s.environment + "\")");
    }
    s.webRoot = envOr("ALIN_WEB_ROOT", "");
    s.smtpUrl = envOr("ALIN_SMTP_URL", "");
    if (auto poll = envOr("ALIN_OUTBOX_POLL_MS", ""); !poll.empty())
        s.outboxPollMs = static_cast<int>(parseInteger("ALIN_OUTBOX_POLL_MS", poll, 10, 3600 * 1000));
    if (auto every = envOr("ALIN_RETENTION_INTERVAL_SECONDS", ""); !every.empty())
        s.retentionIntervalSeconds = parseInteger("ALIN_RETENTION_INTERVAL_SECONDS", every, 1, 7 * 24 * 3600);
    s.publicUrl = envOr("ALIN_PUBLIC_URL", "");
    if (auto idle = envOr("ALIN_SESSION_IDLE_SECONDS", ""); !idle.empty()) {
        s.sessionIdleSeconds = parseInteger("ALIN_SESSION_IDLE_SECONDS", idle, 1, 365LL * 24 * 3600);
    }
    s.mailFrom = envOr("ALIN_MAIL_FROM", "");
    s.dataDir = envOr("ALIN_DATA_DIR", "");
    if (auto count = envOr("ALIN_OFFER_COUNT", ""); !count.empty())
        s.offerCount = parseInteger("ALIN_OFFER_COUNT", count, 0, kMaxOfferCount);
    if (auto t = envOr("ALIN_REQUEST_TIMEOUT_SECONDS", ""); !t.empty())
        s.requestTimeoutSeconds = static_cast<int>(parseInteger("ALIN_REQUEST_TIMEOUT_SECONDS", t, 1, 3600));
    if (auto n = envOr("ALIN_MAX_CONNECTIONS_PER_CLIENT", ""); !n.empty())
        s.maxConnectionsPerClient = static_cast<size_t>(parseInteger("ALIN_MAX_CONNECTIONS_PER_CLIENT", n, 1, 100000));
    s.trustedProxies = envOr("ALIN_TRUSTED_PROXIES", "");
    parseTrustedProxies(s.trustedProxies);  // fails the start now, with the variable's name
    s.seedDemoAccounts = s.environment != "production";
    if (auto demo = envOr("ALIN_DEMO_ACCOUNTS", ""); !demo.empty()) {
        if (demo != "0" && demo != "1") throw ConfigError("ALIN_DEMO_ACCOUNTS must be 0 or 1 (got \"" + demo + "\")");
        s.seedDemoAccounts = demo == "1";
    }
    if (s.seedDemoAccounts && s.environment == "production")
        throw ConfigError("ALIN_DEMO_ACCOUNTS=1 is refused in production: the demo accounts have published passwords");
    return s;
}

}  // namespace alin::server
