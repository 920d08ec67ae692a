// The contact_messages rows (migration 0011), read once for SQLite
// (sqlite_storage_contact.cpp) and PostgreSQL (pg_storage_contact.cpp), like
// sql_rows.h: a Row is anything with integer(column) and text(column).
#pragma once
#include "storage/storage.h"

namespace alin::server {

#define ALIN_CONTACT_SELECT                                                                       \
    "SELECT id, user_id, subject, body, application_id, created_at, status, answer, answered_by," \
    " answered_at, closed_at FROM contact_messages "

// The inbox's order: waiting first, then by age.
#define ALIN_CONTACT_OPEN_ORDER " WHERE status <> 'closed' ORDER BY status <> 'waiting', created_at, id"

template <class Row>
ContactMessageRecord readContactMessage(const Row& row) {
    ContactMessageRecord m;
    m.id = row.integer(0);
    m.userId = row.integer(1);
    m.subject = row.text(2);
    m.body = row.text(3);
    m.applicationId = row.integer(4);
    m.createdAt = row.integer(5);
    m.status = row.text(6);
    m.answer = row.text(7);
    m.answeredBy = row.integer(8);
    m.answeredAt = row.integer(9);
    m.closedAt = row.integer(10);
    return m;
}

}  // namespace alin::server
