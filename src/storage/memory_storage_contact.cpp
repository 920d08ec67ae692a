// MemoryStorage: the contact form's part of the contract (migration 0011's
// table) and its snapshot members. The quota is checked and taken under the lock.
#include <algorithm>

#include "storage/constraints.h"
#include "storage/memory_storage.h"

namespace alin {

using nlohmann::json;

int64_t MemoryStorage::insertContactMessage(const ContactMessageRecord& m, int maxPerWindow, int64_t windowSeconds) {
    std::lock_guard lock(mutex_);
    requireUser(m.userId);
    constraints::checkContactMessage(m);
    const int64_t since = m.createdAt - windowSeconds;
    const auto recent = std::count_if(state_.contactMessages.begin(), state_.contactMessages.end(), [&](const auto& e) {
        return e.second.userId == m.userId && e.second.createdAt > since;
    });
    if (recent >= maxPerWindow) return 0;
    ContactMessageRecord stored = m;
    stored.id = state_.nextContactId++;
    state_.contactMessages[stored.id] = stored;
    return stored.id;
}

std::optional<ContactMessageRecord> MemoryStorage::findContactMessage(int64_t id) {
    std::lock_guard lock(mutex_);
    auto it = state_.contactMessages.find(id);
    if (it == state_.contactMessages.end()) return std::nullopt;
    return it->second;
}

std::vector<ContactMessageRecord> MemoryStorage::listContactMessagesOfUser(int64_t userId) {
    std::lock_guard lock(mutex_);
    std::vector<ContactMessageRecord> out;
    for (const auto& [id, m] : state_.contactMessages)
        if (m.userId == userId) out.push_back(m);
    std::sort(out.begin(), out.end(), [](const ContactMessageRecord& a, const ContactMessageRecord& b) {
        return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.id > b.id;
    });
    return out;
}

std::vector<ContactMessageRecord> MemoryStorage::listOpenContactMessages() {
    std::lock_guard lock(mutex_);
    std::vector<ContactMessageRecord> out;
    for (const auto& [id, m] : state_.contactMessages)
        if (m.status != "closed") out.push_back(m);
    std::sort(out.begin(), out.end(), [](const ContactMessageRecord& a, const ContactMessageRecord& b) {
        const bool aAnswered = a.status != "waiting", bAnswered = b.status != "waiting";
        if (aAnswered != bAnswered) return !aAnswered;
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
    });
    return out;
}

bool MemoryStorage::answerContactMessage(int64_t id, const std::string& answer, int64_t advisorId, int64_t at) {
    std::lock_guard lock(mutex_);
    auto it = state_.contactMessages.find(id);
    if (it == state_.contactMessages.end() || it->second.status != "waiting") return false;
    it->second.status = "answered";
    it->second.answer = answer;
    it->second.answeredBy = advisorId;
    it->second.answeredAt = at;
    return true;
}

bool MemoryStorage::closeContactMessage(int64_t id, int64_t at) {
    std::lock_guard lock(mutex_);
    auto it = state_.contactMessages.find(id);
    if (it == state_.contactMessages.end() || it->second.status == "closed") return false;
    it->second.status = "closed";
    it->second.closedAt = at;
    return true;
}

// ---------------------------------------------------------------- snapshot members

void MemoryStorage::snapshotContact(json& out) const {
    json list = json::array();
    for (const auto& [id, m] : state_.contactMessages)
        list.push_back({{"id", m.id},
                        {"userId", m.userId},
                        {"subject", m.subject},
                        {"body", m.body},
                        {"applicationId", m.applicationId},
                        {"createdAt", m.createdAt},
                        {"status", m.status},
                        {"answer", m.answer},
                        {"answeredBy", m.answeredBy},
                        {"answeredAt", m.answeredAt},
                        {"closedAt", m.closedAt}});
    out["nextContactId"] = state_.nextContactId;
    out["contactMessages"] = std::move(list);
}

void MemoryStorage::restoreContact(const json& in, State& fresh) {
    const auto intOf = [](const json& j, const char* key) -> int64_t {
        auto it = j.find(key);
        return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
    };
    const auto textOf = [](const json& j, const char* key) {
        auto it = j.find(key);
        return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    auto list = in.find("contactMessages");
    int64_t maxId = 0;
    if (list != in.end() && list->is_array())
        for (const json& j : *list) {
            if (!j.is_object()) continue;
            ContactMessageRecord m;
            m.id = intOf(j, "id");
            m.userId = intOf(j, "userId");
            m.subject = textOf(j, "subject");
            m.body = textOf(j, "body");
            m.applicationId = intOf(j, "applicationId");
            m.createdAt = intOf(j, "createdAt");
            m.status = textOf(j, "status");
            m.answer = textOf(j, "answer");
            m.answeredBy = intOf(j, "answeredBy");
            m.answeredAt = intOf(j, "answeredAt");
            m.closedAt = intOf(j, "closedAt");
            if (m.id <= 0 || !fresh.users.count(m.userId) || fresh.contactMessages.count(m.id)) continue;
            try {
                constraints::checkContactMessage(m);
            } catch (const StorageError&) {
                continue;  // a malformed entry is skipped
            }
            maxId = std::max(maxId, m.id);
            fresh.contactMessages[m.id] = std::move(m);
        }
    fresh.nextContactId = std::max(intOf(in, "nextContactId"), maxId + 1);
}

}  // namespace alin
