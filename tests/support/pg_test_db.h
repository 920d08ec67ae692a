// A fresh PostgreSQL database for one test, on the throwaway server named by
// ALIN_TEST_PG (a libpq URL ending in "/postgres", started by scripts/test.sh
// through scripts/pg-throwaway.sh). Created in the constructor, dropped in the
// destructor (after the test's own connections closed).
//
// Without ALIN_TEST_PG, available() is false and the PostgreSQL cases are
// skipped (with a message), unless ALIN_TEST_PG_REQUIRED=1, set by
// scripts/test.sh, makes that a failure: the CI run always covers PostgreSQL.
#pragma once
#include <doctest/doctest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

namespace alin::test {

class PgTestDatabase {
public:
    explicit PgTestDatabase(const std::string& purpose) {
        const char* server = std::getenv("ALIN_TEST_PG");
        if (!server || !*server) {
            const char* required = std::getenv("ALIN_TEST_PG_REQUIRED");
            if (required && std::string(required) == "1") FAIL("ALIN_TEST_PG is not set (scripts/test.sh starts one)");
            static std::atomic<bool> said{false};
            if (!said.exchange(true)) MESSAGE("PostgreSQL cases skipped: ALIN_TEST_PG is not set");
            return;
        }
        server_ = server;
        static std::atomic<int> counter{0};
        name_ = "alin_" + purpose + "_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
        admin("CREATE DATABASE " + name_);
        const auto slash = server_.rfind('/');
        REQUIRE(slash != std::string::npos);
        url_ = server_.substr(0, slash + 1) + name_;
    }
    ~PgTestDatabase() {
        if (!name_.empty()) admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    }
    PgTestDatabase(const PgTestDatabase&) = delete;
    PgTestDatabase& operator=(const PgTestDatabase&) = delete;

    bool available() const { return !url_.empty(); }
    const std::string& url() const { return url_; }
    const std::string& name() const { return name_; }

    // Runs one statement on the server's "postgres" database.
    void admin(const std::string& sql) const {
        PGconn* c = PQconnectdb(server_.c_str());
        if (PQstatus(c) != CONNECTION_OK) {
            std::string message = PQerrorMessage(c);
            PQfinish(c);
            FAIL("cannot reach ALIN_TEST_PG: " << message);
        }
        PQsetNoticeProcessor(
            c, [](void*, const char*) {}, nullptr);
        PGresult* r = PQexec(c, sql.c_str());
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
        std::string message = ok ? "" : PQresultErrorMessage(r);
        PQclear(r);
        PQfinish(c);
        if (!ok) FAIL(sql << ": " << message);
    }

private:
    std::string server_;
    std::string name_;
    std::string url_;
};

}  // namespace alin::test
