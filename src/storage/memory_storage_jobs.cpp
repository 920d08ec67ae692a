// MemoryStorage: the background jobs' part of the contract (delivery of the
// outbox, retention warnings). Every call is one step under the lock.
#include <algorithm>

#include "storage/constraints.h"
#include "storage/memory_storage.h"

namespace alin {

// ---------------------------------------------------------------- outbox delivery

std::vector<MailRecord> MemoryStorage::claimMails(int64_t now, int64_t leaseSeconds, int limit) {
    std::lock_guard lock(mutex_);
    std::vector<MailRecord> out;
    for (MailRecord& m : state_.mails) {  // id order
        if (static_cast<int>(out.size()) >= limit) break;
        if (m.delivery != "pending" || m.dueAt > now) continue;
        m.attempts += 1;
        m.dueAt = now + leaseSeconds;
        out.push_back(m);
    }
    return out;
}

void MemoryStorage::markMailSent(int64_t id, int64_t at) {
    std::lock_guard lock(mutex_);
    for (MailRecord& m : state_.mails)
        if (m.id == id && m.delivery == "pending") {
            m.delivery = "sent";
            m.sentAt = at;
        }
}

void MemoryStorage::markMailFailed(int64_t id, int attempt, int64_t retryAt, bool giveUp) {
    std::lock_guard lock(mutex_);
    for (MailRecord& m : state_.mails)
        if (m.id == id && m.delivery == "pending" && m.attempts == attempt) {
            if (giveUp) m.delivery = "failed";
            m.dueAt = retryAt;
        }
}

// ---------------------------------------------------------------- retention

namespace {

// The last log-in of a user, or its creation when it never logged in.
int64_t lastLoginOf(const std::vector<LoginRecord>& logins, const UserRecord& user) {
    int64_t last = 0;
    for (const LoginRecord& l : logins)
        if (l.userId == user.id) last = std::max(last, l.at);
    return last > 0 ? last : user.createdAt;
}

}  // namespace

std::vector<RetentionAccount> MemoryStorage::listAccountsToWarn(int64_t lastLoginBefore, int limit) {
    std::lock_guard lock(mutex_);
    std::vector<RetentionAccount> out;
    for (const auto& [id, user] : state_.users) {
        if (static_cast<int>(out.size()) >= limit) break;
        if (user.role != domain::Role::Applicant || state_.retentionWarnings.count(id)) continue;
        const int64_t last = lastLoginOf(state_.logins, user);
        if (last <= lastLoginBefore) out.push_back({id, user.email, last, 0});
    }
    return out;
}

bool MemoryStorage::insertRetentionWarning(int64_t userId, int64_t at) {
    std::lock_guard lock(mutex_);
    requireUser(userId);
    return state_.retentionWarnings.emplace(userId, at).second;
}

std::vector<RetentionAccount> MemoryStorage::listRetentionWarnings(int64_t warnedBefore, int limit) {
    std::lock_guard lock(mutex_);
    std::vector<RetentionAccount> out;
    for (const auto& [userId, warnedAt] : state_.retentionWarnings) {
        if (static_cast<int>(out.size()) >= limit) break;
        if (warnedAt > warnedBefore) continue;
        auto user = state_.users.find(userId);
        if (user == state_.users.end()) continue;
        out.push_back({userId, user->second.email, lastLoginOf(state_.logins, user->second), warnedAt});
    }
    return out;
}

void MemoryStorage::deleteRetentionWarning(int64_t userId) {
    std::lock_guard lock(mutex_);
    state_.retentionWarnings.erase(userId);
}

}  // namespace alin
