// PgStorage: the contact form's part of the contract (migration 0011). The
// quota and the insertion run in one transaction, which holds the storage's
// write lock (pg_storage.cpp): two servers cannot both pass the count.
#include "contact_rows.h"
#include "pg_internal.h"
#include "pg_storage.h"

namespace alin::server {

int64_t PgStorage::insertContactMessage(const ContactMessageRecord& m, int maxPerWindow, int64_t windowSeconds) {
    int64_t id = 0;
    transaction([&] {
        if (exec("SELECT COUNT(*) FROM contact_messages WHERE user_id = $1 AND created_at > $2",
                 {m.userId, m.createdAt - windowSeconds}, true)
                .integer(0, 0) >= maxPerWindow)
            return;
        id = exec(
                 "INSERT INTO contact_messages (user_id, subject, body, application_id, created_at, status, answer,"
                 " answered_by, answered_at, closed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                 {m.userId, m.subject, m.body, m.applicationId, m.createdAt, m.status, m.answer, m.answeredBy,
                  m.answeredAt, m.closedAt},
                 true)
                 .integer(0, 0);
    });
    return id;
}

std::optional<ContactMessageRecord> PgStorage::findContactMessage(int64_t id) {
    Result r = exec(ALIN_CONTACT_SELECT "WHERE id = $1", {id}, false);
    if (r.empty()) return std::nullopt;
    return readContactMessage(PgRow{r, 0});
}

std::vector<ContactMessageRecord> PgStorage::listContactMessagesOfUser(int64_t userId) {
    Result r = exec(ALIN_CONTACT_SELECT "WHERE user_id = $1 ORDER BY created_at DESC, id DESC", {userId}, false);
    std::vector<ContactMessageRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(readContactMessage(PgRow{r, i}));
    return out;
}

std::vector<ContactMessageRecord> PgStorage::listOpenContactMessages() {
    Result r = exec(ALIN_CONTACT_SELECT ALIN_CONTACT_OPEN_ORDER, {}, false);
    std::vector<ContactMessageRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(readContactMessage(PgRow{r, i}));
    return out;
}

bool PgStorage::answerContactMessage(int64_t id, const std::string& answer, int64_t advisorId, int64_t at) {
    return exec(
               "UPDATE contact_messages SET status = 'answered', answer = $1, answered_by = $2, answered_at = $3"
               " WHERE id = $4 AND status = 'waiting'",
               {answer, advisorId, at, id}, true)
               .affected() == 1;
}

bool PgStorage::closeContactMessage(int64_t id, int64_t at) {
    return exec("UPDATE contact_messages SET status = 'closed', closed_at = $1 WHERE id = $2 AND status <> 'closed'",
                {at, id}, true)
               .affected() == 1;
}

}  // namespace alin::server
