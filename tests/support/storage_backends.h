// The storage backends of the contract suites (tests/unit/test_storage_contract.cpp,
// test_outbox_delivery.cpp, ...): in-memory, SQLite in a fresh temp folder,
// PostgreSQL in a fresh database on ALIN_TEST_PG (skipped without it, see
// pg_test_db.h). second() opens another handle on the same database, as a
// second server would (PostgreSQL and SQLite: another connection; memory:
// the same object, the only sharing it has).
#pragma once
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "pg_storage.h"
#include "sqlite_storage.h"
#include "storage/memory_storage.h"
#include "support/pg_test_db.h"

namespace alin::test {

namespace fs = std::filesystem;

struct MemoryBackend {
    MemoryStorage storage;
    Storage& db() { return storage; }
    std::unique_ptr<Storage> second() { return nullptr; }
};

struct SqliteBackend {
    fs::path dir;
    std::unique_ptr<server::SqliteStorage> storage;
    SqliteBackend() {
        std::string pattern = (fs::temp_directory_path() / "alin-contract-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        dir = pattern;
        storage = std::make_unique<server::SqliteStorage>((dir / "alin.db").string());
    }
    ~SqliteBackend() {
        storage.reset();
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    Storage& db() { return *storage; }
    std::unique_ptr<Storage> second() { return std::make_unique<server::SqliteStorage>((dir / "alin.db").string()); }
};

struct PostgresBackend {
    test::PgTestDatabase database{"contract"};
    std::unique_ptr<server::PgStorage> storage;
    PostgresBackend() {
        if (database.available())
            storage = std::make_unique<server::PgStorage>(server::PgStorage::Options{database.url()});
    }
    ~PostgresBackend() { storage.reset(); }
    bool available() const { return storage != nullptr; }
    Storage& db() { return *storage; }
    std::unique_ptr<Storage> second() {
        return std::make_unique<server::PgStorage>(server::PgStorage::Options{database.url()});
    }
};

template <class B>
bool available(const B& b) {
    if constexpr (requires { b.available(); }) {
        return b.available();
    } else {
        return true;
    }
}

}  // namespace alin::test

#define ALIN_BACKENDS alin::test::MemoryBackend, alin::test::SqliteBackend, alin::test::PostgresBackend
// Every case starts with ALIN_BACKEND(b): the backend, or (PostgreSQL only,
// when no test server is configured and ALIN_TEST_PG_REQUIRED is unset) a
// skipped case, said on the output.
#define ALIN_BACKEND(b) \
    B b;                \
    if (!available(b)) return
