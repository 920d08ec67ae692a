// One journey, two transports (issue 12 item 4): the services built by the one
// composition root (src/app/services.h) answer the same through the in-process
// router over the in-memory storage (what the offline demo runs in the page)
// and through real HTTP over SQLite (the server).
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/services.h"
#include "http_server.h"
#include "server_fixture.h"
#include "storage/memory_storage.h"

using namespace alin;
using namespace alin::test;

namespace {

struct Reply {
    int status = 0;
    Json body;
};

class Transport {
public:
    virtual ~Transport() = default;
    virtual Reply call(const std::string& method, const std::string& path, const Json& body = nullptr) = 0;
};

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "missing " << path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// What the offline demo does (src/client/api_client_local.cpp): the router in
// the process, the in-memory storage, the session token kept by the caller.
class InProcessTransport final : public Transport {
public:
    InProcessTransport() : hasher_(2, 16u * 1024u * 1024u), mail_(storage_) {
        config_ = ServiceConfig::forEnvironment("demo");
        services_ = AppServices::build(config_, storage_, mail_, clock_, hasher_);
        router_ = std::make_unique<ApiRouter>(services_->routes(), config_);
        const std::string root = ALIN_SOURCE_DIR;
        services_->attachData(loadServiceData(readFile(root + "/build-assets/geo/geo.bin"),
                                              readFile(root + "/assets/data/income_ceilings.json"),
                                              readFile(root + "/assets/data/registration_sites.json"),
                                              readFile(root + "/assets/data/typologies.json")),
                              true);
        services_->plugInto(*router_);
    }
    Reply call(const std::string& method, const std::string& path, const Json& body) override {
        ApiRequest req;
        req.method = method;
        req.path = path;
        req.body = body;
        req.sessionToken = token_;
        req.clientAddress = "local";
        ApiResponse res = router_->handle(req);
        if (res.setSessionToken) token_ = *res.setSessionToken;
        if (res.clearSession) token_.clear();
        return {res.status, res.body};
    }

private:
    MemoryStorage storage_;
    SystemClock clock_;
    SodiumPasswordHasher hasher_;
    OutboxTransport mail_;
    ServiceConfig config_;
    std::unique_ptr<AppServices> services_;
    std::unique_ptr<ApiRouter> router_;
    std::string token_;
};

// The server: AlinServer (same composition root) on SQLite, real HTTP, the session cookie.
class HttpTransport final : public Transport {
public:
    HttpTransport() {
        server::ServerSettings settings;
        settings.port = 0;
        settings.environment = "demo";
        settings.databasePath = (dir_.path / "alin.db").string();
        settings.webRoot = (dir_.path / "web").string();
        settings.logRequests = false;
        server_ = std::make_unique<server::AlinServer>(settings);
        server_->startInBackground();
        REQUIRE(server_->port() > 0);
    }
    Reply call(const std::string& method, const std::string& path, const Json& body) override {
        httplib::Client c("127.0.0.1", server_->port());
        httplib::Headers headers;
        if (!cookie_.empty()) headers.emplace("Cookie", cookie_);
        httplib::Result res = method == "GET"      ? c.Get(path, headers)
                              : method == "DELETE" ? c.Delete(path, headers)
                                                   : c.Post(path, headers, body.dump(), "application/json");
        REQUIRE(res);
        const std::string set = res->get_header_value("Set-Cookie");
        if (!set.empty()) cookie_ = set.substr(0, set.find(';'));
        return {res->status, Json::parse(res->body, nullptr, false)};
    }

private:
    TempDir dir_;
    std::unique_ptr<server::AlinServer> server_;
    std::string cookie_;
};

// The journey; returns one line per step ("POST /api/v1/session 200 ...") for the comparison.
std::vector<std::string> journey(Transport& t) {
    std::vector<std::string> trace;
    auto step = [&](const std::string& method, const std::string& path, const Json& body = nullptr) {
        Reply r = t.call(method, path, body);
        trace.push_back(method + " " + path + " " + std::to_string(r.status) + " " +
                        (r.body.is_object() ? r.body.value("code", std::string()) : std::string()));
        return r;
    };
    REQUIRE(
        step("POST", "/api/v1/session", {{"email", "anne.porte@example.fr"}, {"password", "Logement2026"}}).status ==
        200);
    const Reply offers = step("GET", "/api/v1/offers");
    REQUIRE(offers.status == 200);
    REQUIRE(offers.body["items"].size() >= 2);
    const int64_t first = offers.body["items"][0]["id"].get<int64_t>();
    const int64_t second = offers.body["items"][1]["id"].get<int64_t>();
    trace.push_back("first offer " + std::to_string(first) + ", second " + std::to_string(second));

    const Reply applied = step("POST", "/api/v1/applications", {{"offerId", first}});
    REQUIRE(applied.status == 201);
    // THE RULE OF ONE, with its one message.
    const Reply again = step("POST", "/api/v1/applications", {{"offerId", second}});
    CHECK(again.status == 409);
    CHECK(again.body.value("code", "") == "already_active");
    CHECK(again.body.value("message", "").rfind("Vous avez déjà une candidature en cours", 0) == 0);
    trace.push_back(again.body.value("message", ""));

    const Reply mine = step("GET", "/api/v1/applications");
    REQUIRE(mine.body["active"].is_object());
    const int64_t id = mine.body["active"]["id"].get<int64_t>();
    trace.push_back(mine.body["active"].value("statusText", ""));

    // The advisor sees it in the queue.
    step("DELETE", "/api/v1/session");
    REQUIRE(step("POST", "/api/v1/session",
                 {{"email", "conseiller@actionlogement.example"}, {"password", "Conseiller2026"}})
                .status == 200);
    const Reply queue = step("GET", "/api/v1/staff/queue");
    bool found = false;
    for (const Json& a : queue.body["applications"]) found = found || a["id"] == id;
    CHECK(found);
    CHECK(step("POST", "/api/v1/applications", {{"offerId", second}}).status == 403);  // not an applicant
    return trace;
}

}  // namespace

TEST_CASE("one journey through both transports: in-process router (demo) and real HTTP (server)") {
    InProcessTransport inProcess;
    HttpTransport http;
    const std::vector<std::string> a = journey(inProcess);
    const std::vector<std::string> b = journey(http);
    CHECK(a == b);
}
