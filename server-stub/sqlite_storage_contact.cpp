// SqliteStorage: the contact form's part of the contract (migration 0011).
// The quota and the insertion are one IMMEDIATE transaction.
#include "contact_rows.h"
#include "sqlite_internal.h"
#include "sqlite_storage.h"

namespace alin::server {

int64_t SqliteStorage::insertContactMessage(const ContactMessageRecord& m, int maxPerWindow, int64_t windowSeconds) {
    std::lock_guard lock(mutex_);
    int64_t id = 0;
    transaction([&] {
        auto count = prepare("SELECT COUNT(*) FROM contact_messages WHERE user_id = ? AND created_at > ?");
        count.bind(1, m.userId).bind(2, m.createdAt - windowSeconds);
        if ((count.step() ? count.integer(0) : 0) >= maxPerWindow) return;
        prepare(
            "INSERT INTO contact_messages (user_id, subject, body, application_id, created_at, status, answer,"
            " answered_by, answered_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bind(1, m.userId)
            .bind(2, m.subject)
            .bind(3, m.body)
            .bind(4, m.applicationId)
            .bind(5, m.createdAt)
            .bind(6, m.status)
            .bind(7, m.answer)
            .bind(8, m.answeredBy)
            .bind(9, m.answeredAt)
            .bind(10, m.closedAt)
            .run();
        id = sqlite3_last_insert_rowid(db_);
    });
    return id;
}

std::optional<ContactMessageRecord> SqliteStorage::findContactMessage(int64_t id) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_CONTACT_SELECT "WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readContactMessage(st);
}

std::vector<ContactMessageRecord> SqliteStorage::listContactMessagesOfUser(int64_t userId) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_CONTACT_SELECT "WHERE user_id = ? ORDER BY created_at DESC, id DESC");
    st.bind(1, userId);
    std::vector<ContactMessageRecord> out;
    while (st.step()) out.push_back(readContactMessage(st));
    return out;
}

std::vector<ContactMessageRecord> SqliteStorage::listOpenContactMessages() {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_CONTACT_SELECT ALIN_CONTACT_OPEN_ORDER);
    std::vector<ContactMessageRecord> out;
    while (st.step()) out.push_back(readContactMessage(st));
    return out;
}

bool SqliteStorage::answerContactMessage(int64_t id, const std::string& answer, int64_t advisorId, int64_t at) {
    std::lock_guard lock(mutex_);
    prepare(
        "UPDATE contact_messages SET status = 'answered', answer = ?, answered_by = ?, answered_at = ?"
        " WHERE id = ? AND status = 'waiting'")
        .bind(1, answer)
        .bind(2, advisorId)
        .bind(3, at)
        .bind(4, id)
        .run();
    return sqlite3_changes(db_) == 1;
}

bool SqliteStorage::closeContactMessage(int64_t id, int64_t at) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE contact_messages SET status = 'closed', closed_at = ? WHERE id = ? AND status <> 'closed'")
        .bind(1, at)
        .bind(2, id)
        .run();
    return sqlite3_changes(db_) == 1;
}

}  // namespace alin::server
