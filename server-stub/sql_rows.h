// The rows of the SQL storages (SQLite: sqlite_storage*.cpp, PostgreSQL:
// pg_storage.cpp), read once for both: the SELECT column lists and the record
// readers. A Row is anything with integer(column) and text(column) (SQLite's
// statement, PostgreSQL's result row). JSON columns hold compact UTF-8 text.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "storage/storage.h"

namespace alin::server {

// JSON columns: compact text; unreadable text reads as {} / [].
inline std::string jsonText(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

inline nlohmann::json jsonObject(const std::string& text) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    return (j.is_discarded() || !j.is_object()) ? nlohmann::json::object() : j;
}

inline nlohmann::json jsonArray(const std::string& text) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    return (j.is_discarded() || !j.is_array()) ? nlohmann::json::array() : j;
}

// The column lists the readers below expect, in their order.
#define ALIN_USER_SELECT                                                                        \
    "SELECT id, email, birth_name, first_name, phone, password_hash, active, role, created_at," \
    " consent_at, organisation, siret, language FROM users "

#define ALIN_FILE_SELECT                                                                                    \
    "SELECT id, user_id, numero_unique, snapshot, imported_at, refreshed_at, legacy, employer_name,"        \
    " company_code, matricule, hire_date, cdii, attach_to, employer_validated, sharing_choice,"             \
    " doc_identite, doc_ressources, doc_avis_imposition, doc_motif, validated_at, monthly_resources_cents," \
    " monthly_housing_aid_cents, resources_declared_at FROM request_files "

#define ALIN_APPLICATION_SELECT                                                                           \
    "SELECT id, user_id, request_file_id, numero_unique, offer_id, stage, decision, decision_rank, step," \
    " active, priority_situation, employer_support, request_created_at, created_at, updated_at,"          \
    " invalidation_reason, events, unread FROM applications "

#define ALIN_OFFER_STATE_SELECT "SELECT offer_id, applications_added, status, updated_at FROM offer_states "

template <class Row>
UserRecord readUser(const Row& st) {
    UserRecord u;
    u.id = st.integer(0);
    u.email = st.text(1);
    u.birthName = st.text(2);
    u.firstName = st.text(3);
    u.phone = st.text(4);
    u.passwordHash = st.text(5);
    u.active = st.integer(6) != 0;
    u.role = domain::parseRole(st.text(7)).value_or(domain::Role::Applicant);  // unknown: least privileged
    u.createdAt = st.integer(8);
    u.consentAt = st.integer(9);
    u.organisation = st.text(10);
    u.siret = st.text(11);
    u.language = st.text(12);
    return u;
}

template <class Row>
RequestFileRecord readFile(const Row& st) {
    RequestFileRecord f;
    f.id = st.integer(0);
    f.userId = st.integer(1);
    f.numeroUnique = st.text(2);
    f.snapshot = jsonObject(st.text(3));
    f.importedAt = st.integer(4);
    f.refreshedAt = st.integer(5);
    f.legacy = st.integer(6) != 0;
    f.employerName = st.text(7);
    f.companyCode = st.text(8);
    f.matricule = st.text(9);
    f.hireDate = st.text(10);
    f.cdii = st.text(11);
    f.attachTo = st.text(12);
    f.employerValidated = st.integer(13) != 0;
    f.sharingChoice = static_cast<int>(st.integer(14));
    f.docIdentity = st.integer(15) != 0;
    f.docResources = st.integer(16) != 0;
    f.docTaxNotices = st.integer(17) != 0;
    f.docMotive = st.integer(18) != 0;
    f.validatedAt = st.integer(19);
    f.monthlyResourcesCents = st.integer(20);
    f.monthlyHousingAidCents = st.integer(21);
    f.resourcesDeclaredAt = st.integer(22);
    return f;
}

// An outbox row: id, recipient, subject, body, links, codes, created_at,
// delivery, due_at, attempts, sent_at (in that order).
template <class Row>
MailRecord readMail(const Row& st) {
    MailRecord m;
    m.id = st.integer(0);
    m.to = st.text(1);
    m.subject = st.text(2);
    m.body = st.text(3);
    m.links = jsonArray(st.text(4));
    m.codes = jsonArray(st.text(5));
    m.createdAt = st.integer(6);
    m.delivery = st.text(7);
    m.dueAt = st.integer(8);
    m.attempts = static_cast<int>(st.integer(9));
    m.sentAt = st.integer(10);
    return m;
}

template <class Row>
ApplicationRecord readApplication(const Row& st) {
    ApplicationRecord a;
    a.id = st.integer(0);
    a.userId = st.integer(1);
    a.requestFileId = st.integer(2);
    a.numeroUnique = st.text(3);
    a.offerId = st.integer(4);
    a.stage = st.text(5);
    a.decision = st.text(6);
    a.rank = static_cast<int>(st.integer(7));
    a.step = static_cast<int>(st.integer(8));
    a.active = st.integer(9) != 0;
    a.prioritySituation = st.integer(10) != 0;
    a.employerSupport = st.integer(11) != 0;
    a.requestCreatedAt = st.integer(12);
    a.createdAt = st.integer(13);
    a.updatedAt = st.integer(14);
    a.invalidationReason = st.text(15);
    a.events = jsonArray(st.text(16));
    a.unread = st.integer(17) != 0;
    return a;
}

template <class Row>
OfferStateRecord readOfferState(const Row& st) {
    OfferStateRecord s;
    s.offerId = st.integer(0);
    s.applicationsAdded = static_cast<int>(st.integer(1));
    s.status = st.text(2);
    s.updatedAt = st.integer(3);
    return s;
}

// "Mes alertes" (migration 0010).
#define ALIN_ALERT_SELECT \
    "SELECT id, user_id, filters, frequency, digest_hour, paused, created_at, updated_at FROM alerts "
#define ALIN_ALERT_NOTIFICATION_SELECT \
    "SELECT alert_id, offer_id, user_id, created_at, mailed_at, seen FROM alert_notifications "

template <class Row>
AlertRecord readAlert(const Row& st) {
    AlertRecord a;
    a.id = st.integer(0);
    a.userId = st.integer(1);
    a.filters = jsonObject(st.text(2));
    a.frequency = st.text(3);
    a.digestHour = static_cast<int>(st.integer(4));
    a.paused = st.integer(5) != 0;
    a.createdAt = st.integer(6);
    a.updatedAt = st.integer(7);
    return a;
}

template <class Row>
AlertNotificationRecord readAlertNotification(const Row& st) {
    return {st.integer(0), st.integer(1), st.integer(2), st.integer(3), st.integer(4), st.integer(5) != 0};
}

}  // namespace alin::server
