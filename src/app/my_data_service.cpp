#include "app/my_data_service.h"

#include <algorithm>

#include "app/contact_service.h"
#include "domain/password_policy.h"
#include "domain/roles.h"
#include "i18n/catalog.h"

namespace alin {

namespace {

ServiceError error(int status, const std::string& code, const std::string& message, const std::string& field = {}) {
    ServiceError e;
    e.status = status;
    e.code = code;
    e.message = message;
    e.field = field;
    if (!field.empty()) e.errors.push_back({field, code, message});
    return e;
}

Json requestFileJson(const RequestFileRecord& f) {
    return {
        {"numeroUnique", f.numeroUnique},
        {"importedAt", f.importedAt},
        {"refreshedAt", f.refreshedAt},
        {"legacy", f.legacy},
        {"employerName", f.employerName},
        {"companyCode", f.companyCode},
        {"matricule", f.matricule},
        {"hireDate", f.hireDate},
        {"cdii", f.cdii},
        {"attachTo", f.attachTo},
        {"employerValidated", f.employerValidated},
        {"sharingChoice", f.sharingChoice},
        {"documents",
         {{"identite", f.docIdentity},
          {"ressources", f.docResources},
          {"avisImposition", f.docTaxNotices},
          {"motif", f.docMotive}}},
        {"validatedAt", f.validatedAt},
        // "Ressources et aides au logement" (issue 12 item 7b): cents, null when not declared.
        {"resources",
         {{"monthlyResourcesCents", f.monthlyResourcesCents >= 0 ? Json(f.monthlyResourcesCents) : Json(nullptr)},
          {"monthlyHousingAidCents", f.monthlyHousingAidCents >= 0 ? Json(f.monthlyHousingAidCents) : Json(nullptr)},
          {"declaredAt", f.resourcesDeclaredAt}}},
        // The registry request as imported or last refreshed (it holds the NIR: it is the person's own).
        {"registryRequest", f.snapshot}};
}

// The history of the request file: its dated steps, then the security codes sent.
Json requestHistory(Storage& storage, int64_t userId, const RequestFileRecord& f) {
    Json history = Json::array();
    history.push_back({{"at", f.importedAt}, {"event", "imported"}});
    if (f.refreshedAt > f.importedAt) history.push_back({{"at", f.refreshedAt}, {"event", "refreshed"}});
    if (f.validatedAt > 0) history.push_back({{"at", f.validatedAt}, {"event", "validated"}});
    if (f.resourcesDeclaredAt > 0) history.push_back({{"at", f.resourcesDeclaredAt}, {"event", "resources_declared"}});
    for (const char* purpose : {"import", "refresh"}) {
        if (auto code = storage.latestVerificationCode(userId, purpose))
            history.push_back({{"at", code->createdAt},
                               {"event", "code_sent"},
                               {"purpose", code->purpose},
                               {"sentTo", code->sentTo},
                               {"usedAt", code->usedAt}});
    }
    return history;
}

Json applicationJson(const ApplicationRecord& a) {
    return {{"id", a.id},
            {"offerId", a.offerId},
            {"numeroUnique", a.numeroUnique},
            {"stage", a.stage},
            {"decision", a.decision},
            {"rank", a.rank},
            {"step", a.step},
            {"active", a.active},
            {"createdAt", a.createdAt},
            {"updatedAt", a.updatedAt},
            {"invalidationReason", a.invalidationReason},
            {"events", a.events.is_array() ? a.events : Json::array()}};
}

// The anonymised copy kept for the landlord: no user, no Numéro Unique, and
// the events without their free text (reason, note).
ArchivedApplicationRecord anonymised(const ApplicationRecord& a, int64_t now) {
    ArchivedApplicationRecord r;
    r.offerId = a.offerId;
    r.stage = a.stage;
    r.decision = a.decision;
    r.rank = a.rank;
    r.appliedAt = a.createdAt;
    r.endedAt = a.updatedAt;
    r.archivedAt = now;
    if (a.events.is_array())
        for (const Json& e : a.events) {
            if (!e.is_object()) continue;
            Json kept = Json::object();
            for (const char* key : {"at", "event", "actor", "stage", "decision", "rank"})
                if (e.contains(key)) kept[key] = e[key];
            r.events.push_back(std::move(kept));
        }
    return r;
}

// The person's addresses: the account's, and those of the registry request
// that security codes were sent to (the outbox rows to them are theirs).
std::vector<std::string> addressesOf(Storage& storage, const UserRecord& user) {
    std::vector<std::string> out{user.email};
    for (const char* purpose : {"import", "refresh"})
        if (auto code = storage.latestVerificationCode(user.id, purpose))
            if (!code->sentTo.empty() && std::find(out.begin(), out.end(), code->sentTo) == out.end())
                out.push_back(code->sentTo);
    return out;
}

// Applications from this step on were seen by a landlord (step 3: "Transmise au bailleur").
constexpr int kLandlordStep = 3;

}  // namespace

MyDataService::MyDataService(Storage& storage, Clock& clock, PasswordHasher& hasher, const ServiceConfig& config)
    : storage_(storage), clock_(clock), hasher_(hasher), config_(config) {}

Json MyDataService::exportData(const Me& me) {
    Json out{{"format", "alin-mes-donnees"}, {"version", 1}, {"exportedAt", clock_.now()}};
    const std::optional<UserRecord> user = storage_.findUserById(me.id);
    if (user) {
        // Everything of the account but the password hash.
        out["account"] = {{"id", user->id},
                          {"email", user->email},
                          {"birthName", user->birthName},
                          {"firstName", user->firstName},
                          {"phone", user->phone},
                          {"role", domain::roleCode(user->role)},
                          {"organisation", user->organisation},
                          {"siret", user->siret},
                          {"active", user->active},
                          {"createdAt", user->createdAt},
                          {"consentAt", user->consentAt},
                          {"language", user->language}};
    }
    const std::optional<RequestFileRecord> file = storage_.findRequestFileOfUser(me.id);
    out["requestFile"] = file ? requestFileJson(*file) : Json(nullptr);
    out["requestHistory"] = file ? requestHistory(storage_, me.id, *file) : Json::array();
    Json changes = Json::array();
    for (const ConsentChangeRecord& c : storage_.listConsentChanges(me.id))
        changes.push_back({{"choice", c.choice}, {"at", c.at}});
    out["sharingChoices"] = {{"current", file ? file->sharingChoice : 0}, {"changes", std::move(changes)}};
    Json applications = Json::array();
    ApplicationQuery q;
    q.userId = me.id;
    for (const ApplicationRecord& a : storage_.listApplications(q)) applications.push_back(applicationJson(a));
    out["applications"] = std::move(applications);
    Json mails = Json::array();
    if (user)
        for (const std::string& address : addressesOf(storage_, *user))
            for (const MailRecord& m : storage_.listMailTo(address))
                mails.push_back(
                    {{"id", m.id}, {"to", m.to}, {"subject", m.subject}, {"body", m.body}, {"createdAt", m.createdAt}});
    out["emails"] = std::move(mails);
    Json logins = Json::array();
    for (const LoginRecord& l : storage_.listLogins(me.id)) logins.push_back({{"at", l.at}, {"device", l.userAgent}});
    out["logins"] = std::move(logins);
    // "Mes alertes": each saved search, its settings and the offers it notified.
    Json alerts = Json::array();
    const std::vector<AlertNotificationRecord> notifications = storage_.listAlertNotifications(me.id);
    for (const AlertRecord& a : storage_.listAlerts(me.id)) {
        Json notified = Json::array();
        for (const AlertNotificationRecord& n : notifications)
            if (n.alertId == a.id)
                notified.push_back(
                    {{"offerId", n.offerId}, {"createdAt", n.createdAt}, {"mailedAt", n.mailedAt}, {"seen", n.seen}});
        alerts.push_back({{"id", a.id},
                          {"filters", a.filters},
                          {"frequency", a.frequency},
                          {"digestHour", a.digestHour},
                          {"paused", a.paused},
                          {"createdAt", a.createdAt},
                          {"updatedAt", a.updatedAt},
                          {"notifications", std::move(notified)}});
    }
    out["alerts"] = std::move(alerts);
    // The contact form's messages and their answers (issue 14 part 2), newest first.
    Json messages = Json::array();
    for (const ContactMessageRecord& m : storage_.listContactMessagesOfUser(me.id))
        messages.push_back(ContactService::messageJson(m));
    out["messages"] = std::move(messages);
    return out;
}

Result<DeletionOutcome> MyDataService::deleteAccount(const Me& me, const std::string& password,
                                                     const std::string& clientAddress,
                                                     ApplicationService* applications) {
    using R = Result<DeletionOutcome>;
    if (password.empty())
        return R::failure(error(422, "validation", tr("account.login.password_required"), "password"));
    // Throttled like the log-in, on the same keys: guesses here count there too.
    const std::string emailKey = "email:" + me.email;
    const std::string addressKey = "ip:" + (clientAddress.empty() ? std::string("unknown") : clientAddress);
    const int64_t now = clock_.now();
    const LoginLimit limit{config_.loginMaxFailures, config_.loginWindowSeconds, config_.loginLockSeconds};
    if (const int64_t wait = storage_.beginLoginAttempt({addressKey, emailKey}, now, limit); wait > 0) {
        const int64_t minutes = (wait + 59) / 60;
        ServiceError e = error(429, "too_many_attempts",
                               trn("mydata.delete.too_many", minutes, {std::to_string(minutes)}), "password");
        e.retryAfterSeconds = wait;
        return R::failure(std::move(e));
    }
    const std::optional<UserRecord> user = storage_.findUserById(me.id);
    const bool verified = user && password.size() <= static_cast<size_t>(domain::kPasswordMaxBytes) &&
                          !user->passwordHash.empty() && hasher_.verify(user->passwordHash, password);
    if (!verified) return R::failure(error(401, "invalid_password", tr("mydata.delete.wrong_password"), "password"));

    std::optional<DeletionOutcome> outcome;
    storage_.transaction([&] {
        storage_.releaseLoginAttempt(addressKey, now);
        outcome = erase(*user, applications);
    });
    if (!outcome) return R::failure(error(503, "unavailable", tr("request.error.data_loading")));
    return R::success(*outcome);
}

std::optional<DeletionOutcome> MyDataService::erase(const UserRecord& user, ApplicationService* applications) {
    const int64_t now = clock_.now();
    DeletionOutcome outcome;
    bool unavailable = false;
    storage_.transaction([&] {
        if (storage_.findActiveApplicationOfUser(user.id)) {
            if (applications == nullptr) {
                unavailable = true;
                return;
            }
            // Its normal cancellation (or closing, past step 2), in this transaction.
            outcome.applicationCancelled = applications->endForDeletedRequest(user.id);
        }
        ApplicationQuery q;
        q.userId = user.id;
        for (const ApplicationRecord& a : storage_.listApplications(q)) {
            if (a.step < kLandlordStep) continue;
            storage_.insertArchivedApplication(anonymised(a, now));
            ++outcome.applicationsArchived;
        }
        storage_.deleteUserData(user.id, addressesOf(storage_, user));
    });
    if (unavailable) return std::nullopt;
    return outcome;
}

}  // namespace alin
