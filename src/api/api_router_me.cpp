#include "api/api_router_me.h"

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

ApiResponse methodNotAllowed(const char* allowed) {
    ApiResponse r = makeError(405, "method_not_allowed", tr("api.method_not_allowed"));
    r.body["allowed"] = Json::array({allowed});
    return r;
}

}  // namespace

ApiResponse routeMe(AccountService& accounts, MyDataService* myData, ApplicationService* applications,
                    const ApiRequest& request, const std::vector<std::string>& s) {
    const bool isData = s.size() == 2 && s[1] == "data";
    const bool isDelete = s.size() == 2 && s[1] == "delete";
    if (!isData && !isDelete) return makeError(404, "not_found", tr("error.not_found"));
    if (isData && request.method != "GET") return methodNotAllowed("GET");
    if (isDelete && request.method != "POST") return methodNotAllowed("POST");
    if (myData == nullptr) return makeError(503, "unavailable", tr("request.error.data_loading"));

    auto me = accounts.authenticate(request.sessionToken);
    if (!me.ok()) return errorResponse(*me.error, true);
    if (isData) {
        ApiResponse r;
        r.body = {{"data", myData->exportData(*me.value)}};
        return r;
    }
    if (!request.body.is_object()) return makeError(400, "bad_request", tr("error.bad_request"));
    auto password = request.body.find("password");
    if (password != request.body.end() && !password->is_string() && !password->is_null())
        return makeError(400, "bad_request", tr("error.bad_request"), "password");
    const std::string text =
        password != request.body.end() && password->is_string() ? password->get<std::string>() : "";
    auto outcome = myData->deleteAccount(*me.value, text, request.clientAddress, applications);
    if (!outcome.ok()) return errorResponse(*outcome.error);
    ApiResponse r;
    r.body = {
        {"message", tr(outcome.value->applicationCancelled ? "mydata.delete.done_cancelled" : "mydata.delete.done")},
        {"applicationCancelled", outcome.value->applicationCancelled},
        {"applicationsArchived", outcome.value->applicationsArchived}};
    r.clearSession = true;
    return r;
}

}  // namespace alin
