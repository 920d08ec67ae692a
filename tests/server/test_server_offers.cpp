// "Les offres" (guide §5; docs/offers-api.md) over real HTTP against the real
// server (ALIN_ENV=test): the answers of GET /offers equal those of an
// OfferIndex built here from the same generated catalogue and the same request;
// the request-file preconditions; parameter errors; the detail; routing.
#include <doctest/doctest.h>

#include <ctime>

#include "applicant_helpers.h"
#include "demo_data/offer_seed.h"
#include "demo_data/registry_seed.h"
#include "domain/dates.h"
#include "reference/eligibility_profile.h"
#include "reference/offer_search.h"
#include "reference/service_data.h"

using namespace alin::test;

namespace {

const std::string kPorte(alin::kGuideExamplePorteNu);
const std::string kPorteMail(alin::kGuideExamplePorteEmail);

const alin::ServiceData& referenceData() {
    static const alin::ServiceData data =
        alin::loadServiceData(readTextFile(fs::path(ALIN_SOURCE_DIR) / "build-assets/geo/geo.bin"),
                              readTextFile(fs::path(ALIN_SOURCE_DIR) / "assets/data/income_ceilings.json"),
                              readTextFile(fs::path(ALIN_SOURCE_DIR) / "assets/data/registration_sites.json"),
                              readTextFile(fs::path(ALIN_SOURCE_DIR) / "assets/data/typologies.json"));
    return data;
}

std::string todayIso() {
    return alin::domain::toIsoDate(alin::domain::civilFromUnix(std::time(nullptr)));
}

// The server's index, rebuilt here: same generator, same day, same request.
struct ReferenceIndex {
    alin::OfferIndex index;
    alin::SearchContext ctx;
    std::string today = todayIso();

    explicit ReferenceIndex(std::size_t count) {
        alin::OfferSeedOptions options;
        options.count = count;
        options.referenceDate = today;
        const alin::ServiceData& data = referenceData();
        index = alin::OfferIndex(alin::generateOffers(data.geography, options), data.geography);
        for (const alin::RegistryRequest& r : alin::guideExampleRequests()) {
            if (r.numeroUnique != kPorte) continue;
            alin::domain::EligibilityRules rules;
            rules.typology = data.typologies;
            ctx = index.makeContext(alin::profileFor(r, data.ceilings, rules, today), r.requestedCommunes,
                                    r.applicant.workplaceInsee);
        }
    }

    Json answer(const std::map<std::string, std::string>& params) const {
        const alin::ParsedQuery q = alin::queryFromJson(params);
        REQUIRE(q.ok());
        return alin::resultToJson(index, q.query, index.search(ctx, q.query, *alin::searchDayFromIso(today)));
    }
};

std::string queryString(const std::map<std::string, std::string>& params) {
    std::string out;
    for (const auto& [k, v] : params) out += (out.empty() ? "?" : "&") + k + "=" + v;
    return out;
}

}  // namespace

TEST_SUITE("server offers") {
    TEST_CASE("GET /offers answers what the index answers, tab by tab, with filters and pages") {
        ServerProcess server;
        const auto me = newApplicant(server, "anne.compte@yopmail.com");
        importRequest(server, me, kPorte, kPorteMail);
        const ReferenceIndex ref(5000);

        const std::vector<std::map<std::string, std::string>> queries = {
            {},
            {{"tab", "requested"}, {"page", "1"}, {"pageSize", "50"}},
            {{"tab", "neighbours"}, {"rooms", "3,4"}, {"sort", "price_asc"}},
            {{"tab", "others"}, {"apartment", "1"}, {"priceMin", "300"}, {"priceMax", "900"}},
            {{"tab", "others"}, {"sort", "surface_desc"}, {"page", "2"}, {"pageSize", "7"}},
            {{"tab", "requested"}, {"rooms", "5"}, {"house", "1"}, {"pmr", "1"}},
            {{"tab", "neighbours"}, {"sort", "deadline"}, {"page", "999"}},
        };
        for (const auto& q : queries) {
            const std::string path = "/api/v1/offers" + queryString(q);
            CAPTURE(path);
            auto r = server.get(path, me);
            REQUIRE_MESSAGE(r.status == 200, r.raw);
            CHECK(r.body == ref.answer(q));
        }
        auto first = server.get("/api/v1/offers?tab=requested&pageSize=50", me);
        REQUIRE(first.status == 200);
        const Json& tabs = first.body["tabs"];
        REQUIRE(tabs.size() == 3);
        CHECK(tabs[0]["key"] == "requested");
        CHECK(tabs[1]["label"] == "Communes limitrophes");
        CHECK(tabs[2]["label"] == "Autres communes du département");
        for (const Json& t : tabs) CHECK(t["count"].get<int>() > 0);
        const Json& item = first.body["items"][0];
        for (const char* k : {"id", "title", "commune", "department", "typology", "surface", "kind", "rentText",
                              "chargesText", "totalText", "effortText", "funding", "pmr", "deadlineText",
                              "availableText", "applicationsCount", "landlord"})
            CHECK_MESSAGE(item.contains(k), k);
    }

    TEST_CASE("ALIN_OFFER_COUNT sets the size of the catalogue") {
        ServerProcess server(Env{{"ALIN_OFFER_COUNT", "300"}});
        const auto me = newApplicant(server, "anne.compte@yopmail.com");
        importRequest(server, me, kPorte, kPorteMail);
        const ReferenceIndex ref(300);
        for (const char* tab : {"requested", "neighbours", "others"}) {
            const std::map<std::string, std::string> q = {{"tab", tab}, {"pageSize", "100"}};
            auto r = server.get("/api/v1/offers" + queryString(q), me);
            REQUIRE(r.status == 200);
            CHECK(r.body == ref.answer(q));
        }
        CHECK(server.get("/api/v1/offers/301", me).status == 404);
        CHECK(server.get("/api/v1/offers/300", me).status == 200);
    }

    TEST_CASE("preconditions and parameter errors") {
        ServerProcess server;
        CHECK(server.get("/api/v1/offers").status == 401);
        CHECK(server.get("/api/v1/offers/1").status == 401);
        const auto me = newApplicant(server, "anne.compte@yopmail.com");
        auto none = server.get("/api/v1/offers", me);
        CHECK(none.status == 404);
        CHECK(none.body["code"] == "no_request");

        importRequest(server, me, kPorte, kPorteMail, /*validate=*/false);
        auto early = server.get("/api/v1/offers", me);
        CHECK(early.status == 409);
        CHECK(early.body["code"] == "file_not_validated");
        CHECK(server.get("/api/v1/offers/1", me).body["code"] == "file_not_validated");

        REQUIRE(put(server, "/api/v1/request/employer",
                    {{"employerName", "Entreprise Exemple"}, {"attachTo", "applicant"}}, me)
                    .status == 200);
        REQUIRE(put(server, "/api/v1/request/sharing", {{"choice", 2}}, me).status == 200);
        REQUIRE(put(server, "/api/v1/request/documents",
                    {{"identite", true}, {"ressources", true}, {"avis_imposition", true}, {"motif", true}}, me)
                    .status == 200);
        REQUIRE(server.post("/api/v1/request/validate", Json::object(), me).status == 200);
        CHECK(server.get("/api/v1/offers", me).status == 200);

        const std::vector<std::pair<std::string, std::string>> bad = {
            {"priceMin=abc", "priceMin"},
            {"priceMax=-3", "priceMax"},
            {"rooms=0", "rooms"},
            {"sort=cheap", "sort"},
            {"tab=moon", "tab"},
            {"page=0", "page"},
            {"priceMin=900&priceMax=300", "priceMax"},
        };
        for (const auto& [query, field] : bad) {
            CAPTURE(query);
            auto r = server.get("/api/v1/offers?" + query, me);
            CHECK(r.status == 422);
            CHECK(r.body["code"] == "validation");
            CHECK(r.body["field"] == field);
            CHECK_FALSE(r.body["message"].get<std::string>().empty());
        }
    }

    TEST_CASE("GET /offers/{id}: the detail, eligibility and canApply") {
        ServerProcess server;
        const auto me = newApplicant(server, "anne.compte@yopmail.com");
        importRequest(server, me, kPorte, kPorteMail);
        auto list = server.get("/api/v1/offers?pageSize=1", me);
        REQUIRE(list.status == 200);
        const Json card = list.body["items"][0];
        auto d = server.get("/api/v1/offers/" + std::to_string(card["id"].get<int64_t>()), me);
        REQUIRE_MESSAGE(d.status == 200, d.raw);
        const Json& o = d.body["offer"];
        CHECK(o["title"] == card["title"]);
        CHECK(o["totalText"] == card["totalText"]);
        CHECK(o["eligible"] == true);
        CHECK(o["tab"] == "requested");
        for (const char* k : {"address", "floorText", "surfaceText", "heating", "energyLabel", "description",
                              "publishedText", "availableText", "effortSentence"})
            CHECK_MESSAGE(!o[k].get<std::string>().empty(), k);
        CHECK(d.body["canApply"] == true);
        CHECK(d.body["activeApplication"].is_null());

        const ReferenceIndex ref(5000);
        int64_t away = 0;
        for (std::uint32_t i = 0; i < ref.index.size() && !away; ++i)
            if (ref.index.offer(i).dept == "29") away = ref.index.offer(i).id;
        auto far = server.get("/api/v1/offers/" + std::to_string(away), me);
        REQUIRE(far.status == 200);
        CHECK(far.body["offer"]["eligible"] == false);
        CHECK(far.body["canApply"] == false);
        CHECK(far.body["cannotApplyReason"].get<std::string>().find("Ce logement se trouve à") == 0);

        auto unknown = server.get("/api/v1/offers/99999999", me);
        CHECK(unknown.status == 404);
        CHECK(unknown.body["code"] == "offer_unknown");
    }

    TEST_CASE("routing: unknown paths 404, wrong methods 405, applicants cannot add offers") {
        ServerProcess server;
        const auto me = newApplicant(server, "anne.compte@yopmail.com");
        CHECK(server.get("/api/v1/offers/abc", me).status == 404);
        CHECK(server.get("/api/v1/offers/1/extra", me).status == 404);
        auto wrong = put(server, "/api/v1/offers", Json::object(), me);
        CHECK(wrong.status == 405);
        CHECK(wrong.body["allowed"] == Json::array({"GET", "POST"}));
        CHECK(server.del("/api/v1/offers/1", me).status == 405);
        auto add = server.post("/api/v1/offers", {{"insee", "75056"}}, me);
        CHECK(add.status == 403);
        CHECK(add.body["code"] == "forbidden");
        CHECK(server.post("/api/v1/offers", {{"insee", "75056"}}).status == 401);
    }
}
