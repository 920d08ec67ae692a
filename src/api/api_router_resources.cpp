#include "api/api_router_resources.h"

#include "app/request_resources.h"
#include "i18n/catalog.h"

namespace alin {

namespace {

ServiceError badRequest(const std::string& field) {
    ServiceError e;
    e.status = 400;
    e.code = "bad_request";
    e.message = tr("error.bad_request");
    e.field = field;
    return e;
}

// A member as given: absent or null -> null; string or number -> itself; else nullopt.
std::optional<Json> amountMember(const Json& body, const char* name) {
    const auto it = body.find(name);
    if (it == body.end() || it->is_null()) return Json(nullptr);
    if (it->is_string() || it->is_number()) return *it;
    return std::nullopt;
}

}  // namespace

Result<Json> putResources(RequestFileService& files, int64_t userId, const Json& body) {
    if (!body.is_object()) return Result<Json>::failure(badRequest({}));
    ResourcesInput in;
    for (const char* name : {"monthlyResources", "housingAid"}) {
        std::optional<Json> v = amountMember(body, name);
        if (!v) return Result<Json>::failure(badRequest(name));
        (std::string_view(name) == "housingAid" ? in.housingAid : in.monthlyResources) = std::move(*v);
    }
    return files.setResources(userId, in);
}

}  // namespace alin
