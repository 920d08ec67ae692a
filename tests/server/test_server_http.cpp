// The HTTP layer of the real server: start-up, static files, JSON errors,
// headers, configuration, graceful stop.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>

#include "server_fixture.h"

using namespace alin::test;

TEST_SUITE("server http") {
    TEST_CASE("start-up line, health, security headers") {
        ServerProcess server;
        CHECK(server.startLine() ==
              "AL'in server listening on http://127.0.0.1:" + std::to_string(server.port()) + "/");

        auto r = server.get("/api/v1/health");
        REQUIRE(r.status == 200);
        CHECK(r.body["status"] == "ok");
        CHECK(r.body["environment"] == "test");
        CHECK(r.header("Content-Type") == "application/json; charset=utf-8");
        CHECK(r.header("Cache-Control") == "no-store");
        CHECK(r.header("X-Content-Type-Options") == "nosniff");
        CHECK(r.header("Referrer-Policy") == "no-referrer");
        const std::string csp = r.header("Content-Security-Policy");
        CHECK(csp.find("default-src 'self'") != std::string::npos);
        CHECK(csp.find("'wasm-unsafe-eval'") != std::string::npos);
        CHECK(csp.find("'unsafe-eval'") == std::string::npos);  // only the wasm variant
    }

    TEST_CASE("static files: index at /, MIME types, gzip, ETag, no escape from the web root") {
        ServerProcess server;
        const fs::path web = server.dir().path / "web";
        writeTextFile(web / "index.html", "<!doctype html><title>AL'in</title>\n");
        std::string wasm("\0asm\1\0\0\0", 8);
        for (int i = 0; i < 2000; ++i) wasm += "ALIN";  // compressible
        writeTextFile(web / "x.wasm", wasm);
        writeTextFile(web / "app.js", "console.log('AL\\'in');\n");
        writeTextFile(web / "style.css", "body{}\n");
        writeTextFile(web / "fonts" / "f.ttf", "ttf");
        writeTextFile(web / "data.json", "{}");
        writeTextFile(web / "logo.svg", "<svg/>");
        writeTextFile(server.dir().path / "secret.txt", "secret");

        auto index = server.get("/");
        REQUIRE(index.status == 200);
        CHECK(index.raw == "<!doctype html><title>AL'in</title>\n");
        CHECK(index.header("Content-Type") == "text/html; charset=utf-8");
        CHECK(index.header("Cache-Control").find("no-store") == std::string::npos);
        CHECK(index.header("X-Content-Type-Options") == "nosniff");
        CHECK(server.get("/index.html").raw == index.raw);

        auto w = server.get("/x.wasm");
        REQUIRE(w.status == 200);
        CHECK(w.header("Content-Type") == "application/wasm");
        CHECK(w.raw == wasm);

        CHECK(server.get("/app.js").header("Content-Type") == "text/javascript; charset=utf-8");
        CHECK(server.get("/style.css").header("Content-Type") == "text/css; charset=utf-8");
        CHECK(server.get("/fonts/f.ttf").header("Content-Type") == "font/ttf");
        CHECK(server.get("/data.json").header("Content-Type") == "application/json");
        CHECK(server.get("/logo.svg").header("Content-Type") == "image/svg+xml");

        SUBCASE("gzip when accepted, identity otherwise") {
            auto c = server.client();
            c.set_decompress(false);
            auto gz = c.Get("/x.wasm", {{"Accept-Encoding", "gzip, deflate, br"}});
            REQUIRE(gz);
            CHECK(gz->status == 200);
            CHECK(gz->get_header_value("Content-Encoding") == "gzip");
            CHECK(gz->get_header_value("Content-Type") == "application/wasm");
            CHECK(gz->body.size() < wasm.size() / 4);
            REQUIRE(gz->body.size() > 2);
            CHECK(static_cast<unsigned char>(gz->body[0]) == 0x1f);
            CHECK(static_cast<unsigned char>(gz->body[1]) == 0x8b);
            httplib::detail::gzip_decompressor inflate;
            std::string unpacked;
            inflate.decompress(gz->body.data(), gz->body.size(), [&](const char* p, size_t n) {
                unpacked.append(p, n);
                return true;
            });
            CHECK(unpacked == wasm);

            auto plain = c.Get("/x.wasm", {{"Accept-Encoding", "identity"}});
            REQUIRE(plain);
            CHECK(plain->get_header_value("Content-Encoding").empty());
            CHECK(plain->body == wasm);
        }
        SUBCASE("a precompressed .gz sibling is served as is") {
            std::string big(4000, 'a');
            writeTextFile(web / "big.js", big);
            httplib::detail::gzip_compressor deflate;
            std::string packed;
            deflate.compress(big.data(), big.size(), true, [&](const char* p, size_t n) {
                packed.append(p, n);
                return true;
            });
            writeTextFile(web / "big.js.gz", packed);
            auto c = server.client();
            c.set_decompress(false);
            auto r = c.Get("/big.js", {{"Accept-Encoding", "gzip"}});
            REQUIRE(r);
            CHECK(r->get_header_value("Content-Encoding") == "gzip");
            CHECK(r->body == packed);
            CHECK(r->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
        }
        SUBCASE("ETag revalidation answers 304") {
            auto first = server.get("/app.js");
            const std::string etag = first.header("ETag");
            REQUIRE(!etag.empty());
            auto again = server.get("/app.js", {{"If-None-Match", etag}});
            CHECK(again.status == 304);
            CHECK(again.raw.empty());
            writeTextFile(web / "app.js", "console.log('v2');\n");  // a rebuilt client
            auto changed = server.get("/app.js", {{"If-None-Match", etag}});
            CHECK(changed.status == 200);
            CHECK(changed.raw == "console.log('v2');\n");
        }
        SUBCASE("missing files and escapes are 404") {
            CHECK(server.get("/nope.js").status == 404);
            CHECK(server.get("/%2e%2e/secret.txt").status == 404);
            CHECK(server.get("/../secret.txt").status == 404);
            CHECK(server.get("/fonts/../../secret.txt").status == 404);
            CHECK(server.get("/.hidden").status == 404);
            CHECK(server.get("//etc/hostname").status == 404);
            CHECK(server.get("/fonts//etc/hostname").status == 404);
            CHECK(server.get("/%2Fetc/hostname").status == 404);
            CHECK(server.get("//" + (server.dir().path / "secret.txt").string()).status == 404);
        }
    }

    TEST_CASE("the web root defaults are harmless when the client is not built") {
        ServerProcess server(Env{{"ALIN_WEB_ROOT", "/nonexistent/alin-web-root"}});
        auto r = server.get("/");
        CHECK(r.status == 404);
        CHECK(server.get("/api/v1/health").status == 200);
    }

    TEST_CASE("API errors are JSON: malformed body, unknown path, too large, wrong method") {
        ServerProcess server;

        auto bad = server.postRaw("/api/v1/accounts", "{\"email\": ");
        CHECK(bad.status == 400);
        CHECK(bad.header("Content-Type") == "application/json; charset=utf-8");
        CHECK(bad.body["code"] == "bad_request");
        CHECK(bad.body["message"] == "Le corps de la requête n'est pas un JSON valide.");

        for (const char* path : {"/api/v1/nope", "/api/v2/health", "/api", "/api/v1/links/x/y/z"}) {
            CAPTURE(path);
            auto nf = server.get(path);
            CHECK(nf.status == 404);
            CHECK(nf.header("Content-Type") == "application/json; charset=utf-8");
            CHECK(nf.body["code"] == "not_found");
            CHECK(nf.body["message"].is_string());
        }

        auto big = server.postRaw("/api/v1/accounts", "\"" + std::string(1024 * 1024 + 10, 'a') + "\"");
        CHECK(big.status == 413);
        CHECK(big.header("Content-Type") == "application/json; charset=utf-8");
        CHECK(big.body["code"].is_string());
        CHECK(big.body["message"].is_string());
        CHECK(server.get("/api/v1/health").status == 200);  // still serving

        auto wrong = server.del("/api/v1/health");
        CHECK(wrong.status == 405);
        CHECK(wrong.body["code"] == "method_not_allowed");
    }

    TEST_CASE("production has no development mailbox and no test clock") {
        ServerProcess server(Env{{"ALIN_ENV", "production"}});
        CHECK(server.get("/api/v1/health").body["environment"] == "production");
        auto mailbox = server.get("/api/v1/dev/mailbox?to=dupont%40yopmail.com");
        CHECK(mailbox.status == 404);
        CHECK(mailbox.body["code"] == "not_found");
        CHECK(server.post("/api/v1/dev/clock", {{"advanceSeconds", 60}}).status == 404);
        // Sign-up still works (the e-mail goes to the outbox only).
        CHECK(server.signup("dupont@yopmail.com").status == 202);
    }

    TEST_CASE("development has the mailbox but no test clock") {
        ServerProcess server(Env{{"ALIN_ENV", "development"}});
        CHECK(server.signup("dupont@yopmail.com").status == 202);
        CHECK(server.mailbox("dupont@yopmail.com").size() == 1);
        CHECK(server.post("/api/v1/dev/clock", {{"advanceSeconds", 60}}).status == 404);
    }

    TEST_CASE("https public URL adds Secure to the session cookie; links use it") {
        ServerProcess server(Env{{"ALIN_PUBLIC_URL", "https://alin.example.fr"}});
        server.createActiveAccount("dupont@yopmail.com", kStrongPassword);
        auto link = server.mailbox("dupont@yopmail.com").back()["links"][0]["url"].get<std::string>();
        CHECK(link.rfind("https://alin.example.fr/#/", 0) == 0);
        auto r = server.login("dupont@yopmail.com", kStrongPassword);
        REQUIRE(r.status == 200);
        CHECK(r.header("Set-Cookie").find("; Secure") != std::string::npos);
    }

    TEST_CASE("graceful stop on SIGTERM and SIGINT; exactly one line on stdout") {
        for (int sig : {SIGTERM, SIGINT}) {
            CAPTURE(sig);
            ServerProcess server;
            CHECK(server.get("/api/v1/health").status == 200);
            int status = server.process().stop(sig);
            REQUIRE(status != -1);
            CHECK(WIFEXITED(status));
            CHECK(WEXITSTATUS(status) == 0);
            CHECK(server.process().readRest(1000).empty());
        }
    }

    TEST_CASE("request log: one line per request, no query string") {
        ServerProcess server;
        server.get("/api/v1/dev/mailbox?to=secret-address%40yopmail.com");
        server.get("/api/v1/health");
        // Lines are written after the responses are sent, each by its own worker
        // thread (so not necessarily in order): wait for both (bounded).
        std::string log;
        for (int i = 0; i < 200; ++i) {
            log = server.log();
            if (log.find("GET /api/v1/health 200") != std::string::npos &&
                log.find("GET /api/v1/dev/mailbox 200") != std::string::npos)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        CHECK(log.find("GET /api/v1/dev/mailbox 200") != std::string::npos);
        CHECK(log.find("secret-address") == std::string::npos);
        CHECK(log.find(" ms\n") != std::string::npos);
    }

    TEST_CASE("invalid configuration stops at start with a message") {
        TempDir dir;
        for (auto [name, value] : std::vector<std::pair<std::string, std::string>>{
                 {"ALIN_ENV", "staging"}, {"PORT", "http"}, {"ALIN_SESSION_IDLE_SECONDS", "-5"}}) {
            CAPTURE(name);
            ChildProcess::Options o;
            o.argv = {ALIN_SERVER_EXE};
            o.env = {{"ALIN_DB", (dir.path / "alin.db").string()}, {"PORT", "0"}};
            o.env[name] = value;
            o.removeEnv = {"ALIN_"};
            o.stderrFile = dir.path / "err.log";
            ChildProcess p(o);
            CHECK_FALSE(p.readLine(10000).has_value());  // no start-up line
            int status = p.stop(0, 10000);               // signal 0: just wait
            CHECK(WIFEXITED(status));
            CHECK(WEXITSTATUS(status) == 2);
            CHECK(readTextFile(dir.path / "err.log").find(name) != std::string::npos);
        }
    }

    TEST_CASE("the database folder is created and reused across restarts") {
        TempDir dir;
        const std::string db = (dir.path / "nested" / "folder" / "alin.db").string();
        {
            ServerProcess server(Env{{"ALIN_DB", db}});
            CHECK(server.signup("dupont@yopmail.com").status == 202);
        }
        CHECK(fs::exists(db));
        ServerProcess again(Env{{"ALIN_DB", db}});
        CHECK(again.mailbox("dupont@yopmail.com").size() == 1);
    }

}  // TEST_SUITE
