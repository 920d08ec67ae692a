// Internals shared by pg_storage.cpp (connections, transactions, migrations,
// accounts) and pg_storage_records.cpp (request files, codes, offers,
// applications, limits): the statement parameter, the result and its rows.
#pragma once
#include <libpq-fe.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pg_storage.h"

namespace alin::server {

// One statement parameter, sent as text (PostgreSQL casts it to the column's type).
class PgStorage::Arg {
public:
    Arg(int64_t v) : text_(std::to_string(v)) {}
    Arg(int v) : text_(std::to_string(v)) {}
    Arg(bool v) : text_(v ? "1" : "0") {}
    Arg(std::string_view v) : text_(v) {}
    Arg(const std::string& v) : text_(v) {}
    Arg(const char* v) : text_(v) {}
    const std::string& text() const { return text_; }

private:
    std::string text_;
};

class PgStorage::Result {
public:
    explicit Result(PGresult* r) : r_(r) {}
    ~Result() {
        if (r_) PQclear(r_);
    }
    Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
    Result& operator=(Result&&) = delete;
    Result(const Result&) = delete;

    int rows() const { return PQntuples(r_); }
    bool empty() const { return rows() == 0; }
    int64_t affected() const {
        const char* n = PQcmdTuples(r_);
        return (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
    }
    int64_t integer(int row, int column) const {
        if (PQgetisnull(r_, row, column)) return 0;
        return std::strtoll(PQgetvalue(r_, row, column), nullptr, 10);
    }
    std::string text(int row, int column) const {
        if (PQgetisnull(r_, row, column)) return {};
        return std::string(PQgetvalue(r_, row, column), static_cast<size_t>(PQgetlength(r_, row, column)));
    }

private:
    PGresult* r_;
};

// One row of a Result, read like SqliteStorage's statements (integer(c), text(c)).
struct PgRow {
    const PgStorage::Result& r;
    int row;
    int64_t integer(int c) const { return r.integer(row, c); }
    std::string text(int c) const { return r.text(row, c); }
};

}  // namespace alin::server
