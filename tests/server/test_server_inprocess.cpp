// The same wiring started in-process (as benchmarks do): AlinServer on a
// background thread, stopped by its destructor.
#include <doctest/doctest.h>

#include "http_server.h"
#include "server_fixture.h"

using namespace alin::test;

namespace {

alin::server::ServerSettings inProcessSettings(const TempDir& dir) {
    alin::server::ServerSettings settings;
    settings.port = 0;
    settings.environment = "test";
    settings.databasePath = (dir.path / "db" / "alin.db").string();
    settings.webRoot = (dir.path / "web").string();
    settings.logRequests = false;
    return settings;
}

}  // namespace

TEST_CASE("AlinServer runs in-process on a free port and stops cleanly") {
    TempDir dir;
    {
        alin::server::AlinServer server(inProcessSettings(dir));
        server.startInBackground();
        REQUIRE(server.port() > 0);
        CHECK(server.url() == "http://127.0.0.1:" + std::to_string(server.port()) + "/");
        CHECK(server.config().publicBaseUrl == server.url());
        CHECK(server.config().testClock);

        httplib::Client client("127.0.0.1", server.port());
        auto health = client.Get("/api/v1/health");
        REQUIRE(health);
        CHECK(health->status == 200);

        // The router is also reachable without HTTP.
        alin::ApiRequest request;
        request.method = "GET";
        request.path = "/api/v1/health";
        CHECK(server.handle(request).status == 200);
    }
}

TEST_CASE("AlinServer: stop() before run() is not lost; a bad environment is refused") {
    TempDir dir;
    {
        alin::server::AlinServer server(inProcessSettings(dir));
        server.bind();
        server.stop();
        CHECK(server.run());  // returns at once
    }
    auto bad = inProcessSettings(dir);
    bad.environment = "staging";
    CHECK_THROWS_AS(alin::server::AlinServer{bad}, alin::server::ConfigError);
}
