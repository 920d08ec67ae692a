// Internal to the SQLite storage's source files (sqlite_storage*.cpp): the
// prepared-statement handle and the JSON column helpers.
#pragma once
#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sql_rows.h"
#include "sqlite_storage.h"

namespace alin::server {

// [SECTION] Prepared statement handle -------------------------------------------

// A cached prepared statement, borrowed for one use: bind, step, read columns.
// The destructor resets it and clears its bindings so it is ready for reuse
// (and holds no read lock once the caller is done).
class SqliteStorage::Statement {
public:
    Statement(SqliteStorage& owner, sqlite3_stmt* stmt) : owner_(owner), stmt_(stmt) {}
    ~Statement() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, int64_t value) {
        check(sqlite3_bind_int64(stmt_, index, value));
        return *this;
    }
    Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    Statement& bind(int index, bool value) { return bind(index, static_cast<int64_t>(value ? 1 : 0)); }
    Statement& bind(int index, std::string_view value) {
        check(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
        return *this;
    }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }

    // true when a row is available, false when done.
    bool step() {
        int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        owner_.fail(sqlite3_sql(stmt_), rc);
        return false;  // not reached: fail() throws
    }
    void run() {
        while (step()) {
        }
    }

    int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
    std::string text(int column) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
        return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
    }

private:
    void check(int rc) {
        if (rc != SQLITE_OK) owner_.fail("bind", rc);
    }
    SqliteStorage& owner_;
    sqlite3_stmt* stmt_;
};

}  // namespace alin::server
