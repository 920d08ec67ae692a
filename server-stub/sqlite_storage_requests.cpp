// SqliteStorage (sqlite_storage.h): the registry stand-in, request files and
// e-mailed verification codes.
#include <sqlite3.h>

#include "sqlite_internal.h"
#include "sqlite_storage.h"

namespace alin::server {

// [SECTION] Registry stand-in --------------------------------------------------

std::optional<nlohmann::json> SqliteStorage::findRegistryRequest(const std::string& numeroUnique) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT request FROM registry_requests WHERE numero_unique = ?");
    st.bind(1, numeroUnique);
    if (!st.step()) return std::nullopt;
    return jsonObject(st.text(0));
}

void SqliteStorage::upsertRegistryRequest(const std::string& numeroUnique, const nlohmann::json& request, int64_t at) {
    std::lock_guard lock(mutex_);
    prepare(
        "INSERT INTO registry_requests (numero_unique, request, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (numero_unique) DO UPDATE SET request = excluded.request, updated_at = excluded.updated_at")
        .bind(1, numeroUnique)
        .bind(2, jsonText(request))
        .bind(3, at)
        .run();
}

int64_t SqliteStorage::countRegistryRequests() {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT COUNT(*) FROM registry_requests");
    return st.step() ? st.integer(0) : 0;
}

std::vector<nlohmann::json> SqliteStorage::listRegistryRequests(int64_t offset, int64_t limit) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT request FROM registry_requests ORDER BY numero_unique LIMIT ? OFFSET ?");
    st.bind(1, limit < 0 ? int64_t{0} : limit).bind(2, offset < 0 ? int64_t{0} : offset);
    std::vector<nlohmann::json> out;
    while (st.step()) out.push_back(jsonObject(st.text(0)));
    return out;
}

// [SECTION] Request files ------------------------------------------------------

std::optional<RequestFileRecord> SqliteStorage::findRequestFileOfUser(int64_t userId) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_FILE_SELECT "WHERE user_id = ?");
    st.bind(1, userId);
    if (!st.step()) return std::nullopt;
    return readFile(st);
}

std::optional<RequestFileRecord> SqliteStorage::findRequestFileByNumero(const std::string& numeroUnique) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_FILE_SELECT "WHERE numero_unique = ?");
    st.bind(1, numeroUnique);
    if (!st.step()) return std::nullopt;
    return readFile(st);
}

int64_t SqliteStorage::insertRequestFile(const RequestFileRecord& f) {
    std::lock_guard lock(mutex_);
    prepare(
        "INSERT INTO request_files (user_id, numero_unique, snapshot, imported_at, refreshed_at, legacy,"
        " employer_name, company_code, matricule, hire_date, cdii, attach_to, employer_validated, sharing_choice,"
        " doc_identite, doc_ressources, doc_avis_imposition, doc_motif, validated_at, monthly_resources_cents,"
        " monthly_housing_aid_cents, resources_declared_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, f.userId)
        .bind(2, f.numeroUnique)
        .bind(3, jsonText(f.snapshot))
        .bind(4, f.importedAt)
        .bind(5, f.refreshedAt)
        .bind(6, f.legacy)
        .bind(7, f.employerName)
        .bind(8, f.companyCode)
        .bind(9, f.matricule)
        .bind(10, f.hireDate)
        .bind(11, f.cdii)
        .bind(12, f.attachTo)
        .bind(13, f.employerValidated)
        .bind(14, f.sharingChoice)
        .bind(15, f.docIdentity)
        .bind(16, f.docResources)
        .bind(17, f.docTaxNotices)
        .bind(18, f.docMotive)
        .bind(19, f.validatedAt)
        .bind(20, f.monthlyResourcesCents)
        .bind(21, f.monthlyHousingAidCents)
        .bind(22, f.resourcesDeclaredAt)
        .run();
    return sqlite3_last_insert_rowid(db_);
}

void SqliteStorage::updateRequestFile(const RequestFileRecord& f) {
    std::lock_guard lock(mutex_);
    prepare(
        "UPDATE request_files SET snapshot = ?, imported_at = ?, refreshed_at = ?, legacy = ?, employer_name = ?,"
        " company_code = ?, matricule = ?, hire_date = ?, cdii = ?, attach_to = ?, employer_validated = ?,"
        " sharing_choice = ?, doc_identite = ?, doc_ressources = ?, doc_avis_imposition = ?, doc_motif = ?,"
        " validated_at = ?, monthly_resources_cents = ?, monthly_housing_aid_cents = ?, resources_declared_at = ?"
        " WHERE user_id = ?")
        .bind(1, jsonText(f.snapshot))
        .bind(2, f.importedAt)
        .bind(3, f.refreshedAt)
        .bind(4, f.legacy)
        .bind(5, f.employerName)
        .bind(6, f.companyCode)
        .bind(7, f.matricule)
        .bind(8, f.hireDate)
        .bind(9, f.cdii)
        .bind(10, f.attachTo)
        .bind(11, f.employerValidated)
        .bind(12, f.sharingChoice)
        .bind(13, f.docIdentity)
        .bind(14, f.docResources)
        .bind(15, f.docTaxNotices)
        .bind(16, f.docMotive)
        .bind(17, f.validatedAt)
        .bind(18, f.monthlyResourcesCents)
        .bind(19, f.monthlyHousingAidCents)
        .bind(20, f.resourcesDeclaredAt)
        .bind(21, f.userId)
        .run();
}

std::vector<RequestFileRecord> SqliteStorage::listRequestFiles() {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_FILE_SELECT "ORDER BY user_id");
    std::vector<RequestFileRecord> out;
    while (st.step()) out.push_back(readFile(st));
    return out;
}

void SqliteStorage::deleteRequestFileOfUser(int64_t userId) {
    std::lock_guard lock(mutex_);
    prepare("DELETE FROM request_files WHERE user_id = ?").bind(1, userId).run();
}

// [SECTION] Verification codes -------------------------------------------------

int64_t SqliteStorage::insertVerificationCode(const VerificationCodeRecord& c) {
    std::lock_guard lock(mutex_);
    prepare(
        "INSERT INTO verification_codes (user_id, purpose, numero_unique, code_hash, sent_to, created_at,"
        " expires_at, failed_attempts, used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, c.userId)
        .bind(2, c.purpose)
        .bind(3, c.numeroUnique)
        .bind(4, c.codeHash)
        .bind(5, c.sentTo)
        .bind(6, c.createdAt)
        .bind(7, c.expiresAt)
        .bind(8, c.failedAttempts)
        .bind(9, c.usedAt)
        .run();
    return sqlite3_last_insert_rowid(db_);
}

std::optional<VerificationCodeRecord> SqliteStorage::latestVerificationCode(int64_t userId,
                                                                            const std::string& purpose) {
    std::lock_guard lock(mutex_);
    auto st = prepare(
        "SELECT id, user_id, purpose, numero_unique, code_hash, sent_to, created_at, expires_at, failed_attempts,"
        " used_at FROM verification_codes WHERE user_id = ? AND purpose = ? ORDER BY id DESC LIMIT 1");
    st.bind(1, userId).bind(2, purpose);
    if (!st.step()) return std::nullopt;
    VerificationCodeRecord c;
    c.id = st.integer(0);
    c.userId = st.integer(1);
    c.purpose = st.text(2);
    c.numeroUnique = st.text(3);
    c.codeHash = st.text(4);
    c.sentTo = st.text(5);
    c.createdAt = st.integer(6);
    c.expiresAt = st.integer(7);
    c.failedAttempts = static_cast<int>(st.integer(8));
    c.usedAt = st.integer(9);
    return c;
}

void SqliteStorage::updateVerificationCode(const VerificationCodeRecord& c) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE verification_codes SET failed_attempts = ?, used_at = ? WHERE id = ?")
        .bind(1, c.failedAttempts)
        .bind(2, c.usedAt)
        .bind(3, c.id)
        .run();
}

void SqliteStorage::revokeVerificationCodes(int64_t userId, const std::string& purpose, int64_t at) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE verification_codes SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at = 0")
        .bind(1, at)
        .bind(2, userId)
        .bind(3, purpose)
        .run();
}

int SqliteStorage::countVerificationCodesSince(int64_t userId, const std::string& purpose, int64_t since) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT COUNT(*) FROM verification_codes WHERE user_id = ? AND purpose = ? AND created_at >= ?");
    st.bind(1, userId).bind(2, purpose).bind(3, since);
    return st.step() ? static_cast<int>(st.integer(0)) : 0;
}

void SqliteStorage::deleteVerificationCodesOfUser(int64_t userId) {
    std::lock_guard lock(mutex_);
    prepare("DELETE FROM verification_codes WHERE user_id = ?").bind(1, userId).run();
}

}  // namespace alin::server
