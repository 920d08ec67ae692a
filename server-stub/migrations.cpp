// The migrations compiled into the server (see migrations.h). To add one, add
// server-stub/migrations/NNNN_name.sql; never edit an already released one.
#include "migrations.h"

namespace alin::server {
namespace {

// Each migration file, in order, as {version, name, sql} (cmake/embed_migrations.cmake).
constexpr Migration kAll[] = {
#include "migrations.inc"
};

}  // namespace

std::span<const Migration> migrations() {
    return kAll;
}

}  // namespace alin::server
