// The AL'in HTTP server: wires storage, clock, mail, hashing, the account
// service and the API router, and serves them over HTTP (http_front.h) together with
// the built web client. main.cpp is a thin wrapper; tests and benchmarks can
// run the same server in-process:
//
//     alin::server::ServerSettings s;            // or settingsFromEnvironment()
//     s.port = 0;                                // any free port
//     s.databasePath = dir + "/alin.db";
//     alin::server::AlinServer server(s);
//     server.startInBackground();                // binds, serves on a thread
//     httplib::Client client("127.0.0.1", server.port());
//     ...                                        // the destructor stops and joins
#pragma once
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include "api/api_types.h"
#include "app/config.h"
#include "trusted_proxies.h"

namespace alin::server {

struct ServerSettings {
    std::string host = "127.0.0.1";              // HOST
    int port = 8080;                             // PORT; 0 = any free port
    std::string databasePath = "./var/alin.db";  // ALIN_DB: a SQLite file (parent folders are created)
                                                 // or a postgresql:// URL (pg_storage.h)
    int databasePoolSize = 16;                   // ALIN_DB_POOL: PostgreSQL connections per server
    std::string environment = "development";     // ALIN_ENV: development | demo | production | test
    std::string webRoot;                         // ALIN_WEB_ROOT; empty = <source>/build-web/dist
    std::string smtpUrl;                         // ALIN_SMTP_URL; empty = outbox only (no delivery)
    // ALIN_OUTBOX_POLL_MS: how often the outbox drainer looks for due rows
    // (those queued here wake it at once; this finds the other servers' and the retries).
    int outboxPollMs = 1000;
    // ALIN_RETENTION_INTERVAL_SECONDS: how often the retention job runs (it also runs at start).
    int64_t retentionIntervalSeconds = 3600;
    std::string publicUrl;                 // ALIN_PUBLIC_URL; empty = http://host:port/
    int64_t sessionIdleSeconds = 30 * 60;  // ALIN_SESSION_IDLE_SECONDS
    std::string mailFrom;                  // ALIN_MAIL_FROM; empty = ServiceConfig's default
    std::string dataDir;                   // ALIN_DATA_DIR; empty = the source tree (ALIN_SOURCE_DIR):
                                           // build-assets/geo/geo.bin, assets/data/*.json
    bool logRequests = true;               // one line per request on stderr
    int64_t offerCount = 5000;             // ALIN_OFFER_COUNT: generated offers (0..500000)
    // ALIN_DEMO_ACCOUNTS=1|0: create the demo accounts (demo_data/demo_accounts.h) at
    // start. Default: on in development, demo and test; refused in production.
    bool seedDemoAccounts = true;
    // ALIN_REQUEST_TIMEOUT_SECONDS: a request (headers and body) must arrive whole
    // within this time from its first byte, or it is answered 408 and closed.
    int requestTimeoutSeconds = 10;
    // ALIN_MAX_CONNECTIONS_PER_CLIENT: open connections per client address; more
    // are answered 503 and closed. Behind a reverse proxy every connection comes
    // from the proxy: raise it there (server-stub/README.md).
    size_t maxConnectionsPerClient = 128;
    // ALIN_TRUSTED_PROXIES: reverse proxies whose X-Forwarded-For names the
    // client (comma-separated IPs or CIDR ranges, trusted_proxies.h); empty =
    // X-Forwarded-For is ignored. An invalid entry is a ConfigError.
    std::string trustedProxies;
};

// Invalid configuration (bad PORT, unknown ALIN_ENV, missing data files, ...).
// The message names the variable or file and is meant for the operator.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Reads the settings from the process environment; throws ConfigError
// (server_settings.cpp, with the two checks below).
ServerSettings settingsFromEnvironment();
// ALIN_TRUSTED_PROXIES's list (trusted_proxies.h); throws ConfigError naming it.
TrustedProxies parseTrustedProxies(const std::string& list);
// development, demo, production or test.
bool knownEnvironment(const std::string& environment);

// Largest accepted request body (larger ones get a JSON 413).
inline constexpr size_t kMaxRequestBodyBytes = 1024 * 1024;
// Threads running request handlers. Connections are not tied to them: one event
// loop (http_front.h) reads each request whole before a worker sees it.
inline constexpr size_t kWorkerThreads = 64;
inline constexpr const char* kSessionCookie = "alin_session";
// Pending connections the kernel queues before accept().
inline constexpr int kListenBacklog = 256;

class AlinServer {
public:
    // Opens (and migrates) the database, loads the reference data (geography,
    // income ceilings, registration sites, typologies), stores the registry
    // stand-in on the first start and wires the services. Throws ConfigError
    // (e.g. a data file missing: run scripts/setup.sh) or the storage's exception.
    explicit AlinServer(ServerSettings settings);
    ~AlinServer();  // stop() + join when started in the background
    AlinServer(const AlinServer&) = delete;
    AlinServer& operator=(const AlinServer&) = delete;

    // Binds the listening socket and returns the port (the real one when
    // settings.port is 0). Throws std::runtime_error if the address is taken.
    int bind();
    // Serves until stop(); call bind() first. Returns false on a socket error.
    bool run();
    // Stops serving; safe from any thread. In-flight requests complete.
    void stop();
    // bind() then run() on an internal thread; returns once accepting.
    void startInBackground();

    int port() const;
    std::string url() const;  // "http://127.0.0.1:8080/"
    const ServiceConfig& config() const;
    // The router without HTTP (benchmarks, comparisons with the offline mode).
    ApiResponse handle(const ApiRequest& request);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace alin::server
