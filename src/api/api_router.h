// Maps /api/v1 requests to the use cases. Shared by the HTTP server
// (server-stub) and the in-browser offline mode, so both speak the same API.
#pragma once
#include <atomic>
#include <memory>

#include "api/api_types.h"
#include "app/account_service.h"
#include "app/alert_service.h"
#include "app/application_service.h"
#include "app/contact_service.h"
#include "app/my_data_service.h"
#include "app/offer_service.h"
#include "app/request_file_service.h"

namespace alin {

// The use cases the router dispatches to. Accounts are always there; the
// others need reference data (geography, ceilings, ...) and may be absent for a
// while (the browser demo fetches that data after start-up): their routes then
// answer 503 "unavailable".
struct Services {
    AccountService& accounts;
    RequestFileService* requests = nullptr;      // docs/request-file-api.md
    OfferService* offers = nullptr;              // docs/offers-api.md
    ApplicationService* applications = nullptr;  // docs/applications-api.md
    MyDataService* myData = nullptr;             // /me: "Mes données" (api_router_me.h)
    ContactService* contact = nullptr;           // /contact: the contact form, the inbox (api_router_contact.h)
    AlertService* alerts = nullptr;              // /alerts: "Mes alertes" (api_router_alerts.h)
};

class ApiRouter {
public:
    ApiRouter(const Services& services, const ServiceConfig& config, OffsetClock* testClock = nullptr);
    // Accounts only, until setRequestFiles().
    ApiRouter(AccountService& accounts, const ServiceConfig& config, OffsetClock* testClock = nullptr);

    // Plugs (or unplugs, with nullptr) the request-file service, e.g. once the
    // demo's data is loaded. Safe while other threads call handle(); the
    // service must outlive its use by the router.
    void setRequestFiles(RequestFileService* requests) { requests_.store(requests); }
    void setOffers(OfferService* offers) { offers_.store(offers); }
    void setApplications(ApplicationService* applications) { applications_.store(applications); }
    void setAlerts(AlertService* alerts) { alerts_.store(alerts); }

    ApiResponse handle(const ApiRequest& request);

private:
    AccountService& accounts_;
    std::atomic<RequestFileService*> requests_{nullptr};
    std::atomic<OfferService*> offers_{nullptr};
    std::atomic<ApplicationService*> applications_{nullptr};
    std::atomic<AlertService*> alerts_{nullptr};
    MyDataService* myData_ = nullptr;
    ContactService* contact_ = nullptr;
    const ServiceConfig& config_;
    OffsetClock* testClock_;
};

}  // namespace alin
