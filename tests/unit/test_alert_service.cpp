// AlertService ("Mes alertes", issue 14 part 1) over the in-memory storage, the
// outbox transport and a manual clock: create / list / pause / delete; an offer
// published by a landlord e-mails the owner of each matching alert once (also
// when publications race), with a signed one-click unsubscribe link that works
// without a session; the daily digest; the "Nouvelles offres" count.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "app/alert_service.h"
#include "app/offer_service.h"
#include "service_fixture.h"

using namespace alin;
using namespace alin::test;

namespace {

struct AlertFixture {
    ServiceConfig config;
    MemoryStorage storage;
    ManualClock clock{kTestNoon};
    OutboxTransport mail{storage};
    std::unique_ptr<OfferService> offers;
    std::unique_ptr<AlertService> alerts;
    Me anne, landlord;

    AlertFixture() {
        config.offerCount = 2000;
        config.signingKey = "test-key";
        offers = std::make_unique<OfferService>(storage, clock, config, serviceTestData());
        alerts = std::make_unique<AlertService>(storage, clock, mail, config, *offers);
        offers->setPublishedHook([this](const Offer& o) { alerts->offerPublished(o); });
        anne.id = addUser(storage, "anne.porte@example.fr");
        anne.role = domain::Role::Applicant;
        anne.email = "anne.porte@example.fr";
        addValidatedFile(storage, anne.id, guideRequest(kGuideExamplePorteNu));
        landlord.id = addUser(storage, "bailleur@example.fr", "landlord", "Paris Habitat");
        landlord.role = domain::Role::Landlord;
        landlord.organisation = "Paris Habitat";
    }

    // An offer like the first one Anne's offers screen lists (so that she is eligible).
    Json eligibleOfferBody() {
        auto found = offers->search(anne, {});
        REQUIRE(found.ok());
        REQUIRE(!(*found.value)["items"].empty());
        const Json& card = (*found.value)["items"][0];
        return {{"insee", card["insee"]},
                {"street", "1 rue des Alertes"},
                {"typology", card["rooms"]},
                {"surface", 50},
                {"funding", card["funding"]},
                {"rentCents", card["rentCents"]},
                {"chargesCents", card["chargesCents"]},
                {"pmr", false},
                {"kind", card["kindCode"]}};
    }
    int64_t publish(const Json& body) {
        auto added = offers->add(landlord, body);
        REQUIRE_MESSAGE(added.ok(), (added.ok() ? "" : added.error->message));
        return (*added.value)["offer"]["id"].get<int64_t>();
    }
    std::vector<MailRecord> mailsToAnne() { return storage.listMailTo("anne.porte@example.fr"); }
};

}  // namespace

TEST_CASE("alerts: created from the offers screen's filters, listed, paused, deleted") {
    AlertFixture f;
    auto created = f.alerts->create(f.anne, {{"tab", "requested"}, {"rooms", "2,3"}, {"priceMax", 900}});
    REQUIRE(created.ok());
    const Json alert = (*created.value)["alert"];
    CHECK(alert["filters"]["tabs"] == Json::array({"requested"}));
    CHECK(alert["filters"]["rooms"] == Json::array({2, 3}));
    CHECK(alert["filters"]["priceMax"] == 900);
    CHECK(alert["summary"].get<std::string>().find("T2, T3") != std::string::npos);
    CHECK(alert["frequency"] == "immediate");
    CHECK(f.alerts->indexedAlerts() == 1);

    auto listed = f.alerts->list(f.anne);
    REQUIRE(listed.ok());
    CHECK((*listed.value)["alerts"].size() == 1);

    const int64_t id = alert["id"].get<int64_t>();
    auto paused = f.alerts->update(f.anne, id, {{"paused", true}});
    REQUIRE(paused.ok());
    CHECK((*paused.value)["alert"]["paused"] == true);
    CHECK(f.alerts->indexedAlerts() == 0);
    CHECK(f.alerts->update(f.anne, id, {{"paused", false}, {"frequency", "daily"}, {"digestHour", 18}}).ok());
    CHECK(f.alerts->indexedAlerts() == 1);

    // Bad input: each field named, in French.
    auto bad = f.alerts->create(f.anne, {{"rooms", "9"}, {"frequency", "weekly"}, {"digestHour", 25}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error->status == 422);
    CHECK(bad.error->errors.size() == 3);
    CHECK(f.alerts->update(f.anne, id, {{"frequency", "hourly"}}).error->field == "frequency");

    // Someone else's alert does not exist for you.
    Me paul;
    paul.id = addUser(f.storage, "paul@example.fr");
    paul.role = domain::Role::Applicant;
    CHECK(f.alerts->remove(paul, id).error->status == 404);
    CHECK(f.alerts->remove(f.anne, id).ok());
    CHECK(f.alerts->indexedAlerts() == 0);
    CHECK(f.alerts->remove(f.anne, id).error->code == "alert_unknown");
    // Without a validated file, no alert.
    CHECK(f.alerts->create(paul, Json::object()).error->code == "no_request");
}

TEST_CASE("alerts: a published offer e-mails each matching alert once, with a one-click unsubscribe") {
    AlertFixture f;
    REQUIRE(f.alerts->create(f.anne, Json::object()).ok());
    REQUIRE(f.alerts->create(f.anne, {{"pmr", true}}).ok());  // the offer is not PMR: no e-mail for this one
    const Json body = f.eligibleOfferBody();
    const std::size_t before = f.mailsToAnne().size();
    const int64_t offerId = f.publish(body);

    std::vector<MailRecord> mails = f.mailsToAnne();
    REQUIRE(mails.size() == before + 1);
    const MailRecord& m = mails.front();
    CHECK(m.subject.find("Nouvelle offre") != std::string::npos);
    CHECK(m.body.find("#/offre/" + std::to_string(offerId)) != std::string::npos);
    REQUIRE(m.links.size() == 2);
    CHECK(m.links[0]["url"].get<std::string>().find("#/offre/" + std::to_string(offerId)) != std::string::npos);
    const std::string oneClick = m.links[1]["unsubscribe"].get<std::string>();
    CHECK(oneClick.find("api/v1/alerts/unsubscribe?token=") != std::string::npos);

    // Published again (another server, a retry): nothing more.
    Offer again;
    again.id = offerId;
    again.insee = body["insee"].get<std::string>();
    CHECK(f.alerts->offerPublished(again) == 0);
    CHECK(f.mailsToAnne().size() == before + 1);

    // The "Nouvelles offres" badge.
    auto news = f.alerts->news(f.anne);
    CHECK((*news.value)["count"] == 1);
    CHECK((*news.value)["offerIds"][0] == offerId);
    f.alerts->markSeen(f.anne);
    CHECK((*f.alerts->news(f.anne).value)["count"] == 0);

    // Unsubscribe without a session: the token of the link; a forged one is refused.
    const std::string token = oneClick.substr(oneClick.find("token=") + 6);
    CHECK(f.alerts->unsubscribeInfo(token).ok());
    CHECK(f.alerts->unsubscribeInfo(token + "0").error->status == 404);
    std::string forged = token;
    forged.back() = forged.back() == 'a' ? 'b' : 'a';
    CHECK(f.alerts->unsubscribe(forged).error->code == "alert_unknown");
    auto done = f.alerts->unsubscribe(token);
    REQUIRE(done.ok());
    CHECK((*done.value)["paused"] == true);
    f.publish(body);  // a second offer: the paused alert stays silent
    CHECK(f.mailsToAnne().size() == before + 1);
}

TEST_CASE("alerts: one e-mail per alert and offer when 8 publications of it race") {
    AlertFixture f;
    REQUIRE(f.alerts->create(f.anne, Json::object()).ok());
    const int64_t offerId = f.publish(f.eligibleOfferBody());
    const std::size_t after = f.mailsToAnne().size();
    // The same offer handed to the alerts by 8 threads (servers following each other).
    auto summary = f.offers->summary(offerId);
    REQUIRE(summary);
    std::atomic<int> written{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) threads.emplace_back([&] { written += f.alerts->offerPublished(summary->offer); });
    for (auto& t : threads) t.join();
    CHECK(written == 0);
    CHECK(f.mailsToAnne().size() == after);
}

TEST_CASE("alerts: the daily digest goes once a day at the chosen hour") {
    AlertFixture f;
    REQUIRE(f.alerts->create(f.anne, {{"frequency", "daily"}, {"digestHour", 18}}).ok());
    const std::size_t before = f.mailsToAnne().size();
    f.publish(f.eligibleOfferBody());
    CHECK(f.mailsToAnne().size() == before);  // no immediate e-mail
    CHECK(f.alerts->sendDigests() == 0);      // 13:00 in Paris: before 18:00
    f.clock.advance(5 * 3600);                // 18:00 in Paris (UTC+1 in November)
    CHECK(f.alerts->sendDigests() == 1);
    const std::vector<MailRecord> mails = f.mailsToAnne();
    REQUIRE(mails.size() == before + 1);
    CHECK(mails.front().subject.find("(1)") != std::string::npos);
    CHECK(f.alerts->sendDigests() == 0);  // nothing left
}

TEST_CASE("alerts: an alert deleted or paused elsewhere (another server) is skipped, the offer still published") {
    AlertFixture f;
    auto a = f.alerts->create(f.anne, Json::object());
    auto b = f.alerts->create(f.anne, Json::object());
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    // Straight in the storage, as another server would: this one's index still has both.
    f.storage.deleteAlert((*a.value)["alert"]["id"].get<int64_t>());
    AlertRecord paused = *f.storage.findAlert((*b.value)["alert"]["id"].get<int64_t>());
    paused.paused = true;
    f.storage.updateAlert(paused);
    const std::size_t before = f.mailsToAnne().size();
    f.publish(f.eligibleOfferBody());
    CHECK(f.mailsToAnne().size() == before);
    CHECK(f.alerts->indexedAlerts() == 0);  // both taken out
}

TEST_CASE("alerts: another server's new alert is followed, then notified here") {
    AlertFixture f;
    f.alerts->loadAll();
    // Written by another server (straight in the shared storage).
    AlertRecord a;
    a.userId = f.anne.id;
    a.filters = alertFiltersFromJson(Json::object()).stored;
    a.createdAt = a.updatedAt = f.clock.now();
    f.storage.insertAlert(a);
    CHECK(f.alerts->indexedAlerts() == 0);
    CHECK(f.alerts->followStorage() == 1);
    CHECK(f.alerts->indexedAlerts() == 1);
    const std::size_t before = f.mailsToAnne().size();
    f.publish(f.eligibleOfferBody());
    CHECK(f.mailsToAnne().size() == before + 1);
    f.clock.advance(5);
    CHECK(f.alerts->followStorage() == 1);  // the second it was written is read again once
    CHECK(f.alerts->followStorage() == 0);
}
