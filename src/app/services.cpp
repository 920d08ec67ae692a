#include "app/services.h"

namespace alin {

ServiceConfig ServiceConfig::forEnvironment(std::string_view environment) {
    ServiceConfig c;
    c.environment = std::string(environment);
    const bool production = environment == "production";
    c.devMailbox = !production;     // GET /api/v1/dev/mailbox
    c.registryAdmin = !production;  // /api/v1/registry/requests (the stand-in)
    c.demoAccounts = !production;   // POST /api/v1/dev/demo-accounts
    c.testClock = environment == "test";
    return c;
}

AppServices::AppServices(const ServiceConfig& config, Storage& storage, MailTransport& mail, Clock& clock,
                         PasswordHasher& hasher)
    : config_(config), storage_(storage), mail_(mail), clock_(clock) {
    accounts_ = std::make_unique<AccountService>(storage_, clock_, mail_, hasher, config_);
    myData_ = std::make_unique<MyDataService>(storage_, clock_, hasher, config_);
    contact_ = std::make_unique<ContactService>(storage_, clock_, mail_, config_);
    retention_ = std::make_unique<RetentionService>(storage_, clock_, mail_, config_, *myData_);
}

std::unique_ptr<AppServices> AppServices::build(const ServiceConfig& config, Storage& storage, MailTransport& mail,
                                                Clock& clock, PasswordHasher& hasher) {
    return std::unique_ptr<AppServices>(new AppServices(config, storage, mail, clock, hasher));
}

void AppServices::attachData(ServiceData data, bool seedDemoAccounts) {
    // The registry stand-in (the registration sites' requests) on the first start.
    seedRegistryIfEmpty(storage_, data.geography, clock_.now());
    // The offer catalogue: generated for today, plus the stored additions and changes.
    offers_ = std::make_unique<OfferService>(storage_, clock_, config_, data);
    applications_ = std::make_unique<ApplicationService>(storage_, clock_, mail_, config_, *offers_);
    // "Mes alertes": the stored alerts filed, then told of every offer published.
    alerts_ = std::make_unique<AlertService>(storage_, clock_, mail_, config_, *offers_);
    offers_->setPublishedHook([alerts = alerts_.get()](const Offer& offer) { alerts->offerPublished(offer); });
    // The ready demo accounts (after the registry stand-in: Anne PORTE's request comes from it).
    if (seedDemoAccounts && config_.environment != "production") accounts_->seedDemoAccounts();
    requests_ = std::make_unique<RequestFileService>(storage_, clock_, mail_, config_, std::move(data));
    alerts_->loadAll();
}

void AppServices::plugInto(ApiRouter& router) {
    router.setRequestFiles(requests_.get());
    router.setOffers(offers_.get());
    router.setApplications(applications_.get());
    router.setAlerts(alerts_.get());
}

}  // namespace alin
