#include "api/api_replies.h"

#include <utility>

#include "i18n/catalog.h"

namespace alin {

ApiResponse errorReply(const ServiceError& e, bool clearSession) {
    ApiResponse r = makeError(e.status, e.code, e.message, e.field);
    if (!e.errors.empty()) {
        Json list = Json::array();
        for (const FieldError& f : e.errors)
            list.push_back({{"field", f.field}, {"code", f.code}, {"message", f.message}});
        r.body["errors"] = std::move(list);
    }
    if (!e.rules.empty()) r.body["rules"] = e.rules;
    if (e.retryAfterSeconds > 0) r.body["retryAfterSeconds"] = e.retryAfterSeconds;
    if (e.details.is_object())
        for (auto it = e.details.begin(); it != e.details.end(); ++it) r.body[it.key()] = *it;
    r.clearSession = clearSession;
    return r;
}

ApiResponse badRequestReply(const std::string& field) {
    return makeError(400, "bad_request", tr("error.bad_request"), field);
}

ApiResponse notFoundReply() {
    return makeError(404, "not_found", tr("error.not_found"));
}

ApiResponse methodNotAllowedReply(std::initializer_list<const char*> allowed) {
    ApiResponse r = makeError(405, "method_not_allowed", tr("api.method_not_allowed"));
    r.body["allowed"] = Json::array();
    for (const char* m : allowed) r.body["allowed"].push_back(m);
    return r;
}

ApiResponse okReply(int status, Json body) {
    ApiResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

ApiResponse resultReply(Result<Json>&& result, int status) {
    if (!result.ok()) return errorReply(*result.error);
    return okReply(status, std::move(*result.value));
}

std::optional<int64_t> positiveId(const std::string& segment) {
    if (segment.empty() || segment.size() > 18) return std::nullopt;
    int64_t v = 0;
    for (char ch : segment) {
        if (ch < '0' || ch > '9') return std::nullopt;
        v = v * 10 + (ch - '0');
    }
    if (v <= 0) return std::nullopt;
    return v;
}

}  // namespace alin
