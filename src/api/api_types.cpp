#include "api/api_types.h"

#include "i18n/catalog.h"

namespace alin {

ApiResponse makeError(int status, const std::string& code, const std::string& message, const std::string& field) {
    ApiResponse response;
    response.status = status;
    response.body = Json::object();
    response.body["code"] = code;
    response.body["message"] = message;
    if (!field.empty()) response.body["field"] = field;
    return response;
}

ParsedBody parseBody(std::string_view text) {
    ParsedBody out;
    if (text.empty()) return out;
    bool tooDeep = false;
    // `depth` is the number of enclosing arrays/objects. Returning false
    // discards the value being started: nlohmann then builds nothing below it,
    // and the (iterative) parse runs on to the end of the text cheaply.
    auto limit = [&tooDeep](int depth, Json::parse_event_t event, Json&) {
        if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) &&
            depth >= kMaxJsonDepth) {
            tooDeep = true;
            return false;
        }
        return !tooDeep;
    };
    Json parsed = Json::parse(text.begin(), text.end(), limit, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) {
        out.error = makeError(
            400, tooDeep ? "too_deep" : "bad_request",
            tooDeep ? trf("api.body.too_deep", {std::to_string(kMaxJsonDepth)}) : tr("api.body.invalid_json"));
        return out;
    }
    if (tooDeep) {
        out.error = makeError(400, "too_deep", trf("api.body.too_deep", {std::to_string(kMaxJsonDepth)}));
        return out;
    }
    out.body = std::move(parsed);
    return out;
}

}  // namespace alin
