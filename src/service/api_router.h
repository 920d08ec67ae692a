// Maps /api/v1 requests to the use cases. Shared by the HTTP server
// (server-stub) and the in-browser offline mode, so both speak the same API.
#pragma once
#include <memory>

#include "service/account_service.h"
#include "service/api_types.h"

namespace alin {

class ApiRouter {
public:
    ApiRouter(AccountService& accounts, const ServiceConfig& config, OffsetClock* testClock = nullptr);
    ApiResponse handle(const ApiRequest& request);

private:
    AccountService& accounts_;
    const ServiceConfig& config_;
    OffsetClock* testClock_;
};

}  // namespace alin
