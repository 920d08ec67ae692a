// MemoryStorage's snapshot: the whole state as JSON (the offline demo keeps it
// in the browser's local storage) and back, never throwing on damaged data.
#include <algorithm>

#include "storage/memory_storage.h"

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
            {"role", domain::roleCode(u.role)},
            {"createdAt", u.createdAt},
            {"consentAt", u.consentAt},
            {"organisation", u.organisation},
            {"siret", u.siret},
            {"language", u.language}};
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
    // An unknown code falls back to the least privileged role.
    u.role = domain::parseRole(readString(j, "role")).value_or(domain::Role::Applicant);
    u.createdAt = readInt(j, "createdAt");
    u.consentAt = readInt(j, "consentAt");
    u.organisation = readString(j, "organisation");
    u.siret = readString(j, "siret");
    // Snapshots from before the account language: French.
    u.language = readString(j, "language") == "en" ? "en" : "fr";
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
    return {{"id", m.id},       {"to", m.to},       {"subject", m.subject},     {"body", m.body},
            {"links", m.links}, {"codes", m.codes}, {"createdAt", m.createdAt}, {"dedupeKey", m.dedupeKey}};
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
    m.dedupeKey = readString(j, "dedupeKey");
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
            {"validatedAt", f.validatedAt},
            {"monthlyResourcesCents", f.monthlyResourcesCents},
            {"monthlyHousingAidCents", f.monthlyHousingAidCents},
            {"resourcesDeclaredAt", f.resourcesDeclaredAt}};
}

// A declared amount of a snapshot: -1 (not declared) when absent (snapshots
// saved before migration 0012) or out of the storage's bounds.
int64_t readDeclaredCents(const json& j, const char* key, int64_t max) {
    if (!j.contains(key)) return -1;
    const int64_t v = readInt(j, key);
    return v >= 0 && v <= max ? v : -1;
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
    f.monthlyResourcesCents = readDeclaredCents(j, "monthlyResourcesCents", kMaxDeclaredResourcesCents);
    f.monthlyHousingAidCents = readDeclaredCents(j, "monthlyHousingAidCents", kMaxDeclaredHousingAidCents);
    f.resourcesDeclaredAt = readInt(j, "resourcesDeclaredAt");
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

}  // namespace

// ---------------------------------------------------------------- snapshot

json MemoryStorage::snapshot() const {
    std::lock_guard lock(mutex_);
    json users = json::array(), tokens = json::array(), sessions = json::array(), mails = json::array(),
         failures = json::object();
    for (const auto& [id, u] : state_.users) users.push_back(userToJson(u));
    for (const auto& [hash, t] : state_.tokens) tokens.push_back(tokenToJson(t));
    for (const auto& [hash, s] : state_.sessions) sessions.push_back(sessionToJson(s));
    for (const auto& m : state_.mails) mails.push_back(mailToJson(m));
    for (const auto& [key, rows] : state_.loginFailures) {
        json list = json::array();
        for (const TimedRow& r : rows) list.push_back(json::array({r.at, r.expiresAt}));
        failures[key] = std::move(list);
    }
    json registry = json::object(), files = json::array(), codes = json::array();
    for (const auto& [nu, request] : state_.registry) registry[nu] = request;
    for (const auto& [userId, f] : state_.files) files.push_back(fileToJson(f));
    for (const auto& [id, c] : state_.codes) codes.push_back(codeToJson(c));
    json added = json::array(), states = json::array(), applications = json::array();
    for (const auto& [id, o] : state_.addedOffers) added.push_back(addedOfferToJson(o));
    for (const auto& [id, s] : state_.offerStates) states.push_back(offerStateToJson(s));
    for (const auto& [id, a] : state_.applications) applications.push_back(applicationToJson(a));
    json out{{"version", 1},
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
    snapshotMyData(out);
    snapshotContact(out);
    snapshotAlerts(out);
    return out;
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
                // [at, expiresAt]; older snapshots hold `at` alone (the default LoginLimit then).
                std::vector<TimedRow> rows;
                const LoginLimit defaults;
                for (const json& t : *it) {
                    if (t.is_number_integer()) {
                        const int64_t at = t.get<int64_t>();
                        rows.push_back({at, at + defaults.windowSeconds + defaults.lockSeconds});
                    } else if (t.is_array() && t.size() == 2 && t[0].is_number_integer() && t[1].is_number_integer()) {
                        rows.push_back({t[0].get<int64_t>(), t[1].get<int64_t>()});
                    }
                }
                if (!rows.empty()) fresh.loginFailures[it.key()] = std::move(rows);
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
        restoreMyData(state, fresh);
        restoreContact(state, fresh);
        restoreAlerts(state, fresh);
    }
    state_ = std::move(fresh);
}

}  // namespace alin
