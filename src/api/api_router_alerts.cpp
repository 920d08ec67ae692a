#include "api/api_router_alerts.h"

#include "api/api_replies.h"
#include "i18n/catalog.h"

namespace alin {

ApiResponse routeAlerts(AccountService& accounts, AlertService* alerts, const ApiRequest& request,
                        const std::vector<std::string>& s) {
    const std::string& method = request.method;
    if (alerts == nullptr) return makeError(503, "unavailable", tr("request.error.data_loading"));

    // Without a session: the signed link of the e-mails.
    if (s.size() == 2 && s[1] == "unsubscribe") {
        auto it = request.query.find("token");
        const std::string token = it == request.query.end() ? std::string() : it->second;
        if (method == "GET") return resultReply(alerts->unsubscribeInfo(token));
        if (method == "POST") return resultReply(alerts->unsubscribe(token));
        return methodNotAllowedReply({"GET", "POST"});
    }

    auto me = accounts.authenticate(request.sessionToken);
    if (!me.ok()) return errorReply(*me.error, true);
    if (s.size() == 1) {
        if (method == "GET") return resultReply(alerts->list(*me.value));
        if (method == "POST") return resultReply(alerts->create(*me.value, request.body), 201);
        return methodNotAllowedReply({"GET", "POST"});
    }
    if (s.size() == 2 && s[1] == "news") {
        if (method != "GET") return methodNotAllowedReply({"GET"});
        return resultReply(alerts->news(*me.value));
    }
    if (s.size() == 3 && s[1] == "news" && s[2] == "seen") {
        if (method != "POST") return methodNotAllowedReply({"POST"});
        return resultReply(alerts->markSeen(*me.value));
    }
    if (s.size() == 2) {
        const std::optional<int64_t> id = positiveId(s[1]);
        if (!id) return makeError(404, "alert_unknown", tr("alerts.error.unknown"));
        if (method == "PATCH") return resultReply(alerts->update(*me.value, *id, request.body));
        if (method == "DELETE") return resultReply(alerts->remove(*me.value, *id));
        return methodNotAllowedReply({"PATCH", "DELETE"});
    }
    return notFoundReply();
}

}  // namespace alin
