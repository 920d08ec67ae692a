// "Mes données" (issue 14 part 3) over real HTTP against the real server on
// SQLite: the export holds each section of the signed-in person and nobody
// else's (two accounts with data); account deletion (wrong then right
// password, an application sent to the landlord closed and kept anonymised)
// leaves no personal row in any table of sqlite_master, ends the other
// sessions, and frees the e-mail.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <set>
#include <string>
#include <vector>

#include "applicant_helpers.h"

using namespace alin::test;

namespace {

constexpr const char* kAnne = "anne.porte@example.fr";  // demo account: validated file, Numéro Unique kPorte
constexpr const char* kAnnePassword = "Logement2026";
constexpr const char* kPorte = "1110920621114ACLOG";
constexpr const char* kBruno = "bruno.donnees@yopmail.com";
constexpr const char* kLegacy = "1110720020439G1175";
constexpr const char* kLegacyMail = "julien.moreau@example.fr";

Env demo() {
    return Env{{"ALIN_DEMO_ACCOUNTS", "1"}};
}

std::string path(const std::string& prefix, int64_t id, const std::string& suffix = {}) {
    return prefix + std::to_string(id) + suffix;
}

// Anne applies to a Paris Habitat offer; the advisor validates it and sends it to the landlord (step 3).
int64_t applyAndSend(const ServerProcess& server, const httplib::Headers& anne, int64_t& offerId) {
    const httplib::Headers advisor = signedInAs(server, "conseiller@actionlogement.example", "Conseiller2026");
    auto offers = server.get("/api/v1/offers?pageSize=100", anne);
    REQUIRE(offers.status == 200);
    offerId = 0;
    for (const Json& item : offers.body["items"])
        if (offerId == 0 && item["landlord"] == "Paris Habitat") offerId = item["id"];
    REQUIRE(offerId != 0);
    auto applied = server.post("/api/v1/applications", {{"offerId", offerId}}, anne);
    REQUIRE_MESSAGE(applied.status == 201, applied.raw);
    const int64_t id = applied.body["application"]["id"];
    REQUIRE(server.post(path("/api/v1/staff/applications/", id, "/validate"), Json::object(), advisor).status == 200);
    auto sent = server.post(path("/api/v1/staff/offers/", offerId, "/send"), {{"applicationIds", {id}}}, advisor);
    REQUIRE_MESSAGE(sent.status == 200, sent.raw);
    return id;
}

// Bruno: a new account with the legacy request imported (not validated), data-sharing choice 1.
httplib::Headers brunoWithData(const ServerProcess& server) {
    const httplib::Headers bruno = newApplicant(server, kBruno);
    importRequest(server, bruno, kLegacy, kLegacyMail, false);
    REQUIRE(put(server, "/api/v1/request/sharing", {{"choice", 1}}, bruno).status == 200);
    return bruno;
}

std::string dump(const Json& j) {
    return j.dump();
}

// Every cell of every table of the SQLite file that names the person: a text
// containing one of `needles`, or `userId` in a column that holds user ids.
// registry_requests is skipped: it is the stand-in of the national registry
// (SNE), not data AL'in holds about its users.
std::vector<std::string> personalCells(const std::string& dbPath, int64_t userId,
                                       const std::vector<std::string>& needles) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(dbPath.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::vector<std::string> tables;
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &st, nullptr) ==
            SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
        tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    CHECK(tables.size() >= 14);  // 0001-0007: every table is looked at
    std::vector<std::string> found;
    for (const std::string& table : tables) {
        if (table == "registry_requests") continue;
        const std::string sql = "SELECT * FROM \"" + table + "\"";
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                const std::string column = sqlite3_column_name(st, c);
                const bool idColumn = column == "user_id" || (table == "users" && column == "id");
                if (idColumn && sqlite3_column_int64(st, c) == userId) found.push_back(table + "." + column);
                if (sqlite3_column_type(st, c) != SQLITE_TEXT) continue;
                const std::string text(reinterpret_cast<const char*>(sqlite3_column_text(st, c)));
                for (const std::string& needle : needles)
                    if (text.find(needle) != std::string::npos) found.push_back(table + "." + column + ": " + needle);
            }
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return found;
}

}  // namespace

TEST_SUITE("server my data") {
    TEST_CASE("GET /me/data: every section holds the person's rows and nobody else's") {
        ServerProcess server(demo());
        const httplib::Headers anne = signedInAs(server, kAnne, kAnnePassword);
        REQUIRE(put(server, "/api/v1/request/sharing", {{"choice", 2}}, anne).status == 200);
        REQUIRE(put(server, "/api/v1/request/sharing", {{"choice", 2}}, anne).status == 200);  // no change: no entry
        int64_t offerId = 0;
        const int64_t applicationId = applyAndSend(server, anne, offerId);
        const httplib::Headers bruno = brunoWithData(server);
        auto alert = server.post(
            "/api/v1/alerts",
            {{"tab", "requested"}, {"rooms", Json::array({3})}, {"frequency", "daily"}, {"digestHour", 9}}, anne);
        REQUIRE_MESSAGE(alert.status == 201, alert.raw);

        CHECK(server.get("/api/v1/me/data").status == 401);
        CHECK(server.post("/api/v1/me/data", Json::object(), anne).status == 405);

        auto a = server.get("/api/v1/me/data", anne);
        REQUIRE_MESSAGE(a.status == 200, a.raw);
        const Json& ad = a.body["data"];
        CHECK(ad["account"]["email"] == kAnne);
        CHECK(ad["account"]["birthName"] == "PORTE");
        CHECK_FALSE(ad["account"].contains("passwordHash"));
        CHECK(a.raw.find("argon2") == std::string::npos);
        CHECK(ad["requestFile"]["numeroUnique"] == kPorte);
        CHECK(ad["requestHistory"][0]["event"] == "imported");
        CHECK(ad["sharingChoices"]["current"] == 2);
        REQUIRE(ad["sharingChoices"]["changes"].size() == 1);
        CHECK(ad["sharingChoices"]["changes"][0]["choice"] == 2);
        CHECK(ad["sharingChoices"]["changes"][0]["at"].get<int64_t>() > 0);
        REQUIRE(ad["applications"].size() == 1);
        CHECK(ad["applications"][0]["id"] == applicationId);
        CHECK(ad["applications"][0]["offerId"] == offerId);
        CHECK(ad["applications"][0]["events"].size() >= 3);  // apply, validate, send
        REQUIRE(!ad["emails"].empty());
        for (const Json& m : ad["emails"]) CHECK(m["to"] == kAnne);
        REQUIRE(!ad["logins"].empty());
        CHECK(ad["logins"][0]["at"].get<int64_t>() > 0);
        REQUIRE(ad["alerts"].size() == 1);  // "Mes alertes": the saved search, its settings and what it notified
        CHECK(ad["alerts"][0]["frequency"] == "daily");
        CHECK(ad["alerts"][0]["digestHour"] == 9);
        CHECK(ad["alerts"][0]["filters"]["rooms"] == Json::array({3}));
        CHECK(ad["alerts"][0]["notifications"].is_array());
        CHECK(ad["messages"].empty());
        const std::string aText = dump(ad);
        for (const char* other : {kBruno, kLegacy, kLegacyMail}) CHECK(aText.find(other) == std::string::npos);

        auto b = server.get("/api/v1/me/data", bruno);
        REQUIRE_MESSAGE(b.status == 200, b.raw);
        const Json& bd = b.body["data"];
        CHECK(bd["account"]["email"] == kBruno);
        CHECK(bd["requestFile"]["numeroUnique"] == kLegacy);
        CHECK(bd["requestFile"]["validatedAt"] == 0);
        REQUIRE(bd["sharingChoices"]["changes"].size() == 1);
        CHECK(bd["sharingChoices"]["changes"][0]["choice"] == 1);
        CHECK(bd["applications"].empty());
        CHECK(bd["alerts"].empty());
        bool codeMail = false;  // the security code went to the request's address
        for (const Json& m : bd["emails"]) codeMail = codeMail || m["to"] == kLegacyMail;
        CHECK(codeMail);
        REQUIRE(bd["logins"].size() == 1);
        const std::string bText = dump(bd);
        for (const char* other : {kAnne, kPorte, "PORTE"}) CHECK(bText.find(other) == std::string::npos);
    }

    TEST_CASE("POST /me/delete: password checked, application closed and archived, no personal row left, e-mail free") {
        ServerProcess server(demo());
        const httplib::Headers anne = signedInAs(server, kAnne, kAnnePassword);
        const httplib::Headers anneElsewhere = signedInAs(server, kAnne, kAnnePassword);  // a second device
        int64_t offerId = 0;
        applyAndSend(server, anne, offerId);
        REQUIRE(put(server, "/api/v1/request/sharing", {{"choice", 2}}, anne).status == 200);
        // A message of the contact form (migration 0011): it goes with the account.
        REQUIRE(server.post("/api/v1/contact/messages", {{"subject", "account"}, {"message", "Message de PORTE"}}, anne)
                    .status == 201);
        // An alert (migration 0010): it goes with the account too.
        REQUIRE(server.post("/api/v1/alerts", {{"tab", "requested"}}, anne).status == 201);
        const httplib::Headers bruno = brunoWithData(server);
        const int64_t anneId = server.get("/api/v1/session", anne).body["user"]["id"];

        auto wrong = server.post("/api/v1/me/delete", {{"password", "PasLeBon2026"}}, anne);
        CHECK(wrong.status == 401);
        CHECK(wrong.body["code"] == "invalid_password");
        CHECK(wrong.body["field"] == "password");
        CHECK(wrong.body["errors"][0]["field"] == "password");
        CHECK(server.get("/api/v1/session", anne).status == 200);                              // still signed in
        CHECK(server.post("/api/v1/me/delete", {{"password", kAnnePassword}}).status == 401);  // no session

        auto done = server.post("/api/v1/me/delete", {{"password", kAnnePassword}}, anne);
        REQUIRE_MESSAGE(done.status == 200, done.raw);
        CHECK(done.body["applicationCancelled"] == true);
        CHECK(done.body["applicationsArchived"] == 1);
        CHECK(done.body["message"].get<std::string>().find("candidature") != std::string::npos);
        CHECK(done.header("Set-Cookie").find("alin_session=;") != std::string::npos);

        // Sessions end everywhere.
        CHECK(server.get("/api/v1/session", anneElsewhere).status == 401);
        CHECK(server.get("/api/v1/me/data", anneElsewhere).status == 401);

        // Table by table: nothing names her (the archived application has no user, no name, no number).
        const std::string db = (server.dir().path / "db" / "alin.db").string();
        const auto cells = personalCells(db, anneId, {kAnne, "PORTE", kPorte});
        CHECK_MESSAGE(cells.empty(), [&] {
            std::string s;
            for (const auto& c : cells) s += c + "\n";
            return s;
        }());
        // The log-in is refused (checked after the scan: a failed log-in writes a
        // throttle row under the address it was tried with, pruned after 30 minutes).
        CHECK(server.login(kAnne, kAnnePassword).status == 401);
        // Bruno's data is untouched.
        auto b = server.get("/api/v1/me/data", bruno);
        REQUIRE(b.status == 200);
        CHECK(b.body["data"]["requestFile"]["numeroUnique"] == kLegacy);
        CHECK(b.body["data"]["sharingChoices"]["changes"].size() == 1);

        // The landlord's side stays coherent: its offer answers, the application left the live list.
        const httplib::Headers landlord = signedInAs(server, "bailleur@parishabitat.example", "Bailleur2026");
        auto own = server.get("/api/v1/staff/landlord/offers", landlord);
        REQUIRE_MESSAGE(own.status == 200, own.raw);
        CHECK(own.raw.find("PORTE") == std::string::npos);

        // The e-mail registers again.
        REQUIRE(server.signup(kAnne, "Anne").status == 202);
        REQUIRE(server.setPassword(server.latestLinkToken(kAnne), kStrongPassword).status == 200);
        CHECK(server.login(kAnne, kStrongPassword).status == 200);
    }
}
