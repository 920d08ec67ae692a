// "Ressources et aides au logement" (issue 12 item 7b; docs/request-file-api.md
// PUT /request/resources) over real HTTP against the real server: a household
// whose taxable income is low (the registry stand-in edited before the import)
// declares its monthly resources and housing aid; the offer counts grow, the
// offer detail explains the effort with them; bad input is refused at the
// field in French, nothing lost; "Mes données" exports them; deleting the
// request deletes them.
#include <doctest/doctest.h>

#include "applicant_helpers.h"

using namespace alin::test;

namespace {

constexpr const char* kPorte = "1110920621114ACLOG";
constexpr const char* kPorteMail = "anne.porte@example.fr";

int64_t offerCount(const ServerProcess& server, const httplib::Headers& me) {
    auto r = server.get("/api/v1/offers", me);
    REQUIRE_MESSAGE(r.status == 200, r.raw);
    int64_t n = 0;
    for (const Json& t : r.body["tabs"]) n += t["count"].get<int64_t>();
    return n;
}

}  // namespace

TEST_SUITE("server resources") {
    TEST_CASE("declared resources and housing aid: more offers, explained, validated, exported, deleted") {
        ServerProcess server;
        // The guide's request with a taxable income of 6 000 EUR for the household.
        auto registry = server.get(std::string("/api/v1/registry/requests/") + kPorte);
        REQUIRE(registry.status == 200);
        Json low = registry.body;
        low["applicant"]["taxIncomeN2"] = 6000;
        if (low.contains("coApplicant") && low["coApplicant"].is_object()) low["coApplicant"]["taxIncomeN2"] = 0;
        for (Json& m : low["otherMembers"]) m["taxIncomeN2"] = 0;
        REQUIRE(put(server, std::string("/api/v1/registry/requests/") + kPorte, low).status == 200);

        const auto me = newApplicant(server, "menage.modeste@yopmail.com");
        importRequest(server, me, kPorte, kPorteMail);
        auto file = server.get("/api/v1/request", me);
        REQUIRE(file.status == 200);
        CHECK(file.body["file"]["resources"]["declared"] == false);
        const int64_t before = offerCount(server, me);

        CHECK(put(server, "/api/v1/request/resources", {{"monthlyResources", "2 400"}}).status == 401);
        CHECK(server.get("/api/v1/request/resources", me).status == 405);

        auto saved =
            put(server, "/api/v1/request/resources", {{"monthlyResources", "2 400,00"}, {"housingAid", "350"}}, me);
        REQUIRE_MESSAGE(saved.status == 200, saved.raw);
        const Json& res = saved.body["file"]["resources"];
        CHECK(res["monthlyResourcesCents"] == 240000);
        CHECK(res["housingAidCents"] == 35000);
        CHECK(res["declared"] == true);
        CHECK(res["declaredAt"].get<int64_t>() > 0);
        const int64_t after = offerCount(server, me);
        CAPTURE(before);
        CAPTURE(after);
        CHECK(after > before);

        // The detail of an offer dearer than a third of 500 EUR explains the figure with the declared amounts.
        auto page = server.get("/api/v1/offers?pageSize=100", me);
        REQUIRE(page.status == 200);
        int64_t offerId = 0;
        for (const Json& item : page.body["items"])
            if (offerId == 0 && item["totalCents"].get<int64_t>() > 33000) offerId = item["id"].get<int64_t>();
        REQUIRE(offerId > 0);
        auto detail = server.get("/api/v1/offers/" + std::to_string(offerId), me);
        REQUIRE_MESSAGE(detail.status == 200, detail.raw);
        CHECK(detail.body["offer"]["eligible"] == true);
        const std::string effort = detail.body["offer"]["effortSentence"];
        CHECK(effort.find("350\u00A0€ d'aide au logement") != std::string::npos);
        CHECK(effort.find("2\u00A0400\u00A0€") != std::string::npos);

        // Bad input: 422 at the field, in French; another JSON type: 400. Nothing lost.
        auto bad =
            put(server, "/api/v1/request/resources", {{"monthlyResources", "deux mille"}, {"housingAid", "350"}}, me);
        CHECK(bad.status == 422);
        CHECK(bad.body["code"] == "validation");
        CHECK(bad.body["field"] == "monthlyResources");
        CHECK(bad.body["message"].get<std::string>().find("Indiquez vos ressources mensuelles en euros") == 0);
        REQUIRE(bad.body["errors"].size() == 1);
        auto tooMuch =
            put(server, "/api/v1/request/resources", {{"monthlyResources", "2400"}, {"housingAid", "9 000"}}, me);
        CHECK(tooMuch.status == 422);
        CHECK(tooMuch.body["field"] == "housingAid");
        CHECK(tooMuch.body["errors"][0]["code"] == "too_high");
        auto wrongType = put(server, "/api/v1/request/resources", {{"housingAid", true}}, me);
        CHECK(wrongType.status == 400);
        CHECK(wrongType.body["field"] == "housingAid");
        CHECK(put(server, "/api/v1/request/resources", Json::array(), me).status == 400);
        CHECK(server.get("/api/v1/request", me).body["file"]["resources"]["monthlyResourcesCents"] == 240000);
        CHECK(offerCount(server, me) == after);

        // "Mes données" exports them.
        auto data = server.get("/api/v1/me/data", me);
        REQUIRE(data.status == 200);
        CHECK(data.body["data"]["requestFile"]["resources"]["monthlyResourcesCents"] == 240000);
        CHECK(data.body["data"]["requestFile"]["resources"]["monthlyHousingAidCents"] == 35000);

        // Cleared: back to the estimate and to the first count.
        auto cleared =
            put(server, "/api/v1/request/resources", {{"monthlyResources", nullptr}, {"housingAid", ""}}, me);
        REQUIRE(cleared.status == 200);
        CHECK(cleared.body["file"]["resources"]["declared"] == false);
        CHECK(offerCount(server, me) == before);

        // Declared again, then the request deleted and imported again: nothing kept.
        REQUIRE(put(server, "/api/v1/request/resources", {{"monthlyResources", 1900.5}}, me).status == 200);
        REQUIRE(server.del("/api/v1/request", me).status == 200);
        importRequest(server, me, kPorte, kPorteMail, false);
        CHECK(server.get("/api/v1/request", me).body["file"]["resources"]["declared"] == false);
    }
}
