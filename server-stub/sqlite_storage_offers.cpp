// SqliteStorage (sqlite_storage.h): offers added through the API, offer states
// and applications (THE RULE OF ONE as a unique index).
#include <sqlite3.h>

#include "sqlite_internal.h"
#include "sqlite_storage.h"

namespace alin::server {

// [SECTION] Offers -------------------------------------------------------------

int64_t SqliteStorage::insertAddedOffer(const AddedOfferRecord& o) {
    std::lock_guard lock(mutex_);
    int64_t id = 0;
    transaction([&] {
        auto next = prepare("SELECT MAX(COALESCE(MAX(id), 0), ? - 1) + 1 FROM added_offers");
        next.bind(1, kFirstAddedOfferId);
        id = next.step() ? next.integer(0) : kFirstAddedOfferId;
        nlohmann::json offer = o.offer.is_object() ? o.offer : nlohmann::json::object();
        offer["id"] = id;
        prepare("INSERT INTO added_offers (id, offer, created_by, created_at) VALUES (?, ?, ?, ?)")
            .bind(1, id)
            .bind(2, jsonText(offer))
            .bind(3, o.createdBy)
            .bind(4, o.createdAt)
            .run();
    });
    return id;
}

std::vector<AddedOfferRecord> SqliteStorage::listAddedOffers() {
    return listAddedOffersAfter(0);
}

std::vector<AddedOfferRecord> SqliteStorage::listAddedOffersAfter(int64_t afterId) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT id, offer, created_by, created_at FROM added_offers WHERE id > ? ORDER BY id");
    st.bind(1, afterId);
    std::vector<AddedOfferRecord> out;
    while (st.step()) {
        AddedOfferRecord o;
        o.id = st.integer(0);
        o.offer = jsonObject(st.text(1));
        o.createdBy = st.integer(2);
        o.createdAt = st.integer(3);
        out.push_back(std::move(o));
    }
    return out;
}

std::optional<OfferStateRecord> SqliteStorage::findOfferState(int64_t offerId) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_OFFER_STATE_SELECT "WHERE offer_id = ?");
    st.bind(1, offerId);
    if (!st.step()) return std::nullopt;
    return readOfferState(st);
}

void SqliteStorage::upsertOfferState(const OfferStateRecord& s) {
    std::lock_guard lock(mutex_);
    prepare(
        "INSERT INTO offer_states (offer_id, applications_added, status, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (offer_id) DO UPDATE SET applications_added = excluded.applications_added,"
        " status = excluded.status, updated_at = excluded.updated_at")
        .bind(1, s.offerId)
        .bind(2, s.applicationsAdded)
        .bind(3, s.status)
        .bind(4, s.updatedAt)
        .run();
}

std::vector<OfferStateRecord> SqliteStorage::listOfferStates() {
    return listOfferStatesSince(INT64_MIN);
}

std::vector<OfferStateRecord> SqliteStorage::listOfferStatesSince(int64_t since) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_OFFER_STATE_SELECT
                      "WHERE updated_at >= ?"
                      " ORDER BY offer_id");
    st.bind(1, since);
    std::vector<OfferStateRecord> out;
    while (st.step()) out.push_back(readOfferState(st));
    return out;
}

// [SECTION] Applications -------------------------------------------------------

namespace {

// The partial unique index of the rule of one (and nothing else) was violated.
bool isOneActiveViolation(const StorageError& e) {
    const std::string_view what(e.what());
    return e.constraint && (what.find("applications.user_id") != std::string_view::npos ||
                            what.find("applications.numero_unique") != std::string_view::npos);
}

}  // namespace

int64_t SqliteStorage::insertApplication(const ApplicationRecord& a) {
    std::lock_guard lock(mutex_);
    try {
        prepare(
            "INSERT INTO applications (user_id, request_file_id, numero_unique, offer_id, stage, decision,"
            " decision_rank, step, active, priority_situation, employer_support, request_created_at, created_at,"
            " updated_at, invalidation_reason, events, unread)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bind(1, a.userId)
            .bind(2, a.requestFileId)
            .bind(3, a.numeroUnique)
            .bind(4, a.offerId)
            .bind(5, a.stage)
            .bind(6, a.decision)
            .bind(7, a.rank)
            .bind(8, a.step)
            .bind(9, a.active)
            .bind(10, a.prioritySituation)
            .bind(11, a.employerSupport)
            .bind(12, a.requestCreatedAt)
            .bind(13, a.createdAt)
            .bind(14, a.updatedAt)
            .bind(15, a.invalidationReason)
            .bind(16, jsonText(a.events.is_array() ? a.events : nlohmann::json::array()))
            .bind(17, a.unread)
            .run();
    } catch (const StorageError& e) {
        // Only this statement failed; an enclosing transaction stays usable.
        if (isOneActiveViolation(e)) return 0;
        throw;
    }
    return sqlite3_last_insert_rowid(db_);
}

std::optional<ApplicationRecord> SqliteStorage::findApplication(int64_t id) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_APPLICATION_SELECT "WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readApplication(st);
}

std::optional<ApplicationRecord> SqliteStorage::findActiveApplicationOfUser(int64_t userId) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_APPLICATION_SELECT "WHERE user_id = ? AND active = 1");
    st.bind(1, userId);
    if (!st.step()) return std::nullopt;
    return readApplication(st);
}

void SqliteStorage::updateApplication(const ApplicationRecord& a) {
    std::lock_guard lock(mutex_);
    prepare(
        "UPDATE applications SET stage = ?, decision = ?, decision_rank = ?, step = ?, active = ?, updated_at = ?,"
        " invalidation_reason = ?, events = ?, unread = ? WHERE id = ?")
        .bind(1, a.stage)
        .bind(2, a.decision)
        .bind(3, a.rank)
        .bind(4, a.step)
        .bind(5, a.active)
        .bind(6, a.updatedAt)
        .bind(7, a.invalidationReason)
        .bind(8, jsonText(a.events.is_array() ? a.events : nlohmann::json::array()))
        .bind(9, a.unread)
        .bind(10, a.id)
        .run();
}

std::vector<ApplicationRecord> SqliteStorage::listApplications(const ApplicationQuery& q) {
    std::lock_guard lock(mutex_);
    // One statement for every filter combination (0 = any); the common shapes
    // (by user, by offer) still use their index through the first terms.
    auto st = prepare(ALIN_APPLICATION_SELECT
                      "WHERE (?1 = 0 OR user_id = ?1) AND (?2 = 0 OR offer_id = ?2) AND (?3 = 0 OR active = 1)"
                      " AND step >= ?4 ORDER BY id");
    st.bind(1, q.userId).bind(2, q.offerId).bind(3, q.activeOnly).bind(4, q.minStep);
    std::vector<ApplicationRecord> out;
    while (st.step()) out.push_back(readApplication(st));
    return out;
}

void SqliteStorage::markApplicationsRead(int64_t userId) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE applications SET unread = 0 WHERE user_id = ? AND unread = 1").bind(1, userId).run();
}

}  // namespace alin::server
