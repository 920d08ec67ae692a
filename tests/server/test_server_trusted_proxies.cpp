// ALIN_TRUSTED_PROXIES (server-stub/trusted_proxies.h): behind a reverse proxy
// the per-client limits key on the client named in X-Forwarded-For, and only
// when the TCP peer is a trusted proxy; anyone else's X-Forwarded-For is ignored.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include "server_fixture.h"
#include "trusted_proxies.h"

using namespace alin::test;
using alin::server::TrustedProxies;

namespace {

// A wrong password for a fresh unknown address each time: only the client
// address's failure count grows (5 allowed per window, then 429).
HttpResult wrongLogin(const ServerProcess& server, int n, const std::string& forwardedFor) {
    httplib::Headers headers;
    if (!forwardedFor.empty()) headers.emplace("X-Forwarded-For", forwardedFor);
    return server.post("/api/v1/session",
                       {{"email", "inconnu" + std::to_string(n) + "@yopmail.com"}, {"password", "Mauvais1234"}},
                       headers);
}

}  // namespace

TEST_SUITE("trusted proxies") {
    TEST_CASE("TrustedProxies: addresses and CIDR ranges, IPv4 and IPv6; invalid entries named") {
        const auto p = TrustedProxies::parse(" 10.0.0.5, 192.168.0.0/16 ,::1, fd00::/8");
        CHECK(p.contains("10.0.0.5"));
        CHECK(p.contains("::ffff:10.0.0.5"));
        CHECK_FALSE(p.contains("10.0.0.6"));
        CHECK(p.contains("192.168.44.1"));
        CHECK_FALSE(p.contains("192.169.0.1"));
        CHECK(p.contains("::1"));
        CHECK(p.contains("fd12:3456::1"));
        CHECK_FALSE(p.contains("fe80::1"));
        CHECK_FALSE(p.contains("not an address"));
        CHECK(TrustedProxies::parse("").empty());
        CHECK(TrustedProxies::parse("0.0.0.0/0").contains("203.0.113.9"));
        CHECK_FALSE(TrustedProxies::parse("0.0.0.0/0").contains("2001:db8::1"));  // IPv4 ranges hold IPv4 only
        for (const char* bad : {"10.0.0.0/33", "fd00::/129", "10.0.0", "proxy.local", "10.0.0.1,,10.0.0.2", "10.0.0.0/",
                                "10.0.0.0/8x", "10.0.0.1,"}) {
            CAPTURE(bad);
            CHECK_THROWS_AS(TrustedProxies::parse(bad), std::invalid_argument);
        }
        try {
            TrustedProxies::parse("10.0.0.1, 10.0.0.0/33");
        } catch (const std::invalid_argument& e) {
            CHECK(std::string(e.what()).find("\"10.0.0.0/33\"") != std::string::npos);
        }
    }

    TEST_CASE("TrustedProxies: the right-most untrusted address of X-Forwarded-For, only from a trusted peer") {
        const auto p = TrustedProxies::parse("10.0.0.0/8");
        // Untrusted peer: the header is ignored.
        CHECK(p.clientAddress("203.0.113.9", {"198.51.100.1"}) == "203.0.113.9");
        // Trusted peer: the address the proxy appended, not what the client sent before it.
        CHECK(p.clientAddress("10.0.0.5", {"198.51.100.1, 203.0.113.9"}) == "203.0.113.9");
        CHECK(p.clientAddress("10.0.0.5", {"198.51.100.1", "203.0.113.9, 10.1.2.3"}) == "203.0.113.9");
        CHECK(p.clientAddress("10.0.0.5", {"[2001:db8::7]:4711"}) == "2001:db8::7");
        CHECK(p.clientAddress("10.0.0.5", {"203.0.113.9:4711"}) == "203.0.113.9");
        CHECK(p.clientAddress("10.0.0.5", {"::ffff:203.0.113.9"}) == "203.0.113.9");
        // No header, every hop trusted, or a hop the proxy wrote unreadable.
        CHECK(p.clientAddress("10.0.0.5", {}) == "10.0.0.5");
        CHECK(p.clientAddress("10.0.0.5", {"10.9.9.9, 10.0.0.7"}) == "10.9.9.9");
        CHECK(p.clientAddress("10.0.0.5", {"unknown"}) == "10.0.0.5");
        // None trusted: every peer is the client.
        CHECK(TrustedProxies::parse("").clientAddress("10.0.0.5", {"203.0.113.9"}) == "10.0.0.5");
    }

    TEST_CASE("a spoofed X-Forwarded-For from an untrusted peer still hits the per-client limit") {
        ServerProcess server;  // ALIN_TRUSTED_PROXIES unset
        for (int i = 0; i < 5; ++i) {
            auto r = wrongLogin(server, i, "198.51.100." + std::to_string(i));
            CHECK_MESSAGE(r.status == 401, r.raw);
        }
        auto r = wrongLogin(server, 5, "198.51.100.200");
        CHECK_MESSAGE(r.status == 429, r.raw);
    }

    TEST_CASE("through a trusted proxy, two forwarded clients have separate limits") {
        ServerProcess server(Env{{"ALIN_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8"}});
        for (int i = 0; i < 5; ++i) {
            auto r = wrongLogin(server, i, "203.0.113.7");
            CHECK_MESSAGE(r.status == 401, r.raw);
        }
        CHECK(wrongLogin(server, 5, "203.0.113.7").status == 429);
        // Client A cannot escape by writing another address before the one the proxy appends.
        CHECK(wrongLogin(server, 6, "192.0.2.1, 203.0.113.7").status == 429);
        CHECK(wrongLogin(server, 7, "203.0.113.7, 10.0.0.2").status == 429);  // a second trusted proxy hop
        // Client B has its own count.
        for (int i = 0; i < 5; ++i) {
            auto r = wrongLogin(server, 10 + i, "203.0.113.8");
            CHECK_MESSAGE(r.status == 401, r.raw);
        }
        CHECK(wrongLogin(server, 15, "203.0.113.8").status == 429);
    }

    TEST_CASE("an invalid ALIN_TRUSTED_PROXIES stops the start with a message naming it") {
        TempDir dir;
        ChildProcess::Options o;
        o.argv = {ALIN_SERVER_EXE};
        o.env = {{"ALIN_DB", (dir.path / "alin.db").string()},
                 {"PORT", "0"},
                 {"ALIN_TRUSTED_PROXIES", "10.0.0.1, 10.0.0.0/33"}};
        o.removeEnv = {"ALIN_"};
        o.stderrFile = dir.path / "err.log";
        ChildProcess p(o);
        CHECK_FALSE(p.readLine(10000).has_value());  // no start-up line
        const int status = p.stop(0, 10000);         // signal 0: just wait
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 2);
        const std::string err = readTextFile(dir.path / "err.log");
        CHECK_MESSAGE(err.find("ALIN_TRUSTED_PROXIES") != std::string::npos, err);
        CHECK_MESSAGE(err.find("10.0.0.0/33") != std::string::npos, err);
    }
}
