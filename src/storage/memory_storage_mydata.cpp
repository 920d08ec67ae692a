// MemoryStorage: the "Mes données" part of the contract (consent log, log-ins,
// archived applications, deletion of a user's data) and its snapshot members.
#include <algorithm>

#include "storage/constraints.h"
#include "storage/memory_storage.h"

namespace alin {

using nlohmann::json;

namespace {

int64_t intOf(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

std::string textOf(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

void MemoryStorage::insertConsentChange(const ConsentChangeRecord& change) {
    std::lock_guard lock(mutex_);
    requireUser(change.userId);
    if (change.choice < 1 || change.choice > 3) constraints::violated("CHECK consent_log.choice BETWEEN 1 AND 3");
    ConsentChangeRecord stored = change;
    stored.id = state_.nextConsentId++;
    state_.consentLog.push_back(stored);
}

std::vector<ConsentChangeRecord> MemoryStorage::listConsentChanges(int64_t userId) {
    std::lock_guard lock(mutex_);
    std::vector<ConsentChangeRecord> out;
    for (const ConsentChangeRecord& c : state_.consentLog)
        if (c.userId == userId) out.push_back(c);
    return out;
}

void MemoryStorage::insertLogin(const LoginRecord& login) {
    std::lock_guard lock(mutex_);
    requireUser(login.userId);
    LoginRecord stored = login;
    stored.id = state_.nextLoginId++;
    state_.logins.push_back(stored);
    // Keep the newest kLoginHistoryRows of this user.
    int64_t kept = 0;
    for (auto it = state_.logins.rbegin(); it != state_.logins.rend(); ++it)
        if (it->userId == login.userId && ++kept > kLoginHistoryRows) it->userId = 0;  // marked
    std::erase_if(state_.logins, [](const LoginRecord& r) { return r.userId == 0; });
}

std::vector<LoginRecord> MemoryStorage::listLogins(int64_t userId) {
    std::lock_guard lock(mutex_);
    std::vector<LoginRecord> out;
    for (auto it = state_.logins.rbegin(); it != state_.logins.rend(); ++it)
        if (it->userId == userId) out.push_back(*it);
    return out;
}

int64_t MemoryStorage::insertArchivedApplication(const ArchivedApplicationRecord& archived) {
    std::lock_guard lock(mutex_);
    if (archived.rank < 0 || archived.rank > 3) constraints::violated("CHECK archived_applications.decision_rank");
    ArchivedApplicationRecord stored = archived;
    stored.id = state_.nextArchivedId++;
    state_.archivedApplications[stored.id] = stored;
    return stored.id;
}

std::vector<ArchivedApplicationRecord> MemoryStorage::listArchivedApplications(int64_t offerId) {
    std::lock_guard lock(mutex_);
    std::vector<ArchivedApplicationRecord> out;
    for (const auto& [id, a] : state_.archivedApplications)
        if (a.offerId == offerId) out.push_back(a);
    return out;
}

void MemoryStorage::deleteUserData(int64_t userId, const std::vector<std::string>& addresses) {
    std::lock_guard lock(mutex_);
    state_.users.erase(userId);
    std::erase_if(state_.sessions, [&](const auto& e) { return e.second.userId == userId; });
    std::erase_if(state_.tokens, [&](const auto& e) { return e.second.userId == userId; });
    state_.files.erase(userId);
    std::erase_if(state_.codes, [&](const auto& e) { return e.second.userId == userId; });
    std::erase_if(state_.applications, [&](const auto& e) { return e.second.userId == userId; });
    std::erase_if(state_.consentLog, [&](const ConsentChangeRecord& c) { return c.userId == userId; });
    std::erase_if(state_.logins, [&](const LoginRecord& r) { return r.userId == userId; });
    state_.retentionWarnings.erase(userId);
    std::erase_if(state_.contactMessages, [&](const auto& e) { return e.second.userId == userId; });
    std::erase_if(state_.alerts, [&](const auto& e) { return e.second.userId == userId; });
    std::erase_if(state_.alertNotifications, [&](const auto& e) { return e.second.userId == userId; });
    for (const std::string& email : addresses) {
        std::erase_if(state_.mails, [&](const MailRecord& m) { return m.to == email; });
        state_.loginFailures.erase("email:" + email);
        state_.quotaEvents.erase("mail-to:" + email);
    }
}

// ---------------------------------------------------------------- snapshot members

void MemoryStorage::snapshotMyData(json& out) const {
    json consent = json::array(), logins = json::array(), archived = json::array();
    for (const ConsentChangeRecord& c : state_.consentLog)
        consent.push_back({{"id", c.id}, {"userId", c.userId}, {"choice", c.choice}, {"at", c.at}});
    for (const LoginRecord& l : state_.logins)
        logins.push_back({{"id", l.id}, {"userId", l.userId}, {"at", l.at}, {"userAgent", l.userAgent}});
    for (const auto& [id, a] : state_.archivedApplications)
        archived.push_back({{"id", a.id},
                            {"offerId", a.offerId},
                            {"stage", a.stage},
                            {"decision", a.decision},
                            {"rank", a.rank},
                            {"appliedAt", a.appliedAt},
                            {"endedAt", a.endedAt},
                            {"events", a.events},
                            {"archivedAt", a.archivedAt}});
    out["nextConsentId"] = state_.nextConsentId;
    out["nextLoginId"] = state_.nextLoginId;
    out["nextArchivedId"] = state_.nextArchivedId;
    out["consentLog"] = std::move(consent);
    out["logins"] = std::move(logins);
    out["archivedApplications"] = std::move(archived);
}

void MemoryStorage::restoreMyData(const json& in, State& fresh) {
    const auto arrayOf = [&](const char* key) {
        auto it = in.find(key);
        return it != in.end() && it->is_array() ? *it : json::array();
    };
    int64_t maxConsent = 0, maxLogin = 0, maxArchived = 0;
    for (const json& j : arrayOf("consentLog")) {
        if (!j.is_object()) continue;
        ConsentChangeRecord c{intOf(j, "id"), intOf(j, "userId"), static_cast<int>(intOf(j, "choice")), intOf(j, "at")};
        if (c.id <= 0 || !fresh.users.count(c.userId) || c.choice < 1 || c.choice > 3) continue;
        maxConsent = std::max(maxConsent, c.id);
        fresh.consentLog.push_back(c);
    }
    for (const json& j : arrayOf("logins")) {
        if (!j.is_object()) continue;
        LoginRecord l{intOf(j, "id"), intOf(j, "userId"), intOf(j, "at"), textOf(j, "userAgent")};
        if (l.id <= 0 || !fresh.users.count(l.userId)) continue;
        maxLogin = std::max(maxLogin, l.id);
        fresh.logins.push_back(l);
    }
    for (const json& j : arrayOf("archivedApplications")) {
        if (!j.is_object()) continue;
        ArchivedApplicationRecord a;
        a.id = intOf(j, "id");
        a.offerId = intOf(j, "offerId");
        a.stage = textOf(j, "stage");
        a.decision = textOf(j, "decision");
        a.rank = static_cast<int>(std::clamp<int64_t>(intOf(j, "rank"), 0, 3));
        a.appliedAt = intOf(j, "appliedAt");
        a.endedAt = intOf(j, "endedAt");
        auto events = j.find("events");
        a.events = events != j.end() && events->is_array() ? *events : json::array();
        a.archivedAt = intOf(j, "archivedAt");
        if (a.id <= 0 || fresh.archivedApplications.count(a.id)) continue;
        maxArchived = std::max(maxArchived, a.id);
        fresh.archivedApplications[a.id] = std::move(a);
    }
    const auto byId = [](const auto& x, const auto& y) { return x.id < y.id; };
    std::sort(fresh.consentLog.begin(), fresh.consentLog.end(), byId);
    std::sort(fresh.logins.begin(), fresh.logins.end(), byId);
    fresh.nextConsentId = std::max(intOf(in, "nextConsentId"), maxConsent + 1);
    fresh.nextLoginId = std::max(intOf(in, "nextLoginId"), maxLogin + 1);
    fresh.nextArchivedId = std::max(intOf(in, "nextArchivedId"), maxArchived + 1);
}

}  // namespace alin
