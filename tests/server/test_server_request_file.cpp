// The request file (guide §3, §4; docs/request-file-api.md) over real HTTP
// against the real server (ALIN_ENV=test): the guide's example 1110920621114ACLOG
// imported with the e-mailed code read from the development mailbox, completed
// and validated; the department list; the registry stand-in edited then
// refreshed; the legacy request 1110720020439G1175 and its security code.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include "server_fixture.h"

using namespace alin::test;

namespace {

constexpr const char* kPorte = "1110920621114ACLOG";
constexpr const char* kPorteMail = "anne.porte@example.fr";
constexpr const char* kLegacy = "1110720020439G1175";
constexpr const char* kLegacyMail = "julien.moreau@example.fr";

HttpResult put(const ServerProcess& server, const std::string& path, const Json& body,
               const httplib::Headers& headers = {}) {
    auto c = server.client();
    auto res = c.Put(path, headers, body.dump(), "application/json");
    HttpResult r;
    if (!res) return r;
    r.status = res->status;
    r.raw = res->body;
    r.headers = res->headers;
    r.body = Json::parse(res->body, nullptr, false);
    return r;
}

// A signed-up, activated and logged-in applicant: the session cookie header.
httplib::Headers signedIn(const ServerProcess& server, const std::string& email) {
    server.createActiveAccount(email, kStrongPassword);
    auto login = server.login(email, kStrongPassword);
    REQUIRE_MESSAGE(login.status == 200, login.raw);
    return cookieHeader(sessionCookieValue(login));
}

std::string latestCode(const ServerProcess& server, const std::string& to) {
    Json messages = server.mailbox(to);
    REQUIRE_MESSAGE(!messages.empty(), "no e-mail for " << to);
    REQUIRE_MESSAGE(messages[0]["codes"].size() == 1, messages[0].dump());
    return messages[0]["codes"][0];
}

}  // namespace

TEST_SUITE("server request file") {
    TEST_CASE("import the guide's example with the e-mailed code, complete and validate") {
        ServerProcess server;
        const auto me = signedIn(server, "anne.compte@yopmail.com");

        auto none = server.get("/api/v1/request", me);
        CHECK(none.status == 404);
        CHECK(none.body["code"] == "no_request");
        CHECK(server.get("/api/v1/request").status == 401);

        auto unknown = server.post("/api/v1/request/import", {{"numeroUnique", "999999999999999ZZZ"}}, me);
        CHECK(unknown.status == 404);
        CHECK(unknown.body["code"] == "nu_unknown");
        CHECK(unknown.body["field"] == "numeroUnique");

        auto sent = server.post("/api/v1/request/import", {{"numeroUnique", "1110 9206 2111 4ACLOG"}}, me);
        REQUIRE_MESSAGE(sent.status == 202, sent.raw);
        CHECK(sent.body["maskedEmail"] == "an***@example.fr");
        CHECK(sent.body["expiresInHours"] == 24);
        // The code went to the request's address, not to the account's.
        Json accountMails = server.mailbox("anne.compte@yopmail.com");
        for (const Json& m : accountMails) CHECK(m["codes"].empty());
        Json mails = server.mailbox(kPorteMail);
        REQUIRE(mails.size() == 1);
        CHECK(mails[0]["subject"] == "Action Logement Services – Votre code de sécurité");
        const std::string code = latestCode(server, kPorteMail);
        CHECK(mails[0]["body"].get<std::string>().find(code) != std::string::npos);

        auto wrong = server.post("/api/v1/request/import/confirm", {{"numeroUnique", kPorte}, {"code", "ZZZZZZ"}}, me);
        CHECK(wrong.status == 422);
        CHECK(wrong.body["code"] == "code_invalid");
        CHECK(wrong.body["message"].get<std::string>().find(
                  "Le code de sécurité est incorrect ou expiré. Vérifiez l'e-mail reçu") == 0);
        CHECK(wrong.body["attemptsLeft"] == 4);

        auto imported = server.post("/api/v1/request/import/confirm", {{"numeroUnique", kPorte}, {"code", code}}, me);
        REQUIRE_MESSAGE(imported.status == 200, imported.raw);
        const Json& file = imported.body["file"];
        CHECK(file["numeroUnique"] == kPorte);
        CHECK(file["step"] == 1);
        CHECK(file["legacy"] == false);
        CHECK(file["registry"]["applicant"]["nir"] == "2 89 05 75 *** *** **");
        CHECK(file["alin"]["employerSiret"] == "82454114802432");
        CHECK(file["alin"]["attachOptions"].size() == 2);
        CHECK(file["eligibility"]["sentences"].size() >= 3);
        CHECK(server.get("/api/v1/request", me).body["file"] == file);
        // The NIR never reaches the log.
        CHECK(server.log().find("2890575114023") == std::string::npos);

        auto again = server.post("/api/v1/request/import", {{"numeroUnique", kLegacy}}, me);
        CHECK(again.status == 409);
        CHECK(again.body["code"] == "already_imported");

        // Panel 2.
        auto noName = put(server, "/api/v1/request/employer", {{"employerName", ""}, {"attachTo", "applicant"}}, me);
        CHECK(noName.status == 422);
        CHECK(noName.body["code"] == "validation");
        CHECK(noName.body["field"] == "employerName");
        auto employer = put(server, "/api/v1/request/employer",
                            {{"employerName", "Boulangerie Porte"},
                             {"companyCode", "ACLOG75"},
                             {"matricule", "M-42"},
                             {"hireDate", "2020-01-15"},
                             {"cdii", "no"},
                             {"attachTo", "applicant"}},
                            me);
        REQUIRE_MESSAGE(employer.status == 200, employer.raw);
        CHECK(employer.body["file"]["alin"]["employerValidated"] == true);
        auto sharing = put(server, "/api/v1/request/sharing", {{"choice", 2}}, me);
        REQUIRE(sharing.status == 200);
        CHECK(sharing.body["file"]["step"] == 3);

        // Panel 3 and "Valider mon dossier".
        auto early = server.post("/api/v1/request/validate", Json::object(), me);
        CHECK(early.status == 422);
        CHECK(early.body["code"] == "incomplete");
        auto docs = put(server, "/api/v1/request/documents",
                        {{"identite", true}, {"ressources", true}, {"avis_imposition", true}, {"motif", true}}, me);
        REQUIRE(docs.status == 200);
        auto validated = server.post("/api/v1/request/validate", Json::object(), me);
        REQUIRE_MESSAGE(validated.status == 200, validated.raw);
        CHECK(validated.body["file"]["validated"] == true);
        CHECK(validated.body["file"]["step"] == 4);

        // Another account cannot take the same number.
        const auto other = signedIn(server, "quelquun@yopmail.com");
        auto taken = server.post("/api/v1/request/import", {{"numeroUnique", kPorte}}, other);
        CHECK(taken.status == 409);
        CHECK(taken.body["code"] == "nu_taken");
        CHECK(taken.body["message"] == "Ce Numéro Unique est déjà rattaché à un autre compte AL'in.");

        // "Supprimer ma demande", then the number is free again.
        auto removed = server.del("/api/v1/request", me);
        CHECK(removed.status == 200);
        CHECK(server.get("/api/v1/request", me).status == 404);
        CHECK(server.post("/api/v1/request/import", {{"numeroUnique", kPorte}}, other).status == 202);
    }

    TEST_CASE("the code expires after 24 hours") {
        ServerProcess server;
        const auto me = signedIn(server, "anne.compte@yopmail.com");
        REQUIRE(server.post("/api/v1/request/import", {{"numeroUnique", kPorte}}, me).status == 202);
        const std::string code = latestCode(server, kPorteMail);
        server.advanceClock(24 * 3600 + 5);
        // The session expired meanwhile (idle): log in again.
        auto login = server.login("anne.compte@yopmail.com", kStrongPassword);
        REQUIRE(login.status == 200);
        const auto again = cookieHeader(sessionCookieValue(login));
        auto late = server.post("/api/v1/request/import/confirm", {{"numeroUnique", kPorte}, {"code", code}}, again);
        CHECK(late.status == 422);
        CHECK(late.body["code"] == "code_invalid");
    }

    TEST_CASE("departments: every one, with Finistère's own site") {
        ServerProcess server;
        auto r = server.get("/api/v1/departments");  // no login needed
        REQUIRE(r.status == 200);
        const Json& list = r.body["departments"];
        CHECK(list.size() >= 100);
        bool found = false;
        for (const Json& d : list) {
            if (d["code"] != "29") continue;
            found = true;
            CHECK(d["name"] == "Finistère");
            CHECK(d["siteUrl"] == "https://www.demandelogement29.fr/imhowebGP29/");
            CHECK(d["national"] == false);
        }
        CHECK(found);
        CHECK(list[0]["code"] == "01");
        CHECK(list[0]["national"] == true);
        CHECK(list[0]["siteUrl"] == "https://www.demande-logement-social.gouv.fr");
    }

    TEST_CASE("registry stand-in: a change on the registration site, picked up by Mettre à jour") {
        ServerProcess server;
        const auto me = signedIn(server, "anne.compte@yopmail.com");
        REQUIRE(server.post("/api/v1/request/import", {{"numeroUnique", kPorte}}, me).status == 202);
        REQUIRE(server
                    .post("/api/v1/request/import/confirm",
                          {{"numeroUnique", kPorte}, {"code", latestCode(server, kPorteMail)}}, me)
                    .status == 200);

        auto unchanged = server.post("/api/v1/request/refresh", Json::object(), me);
        REQUIRE_MESSAGE(unchanged.status == 200, unchanged.raw);
        CHECK(unchanged.body["changed"] == false);

        auto registry = server.get(std::string("/api/v1/registry/requests/") + kPorte);
        REQUIRE(registry.status == 200);
        CHECK(registry.body["applicant"]["lastName"] == "PORTE");
        Json edited = registry.body;
        edited["currentAddress"]["street"] = "3 rue Raymond Losserand";
        auto saved = put(server, std::string("/api/v1/registry/requests/") + kPorte, edited);
        REQUIRE_MESSAGE(saved.status == 200, saved.raw);

        auto changed = server.post("/api/v1/request/refresh", Json::object(), me);
        REQUIRE_MESSAGE(changed.status == 200, changed.raw);
        CHECK(changed.body["changed"] == true);
        CHECK(changed.body["file"]["registry"]["currentAddress"]["street"] == "3 rue Raymond Losserand");

        // A different birth date: the request must be deleted and imported again.
        edited["applicant"]["birthDate"] = "1989-05-20";
        REQUIRE(put(server, std::string("/api/v1/registry/requests/") + kPorte, edited).status == 200);
        auto mismatch = server.post("/api/v1/request/refresh", Json::object(), me);
        CHECK(mismatch.status == 409);
        CHECK(mismatch.body["code"] == "identity_mismatch");

        // Operators load more requests.
        Json extra = edited;
        extra["numeroUnique"] = "111092062111400099";
        auto loaded = server.post("/api/v1/registry/requests", {{"requests", Json::array({extra})}});
        CHECK(loaded.status == 200);
        CHECK(loaded.body["loaded"] == 1);
        CHECK(server.get("/api/v1/registry/requests?limit=1").body["total"] == 241);
    }

    TEST_CASE("the request 1110720020439G1175 (before 20/04/2021), imported with its code: updates in one click") {
        // The guide asks for the code once for such requests: the import's code is
        // that verification (issue 11 item 7). Files created on AL'in before the
        // cutover (legacy) are covered by the unit tests.
        ServerProcess server;
        const auto me = signedIn(server, "julien.compte@yopmail.com");
        REQUIRE(server.post("/api/v1/request/import", {{"numeroUnique", kLegacy}}, me).status == 202);
        auto imported = server.post("/api/v1/request/import/confirm",
                                    {{"numeroUnique", kLegacy}, {"code", latestCode(server, kLegacyMail)}}, me);
        REQUIRE_MESSAGE(imported.status == 200, imported.raw);
        CHECK(imported.body["file"]["legacy"] == false);
        CHECK(server.post("/api/v1/request/refresh", Json::object(), me).status == 200);
        CHECK(server.post("/api/v1/request/refresh", Json::object(), me).status == 200);
    }

    TEST_CASE("production: no registry stand-in routes") {
        ServerProcess server(Env{{"ALIN_ENV", "production"}});
        CHECK(server.get(std::string("/api/v1/registry/requests/") + kPorte).status == 404);
        CHECK(server.get("/api/v1/departments").status == 200);
    }

    TEST_CASE("missing data files: a clear start-up error") {
        TempDir dir;
        ChildProcess::Options options;
        options.argv = {ALIN_SERVER_EXE};
        options.env = {{"ALIN_ENV", "test"},
                       {"PORT", "0"},
                       {"ALIN_DB", (dir.path / "alin.db").string()},
                       {"ALIN_DATA_DIR", (dir.path / "nothing-here").string()}};
        options.removeEnv = {"ALIN_", "PORT", "HOST"};
        options.stderrFile = dir.path / "server.log";
        ChildProcess child(options);
        CHECK_FALSE(child.readLine(15000));  // never listens
        const int status = child.stop(SIGTERM, 15000);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 2);
        const std::string log = readTextFile(dir.path / "server.log");
        CHECK(log.find("geo.bin") != std::string::npos);
        CHECK(log.find("scripts/setup.sh") != std::string::npos);
    }
}
