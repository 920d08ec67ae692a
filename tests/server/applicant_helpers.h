// Helpers of the offer and application server tests: an applicant whose request
// file is imported, completed and validated through the real API, and PUT.
#pragma once
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "server_fixture.h"

namespace alin::test {

inline HttpResult put(const ServerProcess& server, const std::string& path, const Json& body,
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

// A signed-up, activated and logged-in user: the session cookie header.
inline httplib::Headers signedInAs(const ServerProcess& server, const std::string& email,
                                   const std::string& password = kStrongPassword) {
    auto login = server.login(email, password);
    REQUIRE_MESSAGE(login.status == 200, login.raw);
    return cookieHeader(sessionCookieValue(login));
}

// Eligible offers of the signed-in applicant, all tabs, up to `count`.
inline std::vector<Json> eligibleOffers(const ServerProcess& server, const httplib::Headers& me, size_t count) {
    std::vector<Json> out;
    for (const char* tab : {"requested", "neighbours", "others"}) {
        auto r = server.get(std::string("/api/v1/offers?pageSize=100&tab=") + tab, me);
        REQUIRE_MESSAGE(r.status == 200, r.raw);
        for (const Json& item : r.body["items"])
            if (out.size() < count) out.push_back(item);
    }
    return out;
}

inline httplib::Headers newApplicant(const ServerProcess& server, const std::string& email) {
    server.createActiveAccount(email, kStrongPassword);
    return signedInAs(server, email);
}

// Imports `nu` (the code read from the development mailbox at `codeTo`), then,
// unless `validate` is false, completes panel 2 and 3 and validates the file.
inline void importRequest(const ServerProcess& server, const httplib::Headers& me, const std::string& nu,
                          const std::string& codeTo, bool validate = true, int sharingChoice = 3) {
    auto sent = server.post("/api/v1/request/import", {{"numeroUnique", nu}}, me);
    REQUIRE_MESSAGE(sent.status == 202, sent.raw);
    Json mails = server.mailbox(codeTo);
    REQUIRE(!mails.empty());
    REQUIRE(mails[0]["codes"].size() == 1);
    auto imported =
        server.post("/api/v1/request/import/confirm", {{"numeroUnique", nu}, {"code", mails[0]["codes"][0]}}, me);
    REQUIRE_MESSAGE(imported.status == 200, imported.raw);
    if (!validate) return;
    auto employer = put(server, "/api/v1/request/employer",
                        {{"employerName", "Entreprise Exemple"}, {"cdii", "no"}, {"attachTo", "applicant"}}, me);
    REQUIRE_MESSAGE(employer.status == 200, employer.raw);
    REQUIRE(put(server, "/api/v1/request/sharing", {{"choice", sharingChoice}}, me).status == 200);
    REQUIRE(put(server, "/api/v1/request/documents",
                {{"identite", true}, {"ressources", true}, {"avis_imposition", true}, {"motif", true}}, me)
                .status == 200);
    auto validated = server.post("/api/v1/request/validate", Json::object(), me);
    REQUIRE_MESSAGE(validated.status == 200, validated.raw);
}

}  // namespace alin::test
