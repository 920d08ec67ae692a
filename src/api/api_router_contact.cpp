#include "api/api_router_contact.h"

#include "i18n/catalog.h"

namespace alin {

namespace {

ApiResponse errorResponse(const ServiceError& e, bool clearSession = false) {
    ApiResponse r = makeError(e.status, e.code, e.message, e.field);
    if (!e.errors.empty()) {
        Json list = Json::array();
        for (const FieldError& f : e.errors)
            list.push_back({{"field", f.field}, {"code", f.code}, {"message", f.message}});
        r.body["errors"] = std::move(list);
    }
    if (e.retryAfterSeconds > 0) r.body["retryAfterSeconds"] = e.retryAfterSeconds;
    r.clearSession = clearSession;
    return r;
}

ApiResponse methodNotAllowed(std::initializer_list<const char*> allowed) {
    ApiResponse r = makeError(405, "method_not_allowed", tr("api.method_not_allowed"));
    r.body["allowed"] = Json::array();
    for (const char* m : allowed) r.body["allowed"].push_back(m);
    return r;
}

ApiResponse badRequest(const std::string& field = {}) {
    return makeError(400, "bad_request", tr("error.bad_request"), field);
}

ApiResponse reply(Result<Json>&& result, int status = 200) {
    if (!result.ok()) return errorResponse(*result.error);
    ApiResponse r;
    r.status = status;
    r.body = std::move(*result.value);
    return r;
}

// "12" -> 12; nullopt for anything but 1 to 18 digits (not 0).
std::optional<int64_t> pathId(const std::string& segment) {
    if (segment.empty() || segment.size() > 18) return std::nullopt;
    int64_t v = 0;
    for (char ch : segment) {
        if (ch < '0' || ch > '9') return std::nullopt;
        v = v * 10 + (ch - '0');
    }
    if (v <= 0) return std::nullopt;
    return v;
}

// A text member of the body: missing or null is "", another type is nullopt (400).
std::optional<std::string> textMember(const Json& body, const char* name) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) return std::string();
    if (!it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

ApiResponse postMessage(ContactService& contact, const Me& me, const Json& body) {
    if (!body.is_object()) return badRequest();
    ContactInput in;
    const auto subject = textMember(body, "subject");
    if (!subject) return badRequest("subject");
    const auto message = textMember(body, "message");
    if (!message) return badRequest("message");
    in.subject = *subject;
    in.message = *message;
    auto application = body.find("applicationId");
    if (application != body.end() && !application->is_null()) {
        if (!application->is_number_integer()) return badRequest("applicationId");
        in.applicationId = application->get<int64_t>();
        if (in.applicationId < 0) return badRequest("applicationId");
    }
    return reply(contact.send(me, in), 201);
}

}  // namespace

ApiResponse routeContact(AccountService& accounts, ContactService* contact, const ApiRequest& request,
                         const std::vector<std::string>& s) {
    enum class Route { Messages, Inbox, Answer, Close } route;
    std::optional<int64_t> id;
    if (s.size() == 2 && s[1] == "messages") {
        route = Route::Messages;
        if (request.method != "GET" && request.method != "POST") return methodNotAllowed({"GET", "POST"});
    } else if (s.size() == 2 && s[1] == "inbox") {
        route = Route::Inbox;
        if (request.method != "GET") return methodNotAllowed({"GET"});
    } else if (s.size() == 4 && s[1] == "inbox" && (s[3] == "answer" || s[3] == "close")) {
        route = s[3] == "answer" ? Route::Answer : Route::Close;
        id = pathId(s[2]);
        if (!id) return makeError(404, "not_found", tr("error.not_found"));
        if (request.method != "POST") return methodNotAllowed({"POST"});
    } else {
        return makeError(404, "not_found", tr("error.not_found"));
    }
    if (contact == nullptr) return makeError(503, "unavailable", tr("request.error.data_loading"));

    auto me = accounts.authenticate(request.sessionToken);
    if (!me.ok()) return errorResponse(*me.error, true);
    switch (route) {
        case Route::Messages:
            if (request.method == "GET") return reply(contact->mine(*me.value));
            return postMessage(*contact, *me.value, request.body);
        case Route::Inbox:
            return reply(contact->inbox(*me.value));
        case Route::Answer: {
            if (!request.body.is_object()) return badRequest();
            const auto text = textMember(request.body, "answer");
            if (!text) return badRequest("answer");
            return reply(contact->answer(*me.value, *id, *text));
        }
        case Route::Close:
            return reply(contact->close(*me.value, *id));
    }
    return makeError(404, "not_found", tr("error.not_found"));
}

}  // namespace alin
