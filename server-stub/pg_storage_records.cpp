// PgStorage (pg_storage.h), second half: request files, verification codes,
// offers, applications and the limits that hold under concurrency. The first
// half (pg_storage.cpp) holds the connections, transactions and migrations.
#include <algorithm>

#include "pg_internal.h"
#include "pg_storage.h"
#include "sql_rows.h"

namespace alin::server {

// [SECTION] Request files ------------------------------------------------------

std::optional<RequestFileRecord> PgStorage::findRequestFileOfUser(int64_t userId) {
    Result r = exec(ALIN_FILE_SELECT "WHERE user_id = $1", {userId}, false);
    if (r.empty()) return std::nullopt;
    return readFile(PgRow{r, 0});
}

std::optional<RequestFileRecord> PgStorage::findRequestFileByNumero(const std::string& numeroUnique) {
    Result r = exec(ALIN_FILE_SELECT "WHERE numero_unique = $1", {numeroUnique}, false);
    if (r.empty()) return std::nullopt;
    return readFile(PgRow{r, 0});
}

int64_t PgStorage::insertRequestFile(const RequestFileRecord& f) {
    Result r = exec(
        "INSERT INTO request_files (user_id, numero_unique, snapshot, imported_at, refreshed_at, legacy,"
        " employer_name, company_code, matricule, hire_date, cdii, attach_to, employer_validated, sharing_choice,"
        " doc_identite, doc_ressources, doc_avis_imposition, doc_motif, validated_at, monthly_resources_cents,"
        " monthly_housing_aid_cents, resources_declared_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,"
        " $22) RETURNING id",
        {f.userId,
         f.numeroUnique,
         jsonText(f.snapshot),
         f.importedAt,
         f.refreshedAt,
         f.legacy,
         f.employerName,
         f.companyCode,
         f.matricule,
         f.hireDate,
         f.cdii,
         f.attachTo,
         f.employerValidated,
         f.sharingChoice,
         f.docIdentity,
         f.docResources,
         f.docTaxNotices,
         f.docMotive,
         f.validatedAt,
         f.monthlyResourcesCents,
         f.monthlyHousingAidCents,
         f.resourcesDeclaredAt},
        true);
    return r.integer(0, 0);
}

void PgStorage::updateRequestFile(const RequestFileRecord& f) {
    exec(
        "UPDATE request_files SET snapshot = $1, imported_at = $2, refreshed_at = $3, legacy = $4,"
        " employer_name = $5, company_code = $6, matricule = $7, hire_date = $8, cdii = $9, attach_to = $10,"
        " employer_validated = $11, sharing_choice = $12, doc_identite = $13, doc_ressources = $14,"
        " doc_avis_imposition = $15, doc_motif = $16, validated_at = $17, monthly_resources_cents = $18,"
        " monthly_housing_aid_cents = $19, resources_declared_at = $20 WHERE user_id = $21",
        {jsonText(f.snapshot),
         f.importedAt,
         f.refreshedAt,
         f.legacy,
         f.employerName,
         f.companyCode,
         f.matricule,
         f.hireDate,
         f.cdii,
         f.attachTo,
         f.employerValidated,
         f.sharingChoice,
         f.docIdentity,
         f.docResources,
         f.docTaxNotices,
         f.docMotive,
         f.validatedAt,
         f.monthlyResourcesCents,
         f.monthlyHousingAidCents,
         f.resourcesDeclaredAt,
         f.userId},
        true);
}

std::vector<RequestFileRecord> PgStorage::listRequestFiles() {
    Result r = exec(ALIN_FILE_SELECT "ORDER BY user_id", {}, false);
    std::vector<RequestFileRecord> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(readFile(PgRow{r, i}));
    return out;
}

void PgStorage::deleteRequestFileOfUser(int64_t userId) {
    exec("DELETE FROM request_files WHERE user_id = $1", {userId}, true);
}

// [SECTION] Verification codes -------------------------------------------------

int64_t PgStorage::insertVerificationCode(const VerificationCodeRecord& c) {
    Result r = exec(
        "INSERT INTO verification_codes (user_id, purpose, numero_unique, code_hash, sent_to, created_at,"
        " expires_at, failed_attempts, used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        {c.userId, c.purpose, c.numeroUnique, c.codeHash, c.sentTo, c.createdAt, c.expiresAt, c.failedAttempts,
         c.usedAt},
        true);
    return r.integer(0, 0);
}

std::optional<VerificationCodeRecord> PgStorage::latestVerificationCode(int64_t userId, const std::string& purpose) {
    Result r = exec(
        "SELECT id, user_id, purpose, numero_unique, code_hash, sent_to, created_at, expires_at, failed_attempts,"
        " used_at FROM verification_codes WHERE user_id = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1",
        {userId, purpose}, false);
    if (r.empty()) return std::nullopt;
    VerificationCodeRecord c;
    c.id = r.integer(0, 0);
    c.userId = r.integer(0, 1);
    c.purpose = r.text(0, 2);
    c.numeroUnique = r.text(0, 3);
    c.codeHash = r.text(0, 4);
    c.sentTo = r.text(0, 5);
    c.createdAt = r.integer(0, 6);
    c.expiresAt = r.integer(0, 7);
    c.failedAttempts = static_cast<int>(r.integer(0, 8));
    c.usedAt = r.integer(0, 9);
    return c;
}

void PgStorage::updateVerificationCode(const VerificationCodeRecord& c) {
    exec("UPDATE verification_codes SET failed_attempts = $1, used_at = $2 WHERE id = $3",
         {c.failedAttempts, c.usedAt, c.id}, true);
}

void PgStorage::revokeVerificationCodes(int64_t userId, const std::string& purpose, int64_t at) {
    exec("UPDATE verification_codes SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at = 0",
         {at, userId, purpose}, true);
}

int PgStorage::countVerificationCodesSince(int64_t userId, const std::string& purpose, int64_t since) {
    return static_cast<int>(
        exec("SELECT COUNT(*) FROM verification_codes WHERE user_id = $1 AND purpose = $2 AND created_at >= $3",
             {userId, purpose, since}, false)
            .integer(0, 0));
}

void PgStorage::deleteVerificationCodesOfUser(int64_t userId) {
    exec("DELETE FROM verification_codes WHERE user_id = $1", {userId}, true);
}

// [SECTION] Offers -------------------------------------------------------------

int64_t PgStorage::insertAddedOffer(const AddedOfferRecord& o) {
    int64_t id = 0;
    // In a transaction: its advisory lock makes MAX + 1 safe across servers.
    transaction([&] {
        id = exec("SELECT GREATEST(COALESCE(MAX(id), 0), $1::bigint - 1) + 1 FROM added_offers", {kFirstAddedOfferId},
                  false)
                 .integer(0, 0);
        nlohmann::json offer = o.offer.is_object() ? o.offer : nlohmann::json::object();
        offer["id"] = id;
        exec("INSERT INTO added_offers (id, offer, created_by, created_at) VALUES ($1, $2, $3, $4)",
             {id, jsonText(offer), o.createdBy, o.createdAt}, true);
    });
    return id;
}

std::vector<AddedOfferRecord> PgStorage::listAddedOffers() {
    return listAddedOffersAfter(0);
}

std::vector<AddedOfferRecord> PgStorage::listAddedOffersAfter(int64_t afterId) {
    Result r =
        exec("SELECT id, offer, created_by, created_at FROM added_offers WHERE id > $1 ORDER BY id", {afterId}, false);
    std::vector<AddedOfferRecord> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        AddedOfferRecord o;
        o.id = r.integer(i, 0);
        o.offer = jsonObject(r.text(i, 1));
        o.createdBy = r.integer(i, 2);
        o.createdAt = r.integer(i, 3);
        out.push_back(std::move(o));
    }
    return out;
}

std::optional<OfferStateRecord> PgStorage::findOfferState(int64_t offerId) {
    Result r = exec(ALIN_OFFER_STATE_SELECT "WHERE offer_id = $1", {offerId}, false);
    if (r.empty()) return std::nullopt;
    return readOfferState(PgRow{r, 0});
}

void PgStorage::upsertOfferState(const OfferStateRecord& s) {
    exec(
        "INSERT INTO offer_states (offer_id, applications_added, status, updated_at) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (offer_id) DO UPDATE SET applications_added = excluded.applications_added,"
        " status = excluded.status, updated_at = excluded.updated_at",
        {s.offerId, s.applicationsAdded, s.status, s.updatedAt}, true);
}

std::vector<OfferStateRecord> PgStorage::listOfferStates() {
    return listOfferStatesSince(INT64_MIN);
}

std::vector<OfferStateRecord> PgStorage::listOfferStatesSince(int64_t since) {
    Result r = exec(ALIN_OFFER_STATE_SELECT
                    "WHERE updated_at >= $1"
                    " ORDER BY offer_id",
                    {since}, false);
    std::vector<OfferStateRecord> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(readOfferState(PgRow{r, i}));
    return out;
}

// [SECTION] Applications -------------------------------------------------------

int64_t PgStorage::insertApplication(const ApplicationRecord& a) {
    // ON CONFLICT DO NOTHING (no target) covers every unique index: the two
    // partial ones of the rule of one; the key is generated. CHECK and FOREIGN
    // KEY violations still throw.
    Result r = exec(
        "INSERT INTO applications (user_id, request_file_id, numero_unique, offer_id, stage, decision,"
        " decision_rank, step, active, priority_situation, employer_support, request_created_at, created_at,"
        " updated_at, invalidation_reason, events, unread)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"
        " ON CONFLICT DO NOTHING RETURNING id",
        {a.userId, a.requestFileId, a.numeroUnique, a.offerId, a.stage, a.decision, a.rank, a.step, a.active,
         a.prioritySituation, a.employerSupport, a.requestCreatedAt, a.createdAt, a.updatedAt, a.invalidationReason,
         jsonText(a.events.is_array() ? a.events : nlohmann::json::array()), a.unread},
        true);
    return r.empty() ? 0 : r.integer(0, 0);
}

std::optional<ApplicationRecord> PgStorage::findApplication(int64_t id) {
    Result r = exec(ALIN_APPLICATION_SELECT "WHERE id = $1", {id}, false);
    if (r.empty()) return std::nullopt;
    return readApplication(PgRow{r, 0});
}

std::optional<ApplicationRecord> PgStorage::findActiveApplicationOfUser(int64_t userId) {
    Result r = exec(ALIN_APPLICATION_SELECT "WHERE user_id = $1 AND active = 1", {userId}, false);
    if (r.empty()) return std::nullopt;
    return readApplication(PgRow{r, 0});
}

void PgStorage::updateApplication(const ApplicationRecord& a) {
    exec(
        "UPDATE applications SET stage = $1, decision = $2, decision_rank = $3, step = $4, active = $5,"
        " updated_at = $6, invalidation_reason = $7, events = $8, unread = $9 WHERE id = $10",
        {a.stage, a.decision, a.rank, a.step, a.active, a.updatedAt, a.invalidationReason,
         jsonText(a.events.is_array() ? a.events : nlohmann::json::array()), a.unread, a.id},
        true);
}

std::vector<ApplicationRecord> PgStorage::listApplications(const ApplicationQuery& q) {
    Result r = exec(ALIN_APPLICATION_SELECT
                    "WHERE ($1::bigint = 0 OR user_id = $1::bigint) AND ($2::bigint = 0 OR offer_id = $2::bigint)"
                    " AND ($3::int = 0 OR active = 1) AND step >= $4::int ORDER BY id",
                    {q.userId, q.offerId, q.activeOnly, q.minStep}, false);
    std::vector<ApplicationRecord> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(readApplication(PgRow{r, i}));
    return out;
}

void PgStorage::markApplicationsRead(int64_t userId) {
    exec("UPDATE applications SET unread = 0 WHERE user_id = $1 AND unread = 1", {userId}, true);
}

// [SECTION] Limits under concurrency -------------------------------------------

int64_t PgStorage::beginLoginAttempt(const std::vector<std::string>& keys, int64_t now, const LoginLimit& limit) {
    int64_t wait = 0;
    transaction([&] {
        exec("DELETE FROM login_failures WHERE id IN (SELECT id FROM login_failures WHERE expires_at <= $1 LIMIT $2)",
             {now, kPruneBatchRows}, true);
        for (const std::string& key : keys) {
            const int64_t latest =
                exec("SELECT COALESCE(MAX(at), 0) FROM login_failures WHERE throttle_key = $1", {key}, false)
                    .integer(0, 0);
            if (latest == 0 || now >= latest + limit.lockSeconds) continue;
            const int64_t inWindow = exec("SELECT COUNT(*) FROM login_failures WHERE throttle_key = $1 AND at >= $2",
                                          {key, latest - limit.windowSeconds + 1}, false)
                                         .integer(0, 0);
            if (inWindow >= limit.maxFailures) wait = std::max(wait, latest + limit.lockSeconds - now);
        }
        if (wait > 0) return;
        for (const std::string& key : keys)
            exec("INSERT INTO login_failures (throttle_key, at, expires_at) VALUES ($1, $2, $3)",
                 {key, now, now + limit.windowSeconds + limit.lockSeconds}, true);
    });
    return wait;
}

void PgStorage::releaseLoginAttempt(const std::string& key, int64_t at) {
    exec(
        "DELETE FROM login_failures WHERE id = (SELECT id FROM login_failures WHERE throttle_key = $1 AND at = $2"
        " ORDER BY id DESC LIMIT 1)",
        {key, at}, true);
}

bool PgStorage::takeQuota(const std::vector<QuotaRule>& rules, int64_t now) {
    bool allowed = true;
    transaction([&] {
        exec("DELETE FROM quota_events WHERE id IN (SELECT id FROM quota_events WHERE expires_at <= $1 LIMIT $2)",
             {now, kPruneBatchRows}, true);
        for (const QuotaRule& rule : rules) {
            exec("DELETE FROM quota_events WHERE quota_key = $1 AND at <= $2", {rule.key, now - rule.windowSeconds},
                 true);
            if (exec("SELECT COUNT(*) FROM quota_events WHERE quota_key = $1", {rule.key}, false).integer(0, 0) >=
                rule.max) {
                allowed = false;
                return;
            }
        }
        for (const QuotaRule& rule : rules)
            exec("INSERT INTO quota_events (quota_key, at, expires_at) VALUES ($1, $2, $3)",
                 {rule.key, now, now + rule.windowSeconds}, true);
    });
    return allowed;
}

LimitRowCounts PgStorage::countLimitRows() {
    Result r = exec(
        "SELECT (SELECT COUNT(*) FROM login_failures), (SELECT COUNT(*) FROM quota_events),"
        " (SELECT COUNT(*) FROM one_time_tokens)",
        {}, false);
    LimitRowCounts counts;
    counts.loginFailures = r.integer(0, 0);
    counts.quotaEvents = r.integer(0, 1);
    counts.tokens = r.integer(0, 2);
    return counts;
}

bool PgStorage::consumeToken(const std::string& tokenHash, int64_t at) {
    return exec("UPDATE one_time_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at = 0", {at, tokenHash}, true)
               .affected() == 1;
}

}  // namespace alin::server
