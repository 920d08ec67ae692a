// Versioned schema migrations of the SQLite store. The SQL lives in
// server-stub/migrations/NNNN_name.sql (the readable source) and is compiled
// into the binary as string literals at build time (cmake/embed_migrations.cmake),
// so the server never reads the source tree at run time.
#pragma once
#include <span>

namespace alin::server {

struct Migration {
    int version;       // 1, 2, ...: strictly increasing, never reused
    const char* name;  // file name without extension, e.g. "0001_accounts"
    const char* sql;   // statements applied in one transaction
};

// Every migration, oldest first (SQLite).
std::span<const Migration> migrations();
// The same migrations for PostgreSQL (same versions and names), oldest first.
std::span<const Migration> postgresMigrations();

}  // namespace alin::server
