#include "http_server.h"

#include <httplib.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "api/api_router.h"
#include "app/account_service.h"
#include "app/application_service.h"
#include "app/clock.h"
#include "app/crypto.h"
#include "app/mail.h"
#include "app/offer_service.h"
#include "app/outbox_delivery.h"
#include "app/request_file_service.h"
#include "app/services.h"
#include "background_jobs.h"
#include "http_front.h"
#include "i18n/catalog.h"
#include "pg_storage.h"
#include "reference/service_data.h"
#include "smtp_transport.h"
#include "sqlite_storage.h"
#include "static_files.h"

#ifndef ALIN_SOURCE_DIR
#define ALIN_SOURCE_DIR "."
#endif

namespace alin::server {

namespace fs = std::filesystem;

// [SECTION] Small helpers ------------------------------------------------------

namespace {

constexpr const char* kJsonType = "application/json; charset=utf-8";

// 'wasm-unsafe-eval' lets the page compile WebAssembly without allowing eval().
// No inline scripts: index.html must load its scripts from files.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

std::string dumpJson(const Json& j) {
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void writeJson(httplib::Response& res, int status, const Json& body) {
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    // 503 is always temporary here (busy, database away): say when to come back.
    if (status == 503 && !res.has_header("Retry-After")) res.set_header("Retry-After", "5");
    res.set_content(dumpJson(body), kJsonType);
}

Json errorBody(const std::string& code, const std::string& message) {
    return Json{{"code", code}, {"message", message}};
}

bool startsWith(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

bool isApiPath(const std::string& path) {
    return path == "/api" || startsWith(path, "/api/");
}

// Value of one cookie from the Cookie header(s), empty if absent.
std::string cookieValue(const httplib::Request& req, const std::string& name) {
    size_t count = req.get_header_value_count("Cookie");
    for (size_t i = 0; i < count; ++i) {
        std::string header = req.get_header_value("Cookie", i);
        size_t pos = 0;
        while (pos < header.size()) {
            size_t end = header.find(';', pos);
            if (end == std::string::npos) end = header.size();
            std::string_view pair(header.data() + pos, end - pos);
            while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
            size_t eq = pair.find('=');
            if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
                std::string_view value = pair.substr(eq + 1);
                while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
                if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                    value = value.substr(1, value.size() - 2);
                }
                return std::string(value);
            }
            pos = end + 1;
        }
    }
    return {};
}

// The path as it may appear in logs: control characters replaced, and any
// segment that looks like a secret (link tokens in /api/v1/links/<token>)
// replaced by "<redacted>".
std::string pathForLog(const std::string& path) {
    std::string out;
    size_t pos = 0;
    bool afterLinks = false;
    while (pos <= path.size()) {
        size_t end = path.find('/', pos);
        if (end == std::string::npos) end = path.size();
        std::string segment = path.substr(pos, end - pos);
        bool tokenLike = segment.size() >= 16;
        for (char c : segment) {
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) tokenLike = false;
        }
        if ((afterLinks && segment != "request" && !segment.empty()) || tokenLike) segment = "<redacted>";
        afterLinks = segment == "links";
        for (char& c : segment) {
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
        }
        out += segment;
        if (end == path.size()) break;
        out += '/';
        pos = end + 1;
    }
    return out;
}

std::string isoNow() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string lowerAscii(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// "application/json", any case, with or without parameters (charset).
bool isJsonContentType(const std::string& value) {
    std::string type = lowerAscii(value.substr(0, value.find(';')));
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
    size_t start = type.find_first_not_of(" \t");
    return start != std::string::npos && type.substr(start) == "application/json";
}

// The origin of a URL: "scheme://host[:port]" in lower case, default port left out.
std::string originOf(const std::string& url) {
    size_t scheme = url.find("://");
    if (scheme == std::string::npos) return {};
    std::string origin = lowerAscii(url.substr(0, url.find_first_of("/?#", scheme + 3)));
    auto dropPort = [&](std::string_view prefix, std::string_view port) {
        if (startsWith(origin, prefix) && origin.size() > port.size() &&
            origin.compare(origin.size() - port.size(), port.size(), port) == 0)
            origin.resize(origin.size() - port.size());
    };
    dropPort("https://", ":443");
    dropPort("http://", ":80");
    return origin;
}

bool isStateChanging(const std::string& method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool isApiMethod(const std::string& method) {
    return method == "GET" || method == "HEAD" || method == "OPTIONS" || isStateChanging(method);
}

// gzip at the default level (API answers, compressed per request).
std::optional<std::string> gzip(const std::string& data) {
    httplib::detail::gzip_compressor compressor;
    std::string out;
    bool ok = compressor.compress(data.data(), data.size(), true, [&](const char* p, size_t n) {
        out.append(p, n);
        return true;
    });
    if (!ok) return std::nullopt;
    return out;
}

// The body of an error response that has none yet: the {code, message} JSON shape
// under /api (and when the path is unknown), a short French text elsewhere.
void fillErrorBody(const httplib::Request& req, httplib::Response& res) {
    const char* code = "bad_request";
    const char* key = "error.bad_request";
    switch (res.status) {
        case 403:
            code = "forbidden", key = "error.http.forbidden";
            break;
        case 404:
            code = "not_found", key = "error.not_found";
            break;
        case 405:
            code = "method_not_allowed", key = "error.http.method_not_allowed";
            break;
        case 408:
            code = "request_timeout", key = "error.http.request_timeout";
            break;
        case 411:
            code = "length_required", key = "error.bad_request";
            break;
        case 413:
            code = "payload_too_large", key = "error.http.payload_too_large";
            break;
        case 414:
            code = "uri_too_long", key = "error.http.uri_too_long";
            break;
        case 415:
            code = "unsupported_media_type", key = "error.http.unsupported_media_type";
            break;
        case 431:
            code = "headers_too_large", key = "error.http.headers_too_large";
            break;
        case 501:
            code = "not_implemented", key = "error.http.not_implemented";
            break;
        case 503:
            code = "unavailable", key = "error.http.unavailable";
            break;
        case 505:
            code = "http_version", key = "error.http.version";
            break;
        default:
            if (res.status >= 500) code = "internal", key = "error.internal";
            break;
    }
    if (res.status == 503 && !res.has_header("Retry-After")) res.set_header("Retry-After", "5");
    if (req.path.empty() || isApiPath(req.path)) {
        writeJson(res, res.status, errorBody(code, tr(key)));
    } else {
        res.set_content(std::string(tr(key)) + "\n", "text/plain; charset=utf-8");
    }
}

}  // namespace

// [SECTION] Static files -------------------------------------------------------

namespace {

std::optional<std::string> readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return std::move(ss).str();
}

// Sends a static file's answer (static_files.h).
void sendStatic(StaticFiles& files, const httplib::Request& req, httplib::Response& res) {
    StaticResponse r =
        files.serve({req.path, req.get_header_value("Accept-Encoding"), req.get_header_value("If-None-Match")});
    res.status = r.status;
    for (auto& [name, value] : r.headers) res.set_header(name, value);
    if (!r.body) return;
    if (r.status >= 400) return res.set_content(*r.body, r.contentType);
    // A content provider with a known length: httplib sends it as is
    // (it would otherwise re-compress text bodies on every request).
    std::shared_ptr<const std::string> body = std::move(r.body);
    res.set_content_provider(body->size(), r.contentType,
                             [body](size_t offset, size_t length, httplib::DataSink& sink) {
                                 return sink.write(body->data() + offset, length);
                             });
}

}  // namespace

// [SECTION] Reference data -----------------------------------------------------

namespace {

// The data files under the data root (ALIN_DATA_DIR, else the source tree).
ServiceData loadServiceDataFrom(const std::string& root) {
    auto read = [&](const std::string& rel) {
        const fs::path path = fs::path(root) / rel;
        auto content = readFile(path);
        if (!content) {
            throw ConfigError("missing data file " + path.string() +
                              ": run scripts/setup.sh (it builds build-assets/geo/geo.bin), or set ALIN_DATA_DIR "
                              "to the folder that holds build-assets/ and assets/");
        }
        return std::move(*content);
    };
    const std::string geo = read("build-assets/geo/geo.bin");
    const std::string ceilings = read("assets/data/income_ceilings.json");
    const std::string sites = read("assets/data/registration_sites.json");
    const std::string typologies = read("assets/data/typologies.json");
    try {
        return loadServiceData(geo, ceilings, sites, typologies);
    } catch (const ServiceDataError& e) {
        throw ConfigError("invalid data file under " + root + ": " + e.what() + " (run scripts/setup.sh)");
    }
}

}  // namespace

// [SECTION] Server -------------------------------------------------------------

struct AlinServer::Impl {
    ServerSettings settings;
    ServiceConfig config;
    std::unique_ptr<Storage> storage;
    PgStorage* postgres = nullptr;  // storage, when ALIN_DB names a PostgreSQL database
    SystemClock systemClock;
    OffsetClock testClock;
    std::unique_ptr<OutboxTransport> outbox;  // what the services send through
    std::unique_ptr<SmtpTransport> smtp;      // when ALIN_SMTP_URL is set
    std::unique_ptr<OutboxDrainer> drainer;   // ... delivers the outbox through it
    Clock* clock = nullptr;
    // The background jobs while run() serves (background_jobs.h).
    std::mutex jobsMutex;
    std::unique_ptr<PeriodicJob> drainJob;
    std::unique_ptr<PeriodicJob> retentionJob;
    void startJobs();
    void stopJobs();
    void wakeJobs();
    std::unique_ptr<SodiumPasswordHasher> hasher;
    std::unique_ptr<AppServices> services;  // the composition root (src/app/services.h)
    std::unique_ptr<ApiRouter> router;
    StaticFiles files;
    std::unique_ptr<HttpFront> front;
    int port = 0;
    std::string ownOrigin;  // of the public URL, for the cross-site check
    bool hsts = false;      // the public URL is https
    std::atomic<bool> stopRequested{false};
    std::atomic<bool> runActive{false};
    std::atomic<bool> runDone{false};
    std::thread background;

    explicit Impl(ServerSettings s) : settings(std::move(s)), files(settings.webRoot) {}

    void handle(const httplib::Request& req, httplib::Response& res);
    void handleApi(const httplib::Request& req, httplib::Response& res);
    void finish(const httplib::Request& req, httplib::Response& res) const;
    bool crossSite(const httplib::Request& req) const;
    void install();
};

void AlinServer::Impl::startJobs() {
    std::lock_guard lock(jobsMutex);
    if (drainer) {
        drainJob = std::make_unique<PeriodicJob>("outbox", std::chrono::milliseconds(settings.outboxPollMs), [this] {
            const DrainReport r = drainer->drainOnce();
            if (r.failed + r.abandoned > 0)
                std::fprintf(stderr, "%s outbox: %d sent, %d to retry, %d given up\n", isoNow().c_str(), r.sent,
                             r.failed, r.abandoned);
            return r.claimed >= drainer->policy().batch;  // a full batch: more may be due
        });
    }
    retentionJob = std::make_unique<PeriodicJob>(
        "retention", std::chrono::milliseconds(settings.retentionIntervalSeconds * 1000), [this] {
            const RetentionReport r = services->retention().run(services->applications());
            if (AlertService* alerts = services->alerts()) alerts->sendDigests();  // hourly: the alerts' daily digests
            if (r.warned + r.deleted + r.resumed + r.deferred > 0)
                std::fprintf(stderr, "%s retention: %d warned, %d deleted, %d resumed, %d deferred\n", isoNow().c_str(),
                             r.warned, r.deleted, r.resumed, r.deferred);
            return false;
        });
}

void AlinServer::Impl::stopJobs() {
    std::unique_ptr<PeriodicJob> drain, retention;
    {
        std::lock_guard lock(jobsMutex);
        drain = std::move(drainJob);
        retention = std::move(retentionJob);
    }
    // Joined outside the lock: a step that queues a mail wakes the drainer under it.
    drain.reset();
    retention.reset();
}

// The test clock moved (POST /api/v1/dev/clock): what became due runs now.
void AlinServer::Impl::wakeJobs() {
    std::lock_guard lock(jobsMutex);
    if (drainJob) drainJob->wake();
    if (retentionJob) retentionJob->wake();
}

bool AlinServer::Impl::crossSite(const httplib::Request& req) const {
    if (lowerAscii(req.get_header_value("Sec-Fetch-Site")) == "cross-site") return true;
    if (!req.has_header("Origin")) return false;
    const std::string origin = lowerAscii(req.get_header_value("Origin"));
    if (!ownOrigin.empty() && origin == ownOrigin) return false;
    // The address the browser used (development on another host name, or a proxy
    // that keeps the Host header): same origin as far as this server can tell.
    const std::string host = lowerAscii(req.get_header_value("Host"));
    if (!host.empty() && (origin == originOf("http://" + host) || origin == originOf("https://" + host))) return false;
    return true;  // another site, or "null" (sandboxed frames, file:// pages)
}

void AlinServer::Impl::handle(const httplib::Request& req, httplib::Response& res) {
    // Every message in the language of the page that asked (Accept-Language),
    // French by default: the front's own errors too. The router sets it again
    // from ApiRequest::acceptLanguage (the offline demo has no front).
    const i18n::LanguageScope language(i18n::parseLanguage(req.get_header_value("Accept-Language"), i18n::Lang::Fr));
    if (isApiPath(req.path)) {
        if (isApiMethod(req.method)) {
            handleApi(req, res);
        } else {
            res.status = 405;
            res.set_header("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        }
    } else if (req.method == "GET" || req.method == "HEAD") {
        sendStatic(files, req, res);
    } else {
        res.status = 405;
        res.set_header("Allow", "GET, HEAD");
    }
    finish(req, res);
}

// What every response gets: an error body when the handler left none, the
// security headers, HSTS behind https, gzip for large JSON and text bodies.
void AlinServer::Impl::finish(const httplib::Request& req, httplib::Response& res) const {
    if (res.status == -1) res.status = 200;
    if (res.status >= 400 && res.body.empty() && !res.content_provider_) fillErrorBody(req, res);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Content-Security-Policy", kContentSecurityPolicy);
    res.set_header("X-Frame-Options", "DENY");
    if (hsts) res.set_header("Strict-Transport-Security", "max-age=31536000");
    if (!res.content_provider_ && res.body.size() >= 1024 && !res.has_header("Content-Encoding") &&
        chooseCoding(req.get_header_value("Accept-Encoding"), false, true) == ContentCoding::Gzip) {
        const std::string type = res.get_header_value("Content-Type");
        if (startsWith(type, "application/json") || startsWith(type, "text/")) {
            if (auto packed = gzip(res.body); packed && packed->size() < res.body.size()) {
                res.body = std::move(*packed);
                res.set_header("Content-Encoding", "gzip");
                res.set_header("Vary", "Accept-Encoding");
            }
        }
    }
}

void AlinServer::Impl::handleApi(const httplib::Request& req, httplib::Response& res) {
    // Browsers send Origin (and Sec-Fetch-Site) with state-changing requests: one
    // from another site is refused, so a page elsewhere cannot act with the
    // visitor's session. Clients without them (curl, scripts) are not browsers.
    if (isStateChanging(req.method) && crossSite(req)) {
        writeJson(res, 403, errorBody("cross_site", tr("error.http.cross_site")));
        return;
    }
    // JSON only as application/json: a form on another site can send text/plain
    // without a preflight, never application/json.
    // Except RFC 8058's one-click unsubscribe: mail clients POST the form
    // "List-Unsubscribe=One-Click" to the alerts' link, whose token is the only credential.
    const bool json = isJsonContentType(req.get_header_value("Content-Type"));
    if (!req.body.empty() && !json && req.path != "/api/v1/alerts/unsubscribe") {
        writeJson(res, 415, errorBody("unsupported_media_type", tr("error.http.unsupported_media_type")));
        return;
    }
    ApiRequest request;
    request.method = req.method == "HEAD" ? "GET" : req.method;
    request.path = req.path;
    for (const auto& [key, value] : req.params) request.query.emplace(key, value);  // first one wins
    if (!req.body.empty() && json) {
        // Depth-limited (api/api_types.h): a deeply nested body is refused, never built.
        ParsedBody parsed = parseBody(req.body);
        if (parsed.error) {
            writeJson(res, parsed.error->status, parsed.error->body);
            return;
        }
        request.body = std::move(parsed.body);
    }
    request.sessionToken = cookieValue(req, kSessionCookie);
    request.clientAddress = req.remote_addr;
    request.userAgent = req.get_header_value("User-Agent").substr(0, 256);
    request.acceptLanguage = req.get_header_value("Accept-Language").substr(0, 256);

    ApiResponse response;
    try {
        // Health says whether the database answers (the load balancer's check).
        if (request.path == "/api/v1/health" && request.method == "GET" && postgres && !postgres->ping()) {
            writeJson(res, 503, errorBody("database_unavailable", tr("error.database_unavailable")));
            return;
        }
        response = router->handle(request);
    } catch (const StorageUnavailable& e) {
        // The database cannot be reached: a clear, retryable answer, never a hang.
        std::fprintf(stderr, "%s database unavailable on %s %s: %s\n", isoNow().c_str(), req.method.c_str(),
                     pathForLog(req.path).c_str(), e.what());
        writeJson(res, 503, errorBody("database_unavailable", tr("error.database_unavailable")));
        return;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s internal error on %s %s: %s\n", isoNow().c_str(), req.method.c_str(),
                     pathForLog(req.path).c_str(), e.what());
        writeJson(res, 500, errorBody("internal", tr("error.internal")));
        return;
    }

    const bool secure = startsWith(config.publicBaseUrl, "https://");
    const std::string attributes = std::string("; Path=/; HttpOnly; SameSite=Strict") + (secure ? "; Secure" : "");
    if (response.setSessionToken) {
        res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + *response.setSessionToken + attributes);
    } else if (response.clearSession) {
        res.set_header("Set-Cookie", std::string(kSessionCookie) + "=; Max-Age=0" + attributes);
    }
    if (response.status == 429 && response.body.is_object()) {
        auto wait = response.body.find("retryAfterSeconds");
        if (wait != response.body.end() && wait->is_number_integer()) {
            res.set_header("Retry-After", std::to_string(wait->get<int64_t>()));
        }
    }
    if (request.path == "/api/v1/dev/clock" && request.method == "POST" && response.status == 200) wakeJobs();
    writeJson(res, response.status, response.body);
}

void AlinServer::Impl::install() {
    HttpLimits limits;
    limits.maxBodyBytes = kMaxRequestBodyBytes;
    limits.workerThreads = kWorkerThreads;
    limits.listenBacklog = kListenBacklog;
    limits.requestTimeoutMs = settings.requestTimeoutSeconds * 1000;
    limits.maxConnectionsPerClient = settings.maxConnectionsPerClient;
    limits.trustedProxies = parseTrustedProxies(settings.trustedProxies);
    HttpFront::Logger logger;
    if (settings.logRequests) {
        logger = [](const httplib::Request& req, const httplib::Response& res, double ms) {
            std::fprintf(stderr, "%s %s %s %d %.1f ms\n", isoNow().c_str(),
                         req.method.empty() ? "-" : req.method.c_str(), pathForLog(req.path).c_str(), res.status, ms);
        };
    }
    front = std::make_unique<HttpFront>(
        limits,
        [this](const httplib::Request& req, httplib::Response& res) {
            try {
                handle(req, res);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "%s internal error on %s %s: %s\n", isoNow().c_str(), req.method.c_str(),
                             pathForLog(req.path).c_str(), e.what());
                res = httplib::Response();
                res.status = 500;
                finish(req, res);
            }
        },
        [this](const httplib::Request& req, httplib::Response& res) {
            // The front's refusals (too large, too many connections...) in the request's language too.
            const i18n::LanguageScope language(
                i18n::parseLanguage(req.get_header_value("Accept-Language"), i18n::Lang::Fr));
            finish(req, res);
        },
        std::move(logger));
}

AlinServer::AlinServer(ServerSettings settings) {
    if (!knownEnvironment(settings.environment)) {
        throw ConfigError("unknown environment \"" + settings.environment + "\"");
    }
    parseTrustedProxies(settings.trustedProxies);  // a ConfigError before anything is opened
    if (settings.webRoot.empty()) settings.webRoot = std::string(ALIN_SOURCE_DIR) + "/build-web/dist";
    impl_ = std::make_unique<Impl>(std::move(settings));
    Impl& d = *impl_;
    const ServerSettings& s = d.settings;

    cryptoInit();

    // Reference data first: a missing file is a configuration error, reported
    // before anything is created.
    ServiceData data = loadServiceDataFrom(s.dataDir.empty() ? std::string(ALIN_SOURCE_DIR) : s.dataDir);

    // Service configuration.
    d.config = ServiceConfig::forEnvironment(s.environment);
    d.config.sessionIdleSeconds = s.sessionIdleSeconds;
    d.config.offerCount = s.offerCount;
    if (!s.mailFrom.empty()) d.config.mailFrom = s.mailFrom;
    // publicBaseUrl is final once the port is known (bind()).

    // Storage: PostgreSQL when ALIN_DB is a postgresql:// URL (several servers
    // share it), else the SQLite file at that path (the default).
    if (isPostgresUrl(s.databasePath)) {
        PgStorage::Options pg;
        pg.conninfo = s.databasePath;
        pg.poolSize = s.databasePoolSize;
        auto storage = std::make_unique<PgStorage>(pg);
        d.postgres = storage.get();
        d.storage = std::move(storage);
    } else {
        fs::path dbPath(s.databasePath);
        if (dbPath.has_parent_path()) fs::create_directories(dbPath.parent_path());
        d.storage = std::make_unique<SqliteStorage>(s.databasePath);
    }

    // Mail: the services write the outbox, always (the dev mailbox reads it).
    // With SMTP configured the rows are queued, and the drainer (run()) delivers
    // them; a queued row wakes it.
    Clock& clock = d.config.testClock ? static_cast<Clock&>(d.testClock) : static_cast<Clock&>(d.systemClock);
    d.clock = &clock;
    const bool deliver = !s.smtpUrl.empty();
    d.outbox = std::make_unique<OutboxTransport>(*d.storage, deliver, [&d] {
        std::lock_guard lock(d.jobsMutex);
        if (d.drainJob) d.drainJob->wake();
    });
    if (deliver) {
        SmtpSettings smtp;
        smtp.url = s.smtpUrl;
        smtp.from = d.config.mailFrom;
        d.smtp = std::make_unique<SmtpTransport>(smtp);
        d.drainer =
            std::make_unique<OutboxDrainer>(*d.storage, clock, *d.smtp, DeliveryPolicy{}, d.smtp->senderDomain());
    } else if (s.environment == "production") {
        std::fprintf(stderr, "warning: production without ALIN_SMTP_URL: e-mails are only kept in the outbox\n");
    }

    d.hasher = std::make_unique<SodiumPasswordHasher>();
    d.services = AppServices::build(d.config, *d.storage, *d.outbox, clock, *d.hasher);
    d.services->attachData(std::move(data), s.seedDemoAccounts);
    // Production on a database a development run used: the demo accounts' passwords are published.
    if (s.environment == "production")
        for (const std::string& email : d.services->accounts().disableDemoAccounts())
            std::fprintf(stderr, "production: demo account %s disabled (its password is published)\n", email.c_str());
    d.router = std::make_unique<ApiRouter>(d.services->routes(), d.config, d.config.testClock ? &d.testClock : nullptr);
    d.install();
}

AlinServer::~AlinServer() {
    if (!impl_) return;
    if (impl_->background.joinable()) {
        stop();
        impl_->background.join();
    }
}

int AlinServer::bind() {
    Impl& d = *impl_;
    d.port = d.front->bind(d.settings.host, d.settings.port);
    if (d.port <= 0) {
        throw std::runtime_error("cannot listen on " + d.settings.host + ":" + std::to_string(d.settings.port) +
                                 " (address in use?)");
    }
    std::string base = d.settings.publicUrl;
    if (base.empty()) {
        std::string host = d.settings.host;
        if (host == "0.0.0.0" || host == "::" || host.empty()) host = "127.0.0.1";
        if (host.find(':') != std::string::npos) host = "[" + host + "]";
        base = "http://" + host + ":" + std::to_string(d.port) + "/";
    }
    if (base.back() != '/') base += '/';
    d.config.publicBaseUrl = base;
    d.ownOrigin = originOf(base);
    d.hsts = startsWith(base, "https://");
    return d.port;
}

bool AlinServer::run() {
    Impl& d = *impl_;
    d.runActive = true;
    if (d.stopRequested) {
        d.runActive = false;
        return true;
    }
    // Several servers on one PostgreSQL database: follow what the others write
    // (offers added, application counts, closures) twice a second, so a search
    // here lists them within a second (OfferService::followStorage).
    std::mutex followMutex;
    std::condition_variable followWake;
    bool followStop = false;
    std::thread follower;
    if (d.postgres != nullptr) {
        follower = std::thread([&] {
            std::unique_lock lock(followMutex);
            while (!followWake.wait_for(lock, std::chrono::milliseconds(500), [&] { return followStop; })) {
                lock.unlock();
                try {
                    if (OfferService* offers = d.services->offers()) offers->followStorage();
                    if (AlertService* alerts = d.services->alerts()) alerts->followStorage();
                } catch (const std::exception& e) {
                    // The database is away: try again at the next tick.
                    std::fprintf(stderr, "%s offers not followed: %s\n", isoNow().c_str(), e.what());
                }
                lock.lock();
            }
        });
    }
    d.startJobs();
    bool ok = d.front->run();
    d.stopJobs();
    {
        std::lock_guard lock(followMutex);
        followStop = true;
    }
    followWake.notify_all();
    if (follower.joinable()) follower.join();
    d.runActive = false;
    d.runDone = true;
    return ok || d.stopRequested;
}

void AlinServer::stop() {
    Impl& d = *impl_;
    d.stopRequested = true;
    d.front->stop();  // also before run() starts: run() then returns at once
}

void AlinServer::startInBackground() {
    Impl& d = *impl_;
    bind();
    d.background = std::thread([this] { run(); });
    while (!d.front->isRunning() && !d.stopRequested && !d.runDone)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

int AlinServer::port() const {
    return impl_->port;
}

std::string AlinServer::url() const {
    std::string host = impl_->settings.host;
    if (host.find(':') != std::string::npos) host = "[" + host + "]";
    return "http://" + host + ":" + std::to_string(impl_->port) + "/";
}

const ServiceConfig& AlinServer::config() const {
    return impl_->config;
}

ApiResponse AlinServer::handle(const ApiRequest& request) {
    return impl_->router->handle(request);
}

}  // namespace alin::server
