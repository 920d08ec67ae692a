// The replies every route file of the router builds (api_router.cpp and its
// api_router_<topic>.cpp), written once: a service error in the API's error
// shape, 400 / 404 / 405, a result, and the numeric id of a path segment.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "api/api_types.h"
#include "app/account_service.h"

namespace alin {

// {code, message, field?, errors?, rules?, retryAfterSeconds?, ...details}, the
// service's status; clearSession: the reply also ends the session cookie (a
// session that is no longer valid).
ApiResponse errorReply(const ServiceError& e, bool clearSession = false);
ApiResponse badRequestReply(const std::string& field = {});
ApiResponse notFoundReply();
ApiResponse methodNotAllowedReply(std::initializer_list<const char*> allowed);  // 405 with "allowed"
ApiResponse okReply(int status, Json body);
// The value with `status`, or the error.
ApiResponse resultReply(Result<Json>&& result, int status = 200);
// "42" -> 42; nullopt for anything but 1 to 18 digits, or 0.
std::optional<int64_t> positiveId(const std::string& segment);

}  // namespace alin
