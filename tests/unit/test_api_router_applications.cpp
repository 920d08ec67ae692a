// The router's offer, application and staff routes in process, as the offline
// demo mode runs them: 503 until the services are plugged in, the demo-account
// seeding (no login; absent when config.demoAccounts is false), a small loop.
#include <doctest/doctest.h>

#include "api/api_router.h"
#include "app/application_service.h"
#include "app/offer_service.h"
#include "demo_data/demo_accounts.h"
#include "service_fixture.h"

using namespace alin;
using namespace alin::test;

namespace {

// Argon2id with the smallest cost: the demo accounts are hashed at every test.
class FastHasher final : public PasswordHasher {
public:
    std::string hash(const std::string& password) override { return inner.hash(password); }
    bool verify(const std::string& encoded, const std::string& password) override {
        return inner.verify(encoded, password);
    }
    SodiumPasswordHasher inner{1, 8 * 1024};
};

struct DemoApi {
    ServiceConfig config;
    MemoryStorage storage;
    ManualClock clock{kTestNoon};
    OutboxTransport mail{storage};
    FastHasher hasher;
    AccountService accounts{storage, clock, mail, hasher, config};
    ApiRouter router{accounts, config};
    std::unique_ptr<OfferService> offers;
    std::unique_ptr<ApplicationService> applications;

    DemoApi() { config.offerCount = 1000; }

    // What LocalApiClient does once the reference data has arrived.
    void plug() {
        offers = std::make_unique<OfferService>(storage, clock, config, serviceTestData());
        applications = std::make_unique<ApplicationService>(storage, clock, mail, config, *offers);
        accounts.seedDemoAccounts();
        router.setOffers(offers.get());
        router.setApplications(applications.get());
    }

    ApiResponse call(const std::string& method, const std::string& path, Json body = nullptr,
                     const std::string& session = {}) {
        ApiRequest r;
        r.method = method;
        r.path = path;
        r.body = std::move(body);
        r.sessionToken = session;
        r.clientAddress = "local";
        return router.handle(r);
    }
    std::string login(const std::string& email, const std::string& password) {
        auto r = call("POST", "/api/v1/session", {{"email", email}, {"password", password}});
        REQUIRE_MESSAGE(r.status == 200, r.body.dump());
        return *r.setSessionToken;
    }
};

}  // namespace

TEST_SUITE("router: offers and applications") {
    TEST_CASE("503 until the services are plugged in, then the routes answer") {
        DemoApi api;
        REQUIRE(api.call("POST", "/api/v1/dev/demo-accounts", Json::object()).status == 200);
        const std::string anne = api.login("anne.porte@example.fr", "Logement2026");
        for (const char* path : {"/api/v1/offers", "/api/v1/offers/1", "/api/v1/applications", "/api/v1/staff/queue",
                                 "/api/v1/applications/ranking"}) {
            CAPTURE(path);
            auto r = api.call("GET", path, nullptr, anne);
            CHECK(r.status == 503);
            CHECK(r.body["code"] == "unavailable");
        }
        api.plug();
        auto list = api.call("GET", "/api/v1/offers", nullptr, anne);
        REQUIRE_MESSAGE(list.status == 200, list.body.dump());
        CHECK(list.body["total"].get<int>() > 0);
        const int64_t offer = list.body["items"][0]["id"];
        auto applied = api.call("POST", "/api/v1/applications", {{"offerId", offer}}, anne);
        CHECK(applied.status == 201);
        CHECK(api.call("POST", "/api/v1/applications", {{"offerId", offer}}, anne).status == 409);
        auto mine = api.call("GET", "/api/v1/applications", nullptr, anne);
        CHECK(mine.body["active"]["offerId"] == offer);
        CHECK(api.call("GET", "/api/v1/staff/queue", nullptr, anne).status == 403);

        const std::string advisor = api.login("conseiller@actionlogement.example", "Conseiller2026");
        auto queue = api.call("GET", "/api/v1/staff/queue", nullptr, advisor);
        REQUIRE(queue.status == 200);
        CHECK(queue.body["applications"].size() == 1);
        auto session = api.call("GET", "/api/v1/session", nullptr, advisor);
        CHECK(session.body["user"]["role"] == "advisor");
        CHECK(session.body["user"]["organisation"] == "Action Logement Services");
        CHECK_FALSE(session.body["user"].contains("siret"));
    }

    TEST_CASE("demo accounts: idempotent, Anne ready; the route is absent when disabled") {
        DemoApi api;
        api.plug();
        const UserRecord anne = *api.storage.findUserByEmail("anne.porte@example.fr");
        CHECK(anne.role == domain::Role::Applicant);
        CHECK(api.storage.findRequestFileOfUser(anne.id)->validatedAt > 0);
        CHECK(api.storage.findUserByEmail("bailleur@parishabitat.example")->organisation == "Paris Habitat");
        CHECK(api.storage.findUserByEmail("employeur@entreprise.example")->siret == "82454114802432");
        const Json again = api.accounts.seedDemoAccounts();
        for (const Json& a : again["accounts"]) CHECK(a["created"] == false);
        CHECK(again["requestFile"] == false);

        api.config.demoAccounts = false;
        CHECK(api.call("POST", "/api/v1/dev/demo-accounts", Json::object()).status == 404);
    }

    TEST_CASE("demo accounts: Anne's number already held by another account is left alone") {
        MemoryStorage storage;
        FastHasher hasher;
        const int64_t other = addUser(storage, "quelquun@example.fr");
        addValidatedFile(storage, other, guideRequest(kGuideExamplePorteNu));
        const Json seeded = seedDemoAccounts(storage, hasher, kTestNoon);
        CHECK(seeded["requestFile"] == false);
        const UserRecord anne = *storage.findUserByEmail("anne.porte@example.fr");
        CHECK_FALSE(storage.findRequestFileOfUser(anne.id));
        CHECK(storage.findRequestFileOfUser(other));
    }
}
