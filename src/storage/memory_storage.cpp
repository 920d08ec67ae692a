#include "storage/memory_storage.h"

#include <algorithm>
#include <stdexcept>

#include "storage/constraints.h"

namespace alin {

using nlohmann::json;

namespace {
bool matches(const ApplicationRecord& a, const ApplicationQuery& q) {
    return (q.userId == 0 || a.userId == q.userId) && (q.offerId == 0 || a.offerId == q.offerId) &&
           (!q.activeOnly || a.active) && a.step >= q.minStep;
}

}  // namespace

// ---------------------------------------------------------------- transaction

void MemoryStorage::transaction(const std::function<void()>& fn) {
    std::lock_guard lock(mutex_);
    State saved = state_;
    try {
        fn();
    } catch (...) {
        state_ = std::move(saved);
        throw;
    }
}

// ---------------------------------------------------------------- users

// FOREIGN KEY (user_id) REFERENCES users (id), as in SQLite. Called under the lock.
void MemoryStorage::requireUser(int64_t userId) const {
    if (!state_.users.count(userId)) constraints::violated("FOREIGN KEY user_id -> users.id");
}

std::optional<UserRecord> MemoryStorage::findUserByEmail(const std::string& email) {
    std::lock_guard lock(mutex_);
    for (const auto& [id, user] : state_.users)
        if (user.email == email) return user;
    return std::nullopt;
}

std::optional<UserRecord> MemoryStorage::findUserById(int64_t id) {
    std::lock_guard lock(mutex_);
    auto it = state_.users.find(id);
    if (it == state_.users.end()) return std::nullopt;
    return it->second;
}

int64_t MemoryStorage::insertUser(const UserRecord& user) {
    std::lock_guard lock(mutex_);
    constraints::checkUser(user);
    for (const auto& [id, existing] : state_.users)
        if (existing.email == user.email) constraints::violated("UNIQUE users.email");
    UserRecord stored = user;
    stored.id = state_.nextUserId++;
    state_.users[stored.id] = stored;
    return stored.id;
}

void MemoryStorage::updateUser(const UserRecord& user) {
    std::lock_guard lock(mutex_);
    auto it = state_.users.find(user.id);
    if (it == state_.users.end()) return;
    constraints::checkUser(user);
    for (const auto& [id, existing] : state_.users)
        if (id != user.id && existing.email == user.email) constraints::violated("UNIQUE users.email");
    it->second = user;
}

void MemoryStorage::setUserLanguage(int64_t userId, const std::string& language) {
    std::lock_guard lock(mutex_);
    constraints::checkLanguage(language);
    auto it = state_.users.find(userId);
    if (it != state_.users.end()) it->second.language = language;
}

// ---------------------------------------------------------------- one-time tokens

void MemoryStorage::insertToken(const OneTimeTokenRecord& token) {
    std::lock_guard lock(mutex_);
    requireUser(token.userId);
    if (state_.tokens.count(token.tokenHash)) constraints::violated("UNIQUE one_time_tokens.token_hash");
    int budget = kPruneBatchRows;
    const int64_t expiredBefore = token.createdAt - kSpentTokenRetentionSeconds;
    for (auto it = state_.tokens.begin(); it != state_.tokens.end() && budget > 0;) {
        if (it->second.expiresAt <= expiredBefore) {
            it = state_.tokens.erase(it);
            --budget;
        } else {
            ++it;
        }
    }
    state_.tokens[token.tokenHash] = token;
}

std::optional<OneTimeTokenRecord> MemoryStorage::findToken(const std::string& tokenHash) {
    std::lock_guard lock(mutex_);
    auto it = state_.tokens.find(tokenHash);
    if (it == state_.tokens.end()) return std::nullopt;
    return it->second;
}

void MemoryStorage::markTokenUsed(const std::string& tokenHash, int64_t at) {
    std::lock_guard lock(mutex_);
    auto it = state_.tokens.find(tokenHash);
    if (it != state_.tokens.end() && it->second.usedAt == 0) it->second.usedAt = at;
}

void MemoryStorage::revokeTokens(int64_t userId, const std::string& purpose, int64_t at) {
    std::lock_guard lock(mutex_);
    for (auto& [hash, token] : state_.tokens)
        if (token.userId == userId && token.purpose == purpose && token.usedAt == 0) token.usedAt = at;
}

// ---------------------------------------------------------------- sessions

void MemoryStorage::insertSession(const SessionRecord& session) {
    std::lock_guard lock(mutex_);
    requireUser(session.userId);
    if (state_.sessions.count(session.tokenHash)) constraints::violated("UNIQUE sessions.token_hash");
    state_.sessions[session.tokenHash] = session;
}

std::optional<SessionRecord> MemoryStorage::findSession(const std::string& tokenHash) {
    std::lock_guard lock(mutex_);
    auto it = state_.sessions.find(tokenHash);
    if (it == state_.sessions.end()) return std::nullopt;
    return it->second;
}

void MemoryStorage::touchSession(const std::string& tokenHash, int64_t at) {
    std::lock_guard lock(mutex_);
    auto it = state_.sessions.find(tokenHash);
    if (it != state_.sessions.end()) it->second.lastSeenAt = at;
}

void MemoryStorage::deleteSession(const std::string& tokenHash) {
    std::lock_guard lock(mutex_);
    state_.sessions.erase(tokenHash);
}

void MemoryStorage::deleteSessionsOfUser(int64_t userId) {
    std::lock_guard lock(mutex_);
    std::erase_if(state_.sessions, [&](const auto& entry) { return entry.second.userId == userId; });
}

// ---------------------------------------------------------------- login throttling

void MemoryStorage::recordLoginFailure(const std::string& key, int64_t at) {
    std::lock_guard lock(mutex_);
    const LoginLimit defaults;
    state_.loginFailures[key].push_back({at, at + defaults.windowSeconds + defaults.lockSeconds});
}

int MemoryStorage::countLoginFailuresSince(const std::string& key, int64_t since) {
    std::lock_guard lock(mutex_);
    auto it = state_.loginFailures.find(key);
    if (it == state_.loginFailures.end()) return 0;
    return static_cast<int>(
        std::count_if(it->second.begin(), it->second.end(), [&](const TimedRow& r) { return r.at >= since; }));
}

int64_t MemoryStorage::latestLoginFailure(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = state_.loginFailures.find(key);
    if (it == state_.loginFailures.end() || it->second.empty()) return 0;
    int64_t latest = 0;
    for (const TimedRow& r : it->second) latest = std::max(latest, r.at);
    return latest;
}

void MemoryStorage::clearLoginFailures(const std::string& key) {
    std::lock_guard lock(mutex_);
    state_.loginFailures.erase(key);
}

// ---------------------------------------------------------------- outbox

int64_t MemoryStorage::insertMail(const MailRecord& mail) {
    std::lock_guard lock(mutex_);
    if (mail.delivery != "none" && mail.delivery != "pending" && mail.delivery != "sent" && mail.delivery != "failed")
        constraints::violated("CHECK outbox.delivery");
    if (!mail.dedupeKey.empty())
        for (const MailRecord& m : state_.mails)
            if (m.dedupeKey == mail.dedupeKey) return 0;  // UNIQUE outbox.dedupe_key: inserts nothing
    MailRecord stored = mail;
    stored.id = state_.nextMailId++;
    if (stored.delivery == "pending" && stored.dueAt == 0) stored.dueAt = stored.createdAt;
    state_.mails.push_back(stored);
    return stored.id;
}

std::vector<MailRecord> MemoryStorage::listMailTo(const std::string& to) {
    std::lock_guard lock(mutex_);
    std::vector<MailRecord> out;
    for (auto it = state_.mails.rbegin(); it != state_.mails.rend(); ++it)
        if (it->to == to) out.push_back(*it);
    return out;  // newest first (ids grow with time)
}

// ---------------------------------------------------------------- registry stand-in

std::optional<json> MemoryStorage::findRegistryRequest(const std::string& numeroUnique) {
    std::lock_guard lock(mutex_);
    auto it = state_.registry.find(numeroUnique);
    if (it == state_.registry.end()) return std::nullopt;
    return it->second;
}

void MemoryStorage::upsertRegistryRequest(const std::string& numeroUnique, const json& request, int64_t) {
    std::lock_guard lock(mutex_);
    state_.registry[numeroUnique] = request;
}

int64_t MemoryStorage::countRegistryRequests() {
    std::lock_guard lock(mutex_);
    return static_cast<int64_t>(state_.registry.size());
}

std::vector<json> MemoryStorage::listRegistryRequests(int64_t offset, int64_t limit) {
    std::lock_guard lock(mutex_);
    std::vector<json> out;
    if (offset < 0) offset = 0;
    int64_t index = 0;
    for (const auto& [nu, request] : state_.registry) {
        if (static_cast<int64_t>(out.size()) >= limit) break;
        if (index++ >= offset) out.push_back(request);
    }
    return out;
}

// ---------------------------------------------------------------- request files

std::optional<RequestFileRecord> MemoryStorage::findRequestFileOfUser(int64_t userId) {
    std::lock_guard lock(mutex_);
    auto it = state_.files.find(userId);
    if (it == state_.files.end()) return std::nullopt;
    return it->second;
}

std::optional<RequestFileRecord> MemoryStorage::findRequestFileByNumero(const std::string& numeroUnique) {
    std::lock_guard lock(mutex_);
    for (const auto& [userId, file] : state_.files)
        if (file.numeroUnique == numeroUnique) return file;
    return std::nullopt;
}

int64_t MemoryStorage::insertRequestFile(const RequestFileRecord& file) {
    std::lock_guard lock(mutex_);
    requireUser(file.userId);
    constraints::checkRequestFile(file);
    if (state_.files.count(file.userId)) constraints::violated("UNIQUE request_files.user_id");
    for (const auto& [userId, other] : state_.files)
        if (other.numeroUnique == file.numeroUnique) constraints::violated("UNIQUE request_files.numero_unique");
    RequestFileRecord stored = file;
    stored.id = state_.nextFileId++;
    state_.files[stored.userId] = stored;
    return stored.id;
}

void MemoryStorage::updateRequestFile(const RequestFileRecord& file) {
    std::lock_guard lock(mutex_);
    auto it = state_.files.find(file.userId);
    if (it == state_.files.end()) return;
    constraints::checkRequestFile(file);
    RequestFileRecord stored = file;
    stored.id = it->second.id;
    stored.numeroUnique = it->second.numeroUnique;
    it->second = std::move(stored);
}

void MemoryStorage::deleteRequestFileOfUser(int64_t userId) {
    std::lock_guard lock(mutex_);
    state_.files.erase(userId);
}

// ---------------------------------------------------------------- verification codes

int64_t MemoryStorage::insertVerificationCode(const VerificationCodeRecord& code) {
    std::lock_guard lock(mutex_);
    requireUser(code.userId);
    constraints::checkVerificationCode(code);
    VerificationCodeRecord stored = code;
    stored.id = state_.nextCodeId++;
    state_.codes[stored.id] = stored;
    return stored.id;
}

std::optional<VerificationCodeRecord> MemoryStorage::latestVerificationCode(int64_t userId,
                                                                            const std::string& purpose) {
    std::lock_guard lock(mutex_);
    for (auto it = state_.codes.rbegin(); it != state_.codes.rend(); ++it)
        if (it->second.userId == userId && it->second.purpose == purpose) return it->second;
    return std::nullopt;
}

void MemoryStorage::updateVerificationCode(const VerificationCodeRecord& code) {
    std::lock_guard lock(mutex_);
    auto it = state_.codes.find(code.id);
    if (it == state_.codes.end()) return;
    it->second.failedAttempts = code.failedAttempts;
    it->second.usedAt = code.usedAt;
}

void MemoryStorage::revokeVerificationCodes(int64_t userId, const std::string& purpose, int64_t at) {
    std::lock_guard lock(mutex_);
    for (auto& [id, code] : state_.codes)
        if (code.userId == userId && code.purpose == purpose && code.usedAt == 0) code.usedAt = at;
}

int MemoryStorage::countVerificationCodesSince(int64_t userId, const std::string& purpose, int64_t since) {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (const auto& [id, code] : state_.codes)
        if (code.userId == userId && code.purpose == purpose && code.createdAt >= since) ++n;
    return n;
}

void MemoryStorage::deleteVerificationCodesOfUser(int64_t userId) {
    std::lock_guard lock(mutex_);
    std::erase_if(state_.codes, [&](const auto& entry) { return entry.second.userId == userId; });
}

std::vector<RequestFileRecord> MemoryStorage::listRequestFiles() {
    std::lock_guard lock(mutex_);
    std::vector<RequestFileRecord> out;
    out.reserve(state_.files.size());
    for (const auto& [userId, file] : state_.files) out.push_back(file);
    return out;
}

// ---------------------------------------------------------------- offers

int64_t MemoryStorage::insertAddedOffer(const AddedOfferRecord& offer) {
    std::lock_guard lock(mutex_);
    const int64_t last = state_.addedOffers.empty() ? kFirstAddedOfferId - 1 : state_.addedOffers.rbegin()->first;
    AddedOfferRecord stored = offer;
    stored.id = std::max(last, kFirstAddedOfferId - 1) + 1;
    if (!stored.offer.is_object()) stored.offer = json::object();
    stored.offer["id"] = stored.id;
    state_.addedOffers[stored.id] = stored;
    return stored.id;
}

std::vector<AddedOfferRecord> MemoryStorage::listAddedOffers() {
    std::lock_guard lock(mutex_);
    std::vector<AddedOfferRecord> out;
    for (const auto& [id, offer] : state_.addedOffers) out.push_back(offer);
    return out;
}

std::vector<AddedOfferRecord> MemoryStorage::listAddedOffersAfter(int64_t afterId) {
    std::lock_guard lock(mutex_);
    std::vector<AddedOfferRecord> out;
    for (auto it = state_.addedOffers.upper_bound(afterId); it != state_.addedOffers.end(); ++it)
        out.push_back(it->second);
    return out;
}

std::optional<OfferStateRecord> MemoryStorage::findOfferState(int64_t offerId) {
    std::lock_guard lock(mutex_);
    auto it = state_.offerStates.find(offerId);
    if (it == state_.offerStates.end()) return std::nullopt;
    return it->second;
}

void MemoryStorage::upsertOfferState(const OfferStateRecord& offerState) {
    std::lock_guard lock(mutex_);
    constraints::checkOfferState(offerState);
    state_.offerStates[offerState.offerId] = offerState;
}

std::vector<OfferStateRecord> MemoryStorage::listOfferStates() {
    std::lock_guard lock(mutex_);
    std::vector<OfferStateRecord> out;
    for (const auto& [id, s] : state_.offerStates) out.push_back(s);
    return out;
}

std::vector<OfferStateRecord> MemoryStorage::listOfferStatesSince(int64_t since) {
    std::lock_guard lock(mutex_);
    std::vector<OfferStateRecord> out;
    for (const auto& [id, s] : state_.offerStates)
        if (s.updatedAt >= since) out.push_back(s);
    return out;
}

// ---------------------------------------------------------------- applications

int64_t MemoryStorage::insertApplication(const ApplicationRecord& application) {
    std::lock_guard lock(mutex_);
    requireUser(application.userId);
    constraints::checkApplication(application);
    // The same constraint as SQLite's partial unique index, under the same lock as the insertion.
    if (application.active)
        for (const auto& [id, other] : state_.applications)
            if (other.active && (other.userId == application.userId || other.numeroUnique == application.numeroUnique))
                return 0;
    ApplicationRecord stored = application;
    stored.id = state_.nextApplicationId++;
    state_.applications[stored.id] = stored;
    return stored.id;
}

std::optional<ApplicationRecord> MemoryStorage::findApplication(int64_t id) {
    std::lock_guard lock(mutex_);
    auto it = state_.applications.find(id);
    if (it == state_.applications.end()) return std::nullopt;
    return it->second;
}

std::optional<ApplicationRecord> MemoryStorage::findActiveApplicationOfUser(int64_t userId) {
    std::lock_guard lock(mutex_);
    for (const auto& [id, a] : state_.applications)
        if (a.active && a.userId == userId) return a;
    return std::nullopt;
}

void MemoryStorage::updateApplication(const ApplicationRecord& application) {
    std::lock_guard lock(mutex_);
    auto it = state_.applications.find(application.id);
    if (it == state_.applications.end()) return;
    ApplicationRecord checked = it->second;
    checked.stage = application.stage;
    checked.rank = application.rank;
    checked.step = application.step;
    checked.active = application.active;
    constraints::checkApplication(checked);
    if (application.active && !it->second.active)
        for (const auto& [id, other] : state_.applications)
            if (id != application.id && other.active &&
                (other.userId == it->second.userId || other.numeroUnique == it->second.numeroUnique))
                constraints::violated("UNIQUE applications_one_active (the rule of one, per user and per request)");
    ApplicationRecord& a = it->second;
    a.stage = application.stage;
    a.decision = application.decision;
    a.rank = application.rank;
    a.step = application.step;
    a.active = application.active;
    a.updatedAt = application.updatedAt;
    a.invalidationReason = application.invalidationReason;
    a.events = application.events;
    a.unread = application.unread;
}

std::vector<ApplicationRecord> MemoryStorage::listApplications(const ApplicationQuery& query) {
    std::lock_guard lock(mutex_);
    std::vector<ApplicationRecord> out;
    for (const auto& [id, a] : state_.applications)
        if (matches(a, query)) out.push_back(a);
    return out;
}

void MemoryStorage::markApplicationsRead(int64_t userId) {
    std::lock_guard lock(mutex_);
    for (auto& [id, a] : state_.applications)
        if (a.userId == userId) a.unread = false;
}

// ---------------------------------------------------------------- limits under concurrency

int64_t MemoryStorage::beginLoginAttempt(const std::vector<std::string>& keys, int64_t now, const LoginLimit& limit) {
    std::lock_guard lock(mutex_);
    prune(state_.loginFailures, now);
    int64_t wait = 0;
    for (const std::string& key : keys) {
        auto it = state_.loginFailures.find(key);
        if (it == state_.loginFailures.end() || it->second.empty()) continue;
        int64_t latest = 0;
        for (const TimedRow& r : it->second) latest = std::max(latest, r.at);
        const int64_t unlockAt = latest + limit.lockSeconds;
        if (now >= unlockAt) continue;
        const int64_t since = latest - limit.windowSeconds + 1;
        const auto inWindow =
            std::count_if(it->second.begin(), it->second.end(), [&](const TimedRow& r) { return r.at >= since; });
        if (inWindow >= limit.maxFailures) wait = std::max(wait, unlockAt - now);
    }
    if (wait > 0) return wait;
    for (const std::string& key : keys)
        state_.loginFailures[key].push_back({now, now + limit.windowSeconds + limit.lockSeconds});
    return 0;
}

void MemoryStorage::releaseLoginAttempt(const std::string& key, int64_t at) {
    std::lock_guard lock(mutex_);
    auto it = state_.loginFailures.find(key);
    if (it == state_.loginFailures.end()) return;
    auto found = std::find_if(it->second.begin(), it->second.end(), [&](const TimedRow& r) { return r.at == at; });
    if (found != it->second.end()) it->second.erase(found);
    if (it->second.empty()) state_.loginFailures.erase(it);
}

bool MemoryStorage::takeQuota(const std::vector<QuotaRule>& rules, int64_t now) {
    std::lock_guard lock(mutex_);
    prune(state_.quotaEvents, now);
    for (const QuotaRule& rule : rules) {
        auto it = state_.quotaEvents.find(rule.key);
        if (it == state_.quotaEvents.end()) {
            if (rule.max <= 0) return false;
            continue;
        }
        std::erase_if(it->second, [&](const TimedRow& r) { return r.at <= now - rule.windowSeconds; });  // expired
        if (static_cast<int64_t>(it->second.size()) >= rule.max) return false;
    }
    for (const QuotaRule& rule : rules) state_.quotaEvents[rule.key].push_back({now, now + rule.windowSeconds});
    return true;
}

bool MemoryStorage::consumeToken(const std::string& tokenHash, int64_t at) {
    std::lock_guard lock(mutex_);
    auto it = state_.tokens.find(tokenHash);
    if (it == state_.tokens.end() || it->second.usedAt != 0) return false;
    it->second.usedAt = at;
    return true;
}

void MemoryStorage::prune(std::map<std::string, std::vector<TimedRow>>& rows, int64_t now) {
    int budget = kPruneBatchRows;
    for (auto it = rows.begin(); it != rows.end() && budget > 0;) {
        auto& list = it->second;
        for (auto row = list.begin(); row != list.end() && budget > 0;) {
            if (row->expiresAt <= now) {
                row = list.erase(row);
                --budget;
            } else {
                ++row;
            }
        }
        it = list.empty() ? rows.erase(it) : std::next(it);
    }
}

LimitRowCounts MemoryStorage::countLimitRows() {
    std::lock_guard lock(mutex_);
    LimitRowCounts counts;
    for (const auto& [key, rows] : state_.loginFailures) counts.loginFailures += static_cast<int64_t>(rows.size());
    for (const auto& [key, rows] : state_.quotaEvents) counts.quotaEvents += static_cast<int64_t>(rows.size());
    counts.tokens = static_cast<int64_t>(state_.tokens.size());
    return counts;
}

}  // namespace alin
