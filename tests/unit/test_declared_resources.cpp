// Issue 12 item 7b: the request file holds the household's declared monthly
// resources and expected housing aid (APL/AL). RequestFileService validates and
// saves them (French input, bounds, errors at the field); the file's
// eligibility lines, the offer search and the offer detail use them (the
// profile cache follows them); a household with a low taxable income but
// declared resources and aid sees offers it was refused.
#include <doctest/doctest.h>

#include <set>

#include "app/offer_service.h"
#include "app/request_file_service.h"
#include "app/request_resources.h"
#include "service_fixture.h"

using namespace alin;
using namespace alin::test;

namespace {

// The guide's request with a very low taxable income: 6 000 € a year for the
// whole household (500 € a month once divided by 12).
RegistryRequest lowIncomeRequest() {
    RegistryRequest r = guideRequest(kGuideExamplePorteNu);
    r.applicant.taxIncomeN2 = 6000;
    if (r.coApplicant) r.coApplicant->taxIncomeN2 = 0;
    for (HouseholdMember& m : r.otherMembers) m.taxIncomeN2 = 0;
    return r;
}

struct ResourcesFixture {
    ServiceConfig config;
    MemoryStorage storage;
    ManualClock clock{kTestNoon};
    OutboxTransport mail{storage};
    std::unique_ptr<OfferService> offers;
    std::unique_ptr<RequestFileService> files;
    int64_t anne = 0;
    Me me;

    ResourcesFixture() {
        config.offerCount = 2000;
        offers = std::make_unique<OfferService>(storage, clock, config, serviceTestData());
        files = std::make_unique<RequestFileService>(storage, clock, mail, config, serviceTestData());
        anne = addUser(storage, "anne.porte@example.fr");
        me.id = anne;
        me.role = domain::Role::Applicant;
        addValidatedFile(storage, anne, lowIncomeRequest());
    }

    int64_t eligibleCount() {
        auto found = offers->search(me, {});
        REQUIRE(found.ok());
        int64_t n = 0;
        for (const Json& t : (*found.value)["tabs"]) n += t["count"].get<int64_t>();
        return n;
    }
    Result<Json> declare(Json resources, Json aid) {
        ResourcesInput in;
        in.monthlyResources = std::move(resources);
        in.housingAid = std::move(aid);
        return files->setResources(anne, in);
    }
};

}  // namespace

TEST_SUITE("declared resources and housing aid") {
    TEST_CASE("a low taxable income with declared resources and aid becomes eligible to offers refused before") {
        ResourcesFixture f;
        const int64_t before = f.eligibleCount();

        auto saved = f.declare("2 400,00", "350");
        REQUIRE(saved.ok());
        const int64_t after = f.eligibleCount();  // the cached profile follows the amounts
        CAPTURE(before);
        CAPTURE(after);
        CHECK(after > before);
        MESSAGE("eligible offers (3 tabs, 2 000 generated): " << before << " with 6 000 EUR a year, " << after
                                                              << " with 2 400 EUR a month and 350 EUR of aid declared");

        // An offer of the new results: eligible now, with the effort explained
        // from the declared figures.
        auto page = f.offers->search(f.me, {{"pageSize", "100"}});
        REQUIRE(page.ok());
        int64_t offerId = 0;
        for (const Json& item : (*page.value)["items"]) {
            if (item["totalCents"].get<int64_t>() > 33'000) {  // well above 33 % of 500 €
                offerId = item["id"].get<int64_t>();
                break;
            }
        }
        REQUIRE(offerId > 0);
        auto detail = f.offers->detail(f.me, offerId);
        REQUIRE(detail.ok());
        const Json& offer = (*detail.value)["offer"];
        CHECK(offer["eligible"] == true);
        const std::string effort = offer["effortSentence"];
        CHECK(effort.find("350\u00A0€ d'aide au logement") != std::string::npos);
        CHECK(effort.find("2\u00A0400\u00A0€") != std::string::npos);
        CHECK(effort.find("estimées") == std::string::npos);

        // Without the declaration, the same offer is refused for the rent
        // effort, and the detail says the resources were estimated.
        CHECK(f.declare(nullptr, "").ok());
        CHECK(f.eligibleCount() == before);
        auto refused = f.offers->detail(f.me, offerId);
        REQUIRE(refused.ok());
        const Json& o = (*refused.value)["offer"];
        CHECK(o["eligible"] == false);
        const std::string reason = o["reason"];
        CHECK(reason.find("Loyer charges comprises") != std::string::npos);
        CHECK(reason.find("estimées à partir de vos revenus 2023 divisés par 12") != std::string::npos);
        const std::string sentence = o["effortSentence"];
        CHECK(sentence.find("estimées à partir de vos revenus 2023 divisés par 12") != std::string::npos);
    }

    TEST_CASE("the file holds the amounts, their date, and the eligibility lines use them") {
        ResourcesFixture f;
        Json file = *f.files->file(f.anne).value;
        CHECK(file["resources"]["declared"] == false);
        CHECK(file["resources"]["monthlyResourcesCents"].is_null());
        CHECK(file["resources"]["simulatorUrl"] ==
              "https://www.caf.fr/allocataires/mes-services-en-ligne/faire-une-simulation");
        const std::string estimated = file["eligibility"]["sentences"].back();
        CHECK(estimated.find("divisés par 12") != std::string::npos);

        auto saved = f.declare("1 850,5", 312.4);
        REQUIRE(saved.ok());
        file = *saved.value;
        CHECK(file["resources"]["declared"] == true);
        CHECK(file["resources"]["monthlyResourcesCents"] == 185'050);
        CHECK(file["resources"]["monthlyResourcesText"] == "1\u00A0850,50");
        CHECK(file["resources"]["housingAidCents"] == 31'240);
        CHECK(file["resources"]["housingAidText"] == "312,40");
        CHECK(file["resources"]["declaredAt"] == kTestNoon);
        CHECK(file["resources"]["declaredOnText"] == "26/11/2026");
        const std::string line = file["eligibility"]["sentences"].back();
        CHECK(line.find("1\u00A0850,50\u00A0€") != std::string::npos);
        CHECK(line.find("312,40\u00A0€ d'aide au logement") != std::string::npos);
        CHECK(line.find("divisés par 12") == std::string::npos);
        const RequestFileRecord stored = *f.storage.findRequestFileOfUser(f.anne);
        CHECK(stored.monthlyResourcesCents == 185'050);
        CHECK(stored.monthlyHousingAidCents == 31'240);

        // Only the aid: the resources stay estimated, the aid counts.
        file = *f.declare("", "200").value;
        CHECK(file["resources"]["monthlyResourcesCents"].is_null());
        CHECK(file["resources"]["housingAidCents"] == 20'000);
        // Both cleared: nothing declared, no date.
        file = *f.declare(nullptr, nullptr).value;
        CHECK(file["resources"]["declared"] == false);
        CHECK(file["resources"]["declaredAt"] == 0);
        CHECK(f.storage.findRequestFileOfUser(f.anne)->monthlyHousingAidCents == -1);
    }

    TEST_CASE("bad amounts: 422 with a French message at the field, nothing saved") {
        ResourcesFixture f;
        REQUIRE(f.declare("1 500", "100").ok());
        struct Case {
            Json resources, aid;
            const char* field;
            const char* code;
            const char* words;
        };
        const Case cases[] = {
            {"mille euros", "", "monthlyResources", "invalid", "Indiquez vos ressources mensuelles en euros"},
            {"-50", "", "monthlyResources", "invalid", "par exemple 1\u00A0850,50"},
            {"12,3456", "", "monthlyResources", "invalid", "Indiquez vos ressources mensuelles"},
            {"150 000", "", "monthlyResources", "too_high", "ne peuvent pas dépasser 100\u00A0000\u00A0€"},
            {"1 500", "beaucoup", "housingAid", "invalid", "Indiquez votre aide au logement en euros par mois"},
            {"1 500", -3, "housingAid", "invalid", "Indiquez votre aide au logement"},
            {"1 500", 12.345, "housingAid", "invalid", "Indiquez votre aide au logement"},
            {"1 500", "6 000", "housingAid", "too_high", "ne peut pas dépasser 5\u00A0000\u00A0€ par mois"},
            {Json::array(), "", "monthlyResources", "invalid", "Indiquez vos ressources mensuelles"},
        };
        for (const Case& c : cases) {
            CAPTURE(c.resources.dump());
            CAPTURE(c.aid.dump());
            auto r = f.declare(c.resources, c.aid);
            REQUIRE_FALSE(r.ok());
            CHECK(r.error->status == 422);
            CHECK(r.error->code == "validation");
            CHECK(r.error->field == c.field);
            REQUIRE(r.error->errors.size() == 1);
            CHECK(r.error->errors[0].code == c.code);
            CHECK(r.error->message.find(c.words) != std::string::npos);
        }
        // Both wrong: both fields named, the general message.
        auto both = f.declare("abc", "def");
        REQUIRE_FALSE(both.ok());
        CHECK(both.error->errors.size() == 2);
        CHECK(both.error->field == "monthlyResources");
        // Nothing was lost.
        const RequestFileRecord stored = *f.storage.findRequestFileOfUser(f.anne);
        CHECK(stored.monthlyResourcesCents == 150'000);
        CHECK(stored.monthlyHousingAidCents == 10'000);
        // The bounds themselves are accepted.
        CHECK(f.declare("100 000", "5 000,00").ok());
    }

    TEST_CASE("no request file: 404 no_request") {
        ResourcesFixture f;
        f.storage.deleteRequestFileOfUser(f.anne);
        auto r = f.declare("1 000", "");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error->status == 404);
        CHECK(r.error->code == "no_request");
    }
}
