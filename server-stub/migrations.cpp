// The migrations compiled into the server (see migrations.h). To add one, add
// server-stub/migrations/NNNN_name.sql and its PostgreSQL twin
// server-stub/migrations/postgresql/NNNN_name.sql; never edit an already released one.
#include "migrations.h"

namespace alin::server {
namespace {

// Each migration file, in order, as {version, name, sql} (cmake/embed_migrations.cmake).
constexpr Migration kAll[] = {
#include "migrations.inc"
};

// Their PostgreSQL twins (server-stub/migrations/postgresql/: same numbers and names).
constexpr Migration kAllPostgres[] = {
#include "migrations_pg.inc"
};

}  // namespace

std::span<const Migration> migrations() {
    return kAll;
}

std::span<const Migration> postgresMigrations() {
    return kAllPostgres;
}

}  // namespace alin::server
