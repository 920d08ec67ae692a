// The contact form and the advisors' inbox (issue 14 part 2) over real HTTP
// against the real server (SQLite): the applicant writes, the advisor reads the
// inbox (oldest first) and answers, the applicant reads the answer in the app
// and gets it by e-mail (the outbox); bad input is refused at the field; only
// advisors read and answer (403 otherwise, 401 without a session); the daily
// quota holds under 20 concurrent sends of one account.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "applicant_helpers.h"

using namespace alin::test;

namespace {

constexpr const char* kAnne = "anne.porte@example.fr";  // demo accounts
constexpr const char* kAnnePassword = "Logement2026";
constexpr const char* kAdvisor = "conseiller@actionlogement.example";
constexpr const char* kAdvisorPassword = "Conseiller2026";

Env demo() {
    return Env{{"ALIN_DEMO_ACCOUNTS", "1"}};
}

}  // namespace

TEST_SUITE("server contact") {
    TEST_CASE("contact: the applicant writes, the advisor answers, the applicant reads it in the app and by e-mail") {
        ServerProcess server(demo());
        const httplib::Headers anne = signedInAs(server, kAnne, kAnnePassword);
        const httplib::Headers advisor = signedInAs(server, kAdvisor, kAdvisorPassword);
        const httplib::Headers landlord = signedInAs(server, "bailleur@parishabitat.example", "Bailleur2026");

        // Bad input: French messages at each field, nothing stored.
        auto bad = server.post("/api/v1/contact/messages", {{"subject", ""}, {"message", "  "}}, anne);
        CHECK(bad.status == 422);
        REQUIRE(bad.body["errors"].size() == 2);
        CHECK(bad.body["errors"][0]["field"] == "subject");
        CHECK(bad.body["errors"][1]["field"] == "message");
        CHECK(bad.body["errors"][1]["message"] == "Écrivez votre message avant de l'envoyer.");
        auto tooLong =
            server.post("/api/v1/contact/messages", {{"subject", "other"}, {"message", std::string(2001, 'a')}}, anne);
        CHECK(tooLong.status == 422);
        CHECK(tooLong.body["field"] == "message");
        CHECK(tooLong.body["message"].get<std::string>().find("2\u00A0000") != std::string::npos);
        CHECK(server.post("/api/v1/contact/messages", {{"subject", "other"}, {"message", 12}}, anne).status == 400);

        auto sent = server.post("/api/v1/contact/messages",
                                {{"subject", "request_file"}, {"message", "Mon dossier est-il complet ?"}}, anne);
        REQUIRE_MESSAGE(sent.status == 201, sent.raw);
        const int64_t id = sent.body["message"]["id"];
        CHECK(sent.body["notice"].get<std::string>().find("conseiller") != std::string::npos);

        // Who may read the inbox.
        CHECK(server.get("/api/v1/contact/inbox", anne).status == 403);
        CHECK(server.get("/api/v1/contact/inbox", landlord).status == 403);
        CHECK(server.get("/api/v1/contact/inbox").status == 401);
        CHECK(server.post("/api/v1/contact/inbox/" + std::to_string(id) + "/answer", {{"answer", "Non"}}, landlord)
                  .status == 403);
        CHECK(server.post("/api/v1/contact/messages", {{"subject", "other"}, {"message", "x"}}, advisor).status == 403);

        auto inbox = server.get("/api/v1/contact/inbox", advisor);
        REQUIRE_MESSAGE(inbox.status == 200, inbox.raw);
        REQUIRE(inbox.body["messages"].size() == 1);
        CHECK(inbox.body["messages"][0]["message"] == "Mon dossier est-il complet ?");
        CHECK(inbox.body["messages"][0]["applicantEmail"] == kAnne);

        auto answered = server.post("/api/v1/contact/inbox/" + std::to_string(id) + "/answer",
                                    {{"answer", "Oui, il est complet."}}, advisor);
        REQUIRE_MESSAGE(answered.status == 200, answered.raw);
        CHECK(server.post("/api/v1/contact/inbox/" + std::to_string(id) + "/answer", {{"answer", "Bis"}}, advisor)
                  .status == 409);

        // The applicant reads it in the app...
        auto mine = server.get("/api/v1/contact/messages", anne);
        REQUIRE(mine.status == 200);
        REQUIRE(mine.body["messages"].size() == 1);
        CHECK(mine.body["messages"][0]["status"] == "answered");
        CHECK(mine.body["messages"][0]["answer"] == "Oui, il est complet.");
        // ... and by e-mail, through the outbox, once.
        int answers = 0;
        for (const Json& m : server.mailbox(kAnne))
            if (m["subject"] == "Réponse à votre message - AL'in") {
                ++answers;
                CHECK(m["body"].get<std::string>().find("Oui, il est complet.") != std::string::npos);
            }
        CHECK(answers == 1);
        // ... and in "Mes données".
        auto data = server.get("/api/v1/me/data", anne);
        REQUIRE(data.status == 200);
        REQUIRE(data.body["data"]["messages"].size() == 1);
        CHECK(data.body["data"]["messages"][0]["answer"] == "Oui, il est complet.");

        // Closing takes it out of the inbox.
        CHECK(server.post("/api/v1/contact/inbox/" + std::to_string(id) + "/close", Json::object(), advisor).status ==
              200);
        CHECK(server.get("/api/v1/contact/inbox", advisor).body["messages"].empty());
    }

    TEST_CASE("contact: 20 concurrent sends of one account: exactly 5 stored, the others 429 in French") {
        ServerProcess server(demo());
        const httplib::Headers anne = signedInAs(server, kAnne, kAnnePassword);
        std::atomic<int> created{0}, refused{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 20; ++i)
            threads.emplace_back([&, i] {
                auto r = server.post("/api/v1/contact/messages",
                                     {{"subject", "other"}, {"message", "Message " + std::to_string(i)}}, anne);
                if (r.status == 201) ++created;
                if (r.status == 429 && r.body["code"] == "too_many_messages") ++refused;
            });
        for (auto& t : threads) t.join();
        CHECK(created == 5);
        CHECK(refused == 15);
        auto mine = server.get("/api/v1/contact/messages", anne);
        CHECK(mine.body["messages"].size() == 5);
        auto again = server.post("/api/v1/contact/messages", {{"subject", "other"}, {"message", "Encore"}}, anne);
        CHECK(again.status == 429);
        CHECK(again.body["message"].get<std::string>().find("24\u00A0heures") != std::string::npos);
    }
}
