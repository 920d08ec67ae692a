#include "storage/memory_storage.h"

#include <algorithm>
#include <stdexcept>

namespace alin {

using nlohmann::json;

namespace {

// Non-throwing readers: restore() must survive any JSON (the wasm build may
// run without exceptions, where a throw aborts).
int64_t readInt(const json& j, const char* key, int64_t fallback = 0) {
    auto it = j.find(key);
    if (it == j.end()) return fallback;
    if (it->is_number_integer()) return it->get<int64_t>();
    if (it->is_number_unsigned()) return static_cast<int64_t>(it->get<uint64_t>());
    return fallback;
}

std::string readString(const json& j, const char* key) {
    auto it = j.find(key);
    return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

bool readBool(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

json readArray(const json& j, const char* key) {
    auto it = j.find(key);
    return (it != j.end() && it->is_array()) ? *it : json::array();
}

json userToJson(const UserRecord& u) {
    return {{"id", u.id},
            {"email", u.email},
            {"birthName", u.birthName},
            {"firstName", u.firstName},
            {"phone", u.phone},
            {"passwordHash", u.passwordHash},
            {"active", u.active},
            {"role", u.role},
            {"createdAt", u.createdAt},
            {"consentAt", u.consentAt},
            {"organisation", u.organisation},
            {"siret", u.siret}};
}

UserRecord userFromJson(const json& j) {
    UserRecord u;
    u.id = readInt(j, "id");
    u.email = readString(j, "email");
    u.birthName = readString(j, "birthName");
    u.firstName = readString(j, "firstName");
    u.phone = readString(j, "phone");
    u.passwordHash = readString(j, "passwordHash");
    u.active = readBool(j, "active");
    u.role = readString(j, "role");
    if (u.role.empty()) u.role = "applicant";
    u.createdAt = readInt(j, "createdAt");
    u.consentAt = readInt(j, "consentAt");
    u.organisation = readString(j, "organisation");
    u.siret = readString(j, "siret");
    return u;
}

json tokenToJson(const OneTimeTokenRecord& t) {
    return {{"tokenHash", t.tokenHash}, {"purpose", t.purpose},     {"userId", t.userId},
            {"createdAt", t.createdAt}, {"expiresAt", t.expiresAt}, {"usedAt", t.usedAt}};
}

OneTimeTokenRecord tokenFromJson(const json& j) {
    OneTimeTokenRecord t;
    t.tokenHash = readString(j, "tokenHash");
    t.purpose = readString(j, "purpose");
    t.userId = readInt(j, "userId");
    t.createdAt = readInt(j, "createdAt");
    t.expiresAt = readInt(j, "expiresAt");
    t.usedAt = readInt(j, "usedAt");
    return t;
}

json sessionToJson(const SessionRecord& s) {
    return {{"tokenHash", s.tokenHash}, {"userId", s.userId}, {"createdAt", s.createdAt}, {"lastSeenAt", s.lastSeenAt}};
}

SessionRecord sessionFromJson(const json& j) {
    SessionRecord s;
    s.tokenHash = readString(j, "tokenHash");
    s.userId = readInt(j, "userId");
    s.createdAt = readInt(j, "createdAt");
    s.lastSeenAt = readInt(j, "lastSeenAt");
    return s;
}

json mailToJson(const MailRecord& m) {
    return {{"id", m.id},       {"to", m.to},       {"subject", m.subject},    {"body", m.body},
            {"links", m.links}, {"codes", m.codes}, {"createdAt", m.createdAt}};
}

MailRecord mailFromJson(const json& j) {
    MailRecord m;
    m.id = readInt(j, "id");
    m.to = readString(j, "to");
    m.subject = readString(j, "subject");
    m.body = readString(j, "body");
    m.links = readArray(j, "links");
    m.codes = readArray(j, "codes");
    m.createdAt = readInt(j, "createdAt");
    return m;
}

json fileToJson(const RequestFileRecord& f) {
    return {{"id", f.id},
            {"userId", f.userId},
            {"numeroUnique", f.numeroUnique},
            {"snapshot", f.snapshot},
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
            {"docIdentity", f.docIdentity},
            {"docResources", f.docResources},
            {"docTaxNotices", f.docTaxNotices},
            {"docMotive", f.docMotive},
            {"validatedAt", f.validatedAt}};
}

RequestFileRecord fileFromJson(const json& j) {
    RequestFileRecord f;
    f.id = readInt(j, "id");
    f.userId = readInt(j, "userId");
    f.numeroUnique = readString(j, "numeroUnique");
    auto snapshot = j.find("snapshot");
    f.snapshot = (snapshot != j.end() && snapshot->is_object()) ? *snapshot : json::object();
    f.importedAt = readInt(j, "importedAt");
    f.refreshedAt = readInt(j, "refreshedAt");
    f.legacy = readBool(j, "legacy");
    f.employerName = readString(j, "employerName");
    f.companyCode = readString(j, "companyCode");
    f.matricule = readString(j, "matricule");
    f.hireDate = readString(j, "hireDate");
    f.cdii = readString(j, "cdii");
    f.attachTo = readString(j, "attachTo");
    if (f.attachTo != "coApplicant") f.attachTo = "applicant";
    f.employerValidated = readBool(j, "employerValidated");
    const int64_t choice = readInt(j, "sharingChoice");
    f.sharingChoice = (choice >= 0 && choice <= 3) ? static_cast<int>(choice) : 0;
    f.docIdentity = readBool(j, "docIdentity");
    f.docResources = readBool(j, "docResources");
    f.docTaxNotices = readBool(j, "docTaxNotices");
    f.docMotive = readBool(j, "docMotive");
    f.validatedAt = readInt(j, "validatedAt");
    return f;
}

json codeToJson(const VerificationCodeRecord& c) {
    return {{"id", c.id},
            {"userId", c.userId},
            {"purpose", c.purpose},
            {"numeroUnique", c.numeroUnique},
            {"codeHash", c.codeHash},
            {"sentTo", c.sentTo},
            {"createdAt", c.createdAt},
            {"expiresAt", c.expiresAt},
            {"failedAttempts", c.failedAttempts},
            {"usedAt", c.usedAt}};
}

VerificationCodeRecord codeFromJson(const json& j) {
    VerificationCodeRecord c;
    c.id = readInt(j, "id");
    c.userId = readInt(j, "userId");
    c.purpose = readString(j, "purpose");
    c.numeroUnique = readString(j, "numeroUnique");
    c.codeHash = readString(j, "codeHash");
    c.sentTo = readString(j, "sentTo");
    c.createdAt = readInt(j, "createdAt");
    c.expiresAt = readInt(j, "expiresAt");
    c.failedAttempts = static_cast<int>(std::clamp<int64_t>(readInt(j, "failedAttempts"), 0, 1000));
    c.usedAt = readInt(j, "usedAt");
    return c;
}

json addedOfferToJson(const AddedOfferRecord& o) {
    return {{"id", o.id}, {"offer", o.offer}, {"createdBy", o.createdBy}, {"createdAt", o.createdAt}};
}

AddedOfferRecord addedOfferFromJson(const json& j) {
    AddedOfferRecord o;
    o.id = readInt(j, "id");
    auto offer = j.find("offer");
    o.offer = (offer != j.end() && offer->is_object()) ? *offer : json::object();
    o.createdBy = readInt(j, "createdBy");
    o.createdAt = readInt(j, "createdAt");
    return o;
}

json offerStateToJson(const OfferStateRecord& s) {
    return {{"offerId", s.offerId},
            {"applicationsAdded", s.applicationsAdded},
            {"status", s.status},
            {"updatedAt", s.updatedAt}};
}

OfferStateRecord offerStateFromJson(const json& j) {
    OfferStateRecord s;
    s.offerId = readInt(j, "offerId");
    s.applicationsAdded = static_cast<int>(std::clamp<int64_t>(readInt(j, "applicationsAdded"), 0, 1'000'000'000));
    s.status = readString(j, "status");
    if (s.status != "open" && s.status != "closed") s.status.clear();
    s.updatedAt = readInt(j, "updatedAt");
    return s;
}

json applicationToJson(const ApplicationRecord& a) {
    return {{"id", a.id},
            {"userId", a.userId},
            {"requestFileId", a.requestFileId},
            {"numeroUnique", a.numeroUnique},
            {"offerId", a.offerId},
            {"stage", a.stage},
            {"decision", a.decision},
            {"rank", a.rank},
            {"step", a.step},
            {"active", a.active},
            {"prioritySituation", a.prioritySituation},
            {"employerSupport", a.employerSupport},
            {"requestCreatedAt", a.requestCreatedAt},
            {"createdAt", a.createdAt},
            {"updatedAt", a.updatedAt},
            {"invalidationReason", a.invalidationReason},
            {"events", a.events},
            {"unread", a.unread}};
}

ApplicationRecord applicationFromJson(const json& j) {
    ApplicationRecord a;
    a.id = readInt(j, "id");
    a.userId = readInt(j, "userId");
    a.requestFileId = readInt(j, "requestFileId");
    a.numeroUnique = readString(j, "numeroUnique");
    a.offerId = readInt(j, "offerId");
    a.stage = readString(j, "stage");
    a.decision = readString(j, "decision");
    if (a.decision.empty()) a.decision = "none";
    a.rank = static_cast<int>(std::clamp<int64_t>(readInt(j, "rank"), 0, 3));
    a.step = static_cast<int>(std::clamp<int64_t>(readInt(j, "step", 1), 1, 7));
    a.active = readBool(j, "active");
    a.prioritySituation = readBool(j, "prioritySituation");
    a.employerSupport = readBool(j, "employerSupport");
    a.requestCreatedAt = readInt(j, "requestCreatedAt");
    a.createdAt = readInt(j, "createdAt");
    a.updatedAt = readInt(j, "updatedAt");
    a.invalidationReason = readString(j, "invalidationReason");
    a.events = readArray(j, "events");
    a.unread = readBool(j, "unread");
    return a;
}

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
    for (const auto& [id, existing] : state_.users)
        if (existing.email == user.email) throw std::runtime_error("users.email must be unique");
    UserRecord stored = user;
    stored.id = state_.nextUserId++;
    state_.users[stored.id] = stored;
    return stored.id;
}

void MemoryStorage::updateUser(const UserRecord& user) {
    std::lock_guard lock(mutex_);
    auto it = state_.users.find(user.id);
    if (it == state_.users.end()) return;
    for (const auto& [id, existing] : state_.users)
        if (id != user.id && existing.email == user.email) throw std::runtime_error("users.email must be unique");
    it->second = user;
}

// ---------------------------------------------------------------- one-time tokens

void MemoryStorage::insertToken(const OneTimeTokenRecord& token) {
    std::lock_guard lock(mutex_);
    if (state_.tokens.count(token.tokenHash)) throw std::runtime_error("tokens.token_hash must be unique");
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
    state_.loginFailures[key].push_back(at);
}

int MemoryStorage::countLoginFailuresSince(const std::string& key, int64_t since) {
    std::lock_guard lock(mutex_);
    auto it = state_.loginFailures.find(key);
    if (it == state_.loginFailures.end()) return 0;
    return static_cast<int>(
        std::count_if(it->second.begin(), it->second.end(), [&](int64_t at) { return at >= since; }));
}

int64_t MemoryStorage::latestLoginFailure(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = state_.loginFailures.find(key);
    if (it == state_.loginFailures.end() || it->second.empty()) return 0;
    return *std::max_element(it->second.begin(), it->second.end());
}

void MemoryStorage::clearLoginFailures(const std::string& key) {
    std::lock_guard lock(mutex_);
    state_.loginFailures.erase(key);
}

// ---------------------------------------------------------------- outbox

int64_t MemoryStorage::insertMail(const MailRecord& mail) {
    std::lock_guard lock(mutex_);
    MailRecord stored = mail;
    stored.id = state_.nextMailId++;
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
    if (state_.files.count(file.userId)) throw std::runtime_error("request_files.user_id must be unique");
    for (const auto& [userId, other] : state_.files)
        if (other.numeroUnique == file.numeroUnique)
            throw std::runtime_error("request_files.numero_unique must be unique");
    RequestFileRecord stored = file;
    stored.id = state_.nextFileId++;
    state_.files[stored.userId] = stored;
    return stored.id;
}

void MemoryStorage::updateRequestFile(const RequestFileRecord& file) {
    std::lock_guard lock(mutex_);
    auto it = state_.files.find(file.userId);
    if (it == state_.files.end()) return;
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

std::optional<OfferStateRecord> MemoryStorage::findOfferState(int64_t offerId) {
    std::lock_guard lock(mutex_);
    auto it = state_.offerStates.find(offerId);
    if (it == state_.offerStates.end()) return std::nullopt;
    return it->second;
}

void MemoryStorage::upsertOfferState(const OfferStateRecord& offerState) {
    std::lock_guard lock(mutex_);
    state_.offerStates[offerState.offerId] = offerState;
}

std::vector<OfferStateRecord> MemoryStorage::listOfferStates() {
    std::lock_guard lock(mutex_);
    std::vector<OfferStateRecord> out;
    for (const auto& [id, s] : state_.offerStates) out.push_back(s);
    return out;
}

// ---------------------------------------------------------------- applications

int64_t MemoryStorage::insertApplication(const ApplicationRecord& application) {
    std::lock_guard lock(mutex_);
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
    if (application.active && !it->second.active)
        for (const auto& [id, other] : state_.applications)
            if (id != application.id && other.active &&
                (other.userId == it->second.userId || other.numeroUnique == it->second.numeroUnique))
                throw std::runtime_error("applications: one active application per user and per request");
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

// ---------------------------------------------------------------- snapshot

json MemoryStorage::snapshot() const {
    std::lock_guard lock(mutex_);
    json users = json::array(), tokens = json::array(), sessions = json::array(), mails = json::array(),
         failures = json::object();
    for (const auto& [id, u] : state_.users) users.push_back(userToJson(u));
    for (const auto& [hash, t] : state_.tokens) tokens.push_back(tokenToJson(t));
    for (const auto& [hash, s] : state_.sessions) sessions.push_back(sessionToJson(s));
    for (const auto& m : state_.mails) mails.push_back(mailToJson(m));
    for (const auto& [key, times] : state_.loginFailures) failures[key] = times;
    json registry = json::object(), files = json::array(), codes = json::array();
    for (const auto& [nu, request] : state_.registry) registry[nu] = request;
    for (const auto& [userId, f] : state_.files) files.push_back(fileToJson(f));
    for (const auto& [id, c] : state_.codes) codes.push_back(codeToJson(c));
    json added = json::array(), states = json::array(), applications = json::array();
    for (const auto& [id, o] : state_.addedOffers) added.push_back(addedOfferToJson(o));
    for (const auto& [id, s] : state_.offerStates) states.push_back(offerStateToJson(s));
    for (const auto& [id, a] : state_.applications) applications.push_back(applicationToJson(a));
    return {{"version", 1},
            {"nextUserId", state_.nextUserId},
            {"nextMailId", state_.nextMailId},
            {"users", users},
            {"tokens", tokens},
            {"sessions", sessions},
            {"loginFailures", failures},
            {"mails", mails},
            {"nextFileId", state_.nextFileId},
            {"nextCodeId", state_.nextCodeId},
            {"registry", registry},
            {"requestFiles", files},
            {"verificationCodes", codes},
            {"nextApplicationId", state_.nextApplicationId},
            {"addedOffers", added},
            {"offerStates", states},
            {"applications", applications}};
}

void MemoryStorage::restore(const json& state) {
    std::lock_guard lock(mutex_);
    State fresh;
    if (state.is_object() && readInt(state, "version") == 1) {
        for (const json& j : readArray(state, "users")) {
            if (!j.is_object()) continue;
            UserRecord u = userFromJson(j);
            if (u.id <= 0 || u.email.empty()) continue;
            bool duplicate = fresh.users.count(u.id) > 0;
            for (const auto& [id, other] : fresh.users) duplicate = duplicate || other.email == u.email;
            if (duplicate) continue;
            fresh.users[u.id] = u;
        }
        for (const json& j : readArray(state, "tokens")) {
            if (!j.is_object()) continue;
            OneTimeTokenRecord t = tokenFromJson(j);
            if (!t.tokenHash.empty()) fresh.tokens[t.tokenHash] = t;
        }
        for (const json& j : readArray(state, "sessions")) {
            if (!j.is_object()) continue;
            SessionRecord s = sessionFromJson(j);
            if (!s.tokenHash.empty()) fresh.sessions[s.tokenHash] = s;
        }
        for (const json& j : readArray(state, "mails")) {
            if (!j.is_object()) continue;
            MailRecord m = mailFromJson(j);
            if (m.id > 0) fresh.mails.push_back(m);
        }
        std::sort(fresh.mails.begin(), fresh.mails.end(),
                  [](const MailRecord& a, const MailRecord& b) { return a.id < b.id; });
        auto failures = state.find("loginFailures");
        if (failures != state.end() && failures->is_object()) {
            for (auto it = failures->begin(); it != failures->end(); ++it) {
                if (!it->is_array()) continue;
                std::vector<int64_t> times;
                for (const json& t : *it)
                    if (t.is_number_integer()) times.push_back(t.get<int64_t>());
                if (!times.empty()) fresh.loginFailures[it.key()] = std::move(times);
            }
        }
        auto registry = state.find("registry");
        if (registry != state.end() && registry->is_object()) {
            for (auto it = registry->begin(); it != registry->end(); ++it)
                if (it->is_object() && !it.key().empty()) fresh.registry[it.key()] = *it;
        }
        int64_t maxFile = 0;
        for (const json& j : readArray(state, "requestFiles")) {
            if (!j.is_object()) continue;
            RequestFileRecord f = fileFromJson(j);
            // One file per user and per Numéro Unique, as the SQL constraints say.
            if (f.id <= 0 || f.userId <= 0 || f.numeroUnique.empty() || fresh.files.count(f.userId)) continue;
            bool taken = false;
            for (const auto& [userId, other] : fresh.files) taken = taken || other.numeroUnique == f.numeroUnique;
            if (taken) continue;
            maxFile = std::max(maxFile, f.id);
            fresh.files[f.userId] = std::move(f);
        }
        for (const json& j : readArray(state, "verificationCodes")) {
            if (!j.is_object()) continue;
            VerificationCodeRecord c = codeFromJson(j);
            if (c.id > 0 && c.userId > 0 && !c.codeHash.empty()) fresh.codes[c.id] = std::move(c);
        }
        for (const json& j : readArray(state, "addedOffers")) {
            if (!j.is_object()) continue;
            AddedOfferRecord o = addedOfferFromJson(j);
            if (o.id >= kFirstAddedOfferId) fresh.addedOffers[o.id] = std::move(o);
        }
        for (const json& j : readArray(state, "offerStates")) {
            if (!j.is_object()) continue;
            OfferStateRecord s = offerStateFromJson(j);
            if (s.offerId > 0) fresh.offerStates[s.offerId] = std::move(s);
        }
        for (const json& j : readArray(state, "applications")) {
            if (!j.is_object()) continue;
            ApplicationRecord a = applicationFromJson(j);
            if (a.id <= 0 || a.userId <= 0 || a.offerId <= 0 || fresh.applications.count(a.id)) continue;
            // The rule of one, as the SQL index says: a second active one is dropped.
            bool second = false;
            for (const auto& [id, other] : fresh.applications)
                second = second || (a.active && other.active && other.userId == a.userId);
            if (second) continue;
            fresh.applications[a.id] = std::move(a);
        }
        const int64_t maxApplication = fresh.applications.empty() ? 0 : fresh.applications.rbegin()->first;
        fresh.nextApplicationId = std::max(readInt(state, "nextApplicationId", 1), maxApplication + 1);
        // Ids never go backwards, even if the counters were lost or edited.
        int64_t maxUser = fresh.users.empty() ? 0 : fresh.users.rbegin()->first;
        int64_t maxMail = fresh.mails.empty() ? 0 : fresh.mails.back().id;
        int64_t maxCode = fresh.codes.empty() ? 0 : fresh.codes.rbegin()->first;
        fresh.nextUserId = std::max(readInt(state, "nextUserId", 1), maxUser + 1);
        fresh.nextMailId = std::max(readInt(state, "nextMailId", 1), maxMail + 1);
        fresh.nextFileId = std::max(readInt(state, "nextFileId", 1), maxFile + 1);
        fresh.nextCodeId = std::max(readInt(state, "nextCodeId", 1), maxCode + 1);
    }
    state_ = std::move(fresh);
}

// ---------------------------------------------------------------- limits under concurrency

int64_t MemoryStorage::beginLoginAttempt(const std::vector<std::string>& keys, int64_t now, const LoginLimit& limit) {
    std::lock_guard lock(mutex_);
    int64_t wait = 0;
    for (const std::string& key : keys) {
        auto it = state_.loginFailures.find(key);
        if (it == state_.loginFailures.end() || it->second.empty()) continue;
        const int64_t latest = *std::max_element(it->second.begin(), it->second.end());
        const int64_t unlockAt = latest + limit.lockSeconds;
        if (now >= unlockAt) continue;
        const int64_t since = latest - limit.windowSeconds + 1;
        const auto inWindow =
            std::count_if(it->second.begin(), it->second.end(), [&](int64_t at) { return at >= since; });
        if (inWindow >= limit.maxFailures) wait = std::max(wait, unlockAt - now);
    }
    if (wait > 0) return wait;
    for (const std::string& key : keys) state_.loginFailures[key].push_back(now);
    return 0;
}

void MemoryStorage::releaseLoginAttempt(const std::string& key, int64_t at) {
    std::lock_guard lock(mutex_);
    auto it = state_.loginFailures.find(key);
    if (it == state_.loginFailures.end()) return;
    auto found = std::find(it->second.begin(), it->second.end(), at);
    if (found != it->second.end()) it->second.erase(found);
    if (it->second.empty()) state_.loginFailures.erase(it);
}

bool MemoryStorage::takeQuota(const std::vector<QuotaRule>& rules, int64_t now) {
    std::lock_guard lock(mutex_);
    for (const QuotaRule& rule : rules) {
        auto it = state_.quotaEvents.find(rule.key);
        if (it == state_.quotaEvents.end()) {
            if (rule.max <= 0) return false;
            continue;
        }
        std::erase_if(it->second, [&](int64_t at) { return at <= now - rule.windowSeconds; });  // expired
        if (static_cast<int64_t>(it->second.size()) >= rule.max) return false;
    }
    for (const QuotaRule& rule : rules) state_.quotaEvents[rule.key].push_back(now);
    return true;
}

bool MemoryStorage::consumeToken(const std::string& tokenHash, int64_t at) {
    std::lock_guard lock(mutex_);
    auto it = state_.tokens.find(tokenHash);
    if (it == state_.tokens.end() || it->second.usedAt != 0) return false;
    it->second.usedAt = at;
    return true;
}

}  // namespace alin
