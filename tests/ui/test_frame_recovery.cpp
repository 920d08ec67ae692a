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
