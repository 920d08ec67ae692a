// The frame body the browser runs (App::runFrame, src/client/app_frame.cpp),
// driven natively: a reply of the wrong shape throws inside a frame; the app
// says so in its banner and keeps working instead of dying with the page.
#include <doctest/doctest.h>

#include "ui_harness.h"

using alin::test::UiHarness;

TEST_CASE("frame: an exception inside a frame is recovered: banner, and the next frames run") {
    static int logins = 0;
    logins = 0;
    UiHarness ui(false, 375, 720, false, [](alin::platform::native::Browser& b) {
        b.http = [](const std::string& method, const std::string& url, const std::string&,
                    alin::platform::HttpCallback cb) {
            if (url.find("/api/v1/session") != std::string::npos && method == "POST") {
                ++logins;
                // A field error whose "field" is a number: reading it throws (nlohmann type_error).
                return cb(400, R"({"code":"invalid","field":42,"message":"?"})");
            }
            cb(401, R"({"code":"unauthenticated","message":"?"})");
        };
    });
    ui.go("/connexion");
    ui.fill("login.email", "anne.porte@example.fr");
    ui.fill("login.password", "Logement2026");
    CHECK_NOTHROW(ui.click("button", "JE ME CONNECTE"));
    ui.frames(3);
    CHECK(logins == 1);
    CHECK(ui.dump().find("Une erreur inattendue") != std::string::npos);
    CHECK_FALSE(alin::platform::native::browser().warnings.empty());
    // Still alive: the form answers another click.
    CHECK_NOTHROW(ui.click("button", "JE ME CONNECTE"));
    ui.frames(3);
    CHECK(logins == 2);
}

TEST_CASE("frame: a reply of the wrong shape stops the frame that delivers it; the banner says so") {
    UiHarness ui(false, 375, 720, false, [](alin::platform::native::Browser& b) {
        b.http = [](const std::string& method, const std::string& url, const std::string&,
                    alin::platform::HttpCallback cb) {
            if (url.find("/api/v1/session") != std::string::npos && method == "GET")
                return cb(200, R"({"user":{"id":7,"email":"anne.porte@example.fr","role":"applicant"}})");
            if (url.find("/api/v1/request") != std::string::npos)
                return cb(200, R"({"file":{"numeroUnique":"1110920621114ACLOG","validated":true,"step":4}})");
            // The offer's title is a number: the detail is refused when it arrives, not drawn half.
            if (url.find("/api/v1/offers/5") != std::string::npos)
                return cb(200, R"({"offer":{"id":5,"title":42},"canApply":true})");
            cb(200, R"({})");
        };
    });
    ui.go("/offre/5");
    ui.frames(4);
    CHECK(ui.dump().find("Une erreur inattendue") != std::string::npos);
    CHECK_FALSE(ui.app->state().offers.detail);
    CHECK_FALSE(alin::platform::native::browser().warnings.empty());
    // Still alive: another route draws.
    ui.go("/aide");
    ui.frames(2);
    CHECK(ui.has("heading", "Centre d'aide"));
}
