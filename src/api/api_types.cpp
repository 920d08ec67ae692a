#include "api/api_types.h"

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

}  // namespace alin
