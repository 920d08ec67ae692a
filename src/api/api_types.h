// Transport-neutral request/response used by both the HTTP server and the
// in-browser offline mode: the same router answers both.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace alin {

using Json = nlohmann::json;

struct ApiRequest {
    std::string method;                        // "GET", "POST", ...
    std::string path;                          // "/api/v1/..." without query string
    std::map<std::string, std::string> query;  // decoded query parameters
    Json body;                                 // parsed JSON body (null when none)
    std::string sessionToken;                  // raw token from the cookie, empty if none
    std::string clientAddress;                 // for throttling ("local" in demo mode)
    std::string userAgent;                     // the device of a log-in ("Mes données"), at most 256 bytes
    // The Accept-Language header ("en", "en-GB,en;q=0.9", ...; empty: French):
    // the language of every message of the reply (ApiRouter::handle).
    std::string acceptLanguage;
};

struct ApiResponse {
    int status = 200;
    Json body = Json::object();
    // Session cookie instructions for the transport.
    std::optional<std::string> setSessionToken;  // set/refresh the session cookie
    bool clearSession = false;                   // delete the session cookie
};

// Error body shape shared by every endpoint: { code, message (in the request's language), field? }.
ApiResponse makeError(int status, const std::string& code, const std::string& message, const std::string& field = {});

// Deepest nesting of arrays and objects accepted in a request body. No request
// of the API needs more than a few levels; a deeper body is refused while it is
// parsed, so no deep value is ever built (copying or destroying one recurses).
inline constexpr int kMaxJsonDepth = 64;

// A request body parsed, or the 400 error to answer instead.
struct ParsedBody {
    Json body;                         // null for an empty text
    std::optional<ApiResponse> error;  // invalid JSON (bad_request) or too deep (too_deep)
};

// THE parser of request bodies: the HTTP server and the offline demo both use
// it, so both refuse the same bodies.
ParsedBody parseBody(std::string_view text);

}  // namespace alin
