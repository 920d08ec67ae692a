#include "api/api_router_alerts.h"

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
    r.clearSession = clearSession;
    return r;
}

ApiResponse methodNotAllowed(std::vector<std::string> allowed) {
    ApiResponse r = makeError(405, "method_not_allowed", tr("api.method_not_allowed"));
    r.body["allowed"] = std::move(allowed);
    return r;
}

ApiResponse reply(const Result<Json>& result, int status = 200) {
    if (!result.ok()) return errorResponse(*result.error);
    ApiResponse r;
    r.status = status;
    r.body = *result.value;
    return r;
}

std::optional<int64_t> idOf(const std::string& segment) {
    if (segment.empty() || segment.size() > 18) return std::nullopt;
    int64_t id = 0;
    for (char ch : segment) {
        if (ch < '0' || ch > '9') return std::nullopt;
        id = id * 10 + (ch - '0');
    }
    return id;
}

}  // namespace

ApiResponse routeAlerts(AccountService& accounts, AlertService* alerts, const ApiRequest& request,
                        const std::vector<std::string>& s) {
    const std::string& method = request.method;
    if (alerts == nullptr) return makeError(503, "unavailable", tr("request.error.data_loading"));

    // Without a session: the signed link of the e-mails.
    if (s.size() == 2 && s[1] == "unsubscribe") {
        auto it = request.query.find("token");
        const std::string token = it == request.query.end() ? std::string() : it->second;
        if (method == "GET") return reply(alerts->unsubscribeInfo(token));
        if (method == "POST") return reply(alerts->unsubscribe(token));
        return methodNotAllowed({"GET", "POST"});
    }

    auto me = accounts.authenticate(request.sessionToken);
    if (!me.ok()) return errorResponse(*me.error, true);
    if (s.size() == 1) {
        if (method == "GET") return reply(alerts->list(*me.value));
        if (method == "POST") return reply(alerts->create(*me.value, request.body), 201);
        return methodNotAllowed({"GET", "POST"});
    }
    if (s.size() == 2 && s[1] == "news") {
        if (method != "GET") return methodNotAllowed({"GET"});
        return reply(alerts->news(*me.value));
    }
    if (s.size() == 3 && s[1] == "news" && s[2] == "seen") {
        if (method != "POST") return methodNotAllowed({"POST"});
        return reply(alerts->markSeen(*me.value));
    }
    if (s.size() == 2) {
        const std::optional<int64_t> id = idOf(s[1]);
        if (!id) return makeError(404, "alert_unknown", tr("alerts.error.unknown"));
        if (method == "PATCH") return reply(alerts->update(*me.value, *id, request.body));
        if (method == "DELETE") return reply(alerts->remove(*me.value, *id));
        return methodNotAllowed({"PATCH", "DELETE"});
    }
    return makeError(404, "not_found", tr("error.not_found"));
}

}  // namespace alin
