// Retention of inactive accounts (issue 14 part 3) in the real server: the
// scheduled job runs on its interval and whenever the test clock moves (POST
// /api/v1/dev/clock wakes it), so two years without a log-in bring the warning
// e-mail into the development mailbox, and 30 more days the deletion.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "server_fixture.h"

using namespace alin::test;

namespace {

constexpr int64_t kDay = 24 * 3600;

template <class F>
bool eventually(F ready, int timeoutMs = 15000) {
    const auto start = std::chrono::steady_clock::now();
    while (!ready()) {
        if (std::chrono::steady_clock::now() - start > std::chrono::milliseconds(timeoutMs)) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

}  // namespace

TEST_SUITE("server retention") {
    TEST_CASE("two years without a log-in: a warning e-mail, then the account is deleted 30 days later") {
        ServerProcess server;
        const std::string email = "inactif@yopmail.com";
        server.createActiveAccount(email, kStrongPassword);
        REQUIRE(server.login(email, kStrongPassword).status == 200);
        const size_t mailsBefore = server.mailbox(email).size();

        // (The exact boundaries are tests/unit/test_retention.cpp's, with a manual clock.)
        server.advanceClock(730 * kDay);
        REQUIRE_MESSAGE(eventually([&] { return server.mailbox(email).size() == mailsBefore + 1; }), server.log());
        const Json warning = server.mailbox(email)[0];  // newest first
        CHECK(warning["links"][0]["url"].get<std::string>().find("#/connexion") != std::string::npos);
        server.advanceClock(29 * kDay);  // the job runs again: no second warning
        CHECK(server.mailbox(email).size() == mailsBefore + 1);

        server.advanceClock(kDay);
        REQUIRE_MESSAGE(eventually([&] { return server.login(email, kStrongPassword).status == 401; }), server.log());
        CHECK(server.mailbox(email).empty());       // the outbox rows to the address went with it
        CHECK(server.signup(email).status == 202);  // and the address is free again
    }

    TEST_CASE("a log-in after the warning keeps the account") {
        ServerProcess server;
        const std::string email = "revenu@yopmail.com";
        server.createActiveAccount(email, kStrongPassword);
        REQUIRE(server.login(email, kStrongPassword).status == 200);
        const size_t mailsBefore = server.mailbox(email).size();
        server.advanceClock(730 * kDay);
        REQUIRE(eventually([&] { return server.mailbox(email).size() == mailsBefore + 1; }));
        server.advanceClock(10 * kDay);
        REQUIRE(server.login(email, kStrongPassword).status == 200);
        server.advanceClock(25 * kDay);  // past the 30 days after the warning
        // The job ran (it logs what it did) and kept the account.
        REQUIRE_MESSAGE(eventually([&] { return server.log().find("1 resumed") != std::string::npos; }), server.log());
        CHECK(server.login(email, kStrongPassword).status == 200);
        CHECK(server.mailbox(email).size() == mailsBefore + 1);
    }
}
