// OfferService (docs/offers-api.md) over the in-memory storage and a manual
// clock: the search answers exactly what the OfferIndex answers for the
// applicant's context; the request-file preconditions; the detail (every field,
// eligibility, canApply and its reasons); offers added by landlords and advisors
// (roles, validation, persistence); the stored counters rebuilt at start.
#include <doctest/doctest.h>

#include <set>

#include "app/offer_service.h"
#include "demo_data/offer_seed.h"
#include "domain/dates.h"
#include "reference/eligibility_profile.h"
#include "service_fixture.h"

using namespace alin;
using namespace alin::test;

namespace {

constexpr int64_t kCount = 2000;

struct OfferFixture {
    ServiceConfig config;
    MemoryStorage storage;
    ManualClock clock{kTestNoon};
    std::unique_ptr<OfferService> offers;
    int64_t anne = 0;
    Me anneMe;

    OfferFixture() {
        config.offerCount = kCount;
        offers = std::make_unique<OfferService>(storage, clock, config, serviceTestData());
        anne = addUser(storage, "anne.porte@example.fr");
        anneMe.id = anne;
        anneMe.role = domain::Role::Applicant;
    }
    void validatedAnne() { addValidatedFile(storage, anne, guideRequest(kGuideExamplePorteNu)); }
    Me staff(const std::string& role, const std::string& organisation = {}) {
        Me me;
        me.id = addUser(storage, role + std::to_string(++staffCount) + "@example.fr", role, organisation);
        me.role = domain::parseRole(role).value();
        me.organisation = organisation;
        return me;
    }
    void restart() { offers = std::make_unique<OfferService>(storage, clock, config, serviceTestData()); }
    int staffCount = 0;
};

// The reference: the same catalogue and context built by hand.
struct Reference {
    OfferIndex index;
    SearchContext ctx;
    Reference() {
        OfferSeedOptions options;
        options.count = kCount;
        options.referenceDate = "2026-11-26";
        index = OfferIndex(generateOffers(serviceTestData().geography, options), serviceTestData().geography);
        const RegistryRequest r = guideRequest(kGuideExamplePorteNu);
        domain::EligibilityRules rules;
        rules.typology = serviceTestData().typologies;
        ctx = index.makeContext(profileFor(r, serviceTestData().ceilings, rules, "2026-11-26"), r.requestedCommunes,
                                r.applicant.workplaceInsee);
    }
};

Json searchJson(Reference& ref, const std::map<std::string, std::string>& params) {
    const ParsedQuery q = queryFromJson(params);
    REQUIRE(q.ok());
    return resultToJson(ref.index, q.query, ref.index.search(ref.ctx, q.query, *searchDayFromIso("2026-11-26")));
}

Json validOffer() {
    return {{"insee", "75056"},       {"street", "8 rue de la Py"},
            {"postcode", "75020"},    {"typology", "T3"},
            {"surface", 60},          {"floor", 2},
            {"lift", true},           {"funding", "PLUS"},
            {"rentCents", 52000},     {"chargesCents", 9000},
            {"heating", "collectif"}, {"energyLabel", "C"}};
}

}  // namespace

TEST_SUITE("offer service") {
    TEST_CASE("search: the request file must be imported and validated") {
        OfferFixture f;
        auto none = f.offers->search(f.anneMe, {});
        REQUIRE_FALSE(none.ok());
        CHECK(none.error->status == 404);
        CHECK(none.error->code == "no_request");

        RequestFileRecord file = addValidatedFile(f.storage, f.anne, guideRequest(kGuideExamplePorteNu));
        file.validatedAt = 0;
        f.storage.updateRequestFile(file);
        auto notValidated = f.offers->search(f.anneMe, {});
        REQUIRE_FALSE(notValidated.ok());
        CHECK(notValidated.error->status == 409);
        CHECK(notValidated.error->code == "file_not_validated");
        CHECK(notValidated.error->message.find("Valider mon dossier") != std::string::npos);

        auto detail = f.offers->detail(f.anneMe, 1);
        REQUIRE_FALSE(detail.ok());
        CHECK(detail.error->code == "file_not_validated");
    }

    TEST_CASE("search: the answers are the index's, for every tab and filter") {
        OfferFixture f;
        f.validatedAnne();
        Reference ref;
        const std::vector<std::map<std::string, std::string>> queries = {
            {},
            {{"tab", "neighbours"}},
            {{"tab", "others"}, {"sort", "price_asc"}, {"pageSize", "50"}},
            {{"tab", "requested"}, {"rooms", "3,4"}, {"apartment", "1"}},
            {{"tab", "others"}, {"priceMin", "300"}, {"priceMax", "900"}, {"page", "2"}, {"pageSize", "5"}},
            {{"tab", "neighbours"}, {"pmr", "1"}, {"sort", "deadline"}},
        };
        for (const auto& q : queries) {
            CAPTURE(Json(q).dump());
            auto got = f.offers->search(f.anneMe, q);
            REQUIRE(got.ok());
            CHECK(*got.value == searchJson(ref, q));
        }
        auto first = f.offers->search(f.anneMe, {});
        REQUIRE(first.ok());
        for (const Json& tab : (*first.value)["tabs"]) CHECK(tab["count"].get<int>() > 0);
        CHECK((*first.value)["tabs"][0]["label"] == "Communes demandées");
    }

    TEST_CASE("search: a bad parameter is a 422 naming it") {
        OfferFixture f;
        f.validatedAnne();
        auto bad = f.offers->search(f.anneMe, {{"rooms", "9"}});
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.error->status == 422);
        CHECK(bad.error->code == "validation");
        CHECK(bad.error->field == "rooms");
        CHECK(bad.error->message.find("Nombre de pièces invalide") == 0);
        auto two = f.offers->search(f.anneMe, {{"priceMin", "abc"}, {"sort", "cheapest"}});
        REQUIRE_FALSE(two.ok());
        CHECK(two.error->errors.size() == 2);
        for (const char* field : {"tab", "priceMax", "page"}) {
            auto e = f.offers->search(f.anneMe, {{field, "-1"}});
            REQUIRE_FALSE(e.ok());
            CHECK(e.error->field == field);
        }
    }

    TEST_CASE("detail: every field, eligible, canApply") {
        OfferFixture f;
        f.validatedAnne();
        auto list = f.offers->search(f.anneMe, {{"pageSize", "1"}});
        REQUIRE(list.ok());
        const Json card = (*list.value)["items"][0];
        auto d = f.offers->detail(f.anneMe, card["id"]);
        REQUIRE(d.ok());
        const Json& o = (*d.value)["offer"];
        for (const char* k : {"id", "title", "commune", "department", "typology", "surface", "kind", "rentText",
                              "chargesText", "totalText", "effortText", "funding", "pmr", "deadlineText",
                              "availableText", "applicationsCount", "landlord"})
            CHECK_MESSAGE(o[k] == card[k], k);
        for (const char* k : {"address", "floorText", "surfaceText", "heating", "energyLabel", "description",
                              "publishedText", "effortSentence"}) {
            CAPTURE(k);
            REQUIRE(o[k].is_string());
            CHECK_FALSE(o[k].get<std::string>().empty());
        }
        CHECK(o["floor"].is_number_integer());
        CHECK(o["lift"].is_boolean());
        CHECK(o["eligible"] == true);
        CHECK(o["reason"].is_null());
        CHECK(o["tab"] == "requested");
        CHECK(o["surfaceText"] == std::to_string(o["surface"].get<int>()) + "\u00A0m²");
        // The card's figure and the sentence's figure are the same (one decimal).
        {
            const std::string card = o["effortText"], sentence = o["effortSentence"];
            const std::string percent = card.substr(card.find(':') + 1);
            const std::string explanation = sentence.substr(card.size());
            CAPTURE(sentence);
            CHECK(percent.find(',') != std::string::npos);
            CHECK(explanation.find(percent.substr(percent.find_first_not_of(" \xC2\xA0\xE2\x80\xAF"))) !=
                  std::string::npos);
        }
        CHECK((*d.value)["canApply"] == true);
        CHECK((*d.value)["cannotApplyReason"].is_null());
        CHECK((*d.value)["activeApplication"].is_null());

        auto unknown = f.offers->detail(f.anneMe, 999999999);
        REQUIRE_FALSE(unknown.ok());
        CHECK(unknown.error->status == 404);
        CHECK(unknown.error->code == "offer_unknown");
    }

    TEST_CASE("detail: not eligible, closed, or an application active") {
        OfferFixture f;
        f.validatedAnne();
        Reference ref;
        // An offer outside her areas (Finistère) and one refused by a rule.
        int64_t away = 0, refused = 0, closed = 0;
        for (std::uint32_t i = 0; i < ref.index.size(); ++i) {
            const Offer& o = ref.index.offer(i);
            const OfferExplanation e = ref.index.explain(ref.ctx, o.id, *searchDayFromIso("2026-11-26"));
            if (!away && o.dept == "29") away = o.id;
            if (!refused && e.visibility == OfferVisibility::NotEligible) refused = o.id;
            if (!closed && e.visibility == OfferVisibility::Closed && e.verdict.eligible()) closed = o.id;
        }
        REQUIRE(away);
        REQUIRE(refused);
        REQUIRE(closed);
        auto a = f.offers->detail(f.anneMe, away);
        REQUIRE(a.ok());
        CHECK((*a.value)["offer"]["eligible"] == false);
        CHECK((*a.value)["offer"]["reason"].get<std::string>().find("Ce logement se trouve à") == 0);
        CHECK((*a.value)["canApply"] == false);
        CHECK((*a.value)["cannotApplyReason"] == (*a.value)["offer"]["reason"]);
        auto r = f.offers->detail(f.anneMe, refused);
        REQUIRE(r.ok());
        CHECK((*r.value)["offer"]["eligible"] == false);
        CHECK_FALSE((*r.value)["offer"]["reason"].get<std::string>().empty());
        auto c = f.offers->detail(f.anneMe, closed);
        REQUIRE(c.ok());
        CHECK((*c.value)["offer"]["eligible"] == true);
        CHECK((*c.value)["canApply"] == false);
        CHECK((*c.value)["cannotApplyReason"] ==
              "Cette offre est clôturée\u00A0: il n'est plus possible d'y candidater.");

        // An active application elsewhere.
        auto list = f.offers->search(f.anneMe, {{"pageSize", "2"}});
        REQUIRE(list.ok());
        const int64_t first = (*list.value)["items"][0]["id"], second = (*list.value)["items"][1]["id"];
        ApplicationRecord app;
        app.userId = f.anne;
        app.offerId = first;
        app.createdAt = app.updatedAt = kTestNoon;
        const int64_t appId = f.storage.insertApplication(app);
        REQUIRE(appId > 0);
        auto other = f.offers->detail(f.anneMe, second);
        REQUIRE(other.ok());
        const std::string title = (*list.value)["items"][0]["title"];
        // Still "Je postule" (the application answers 409 already_active), the active one named.
        CHECK((*other.value)["canApply"] == true);
        CHECK((*other.value)["cannotApplyReason"].is_null());
        CHECK((*other.value)["activeApplication"]["id"] == appId);
        CHECK((*other.value)["activeApplication"]["offerTitle"] == title);
        auto same = f.offers->detail(f.anneMe, first);
        REQUIRE(same.ok());
        CHECK((*same.value)["canApply"] == true);
        CHECK((*same.value)["activeApplication"]["offerId"] == first);
    }

    TEST_CASE("detail: staff see the offer, without applying") {
        OfferFixture f;
        const Me advisor = f.staff("advisor", "Action Logement Services");
        auto d = f.offers->detail(advisor, 1);
        REQUIRE(d.ok());
        CHECK((*d.value)["canApply"] == false);
        CHECK((*d.value)["cannotApplyReason"] == "Seuls les candidats peuvent postuler à une offre.");
        CHECK((*d.value)["offer"]["eligible"] == false);
        CHECK((*d.value)["offer"]["effortText"] == "Taux d'effort\u00A0: non calculable");
    }

    TEST_CASE("the guide example's Paris offers include Paris Habitat ones she is eligible for") {
        OfferFixture f;
        f.validatedAnne();
        auto list = f.offers->search(f.anneMe, {{"pageSize", "100"}});
        REQUIRE(list.ok());
        int parisHabitat = 0;
        for (const Json& item : (*list.value)["items"])
            if (item["landlord"] == "Paris Habitat" && item["department"] == "75") ++parisHabitat;
        CHECK(parisHabitat >= 3);
    }

    TEST_CASE("add: roles, organisation, validation") {
        OfferFixture f;
        CHECK(f.offers->add(f.anneMe, validOffer()).error->status == 403);
        const Me employer = f.staff("employer", "Entreprise Exemple");
        CHECK(f.offers->add(employer, validOffer()).error->code == "forbidden");
        const Me landlord = f.staff("landlord", "Paris Habitat");
        Json other = validOffer();
        other["landlord"] = "Immobilière 3F";
        auto foreign = f.offers->add(landlord, other);
        REQUIRE_FALSE(foreign.ok());
        CHECK(foreign.error->status == 403);
        CHECK(foreign.error->message.find("Paris Habitat") != std::string::npos);

        Json bad = validOffer();
        bad.erase("typology");
        bad["insee"] = "99999";
        bad["surface"] = 3;
        bad["energyLabel"] = "Z";
        bad["deadline"] = "2020-01-01";
        auto invalid = f.offers->add(landlord, bad);
        REQUIRE_FALSE(invalid.ok());
        CHECK(invalid.error->status == 422);
        CHECK(invalid.error->code == "validation");
        std::set<std::string> fields;
        for (const FieldError& e : invalid.error->errors) fields.insert(e.field);
        CHECK(fields == std::set<std::string>{"insee", "typology", "surface", "energyLabel", "deadline"});

        const Me advisor = f.staff("advisor", "Action Logement Services");
        auto noLandlord = f.offers->add(advisor, validOffer());
        REQUIRE_FALSE(noLandlord.ok());
        CHECK(noLandlord.error->field == "landlord");
    }

    TEST_CASE("add: listed at once, kept across a restart") {
        OfferFixture f;
        f.validatedAnne();
        const size_t before = f.offers->size();
        auto baseline = f.offers->search(f.anneMe, {});
        REQUIRE(baseline.ok());
        const Me landlord = f.staff("landlord", "Paris Habitat");
        auto added = f.offers->add(landlord, validOffer());
        REQUIRE(added.ok());
        const Json& o = (*added.value)["offer"];
        CHECK(o["id"].get<int64_t>() == kFirstAddedOfferId);
        CHECK(o["landlord"] == "Paris Habitat");
        // Cards tell offers apart: the arrondissement and the postcode (issue 11 item 11).
        CHECK(o["title"] == "T3 - Paris 20e (75020)");
        CHECK(o["placeText"] == "Paris 20e (75020)");
        CHECK(o["floorText"] == "2e étage avec ascenseur");
        CHECK(o["status"] == "open");
        CHECK(o["deadlineText"] == "03/12/2026");  // today + 7
        CHECK(f.offers->size() == before + 1);
        auto after = f.offers->search(f.anneMe, {});
        REQUIRE(after.ok());
        CHECK((*after.value)["tabs"][0]["count"].get<int>() == (*baseline.value)["tabs"][0]["count"].get<int>() + 1);

        const Me advisor = f.staff("advisor", "Action Logement Services");
        Json second = validOffer();
        second["landlord"] = "Immobilière 3F";
        auto other = f.offers->add(advisor, second);
        REQUIRE(other.ok());
        CHECK((*other.value)["offer"]["id"].get<int64_t>() == kFirstAddedOfferId + 1);

        f.restart();
        CHECK(f.offers->size() == before + 2);
        auto d = f.offers->detail(f.anneMe, kFirstAddedOfferId);
        REQUIRE(d.ok());
        CHECK((*d.value)["offer"]["landlord"] == "Paris Habitat");
        CHECK((*d.value)["canApply"] == true);
    }

    TEST_CASE("stored applications and closing survive a restart") {
        OfferFixture f;
        const int before = f.offers->summary(7)->offer.applications;
        f.storage.transaction([&] {
            f.offers->storeApplicationAdded(7);
            f.offers->storeApplicationAdded(7);
            f.offers->storeOfferClosed(7);
        });
        f.offers->applicationAdded(7);
        f.offers->applicationAdded(7);
        f.offers->offerClosed(7);
        CHECK(f.offers->summary(7)->offer.applications == before + 2);
        CHECK(f.offers->summary(7)->offer.status == OfferStatus::Closed);
        f.restart();
        CHECK(f.offers->summary(7)->offer.applications == before + 2);
        CHECK(f.offers->summary(7)->offer.status == OfferStatus::Closed);
    }

    TEST_CASE("two servers on one storage: each follows what the other wrote, counting nothing twice") {
        OfferFixture f;  // f.offers is server A
        OfferService b(f.storage, f.clock, f.config, serviceTestData());
        f.validatedAnne();
        const Me landlord = f.staff("landlord", "Paris Habitat");
        const int before = b.summary(7)->offer.applications;

        // A adds an offer and records two applications on offer 7, then closes it.
        auto added = f.offers->add(landlord, validOffer());
        REQUIRE(added.ok());
        const int64_t id = (*added.value)["offer"]["id"];
        f.storage.transaction([&] {
            f.offers->storeApplicationAdded(7);
            f.offers->storeApplicationAdded(7);
        });
        f.offers->applicationAdded(7);
        CHECK_FALSE(b.summary(id));  // B has not followed yet
        CHECK(b.summary(7)->offer.applications == before);

        const OfferService::FollowResult followed = b.followStorage();
        CHECK(followed.offersAdded == 1);
        REQUIRE(b.summary(id));
        CHECK(b.summary(id)->offer.landlord == "Paris Habitat");
        CHECK(b.summary(7)->offer.applications == before + 2);
        auto onB = b.detail(f.anneMe, id);
        REQUIRE(onB.ok());
        CHECK((*onB.value)["canApply"] == true);

        // Following again, or A's own change read back by A: nothing counted twice.
        CHECK(b.followStorage().offersAdded == 0);
        CHECK(b.summary(7)->offer.applications == before + 2);
        f.offers->followStorage();
        CHECK(f.offers->summary(7)->offer.applications == before + 2);
        CHECK(f.offers->size() == b.size());

        // B records one more and closes; A follows.
        f.storage.transaction([&] {
            b.storeApplicationAdded(7);
            b.storeOfferClosed(7);
        });
        b.applicationAdded(7);
        b.offerClosed(7);
        f.offers->followStorage();
        CHECK(f.offers->summary(7)->offer.applications == before + 3);
        CHECK(f.offers->summary(7)->offer.status == OfferStatus::Closed);
        CHECK(b.summary(7)->offer.applications == before + 3);
    }

    TEST_CASE("the search context follows the request file") {
        OfferFixture f;
        RequestFileRecord file = addValidatedFile(f.storage, f.anne, guideRequest(kGuideExamplePorteNu));
        auto before = f.offers->search(f.anneMe, {});
        REQUIRE(before.ok());
        // A refresh that changes the requested communes (Quimper only).
        RegistryRequest r = guideRequest(kGuideExamplePorteNu);
        r.requestedCommunes = {"29232"};
        file.snapshot = r.toJson();
        file.refreshedAt += 60;
        f.storage.updateRequestFile(file);
        auto after = f.offers->search(f.anneMe, {});
        REQUIRE(after.ok());
        CHECK((*after.value)["tabs"] != (*before.value)["tabs"]);
        for (const Json& item : (*after.value)["items"]) CHECK(item["commune"] == "Quimper");
    }
}
