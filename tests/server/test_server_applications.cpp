// Applications (guide §6; docs/applications-api.md) over real HTTP against the
// real server (ALIN_ENV=test, with the demo accounts): THE RULE OF ONE under
// fifty concurrent "Je postule" of one session; the whole loop from "Je
// postule" to the signed lease with the e-mails; a cancellation; an
// invalidation followed by a new application; what each role may not see or
// do; offers added by a landlord and counters kept across a restart.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "applicant_helpers.h"

using namespace alin::test;

namespace {

constexpr const char* kAnne = "anne.porte@example.fr";
constexpr const char* kAnnePassword = "Logement2026";
constexpr const char* kAdvisor = "conseiller@actionlogement.example";
constexpr const char* kLandlord = "bailleur@parishabitat.example";
constexpr const char* kEmployer = "employeur@entreprise.example";

Env demo() {
    return Env{{"ALIN_DEMO_ACCOUNTS", "1"}};
}

struct Sessions {
    httplib::Headers anne, advisor, landlord, employer;
    explicit Sessions(const ServerProcess& server)
        : anne(signedInAs(server, kAnne, kAnnePassword)),
          advisor(signedInAs(server, kAdvisor, "Conseiller2026")),
          landlord(signedInAs(server, kLandlord, "Bailleur2026")),
          employer(signedInAs(server, kEmployer, "Employeur2026")) {}
};

int64_t parisHabitatOffer(const ServerProcess& server, const httplib::Headers& me, size_t skip = 0) {
    auto r = server.get("/api/v1/offers?pageSize=100", me);
    REQUIRE(r.status == 200);
    for (const Json& item : r.body["items"])
        if (item["landlord"] == "Paris Habitat" && skip-- == 0) return item["id"];
    FAIL("no Paris Habitat offer");
    return 0;
}

HttpResult applyTo(const ServerProcess& server, const httplib::Headers& me, int64_t offerId) {
    return server.post("/api/v1/applications", {{"offerId", offerId}}, me);
}

std::string path(const std::string& prefix, int64_t id, const std::string& suffix = {}) {
    return prefix + std::to_string(id) + suffix;
}

}  // namespace

TEST_SUITE("server applications") {
    TEST_CASE("fifty concurrent Je postule from one session: exactly one 201 and 49 409, five times") {
        ServerProcess server(demo());
        const auto anne = signedInAs(server, kAnne, kAnnePassword);
        const std::vector<Json> offers = eligibleOffers(server, anne, 50);
        REQUIRE(offers.size() == 50);
        for (int round = 0; round < 5; ++round) {
            CAPTURE(round);
            std::atomic<int> created{0}, alreadyActive{0}, other{0};
            std::atomic<bool> go{false};
            std::vector<std::thread> threads;
            std::vector<int> statuses(50, 0);
            for (int i = 0; i < 50; ++i)
                threads.emplace_back([&, i] {
                    while (!go) std::this_thread::yield();
                    HttpResult r = applyTo(server, anne, offers[i]["id"]);
                    statuses[i] = r.status;
                    if (r.status == 201)
                        ++created;
                    else if (r.status == 409 && r.body["code"] == "already_active")
                        ++alreadyActive;
                    else
                        ++other;
                });
            go = true;
            for (auto& t : threads) t.join();
            std::string statusList;  // 0: no HTTP answer
            for (int st : statuses) statusList += std::to_string(st) + " ";
            CAPTURE(statusList);

            CHECK(created == 1);
            CHECK(alreadyActive == 49);
            CHECK(other == 0);
            // The one accepted is the active one; the message names it; cancel it for the next round.
            auto mine = server.get("/api/v1/applications", anne);
            REQUIRE(mine.status == 200);
            REQUIRE(mine.body["active"].is_object());
            const int64_t offerId = mine.body["active"]["offerId"];
            bool found = false;
            for (int i = 0; i < 50; ++i)
                if (offers[i]["id"] == offerId) found = statuses[i] == 201;
            CHECK(found);
            auto again = applyTo(server, anne, offers[(round + 7) % 50]["id"]);
            CHECK(again.status == 409);
            CHECK(again.body["message"] == "Vous avez déjà une candidature en cours\u00A0: " +
                                               mine.body["active"]["offer"]["title"].get<std::string>() +
                                               ". Annulez-la pour postuler à ce logement.");
            auto cancelled = server.del(path("/api/v1/applications/", mine.body["active"]["id"]), anne);
            REQUIRE_MESSAGE(cancelled.status == 200, cancelled.raw);
        }
        auto mine = server.get("/api/v1/applications", anne);
        CHECK(mine.body["active"].is_null());
        CHECK(mine.body["history"].size() == 5);
    }

    TEST_CASE("the whole loop: apply, validate and send, contact, commission, attribution, lease; step 7 and e-mails") {
        ServerProcess server(demo());
        const Sessions s(server);
        auto session = server.get("/api/v1/session", s.landlord);
        REQUIRE(session.status == 200);
        CHECK(session.body["user"]["role"] == "landlord");
        CHECK(session.body["user"]["organisation"] == "Paris Habitat");
        CHECK(server.get("/api/v1/session", s.employer).body["user"]["siret"] == "82454114802432");

        const int64_t offer = parisHabitatOffer(server, s.anne);
        auto applied = applyTo(server, s.anne, offer);
        REQUIRE_MESSAGE(applied.status == 201, applied.raw);
        CHECK(applied.body["message"] == "Ce logement a bien été ajouté à vos candidatures");
        const int64_t id = applied.body["application"]["id"];
        auto detail = server.get(path("/api/v1/offers/", offer), s.anne);
        CHECK(detail.body["activeApplication"]["id"] == id);
        CHECK(applyTo(server, s.anne, offer).body["code"] == "already_active");

        // Advisor: the queue, validate, send.
        auto queue = server.get("/api/v1/staff/queue", s.advisor);
        REQUIRE_MESSAGE(queue.status == 200, queue.raw);
        REQUIRE(queue.body["applications"].size() == 1);
        CHECK(queue.body["applications"][0]["applicant"]["name"] == "Anne PORTE");
        CHECK(queue.body["applications"][0]["offer"]["landlord"] == "Paris Habitat");
        REQUIRE(server.post(path("/api/v1/staff/applications/", id, "/validate"), Json::object(), s.advisor).status ==
                200);
        auto candidates = server.get(path("/api/v1/staff/offers/", offer, "/candidates"), s.advisor);
        REQUIRE(candidates.status == 200);
        CHECK(candidates.body["candidates"][0]["stage"] == "validated");
        auto sent = server.post(path("/api/v1/staff/offers/", offer, "/send"), {{"applicationIds", {id}}}, s.advisor);
        REQUIRE_MESSAGE(sent.status == 200, sent.raw);
        CHECK(server.get("/api/v1/applications", s.anne).body["active"]["canCancel"] == false);

        // Landlord: its offer, then steps 4 to 7.
        auto own = server.get("/api/v1/staff/landlord/offers", s.landlord);
        REQUIRE(own.status == 200);
        REQUIRE(own.body["offers"].size() == 1);
        CHECK(own.body["offers"][0]["candidates"][0]["applicationId"] == id);
        REQUIRE(
            server
                .post(path("/api/v1/staff/applications/", id, "/contact"), {{"note", "Contact et visite"}}, s.landlord)
                .status == 200);
        REQUIRE(server.post(path("/api/v1/staff/applications/", id, "/commission"), Json(nullptr), s.landlord).status ==
                200);
        auto badDecision =
            server.post(path("/api/v1/staff/applications/", id, "/decision"), {{"decision", "peut-être"}}, s.landlord);
        CHECK(badDecision.status == 422);
        CHECK(badDecision.body["field"] == "decision");
        REQUIRE(
            server.post(path("/api/v1/staff/applications/", id, "/decision"), {{"decision", "attribution"}}, s.landlord)
                .status == 200);
        CHECK(server.get("/api/v1/staff/landlord/offers", s.landlord)
                  .body["offers"][0]["candidates"][0]["canSignLease"] == true);
        auto lease = server.post(path("/api/v1/staff/applications/", id, "/lease"), Json::object(), s.landlord);
        REQUIRE_MESSAGE(lease.status == 200, lease.raw);
        CHECK(lease.body["message"] == "Bail signé\u00A0: le logement est attribué et l'offre est clôturée.");

        // The applicant: step 7, the badge, the e-mails.
        auto mine = server.get("/api/v1/applications", s.anne);
        REQUIRE(mine.status == 200);
        CHECK(mine.body["active"]["step"] == 7);
        CHECK(mine.body["active"]["statusText"] == "Bail signé");
        CHECK(mine.body["unread"] == 1);
        REQUIRE(server.post("/api/v1/applications/read", Json::object(), s.anne).status == 200);
        CHECK(server.get("/api/v1/applications", s.anne).body["unread"] == 0);
        std::vector<std::string> subjects;
        for (const Json& m : server.mailbox(kAnne)) subjects.push_back(m["subject"]);
        REQUIRE(subjects.size() == 7);
        CHECK(subjects.front() == "Action Logement Services – Votre candidature\u00A0: Bail signé");
        CHECK(subjects.back() == "Action Logement Services – Votre candidature\u00A0: En attente");
        CHECK(std::count(subjects.begin(), subjects.end(),
                         "Action Logement Services – Votre candidature\u00A0: Transmise au bailleur") == 1);
        // The offer is closed now.
        CHECK(server.get(path("/api/v1/offers/", offer), s.anne).body["offer"]["status"] == "closed");
        auto help = server.get("/api/v1/applications/ranking", s.anne);
        CHECK(help.status == 200);
        CHECK(help.body["title"] == "Comment est calculée ma position\u202F?");
    }

    TEST_CASE("a cancellation, then an invalidation followed by a new application") {
        ServerProcess server(demo());
        const Sessions s(server);
        const int64_t first = parisHabitatOffer(server, s.anne);
        const int64_t second = parisHabitatOffer(server, s.anne, 1);
        auto a1 = applyTo(server, s.anne, first);
        REQUIRE(a1.status == 201);
        auto cancelled = server.del(path("/api/v1/applications/", a1.body["application"]["id"]), s.anne);
        REQUIRE(cancelled.status == 200);
        CHECK(cancelled.body["application"]["stage"] == "cancelled");
        CHECK(server.del(path("/api/v1/applications/", a1.body["application"]["id"]), s.anne).body["code"] ==
              "cannot_cancel");

        auto a2 = applyTo(server, s.anne, second);
        REQUIRE_MESSAGE(a2.status == 201, a2.raw);
        const int64_t id = a2.body["application"]["id"];
        auto shortReason =
            server.post(path("/api/v1/staff/applications/", id, "/invalidate"), {{"reason", "no"}}, s.advisor);
        CHECK(shortReason.status == 422);
        CHECK(shortReason.body["field"] == "reason");
        auto invalidated = server.post(path("/api/v1/staff/applications/", id, "/invalidate"),
                                       {{"reason", "Pièces justificatives illisibles"}}, s.advisor);
        REQUIRE_MESSAGE(invalidated.status == 200, invalidated.raw);
        auto mine = server.get("/api/v1/applications", s.anne);
        CHECK(mine.body["active"].is_null());
        CHECK(mine.body["history"][0]["outcomeText"] ==
              "Non validée par Action Logement\u00A0: Pièces justificatives illisibles");
        CHECK(mine.body["unread"] == 1);
        CHECK(server.mailbox(kAnne)[0]["body"].get<std::string>().find(
                  "Motif\u00A0: Pièces justificatives illisibles") != std::string::npos);
        auto a3 = applyTo(server, s.anne, first);
        CHECK(a3.status == 201);

        // Once sent to the landlord, it can no longer be cancelled.
        const int64_t third = a3.body["application"]["id"];
        REQUIRE(
            server.post(path("/api/v1/staff/applications/", third, "/validate"), Json::object(), s.advisor).status ==
            200);
        REQUIRE(server.post(path("/api/v1/staff/offers/", first, "/send"), {{"applicationIds", {third}}}, s.advisor)
                    .status == 200);
        auto late = server.del(path("/api/v1/applications/", third), s.anne);
        CHECK(late.status == 409);
        CHECK(late.body["code"] == "cannot_cancel");
        CHECK(late.body["message"] ==
              "Votre dossier a été transmis au bailleur\u00A0: la candidature ne peut plus être annulée.");
    }

    TEST_CASE("authorization: each role is refused what it must not see or do") {
        ServerProcess server(demo());
        const Sessions s(server);
        const int64_t offer = parisHabitatOffer(server, s.anne);
        auto applied = applyTo(server, s.anne, offer);
        REQUIRE(applied.status == 201);
        const int64_t id = applied.body["application"]["id"];
        const std::string app = "/api/v1/staff/applications/" + std::to_string(id);
        const std::string off = "/api/v1/staff/offers/" + std::to_string(offer);
        struct Call {
            std::string method, path;
            Json body;
        };
        const std::vector<Call> advisorCalls = {{"GET", "/api/v1/staff/queue", nullptr},
                                                {"POST", app + "/validate", Json::object()},
                                                {"POST", app + "/invalidate", {{"reason", "Motif valable"}}},
                                                {"GET", off + "/candidates", nullptr},
                                                {"POST", off + "/send", {{"applicationIds", {id}}}}};
        const std::vector<Call> landlordCalls = {{"GET", "/api/v1/staff/landlord/offers", nullptr},
                                                 {"POST", app + "/contact", {{"note", "x"}}},
                                                 {"POST", app + "/commission", Json::object()},
                                                 {"POST", app + "/decision", {{"decision", "attribution"}}},
                                                 {"POST", app + "/document", Json::object()},
                                                 {"POST", app + "/lease", Json::object()}};
        const std::vector<Call> employerCalls = {{"GET", "/api/v1/staff/employer/requests", nullptr}};
        const std::vector<Call> applicantCalls = {{"GET", "/api/v1/applications", nullptr},
                                                  {"POST", "/api/v1/applications", {{"offerId", offer}}},
                                                  {"DELETE", "/api/v1/applications/" + std::to_string(id), nullptr},
                                                  {"POST", "/api/v1/applications/read", Json::object()}};
        auto run = [&](const Call& c, const httplib::Headers& who) {
            if (c.method == "GET") return server.get(c.path, who);
            if (c.method == "DELETE") return server.del(c.path, who);
            return server.post(c.path, c.body, who);
        };
        auto refusedTo = [&](const std::vector<Call>& calls, std::initializer_list<const httplib::Headers*> who) {
            for (const Call& c : calls)
                for (const httplib::Headers* h : who) {
                    CAPTURE(c.path);
                    HttpResult r = run(c, *h);
                    CHECK(r.status == 403);
                    CHECK(r.body["code"] == "forbidden");
                }
            for (const Call& c : calls) CHECK(run(c, {}).status == 401);
        };
        refusedTo(advisorCalls, {&s.anne, &s.landlord, &s.employer});
        refusedTo(landlordCalls, {&s.anne, &s.advisor, &s.employer});
        refusedTo(employerCalls, {&s.anne, &s.advisor, &s.landlord});
        refusedTo(applicantCalls, {&s.advisor, &s.landlord, &s.employer});
        CHECK(server.get("/api/v1/applications", s.anne).body["active"]["stage"] == "submitted");

        // Ownership: another landlord cannot touch Paris Habitat's candidates.
        REQUIRE(server.post(app + "/validate", Json::object(), s.advisor).status == 200);
        REQUIRE(server.post(off + "/send", {{"applicationIds", {id}}}, s.advisor).status == 200);
        auto landlord2 = newApplicant(server, "autre.bailleur@example.fr");  // an applicant account...
        CHECK(server.post(app + "/commission", Json::object(), landlord2).status == 403);

        // The employer sees Anne (choice 3, its SIRET) with her applications; not the NIR.
        auto requests = server.get("/api/v1/staff/employer/requests", s.employer);
        REQUIRE(requests.status == 200);
        REQUIRE(requests.body["requests"].size() == 1);
        CHECK(requests.body["requests"][0]["choice"] == 3);
        const Json& fields = requests.body["requests"][0]["fields"];
        REQUIRE(fields.is_array());
        CHECK(fields[2]["key"] == "lastName");
        CHECK(fields[2]["value"] == "PORTE");
        CHECK(requests.body["requests"][0]["applications"].size() == 1);
        CHECK(requests.raw.find("2890575114023") == std::string::npos);

        // Offers: a landlord adds for its own organisation only; applicants and employers never.
        const Json offerBody = {{"insee", "75056"},    {"street", "8 rue de la Py"}, {"typology", "T3"},
                                {"surface", 60},       {"funding", "PLUS"},          {"rentCents", 52000},
                                {"chargesCents", 9000}};
        Json foreign = offerBody;
        foreign["landlord"] = "Immobilière 3F";
        CHECK(server.post("/api/v1/offers", foreign, s.landlord).status == 403);
        CHECK(server.post("/api/v1/offers", offerBody, s.employer).status == 403);
        CHECK(server.post("/api/v1/offers", offerBody, s.anne).status == 403);
        auto invalid = server.post("/api/v1/offers", {{"insee", "75056"}}, s.landlord);
        CHECK(invalid.status == 422);
        CHECK(invalid.body["code"] == "validation");
        auto added = server.post("/api/v1/offers", offerBody, s.landlord);
        REQUIRE_MESSAGE(added.status == 201, added.raw);
        CHECK(added.body["offer"]["landlord"] == "Paris Habitat");
        CHECK(server.post("/api/v1/offers", foreign, s.advisor).status == 201);
    }

    TEST_CASE("added offers and application counts survive a restart") {
        TempDir data;
        const Env env{{"ALIN_DEMO_ACCOUNTS", "1"}, {"ALIN_DB", (data.path / "alin.db").string()}};
        int64_t added = 0, offer = 0;
        int countAfter = 0;
        {
            ServerProcess server(env);
            const Sessions s(server);
            auto r = server.post("/api/v1/offers",
                                 {{"insee", "75056"},
                                  {"street", "8 rue de la Py"},
                                  {"typology", "T3"},
                                  {"surface", 60},
                                  {"funding", "PLUS"},
                                  {"rentCents", 52000},
                                  {"chargesCents", 9000}},
                                 s.landlord);
            REQUIRE(r.status == 201);
            added = r.body["offer"]["id"];
            offer = parisHabitatOffer(server, s.anne);
            auto applied = applyTo(server, s.anne, offer);
            REQUIRE(applied.status == 201);
            countAfter = applied.body["application"]["applicationsCount"];
        }
        ServerProcess again(env);  // the demo accounts are not created twice
        const auto anne = signedInAs(again, kAnne, kAnnePassword);
        auto d = again.get(path("/api/v1/offers/", added), anne);
        REQUIRE_MESSAGE(d.status == 200, d.raw);
        CHECK(d.body["offer"]["landlord"] == "Paris Habitat");
        CHECK(again.get(path("/api/v1/offers/", offer), anne).body["offer"]["applicationsCount"] == countAfter);
        CHECK(again.get("/api/v1/applications", anne).body["active"]["offerId"] == offer);
    }

    TEST_CASE("demo accounts: the seeding route, idempotent; absent in production") {
        ServerProcess server;  // no demo accounts at start
        CHECK(server.login(kAnne, kAnnePassword).status == 401);
        auto seeded = server.post("/api/v1/dev/demo-accounts", Json::object());  // no login needed
        REQUIRE_MESSAGE(seeded.status == 200, seeded.raw);
        CHECK(seeded.body["accounts"].size() == 4);
        CHECK(seeded.body["accounts"][0]["created"] == true);
        CHECK(seeded.body["requestFile"] == true);
        auto twice = server.post("/api/v1/dev/demo-accounts", Json::object());
        CHECK(twice.body["accounts"][3]["created"] == false);
        const auto anne = signedInAs(server, kAnne, kAnnePassword);
        auto file = server.get("/api/v1/request", anne);
        REQUIRE(file.status == 200);
        CHECK(file.body["file"]["validated"] == true);
        CHECK(file.body["file"]["alin"]["sharingChoice"] == 3);
        CHECK(file.body["file"]["alin"]["employerName"] == "Entreprise Exemple");
        CHECK(server.get("/api/v1/dev/demo-accounts").status == 405);

        ServerProcess production(Env{{"ALIN_ENV", "production"}});
        CHECK(production.post("/api/v1/dev/demo-accounts", Json::object()).status == 404);
    }

    TEST_CASE("routing: unknown paths 404, wrong methods 405, before the session") {
        ServerProcess server;
        CHECK(server.get("/api/v1/applications/12/extra").status == 404);
        CHECK(server.get("/api/v1/applications/abc").status == 404);
        CHECK(server.get("/api/v1/staff/nothing").status == 404);
        CHECK(server.post("/api/v1/staff/applications/1/explode", Json::object()).status == 404);
        auto wrong = server.get("/api/v1/applications/12");
        CHECK(wrong.status == 405);
        CHECK(wrong.body["allowed"] == Json::array({"DELETE"}));
        CHECK(server.del("/api/v1/applications/ranking").status == 405);
        CHECK(server.get("/api/v1/applications/read").status == 405);
        CHECK(server.get("/api/v1/staff/applications/1/validate").status == 405);
        CHECK(server.post("/api/v1/staff/queue", Json::object()).status == 405);
        CHECK(server.get("/api/v1/applications").status == 401);
        const auto me = newApplicant(server, "sans.dossier@yopmail.com");
        auto noOffer = server.post("/api/v1/applications", {{"offerId", "douze"}}, me);
        CHECK(noOffer.status == 422);
        CHECK(noOffer.body["field"] == "offerId");
        CHECK(server.post("/api/v1/applications", {{"offerId", 12}}, me).body["code"] == "no_request");
    }
}
