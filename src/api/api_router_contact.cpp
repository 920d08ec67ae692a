#include "api/api_router_contact.h"

#include "api/api_replies.h"
#include "i18n/catalog.h"

namespace alin {

namespace {

// A text member of the body: missing or null is "", another type is nullopt (400).
std::optional<std::string> textMember(const Json& body, const char* name) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) return std::string();
    if (!it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

ApiResponse postMessage(ContactService& contact, const Me& me, const Json& body) {
    if (!body.is_object()) return badRequestReply();
    ContactInput in;
    const auto subject = textMember(body, "subject");
    if (!subject) return badRequestReply("subject");
    const auto message = textMember(body, "message");
    if (!message) return badRequestReply("message");
    in.subject = *subject;
    in.message = *message;
    auto application = body.find("applicationId");
    if (application != body.end() && !application->is_null()) {
        if (!application->is_number_integer()) return badRequestReply("applicationId");
        in.applicationId = application->get<int64_t>();
        if (in.applicationId < 0) return badRequestReply("applicationId");
    }
    return resultReply(contact.send(me, in), 201);
}

}  // namespace

ApiResponse routeContact(AccountService& accounts, ContactService* contact, const ApiRequest& request,
                         const std::vector<std::string>& s) {
    enum class Route { Messages, Inbox, Answer, Close } route;
    std::optional<int64_t> id;
    if (s.size() == 2 && s[1] == "messages") {
        route = Route::Messages;
        if (request.method != "GET" && request.method != "POST") return methodNotAllowedReply({"GET", "POST"});
    } else if (s.size() == 2 && s[1] == "inbox") {
        route = Route::Inbox;
        if (request.method != "GET") return methodNotAllowedReply({"GET"});
    } else if (s.size() == 4 && s[1] == "inbox" && (s[3] == "answer" || s[3] == "close")) {
        route = s[3] == "answer" ? Route::Answer : Route::Close;
        id = positiveId(s[2]);
        if (!id) return notFoundReply();
        if (request.method != "POST") return methodNotAllowedReply({"POST"});
    } else {
        return notFoundReply();
    }
    if (contact == nullptr) return makeError(503, "unavailable", tr("request.error.data_loading"));

    auto me = accounts.authenticate(request.sessionToken);
    if (!me.ok()) return errorReply(*me.error, true);
    switch (route) {
        case Route::Messages:
            if (request.method == "GET") return resultReply(contact->mine(*me.value));
            return postMessage(*contact, *me.value, request.body);
        case Route::Inbox:
            return resultReply(contact->inbox(*me.value));
        case Route::Answer: {
            if (!request.body.is_object()) return badRequestReply();
            const auto text = textMember(request.body, "answer");
            if (!text) return badRequestReply("answer");
            return resultReply(contact->answer(*me.value, *id, *text));
        }
        case Route::Close:
            return resultReply(contact->close(*me.value, *id));
    }
    return notFoundReply();
}

}  // namespace alin
