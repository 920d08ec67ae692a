#include "api/api_router.h"

#include <algorithm>
#include <exception>
#include <string_view>
#include <vector>

#include "api/api_replies.h"
#include "api/api_router_alerts.h"
#include "api/api_router_contact.h"
#include "api/api_router_me.h"
#include "api/api_router_resources.h"
#include "domain/validation.h"
#include "i18n/catalog.h"
#include "storage/storage.h"

namespace alin {

namespace {

constexpr std::string_view kPrefix = "/api/v1";

// "/api/v1/links/abc/password" -> {"links", "abc", "password"}; nullopt when
// the path is outside /api/v1.
std::optional<std::vector<std::string>> splitApiPath(std::string_view path) {
    const size_t query = path.find('?');
    if (query != std::string_view::npos) path = path.substr(0, query);
    if (path.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
    path.remove_prefix(kPrefix.size());
    if (!path.empty() && path.front() != '/') return std::nullopt;  // "/api/v10"
    std::vector<std::string> segments;
    while (!path.empty()) {
        path.remove_prefix(1);  // the '/'
        const size_t slash = path.find('/');
        const std::string_view segment = path.substr(0, slash);
        if (!segment.empty()) segments.emplace_back(segment);
        if (slash == std::string_view::npos) break;
        path = path.substr(slash);
    }
    return segments;
}

ApiResponse message(int status, const std::string& text) {
    return okReply(status, {{"message", text}});
}

// Reads body fields without throwing: missing or null is "", another type is
// a bad request naming the field.
class BodyReader {
public:
    explicit BodyReader(const Json& body) : body_(body) {}
    std::string text(const char* name) {
        auto it = body_.find(name);
        if (it == body_.end() || it->is_null()) return {};
        if (it->is_string()) return it->get<std::string>();
        if (badField_.empty()) badField_ = name;
        return {};
    }
    bool flag(const char* name) {
        auto it = body_.find(name);
        if (it == body_.end() || it->is_null()) return false;
        if (it->is_boolean()) return it->get<bool>();
        if (badField_.empty()) badField_ = name;
        return false;
    }
    const std::string& badField() const { return badField_; }

private:
    const Json& body_;
    std::string badField_;
};

struct Context {
    AccountService& accounts;
    RequestFileService* requests;      // null: reference data not loaded (yet)
    OfferService* offers;              // same
    ApplicationService* applications;  // same
    MyDataService* myData;             // null: a router built without it
    ContactService* contact;           // same
    const ServiceConfig& config;
    OffsetClock* testClock;
    const ApiRequest& request;
    AlertService* alerts = nullptr;  // null: reference data not loaded (yet)
};

ApiResponse postAccount(Context& c) {
    BodyReader body(c.request.body);
    SignupInput in;
    in.birthName = body.text("birthName");
    in.firstName = body.text("firstName");
    in.phone = body.text("phone");
    in.email = body.text("email");
    in.consent = body.flag("consent");
    in.clientAddress = c.request.clientAddress;
    in.language = i18n::language();  // the request's (ApiRouter::handle): the new account's
    if (!body.badField().empty()) return badRequestReply(body.badField());
    auto result = c.accounts.signup(in);
    if (!result.ok()) return errorReply(*result.error);
    return message(202, trf("account.signup.accepted", {domain::normalizeEmail(in.email)}));
}

ApiResponse getLink(Context& c, const std::string& token) {
    auto info = c.accounts.describeLink(token);
    if (!info.ok()) return errorReply(*info.error);
    // The user name lets the client tick "not identical to the user name" live.
    // Whoever holds the link can already set the account's password, so the
    // address tells them nothing more; it is shown masked.
    return okReply(
        200, {{"purpose", info.value->purpose}, {"email", info.value->maskedEmail}, {"userName", info.value->email}});
}

ApiResponse postLinkPassword(Context& c, const std::string& token) {
    BodyReader body(c.request.body);
    const std::string password = body.text("password");
    const std::string confirmation = body.text("confirmation");
    if (!body.badField().empty()) return badRequestReply(body.badField());
    // The purpose decides the confirmation wording; setPassword re-checks the link.
    auto info = c.accounts.describeLink(token);
    if (!info.ok()) return errorReply(*info.error);
    auto result = c.accounts.setPassword(token, password, confirmation);
    if (!result.ok()) return errorReply(*result.error);
    return message(200,
                   tr(info.value->purpose == "reset" ? "account.password.reset_done" : "account.password.activated"));
}

ApiResponse postLinkRequest(Context& c) {
    BodyReader body(c.request.body);
    const std::string email = body.text("email");
    if (!body.badField().empty()) return badRequestReply(body.badField());
    auto result = c.accounts.requestLink(email, c.request.clientAddress);
    if (!result.ok()) return errorReply(*result.error);
    return message(202, trf("account.link_request.accepted", {domain::normalizeEmail(email)}));
}

ApiResponse postSession(Context& c) {
    BodyReader body(c.request.body);
    const std::string email = body.text("email");
    const std::string password = body.text("password");
    if (!body.badField().empty()) return badRequestReply(body.badField());
    auto session = c.accounts.login(email, password, c.request.clientAddress, c.request.userAgent);
    if (!session.ok()) return errorReply(*session.error);
    auto me = c.accounts.authenticate(session.value->token);
    if (!me.ok()) return errorReply(*me.error);
    ApiResponse r = okReply(200, {{"user", userJson(*me.value)}});
    r.setSessionToken = session.value->token;
    return r;
}

ApiResponse getSession(Context& c) {
    auto me = c.accounts.authenticate(c.request.sessionToken);
    if (!me.ok()) {
        ApiResponse r = errorReply(*me.error);
        r.clearSession = true;
        return r;
    }
    return okReply(200, {{"user", userJson(*me.value)}});
}

ApiResponse deleteSession(Context& c) {
    c.accounts.logout(c.request.sessionToken);
    ApiResponse r = message(200, tr("account.logout.done"));
    r.clearSession = true;
    return r;
}

ApiResponse getMailbox(Context& c) {
    auto to = c.request.query.find("to");
    if (to == c.request.query.end() || to->second.empty()) return badRequestReply("to");
    Json messages = Json::array();
    for (const MailRecord& m : c.accounts.mailbox(to->second)) {
        messages.push_back({{"id", m.id},
                            {"to", m.to},
                            {"subject", m.subject},
                            {"body", m.body},
                            {"links", m.links.is_array() ? m.links : Json::array()},
                            {"codes", m.codes.is_array() ? m.codes : Json::array()},
                            {"createdAt", m.createdAt},
                            // SMTP delivery (app/outbox_delivery.h): "none" when not configured.
                            {"delivery", m.delivery},
                            {"attempts", m.attempts},
                            {"sentAt", m.sentAt}});
    }
    return okReply(200, {{"messages", std::move(messages)}});
}

ApiResponse postClock(Context& c) {
    auto it = c.request.body.find("advanceSeconds");
    if (it == c.request.body.end() || !it->is_number_integer()) return badRequestReply("advanceSeconds");
    // Clamped: the test clock never leaves kTestClockMin..kTestClockMax, so the
    // civil-date conversions and time sums never overflow.
    int64_t seconds = INT64_MAX;
    if (!it->is_number_unsigned() || it->get<uint64_t>() <= static_cast<uint64_t>(INT64_MAX))
        seconds = it->get<int64_t>();
    c.testClock->advanceClamped(seconds);
    return okReply(200, {{"now", c.testClock->now()}});
}

// ---------------------------------------------------------------- request file (docs/request-file-api.md)

ApiResponse dataLoading() {
    return makeError(503, "unavailable", tr("request.error.data_loading"));
}

// The signed-in user's id (the session is refreshed), or the 401 to answer.
std::optional<ApiResponse> signedIn(Context& c, int64_t& userId) {
    auto me = c.accounts.authenticate(c.request.sessionToken);
    if (!me.ok()) {
        ApiResponse r = errorReply(*me.error);
        r.clearSession = true;
        return r;
    }
    userId = me.value->id;
    return std::nullopt;
}

ApiResponse fileResponse(const Result<Json>& result) {
    if (!result.ok()) return errorReply(*result.error);
    return okReply(200, {{"file", *result.value}});
}

ApiResponse refreshResponse(const Result<RefreshOutcome>& result) {
    if (!result.ok()) return errorReply(*result.error);
    return okReply(200, {{"file", result.value->file}, {"changed", result.value->changed}});
}

ApiResponse codeSentResponse(const Result<CodeSent>& result) {
    if (!result.ok()) return errorReply(*result.error);
    return okReply(202, {{"maskedEmail", result.value->maskedEmail}, {"expiresInHours", result.value->expiresInHours}});
}

// Routes under /request; `rest` is what follows "request" in the path.
ApiResponse routeRequestFile(Context& c, const std::vector<std::string>& rest) {
    const std::string& method = c.request.method;
    const Json& rawBody = c.request.body;
    const bool bodyIsObject = rawBody.is_object();
    const bool bodyOptional = rawBody.is_null() || bodyIsObject;  // actions without fields

    // Resolve the route first: unknown paths are 404 and wrong methods 405,
    // whatever the session.
    enum class Route {
        File,
        Import,
        ImportConfirm,
        Employer,
        Sharing,
        Documents,
        Resources,
        Validate,
        Refresh,
        RefreshCode,
        RefreshConfirm
    };
    enum class Verbs { Post, Put, GetDelete };
    Route route;
    Verbs verbs = Verbs::Post;
    if (rest.empty()) {
        route = Route::File;
        verbs = Verbs::GetDelete;
    } else if (rest.size() == 1 && rest[0] == "import") {
        route = Route::Import;
    } else if (rest.size() == 2 && rest[0] == "import" && rest[1] == "confirm") {
        route = Route::ImportConfirm;
    } else if (rest.size() == 1 && rest[0] == "employer") {
        route = Route::Employer;
        verbs = Verbs::Put;
    } else if (rest.size() == 1 && rest[0] == "sharing") {
        route = Route::Sharing;
        verbs = Verbs::Put;
    } else if (rest.size() == 1 && rest[0] == "documents") {
        route = Route::Documents;
        verbs = Verbs::Put;
    } else if (rest.size() == 1 && rest[0] == "resources") {
        route = Route::Resources;
        verbs = Verbs::Put;
    } else if (rest.size() == 1 && rest[0] == "validate") {
        route = Route::Validate;
    } else if (rest.size() == 1 && rest[0] == "refresh") {
        route = Route::Refresh;
    } else if (rest.size() == 2 && rest[0] == "refresh" && rest[1] == "code") {
        route = Route::RefreshCode;
    } else if (rest.size() == 2 && rest[0] == "refresh" && rest[1] == "confirm") {
        route = Route::RefreshConfirm;
    } else {
        return notFoundReply();
    }
    switch (verbs) {
        case Verbs::Post:
            if (method != "POST") return methodNotAllowedReply({"POST"});
            break;
        case Verbs::Put:
            if (method != "PUT") return methodNotAllowedReply({"PUT"});
            break;
        case Verbs::GetDelete:
            if (method != "GET" && method != "DELETE") return methodNotAllowedReply({"GET", "DELETE"});
            break;
    }

    int64_t userId = 0;
    if (auto denied = signedIn(c, userId)) return *denied;
    if (c.requests == nullptr) return dataLoading();
    RequestFileService& files = *c.requests;

    switch (route) {
        case Route::File:
            if (method == "GET") return fileResponse(files.file(userId));
            {
                // THE RULE OF ONE is per request: deleting it ends its active application.
                bool cancelled = false;
                ApplicationService* apps = c.applications;
                auto removed = files.remove(userId, [&] { cancelled = apps && apps->endForDeletedRequest(userId); });
                if (!removed.ok()) return errorReply(*removed.error);
                ApiResponse r =
                    message(200, tr(cancelled ? "request.deleted_application_cancelled" : "request.deleted"));
                r.body["applicationCancelled"] = cancelled;
                return r;
            }
        case Route::Import: {
            if (!bodyIsObject) return badRequestReply();
            BodyReader body(rawBody);
            const std::string nu = body.text("numeroUnique");
            if (!body.badField().empty()) return badRequestReply(body.badField());
            return codeSentResponse(files.startImport(userId, nu));
        }
        case Route::ImportConfirm: {
            if (!bodyIsObject) return badRequestReply();
            BodyReader body(rawBody);
            const std::string nu = body.text("numeroUnique");
            const std::string code = body.text("code");
            if (!body.badField().empty()) return badRequestReply(body.badField());
            return fileResponse(files.confirmImport(userId, nu, code));
        }
        case Route::Employer: {
            if (!bodyIsObject) return badRequestReply();
            BodyReader body(rawBody);
            EmployerInput in;
            in.employerName = body.text("employerName");
            in.companyCode = body.text("companyCode");
            in.matricule = body.text("matricule");
            in.hireDate = body.text("hireDate");
            in.cdii = body.text("cdii");
            in.attachTo = body.text("attachTo");
            if (!body.badField().empty()) return badRequestReply(body.badField());
            return fileResponse(files.saveEmployer(userId, in));
        }
        case Route::Sharing: {
            if (!bodyIsObject) return badRequestReply();
            // Anything but 1, 2 or 3 is refused by the service with its message.
            auto it = rawBody.find("choice");
            int choice = 0;
            if (it != rawBody.end() && it->is_number_integer()) {
                const int64_t v = it->get<int64_t>();
                choice = v >= 1 && v <= 3 ? static_cast<int>(v) : 0;
            }
            return fileResponse(files.setSharing(userId, choice));
        }
        case Route::Documents: {
            if (!bodyIsObject) return badRequestReply();
            BodyReader body(rawBody);
            DocumentTicks ticks;
            ticks.identite = body.flag("identite");
            ticks.ressources = body.flag("ressources");
            ticks.avisImposition = body.flag("avis_imposition");
            ticks.motif = body.flag("motif");
            if (!body.badField().empty()) return badRequestReply(body.badField());
            return fileResponse(files.setDocuments(userId, ticks));
        }
        case Route::Resources:  // api_router_resources.cpp
            return fileResponse(putResources(files, userId, rawBody));
        case Route::Validate:
            if (!bodyOptional) return badRequestReply();
            return fileResponse(files.validate(userId));
        case Route::Refresh:
            if (!bodyOptional) return badRequestReply();
            return refreshResponse(files.refresh(userId));
        case Route::RefreshCode:
            if (!bodyOptional) return badRequestReply();
            return codeSentResponse(files.sendRefreshCode(userId));
        case Route::RefreshConfirm: {
            if (!bodyIsObject) return badRequestReply();
            BodyReader body(rawBody);
            const std::string code = body.text("code");
            if (!body.badField().empty()) return badRequestReply(body.badField());
            return refreshResponse(files.confirmRefresh(userId, code));
        }
    }
    return notFoundReply();
}

int64_t queryInteger(const ApiRequest& request, const char* name, int64_t fallback) {
    auto it = request.query.find(name);
    if (it == request.query.end() || it->second.empty() || it->second.size() > 9) return fallback;
    int64_t v = 0;
    for (char ch : it->second) {
        if (ch < '0' || ch > '9') return fallback;
        v = v * 10 + (ch - '0');
    }
    return v;
}

// The registry stand-in (development, demo and test configurations only).
ApiResponse routeRegistry(Context& c, const std::vector<std::string>& s) {
    const std::string& method = c.request.method;
    if (s.size() == 2) {  // /registry/requests
        if (method != "GET" && method != "POST") return methodNotAllowedReply({"GET", "POST"});
        if (c.requests == nullptr) return dataLoading();
        if (method == "GET")
            return okReply(200, c.requests->listRegistryRequests(queryInteger(c.request, "offset", 0),
                                                                 queryInteger(c.request, "limit", 50)));
        auto loaded = c.requests->loadRegistryRequests(c.request.body);
        if (!loaded.ok()) return errorReply(*loaded.error);
        return okReply(200, *loaded.value);
    }
    // /registry/requests/{nu}
    if (method != "GET" && method != "PUT") return methodNotAllowedReply({"GET", "PUT"});
    if (c.requests == nullptr) return dataLoading();
    auto result =
        method == "GET" ? c.requests->registryRequest(s[2]) : c.requests->putRegistryRequest(s[2], c.request.body);
    if (!result.ok()) return errorReply(*result.error);
    return okReply(200, *result.value);
}

// The signed-in user (the session is refreshed), or the 401 to answer.
std::optional<ApiResponse> signedInMe(Context& c, Me& me) {
    auto result = c.accounts.authenticate(c.request.sessionToken);
    if (!result.ok()) {
        ApiResponse r = errorReply(*result.error);
        r.clearSession = true;
        return r;
    }
    me = std::move(*result.value);
    return std::nullopt;
}

template <class T>
ApiResponse resultResponse(Result<T>&& result, int status = 200) {
    if (!result.ok()) return errorReply(*result.error);
    return okReply(status, std::move(*result.value));  // a page of offers is not copied
}

// ---------------------------------------------------------------- offers (docs/offers-api.md)

// /offers and /offers/{id}.
ApiResponse routeOffers(Context& c, const std::vector<std::string>& s) {
    const std::string& method = c.request.method;
    std::optional<int64_t> id;
    if (s.size() == 1) {
        if (method != "GET" && method != "POST") return methodNotAllowedReply({"GET", "POST"});
        if (method == "POST" && !c.request.body.is_object()) return badRequestReply();
    } else if (s.size() == 2 && (id = positiveId(s[1]))) {
        if (method != "GET") return methodNotAllowedReply({"GET"});
    } else {
        return notFoundReply();
    }
    Me me;
    if (auto denied = signedInMe(c, me)) return *denied;
    if (c.offers == nullptr) return dataLoading();
    if (id) return resultResponse(c.offers->detail(me, *id));
    if (method == "GET") return resultResponse(c.offers->search(me, c.request.query));
    return resultResponse(c.offers->add(me, c.request.body), 201);
}

// ---------------------------------------------------------------- applications (docs/applications-api.md)

// /applications, /applications/ranking, /applications/read, /applications/{id}.
ApiResponse routeApplications(Context& c, const std::vector<std::string>& s) {
    const std::string& method = c.request.method;
    enum class Route { List, Ranking, Read, One } route;
    std::optional<int64_t> id;
    if (s.size() == 1) {
        route = Route::List;
        if (method != "GET" && method != "POST") return methodNotAllowedReply({"GET", "POST"});
        if (method == "POST" && !c.request.body.is_object()) return badRequestReply();
    } else if (s.size() == 2 && s[1] == "ranking") {
        route = Route::Ranking;
        if (method != "GET") return methodNotAllowedReply({"GET"});
    } else if (s.size() == 2 && s[1] == "read") {
        route = Route::Read;
        if (method != "POST") return methodNotAllowedReply({"POST"});
    } else if (s.size() == 2 && (id = positiveId(s[1]))) {
        route = Route::One;
        if (method != "DELETE") return methodNotAllowedReply({"DELETE"});
    } else {
        return notFoundReply();
    }
    Me me;
    if (auto denied = signedInMe(c, me)) return *denied;
    if (c.applications == nullptr) return dataLoading();
    ApplicationService& apps = *c.applications;
    switch (route) {
        case Route::List: {
            if (method == "GET") return resultResponse(apps.mine(me));
            auto offerId = c.request.body.find("offerId");
            if (offerId == c.request.body.end() || !offerId->is_number_integer() || offerId->get<int64_t>() <= 0)
                return makeError(422, "validation", tr("applications.error.offer_id"), "offerId");
            return resultResponse(apps.apply(me, offerId->get<int64_t>()), 201);
        }
        case Route::Ranking:
            return resultResponse(apps.ranking(me));
        case Route::Read:
            return resultResponse(apps.markRead(me));
        case Route::One:
            return resultResponse(apps.cancel(me, *id));
    }
    return notFoundReply();
}

// /staff/...: the advisor, landlord and employer routes. Each service call
// checks the role and the ownership.
ApiResponse routeStaff(Context& c, const std::vector<std::string>& s) {
    const std::string& method = c.request.method;
    const Json& rawBody = c.request.body;
    const bool bodyOptional = rawBody.is_null() || rawBody.is_object();
    enum class Route { Queue, Action, Candidates, Send, LandlordOffers, EmployerRequests } route;
    std::optional<int64_t> id;
    std::string action;
    bool post = false;
    if (s.size() == 2 && s[1] == "queue") {
        route = Route::Queue;
    } else if (s.size() == 4 && s[1] == "applications" && (id = positiveId(s[2])) &&
               (s[3] == "validate" || s[3] == "invalidate" || s[3] == "contact" || s[3] == "commission" ||
                s[3] == "decision" || s[3] == "document" || s[3] == "lease")) {
        route = Route::Action;
        action = s[3];
        post = true;
    } else if (s.size() == 4 && s[1] == "offers" && (id = positiveId(s[2])) && s[3] == "candidates") {
        route = Route::Candidates;
    } else if (s.size() == 4 && s[1] == "offers" && (id = positiveId(s[2])) && s[3] == "send") {
        route = Route::Send;
        post = true;
    } else if (s.size() == 3 && s[1] == "landlord" && s[2] == "offers") {
        route = Route::LandlordOffers;
    } else if (s.size() == 3 && s[1] == "employer" && s[2] == "requests") {
        route = Route::EmployerRequests;
    } else {
        return notFoundReply();
    }
    if (post && method != "POST") return methodNotAllowedReply({"POST"});
    if (!post && method != "GET") return methodNotAllowedReply({"GET"});
    if (post && !bodyOptional) return badRequestReply();

    Me me;
    if (auto denied = signedInMe(c, me)) return *denied;
    if (c.applications == nullptr) return dataLoading();
    // Staff only, checked before the body is read (each service call then
    // checks the exact role and the ownership).
    if (!domain::isStaff(me.role)) return errorReply(forbiddenError());
    ApplicationService& apps = *c.applications;
    static const Json kNoFields = Json::object();
    const Json& body = rawBody.is_object() ? rawBody : kNoFields;  // never a copy of the request body
    BodyReader reader(body);
    switch (route) {
        case Route::Queue:
            return resultResponse(apps.queue(me));
        case Route::Candidates:
            return resultResponse(apps.candidates(me, *id));
        case Route::LandlordOffers:
            return resultResponse(apps.landlordOffers(me));
        case Route::EmployerRequests:
            return resultResponse(apps.employerRequests(me));
        case Route::Send: {
            std::vector<int64_t> ids;
            auto list = body.find("applicationIds");
            bool valid = list != body.end() && list->is_array();
            if (valid)
                for (const Json& v : *list) {
                    if (!v.is_number_integer())
                        valid = false;
                    else
                        ids.push_back(v.get<int64_t>());
                }
            if (!valid) return makeError(422, "validation", tr("applications.error.send_count"), "applicationIds");
            return resultResponse(apps.send(me, *id, ids));
        }
        case Route::Action: {
            if (action == "validate") return resultResponse(apps.validate(me, *id));
            if (action == "commission") return resultResponse(apps.commission(me, *id));
            if (action == "document") return resultResponse(apps.provideDocument(me, *id));
            if (action == "lease") return resultResponse(apps.signLease(me, *id));
            if (action == "invalidate") {
                const std::string reason = reader.text("reason");
                if (!reader.badField().empty()) return badRequestReply(reader.badField());
                return resultResponse(apps.invalidate(me, *id, reason));
            }
            if (action == "contact") {
                const std::string note = reader.text("note");
                if (!reader.badField().empty()) return badRequestReply(reader.badField());
                return resultResponse(apps.contact(me, *id, note));
            }
            // decision
            const std::string decision = reader.text("decision");
            if (!reader.badField().empty()) return badRequestReply(reader.badField());
            int rank = 0;
            auto r = body.find("rank");
            if (r != body.end() && !r->is_null()) {
                if (!r->is_number_integer()) return badRequestReply("rank");
                rank = static_cast<int>(std::clamp<int64_t>(r->get<int64_t>(), -1, 100));
            }
            return resultResponse(apps.decide(me, *id, decision, rank));
        }
    }
    return notFoundReply();
}

ApiResponse route(Context& c) {
    const auto segments = splitApiPath(c.request.path);
    if (!segments) return notFoundReply();
    const std::vector<std::string>& s = *segments;
    const std::string& method = c.request.method;
    const bool isGet = method == "GET", isPost = method == "POST", isDelete = method == "DELETE";
    const bool bodyIsObject = c.request.body.is_object();

    if (s.size() == 1 && s[0] == "health") {
        if (!isGet) return methodNotAllowedReply({"GET"});
        return okReply(200, {{"status", "ok"}, {"environment", c.config.environment}});
    }
    if (s.size() == 1 && s[0] == "accounts") {
        if (!isPost) return methodNotAllowedReply({"POST"});
        if (!bodyIsObject) return badRequestReply();
        return postAccount(c);
    }
    if (s.size() == 2 && s[0] == "links" && s[1] == "request") {
        if (!isPost) return methodNotAllowedReply({"POST"});
        if (!bodyIsObject) return badRequestReply();
        return postLinkRequest(c);
    }
    if (s.size() == 2 && s[0] == "links") {
        if (!isGet) return methodNotAllowedReply({"GET"});
        return getLink(c, s[1]);
    }
    if (s.size() == 3 && s[0] == "links" && s[2] == "password") {
        if (!isPost) return methodNotAllowedReply({"POST"});
        if (!bodyIsObject) return badRequestReply();
        return postLinkPassword(c, s[1]);
    }
    if (s.size() == 1 && s[0] == "session") {
        if (isGet) return getSession(c);
        if (isDelete) return deleteSession(c);
        if (isPost) {
            if (!bodyIsObject) return badRequestReply();
            return postSession(c);
        }
        return methodNotAllowedReply({"GET", "POST", "DELETE"});
    }
    if (s.size() == 1 && s[0] == "departments") {
        if (!isGet) return methodNotAllowedReply({"GET"});
        if (c.requests == nullptr) return dataLoading();
        return okReply(200, c.requests->departments());
    }
    if (!s.empty() && s[0] == "request") {
        return routeRequestFile(c, std::vector<std::string>(s.begin() + 1, s.end()));
    }
    if (!s.empty() && s[0] == "offers") return routeOffers(c, s);
    if (!s.empty() && s[0] == "applications") return routeApplications(c, s);
    if (!s.empty() && s[0] == "staff") return routeStaff(c, s);
    if (!s.empty() && s[0] == "me") return routeMe(c.accounts, c.myData, c.applications, c.request, s);
    if (!s.empty() && s[0] == "contact") return routeContact(c.accounts, c.contact, c.request, s);
    if (!s.empty() && s[0] == "alerts") return routeAlerts(c.accounts, c.alerts, c.request, s);
    if ((s.size() == 2 || s.size() == 3) && s[0] == "registry" && s[1] == "requests") {
        if (!c.config.registryAdmin) return notFoundReply();  // does not exist in production
        return routeRegistry(c, s);
    }
    if (s.size() == 2 && s[0] == "dev" && s[1] == "mailbox") {
        if (!c.config.devMailbox) return notFoundReply();  // does not exist in production
        if (!isGet) return methodNotAllowedReply({"GET"});
        return getMailbox(c);
    }
    if (s.size() == 2 && s[0] == "dev" && s[1] == "demo-accounts") {
        // Not behind login: it is how a fresh demo or test database gets its accounts.
        if (!c.config.demoAccounts) return notFoundReply();  // does not exist in production
        if (!isPost) return methodNotAllowedReply({"POST"});
        Json seeded = c.accounts.seedDemoAccounts();
        seeded["message"] = tr("demo.accounts.ready");
        return okReply(200, std::move(seeded));
    }
    if (s.size() == 2 && s[0] == "dev" && s[1] == "stats") {
        // Test configuration only: the abuse tests count the Argon2id work under a burst.
        if (!c.config.testClock || c.testClock == nullptr) return notFoundReply();
        if (!isGet) return methodNotAllowedReply({"GET"});
        const PasswordWorkCounts work = c.accounts.passwordWork();
        return okReply(200, {{"passwordVerifications", work.verifications}, {"passwordHashes", work.hashes}});
    }
    if (s.size() == 2 && s[0] == "dev" && s[1] == "clock") {
        if (!c.config.testClock || c.testClock == nullptr) return notFoundReply();
        if (!isPost) return methodNotAllowedReply({"POST"});
        if (!bodyIsObject) return badRequestReply();
        return postClock(c);
    }
    return notFoundReply();
}

}  // namespace

ApiRouter::ApiRouter(const Services& services, const ServiceConfig& config, OffsetClock* testClock)
    : accounts_(services.accounts),
      requests_(services.requests),
      offers_(services.offers),
      applications_(services.applications),
      alerts_(services.alerts),
      myData_(services.myData),
      contact_(services.contact),
      config_(config),
      testClock_(testClock) {}

ApiRouter::ApiRouter(AccountService& accounts, const ServiceConfig& config, OffsetClock* testClock)
    : ApiRouter(Services{accounts}, config, testClock) {}

ApiResponse ApiRouter::handle(const ApiRequest& request) {
    // Every message of the reply in the language of the request (its page's),
    // French by default; the worker's language is restored afterwards.
    const i18n::LanguageScope language(i18n::parseLanguage(request.acceptLanguage, i18n::Lang::Fr));
    try {
        Context context{accounts_, requests_.load(), offers_.load(), applications_.load(), myData_, contact_,
                        config_,   testClock_,       request,        alerts_.load()};
        return route(context);
    } catch (const StorageUnavailable&) {
        // The database is away (restart, failover): retryable, said so.
        return makeError(503, "database_unavailable", tr("error.database_unavailable"));
    } catch (...) {
        // Never leak an exception (or its text) to the transport.
        try {
            return makeError(500, "internal", tr("error.internal"));
        } catch (...) {
            ApiResponse r;
            r.status = 500;
            return r;
        }
    }
}

}  // namespace alin
