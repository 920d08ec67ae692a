// THE composition root of the use cases, used by the server
// (server-stub/http_server.cpp) and by the offline demo in the browser
// (src/client/api_client_local.cpp): the same services, built in the same
// order, from a ServiceConfig (ServiceConfig::forEnvironment), a storage, a
// mail transport, a clock and a password hasher owned by the caller.
//
// Order: accounts first (the login screen needs nothing else); then, once the
// reference data is there (at once on the server, after the demo's fetches in
// the browser), attachData(): the stand-in registry seeded on first start, the
// offer catalogue, applications, the demo accounts (after the registry: Anne
// PORTE's request comes from it), the request files.
#pragma once
#include <memory>

#include "api/api_router.h"
#include "app/account_service.h"
#include "app/alert_service.h"
#include "app/application_service.h"
#include "app/config.h"
#include "app/contact_service.h"
#include "app/my_data_service.h"
#include "app/offer_service.h"
#include "app/request_file_service.h"
#include "app/retention_service.h"
#include "reference/service_data.h"

namespace alin {

class AppServices {
public:
    // Everything given must outlive the services; `config` is read live (the
    // server fixes publicBaseUrl once its port is known).
    static std::unique_ptr<AppServices> build(const ServiceConfig& config, Storage& storage, MailTransport& mail,
                                              Clock& clock, PasswordHasher& hasher);

    // Plugs the services that need the reference data. `seedDemoAccounts`
    // creates the ready accounts (refused in production whatever is asked).
    void attachData(ServiceData data, bool seedDemoAccounts);
    bool hasData() const { return requests_ != nullptr; }

    AccountService& accounts() { return *accounts_; }
    RequestFileService* requests() { return requests_.get(); }
    OfferService* offers() { return offers_.get(); }
    ApplicationService* applications() { return applications_.get(); }
    AlertService* alerts() { return alerts_.get(); }
    // The router's view (null services answer 503 "unavailable").
    MyDataService& myData() { return *myData_; }
    ContactService& contact() { return *contact_; }
    // The retention job (run by the server on an interval).
    RetentionService& retention() { return *retention_; }
    Services routes() {
        return Services{*accounts_, requests(), offers(), applications(), myData_.get(), contact_.get(), alerts()};
    }
    // Plugs the data services into a router built before attachData().
    void plugInto(ApiRouter& router);

private:
    AppServices(const ServiceConfig& config, Storage& storage, MailTransport& mail, Clock& clock,
                PasswordHasher& hasher);

    const ServiceConfig& config_;
    Storage& storage_;
    MailTransport& mail_;
    Clock& clock_;
    std::unique_ptr<AccountService> accounts_;
    std::unique_ptr<MyDataService> myData_;
    std::unique_ptr<ContactService> contact_;
    std::unique_ptr<RetentionService> retention_;
    std::unique_ptr<OfferService> offers_;
    std::unique_ptr<ApplicationService> applications_;
    std::unique_ptr<AlertService> alerts_;
    std::unique_ptr<RequestFileService> requests_;
};

}  // namespace alin
