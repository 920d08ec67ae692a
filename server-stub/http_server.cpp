#include "http_server.h"

#include <httplib.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
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
#include "app/request_file_service.h"
#include "reference/service_data.h"
#include "smtp_transport.h"
#include "sqlite_storage.h"
#include "static_files.h"

#ifndef ALIN_SOURCE_DIR
#define ALIN_SOURCE_DIR "."
#endif

namespace alin::server {

namespace fs = std::filesystem;

// [SECTION] Settings from the environment --------------------------------------

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

bool knownEnvironment(const std::string& e) {
    return e == "development" || e == "demo" || e == "production" || e == "test";
}

}  // namespace

ServerSettings settingsFromEnvironment() {
    ServerSettings s;
    s.host = envOr("HOST", s.host);
    if (auto port = envOr("PORT", ""); !port.empty()) s.port = static_cast<int>(parseInteger("PORT", port, 0, 65535));
    s.databasePath = envOr("ALIN_DB", s.databasePath);
    s.environment = envOr("ALIN_ENV", s.environment);
    if (!knownEnvironment(s.environment)) {
        throw ConfigError("ALIN_ENV must be development, demo, production or test (got \"" + s.environment + "\")");
    }
    s.webRoot = envOr("ALIN_WEB_ROOT", "");
    s.smtpUrl = envOr("ALIN_SMTP_URL", "");
    s.publicUrl = envOr("ALIN_PUBLIC_URL", "");
    if (auto idle = envOr("ALIN_SESSION_IDLE_SECONDS", ""); !idle.empty()) {
        s.sessionIdleSeconds = parseInteger("ALIN_SESSION_IDLE_SECONDS", idle, 1, 365LL * 24 * 3600);
    }
    s.mailFrom = envOr("ALIN_MAIL_FROM", "");
    s.dataDir = envOr("ALIN_DATA_DIR", "");
    if (auto count = envOr("ALIN_OFFER_COUNT", ""); !count.empty())
        s.offerCount = parseInteger("ALIN_OFFER_COUNT", count, 0, kMaxOfferCount);
    s.seedDemoAccounts = s.environment != "production";
    if (auto demo = envOr("ALIN_DEMO_ACCOUNTS", ""); !demo.empty()) {
        if (demo != "0" && demo != "1") throw ConfigError("ALIN_DEMO_ACCOUNTS must be 0 or 1 (got \"" + demo + "\")");
        s.seedDemoAccounts = demo == "1";
    }
    if (s.seedDemoAccounts && s.environment == "production")
        throw ConfigError("ALIN_DEMO_ACCOUNTS=1 is refused in production: the demo accounts have published passwords");
    return s;
}

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

thread_local std::chrono::steady_clock::time_point tRequestStart{};

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
    std::unique_ptr<SqliteStorage> storage;
    SystemClock systemClock;
    OffsetClock testClock;
    std::unique_ptr<OutboxTransport> outbox;
    std::unique_ptr<SmtpTransport> smtp;
    std::unique_ptr<TeeTransport> tee;
    MailTransport* mail = nullptr;
    std::unique_ptr<SodiumPasswordHasher> hasher;
    std::unique_ptr<AccountService> accounts;
    std::unique_ptr<RequestFileService> requests;
    std::unique_ptr<OfferService> offers;
    std::unique_ptr<ApplicationService> applications;
    std::unique_ptr<ApiRouter> router;
    StaticFiles files;
    httplib::Server http;
    int port = 0;
    int listenSocket = -1;  // recorded by the socket-options hook, to widen the backlog
    std::atomic<bool> stopRequested{false};
    std::atomic<bool> runActive{false};
    std::thread background;

    explicit Impl(ServerSettings s) : settings(std::move(s)), files(settings.webRoot) {}

    void handleApi(const httplib::Request& req, httplib::Response& res);
    void install();
};

void AlinServer::Impl::handleApi(const httplib::Request& req, httplib::Response& res) {
    ApiRequest request;
    request.method = req.method == "HEAD" ? "GET" : req.method;
    request.path = req.path;
    for (const auto& [key, value] : req.params) request.query.emplace(key, value);  // first one wins
    if (!req.body.empty()) {
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

    ApiResponse response;
    try {
        response = router->handle(request);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s internal error on %s %s: %s\n", isoNow().c_str(), req.method.c_str(),
                     pathForLog(req.path).c_str(), e.what());
        writeJson(res, 500, errorBody("internal", "Une erreur interne est survenue. Réessayez plus tard."));
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
    writeJson(res, response.status, response.body);
}

void AlinServer::Impl::install() {
    http.set_payload_max_length(kMaxRequestBodyBytes);
    // Responses go out at once (no Nagle delay against the client's delayed ACK),
    // and enough workers for every keep-alive connection a busy office opens:
    // with httplib's default 8 threads, 64 keep-alive clients queue behind 8.
    http.set_tcp_nodelay(true);
    http.set_keep_alive_max_count(1000);
    http.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
    // The listening socket (the hook runs only for it, before bind and listen).
    http.set_socket_options([this](socket_t sock) {
        httplib::default_socket_options(sock);
        listenSocket = static_cast<int>(sock);
    });
    http.set_default_headers({
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"Content-Security-Policy", kContentSecurityPolicy},
        {"X-Frame-Options", "DENY"},
    });

    auto api = [this](const httplib::Request& req, httplib::Response& res) { handleApi(req, res); };
    const std::string apiPattern = R"(/api(/.*)?)";
    http.Get(apiPattern, api);
    http.Post(apiPattern, api);
    http.Put(apiPattern, api);
    http.Patch(apiPattern, api);
    http.Delete(apiPattern, api);
    http.Options(apiPattern, api);
    http.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) { sendStatic(files, req, res); });

    http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
        tRequestStart = std::chrono::steady_clock::now();
        return httplib::Server::HandlerResponse::Unhandled;
    });

    // Called for every status >= 400: fill in only what httplib produced by
    // itself (413, 404 of unknown methods, ...); handlers' bodies stay intact.
    http.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
            if (!res.body.empty() || res.has_header("Content-Length"))
                return httplib::Server::HandlerResponse::Unhandled;
            if (!isApiPath(req.path)) return httplib::Server::HandlerResponse::Unhandled;
            switch (res.status) {
                case 413:
                    writeJson(res, 413,
                              errorBody("payload_too_large", "La requête est trop volumineuse (1 Mio au maximum)."));
                    break;
                case 404:
                    writeJson(res, 404, errorBody("not_found", "Ressource introuvable."));
                    break;
                case 405:
                    writeJson(res, 405, errorBody("method_not_allowed", "Méthode non autorisée."));
                    break;
                default:
                    writeJson(res, res.status, errorBody("bad_request", "La requête est invalide."));
                    break;
            }
            return httplib::Server::HandlerResponse::Handled;
        }));

    http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        std::fprintf(stderr, "%s internal error on %s %s: %s\n", isoNow().c_str(), req.method.c_str(),
                     pathForLog(req.path).c_str(), what.c_str());
        writeJson(res, 500, errorBody("internal", "Une erreur interne est survenue. Réessayez plus tard."));
    });

    if (settings.logRequests) {
        http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
            double ms = 0;
            if (tRequestStart.time_since_epoch().count() != 0) {
                ms =
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - tRequestStart).count();
                tRequestStart = {};
            }
            std::fprintf(stderr, "%s %s %s %d %.1f ms\n", isoNow().c_str(), req.method.c_str(),
                         pathForLog(req.path).c_str(), res.status, ms);
        });
    }
}

AlinServer::AlinServer(ServerSettings settings) {
    if (!knownEnvironment(settings.environment)) {
        throw ConfigError("unknown environment \"" + settings.environment + "\"");
    }
    if (settings.webRoot.empty()) settings.webRoot = std::string(ALIN_SOURCE_DIR) + "/build-web/dist";
    impl_ = std::make_unique<Impl>(std::move(settings));
    Impl& d = *impl_;
    const ServerSettings& s = d.settings;

    cryptoInit();

    // Reference data first: a missing file is a configuration error, reported
    // before anything is created.
    ServiceData data = loadServiceDataFrom(s.dataDir.empty() ? std::string(ALIN_SOURCE_DIR) : s.dataDir);

    // Service configuration.
    d.config.environment = s.environment;
    d.config.devMailbox = s.environment != "production";
    d.config.testClock = s.environment == "test";
    d.config.registryAdmin = s.environment != "production";
    d.config.sessionIdleSeconds = s.sessionIdleSeconds;
    d.config.offerCount = s.offerCount;
    d.config.demoAccounts = s.environment != "production";
    if (!s.mailFrom.empty()) d.config.mailFrom = s.mailFrom;
    // publicBaseUrl is final once the port is known (bind()).

    // Storage.
    fs::path dbPath(s.databasePath);
    if (dbPath.has_parent_path()) fs::create_directories(dbPath.parent_path());
    d.storage = std::make_unique<SqliteStorage>(s.databasePath);

    // Mail: the outbox always (the dev mailbox reads it); SMTP when configured,
    // teed to the outbox unless in production.
    d.outbox = std::make_unique<OutboxTransport>(*d.storage);
    d.mail = d.outbox.get();
    if (!s.smtpUrl.empty()) {
        SmtpSettings smtp;
        smtp.url = s.smtpUrl;
        smtp.from = d.config.mailFrom;
        d.smtp = std::make_unique<SmtpTransport>(smtp);
        if (d.config.devMailbox) {
            d.tee = std::make_unique<TeeTransport>(*d.smtp, *d.outbox);
            d.mail = d.tee.get();
        } else {
            d.mail = d.smtp.get();
        }
    } else if (s.environment == "production") {
        std::fprintf(stderr, "warning: production without ALIN_SMTP_URL: e-mails are only kept in the outbox\n");
    }

    Clock& clock = d.config.testClock ? static_cast<Clock&>(d.testClock) : static_cast<Clock&>(d.systemClock);
    d.hasher = std::make_unique<SodiumPasswordHasher>();
    d.accounts = std::make_unique<AccountService>(*d.storage, clock, *d.mail, *d.hasher, d.config);
    // The registry stand-in (the registration sites' requests) on the first start.
    seedRegistryIfEmpty(*d.storage, data.geography, clock.now());
    // The offer catalogue: generated for today, plus the stored additions and changes.
    d.offers = std::make_unique<OfferService>(*d.storage, clock, d.config, data);
    d.requests = std::make_unique<RequestFileService>(*d.storage, clock, *d.mail, d.config, std::move(data));
    d.applications = std::make_unique<ApplicationService>(*d.storage, clock, *d.mail, d.config, *d.offers);
    // The ready demo accounts (after the registry stand-in: Anne PORTE's request comes from it).
    if (s.seedDemoAccounts && s.environment != "production") d.accounts->seedDemoAccounts();
    // Production on a database a development run used: the demo accounts' passwords are published.
    if (s.environment == "production")
        for (const std::string& email : d.accounts->disableDemoAccounts())
            std::fprintf(stderr, "production: demo account %s disabled (its password is published)\n", email.c_str());
    d.router =
        std::make_unique<ApiRouter>(Services{*d.accounts, d.requests.get(), d.offers.get(), d.applications.get()},
                                    d.config, d.config.testClock ? &d.testClock : nullptr);
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
    if (d.settings.port == 0) {
        d.port = d.http.bind_to_any_port(d.settings.host);
        if (d.port <= 0) throw std::runtime_error("cannot listen on " + d.settings.host);
    } else {
        if (!d.http.bind_to_port(d.settings.host, d.settings.port)) {
            throw std::runtime_error("cannot listen on " + d.settings.host + ":" + std::to_string(d.settings.port) +
                                     " (address in use?)");
        }
        d.port = d.settings.port;
    }
    // cpp-httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, fixed in
    // Debian's compiled library): a burst of connections (fifty "Je postule" at
    // once) would overflow it and some would be reset. Linux lets a second
    // listen() on the socket set a larger one.
    if (d.listenSocket >= 0) ::listen(d.listenSocket, kListenBacklog);
    std::string base = d.settings.publicUrl;
    if (base.empty()) {
        std::string host = d.settings.host;
        if (host == "0.0.0.0" || host == "::" || host.empty()) host = "127.0.0.1";
        if (host.find(':') != std::string::npos) host = "[" + host + "]";
        base = "http://" + host + ":" + std::to_string(d.port) + "/";
    }
    if (base.back() != '/') base += '/';
    d.config.publicBaseUrl = base;
    return d.port;
}

bool AlinServer::run() {
    Impl& d = *impl_;
    d.runActive = true;
    if (d.stopRequested) {
        d.runActive = false;
        return true;
    }
    bool ok = d.http.listen_after_bind();
    d.runActive = false;
    return ok || d.stopRequested;
}

void AlinServer::stop() {
    Impl& d = *impl_;
    d.stopRequested = true;
    // run() may be between its flag check and httplib's accept loop: wait until
    // httplib reports running (or run() returned) so stop() is never lost.
    while (d.runActive && !d.http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    d.http.stop();
}

void AlinServer::startInBackground() {
    Impl& d = *impl_;
    bind();
    d.background = std::thread([this] { run(); });
    while (!d.http.is_running() && !d.stopRequested) std::this_thread::sleep_for(std::chrono::milliseconds(1));
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
