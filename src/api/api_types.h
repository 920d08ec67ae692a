// Transport-neutral request/response used by both the HTTP server and the
// in-browser offline mode: the same router answers both.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace alin {

using Json = nlohmann::json;

struct ApiRequest {
    std::string method;                        // "GET", "POST", ...
    std::string path;                          // "/api/v1/..." without query string
    std::map<std::string, std::string> query;  // decoded query parameters
    Json body;                                 // parsed JSON body (null when none)
    std::string sessionToken;                  // raw token from the cookie, empty if none
    std::string clientAddress;                 // for throttling ("local" in demo mode)
};

struct ApiResponse {
    int status = 200;
    Json body = Json::object();
    // Session cookie instructions for the transport.
    std::optional<std::string> setSessionToken;  // set/refresh the session cookie
    bool clearSession = false;                   // delete the session cookie
};

// Error body shape shared by every endpoint: { code, message (French), field? }.
ApiResponse makeError(int status, const std::string& code, const std::string& message, const std::string& field = {});

}  // namespace alin
