// Static files (server-stub/static_files.*): Accept-Encoding negotiation between
// the precompressed variants the build writes (x.br, x.gz), stale variants,
// content-hashed names (immutable) and ETag revalidation for the rest, paths
// that would leave the web root.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "static_files.h"

using alin::server::chooseCoding;
using alin::server::ContentCoding;
using alin::server::etagMatches;
using alin::server::isContentHashedName;
using alin::server::StaticFiles;
using alin::server::StaticResponse;
namespace fs = std::filesystem;

namespace {

struct WebRoot {
    fs::path path;
    WebRoot() {
        std::string pattern = (fs::temp_directory_path() / "alin-static-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~WebRoot() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    void write(const std::string& rel, const std::string& content) const {
        fs::create_directories((path / rel).parent_path());
        std::ofstream(path / rel, std::ios::binary) << content;
    }
    // Sets a file's modification time to `seconds` after the epoch.
    void setTime(const std::string& rel, long seconds) const {
        struct timespec times[2] = {{seconds, 0}, {seconds, 0}};
        REQUIRE(utimensat(AT_FDCWD, (path / rel).c_str(), times, 0) == 0);
    }
};

const std::string kWasm = [] {
    std::string w("\0asm\1\0\0\0", 8);
    for (int i = 0; i < 2000; ++i) w += "ALIN";
    return w;
}();

}  // namespace

TEST_SUITE("static files") {
    TEST_CASE("Accept-Encoding: Brotli, then gzip, then identity; q-values and refusals") {
        CHECK(chooseCoding("gzip, deflate, br", true, true) == ContentCoding::Brotli);
        CHECK(chooseCoding("gzip, deflate, br", false, true) == ContentCoding::Gzip);
        CHECK(chooseCoding("gzip, deflate, br", false, false) == ContentCoding::Identity);
        CHECK(chooseCoding("gzip", true, true) == ContentCoding::Gzip);
        CHECK(chooseCoding("x-gzip", true, true) == ContentCoding::Gzip);
        CHECK(chooseCoding("GZIP, BR", true, true) == ContentCoding::Brotli);
        CHECK(chooseCoding("", true, true) == ContentCoding::Identity);
        CHECK(chooseCoding("identity", true, true) == ContentCoding::Identity);
        CHECK(chooseCoding("br;q=0, gzip", true, true) == ContentCoding::Gzip);
        CHECK(chooseCoding("br; q=0.000 ,gzip;q=0.1", true, true) == ContentCoding::Gzip);
        CHECK(chooseCoding("br;q=0.5, gzip;q=0.8", true, true) == ContentCoding::Gzip);
        CHECK(chooseCoding("br;q=0.8, gzip;q=0.8", true, true) == ContentCoding::Brotli);
        CHECK(chooseCoding("gzip;q=0", true, true) == ContentCoding::Identity);
        CHECK(chooseCoding("*", true, true) == ContentCoding::Brotli);
        CHECK(chooseCoding("*;q=0", true, true) == ContentCoding::Identity);
        CHECK(chooseCoding("gzip, *;q=0", true, true) == ContentCoding::Gzip);
        CHECK(chooseCoding("br;q=abc, gzip", true, true) == ContentCoding::Gzip);  // malformed: refused
        CHECK(chooseCoding("br;q=2", true, true) == ContentCoding::Identity);      // out of range: refused
        CHECK(chooseCoding(",,, ;q=1", true, true) == ContentCoding::Identity);
    }

    TEST_CASE("content-hashed names and entity-tag matching") {
        CHECK(isContentHashedName("alin.0123456789abcdef.wasm"));
        CHECK(isContentHashedName("/data/geo.0123456789abcdef.bin"));
        CHECK_FALSE(isContentHashedName("alin.wasm"));
        CHECK_FALSE(isContentHashedName("alin.0123456789ABCDEF.wasm"));
        CHECK_FALSE(isContentHashedName("alin.0123456789abcde.wasm"));
        CHECK_FALSE(isContentHashedName("alin.0123456789abcdefa.wasm"));
        CHECK_FALSE(isContentHashedName(".0123456789abcdef.js"));
        CHECK_FALSE(isContentHashedName("0123456789abcdef.js"));

        CHECK(etagMatches("\"a-1\"", "\"a-1\""));
        CHECK(etagMatches("\"x\", \"a-1\"", "\"a-1\""));
        CHECK(etagMatches("W/\"a-1\"", "\"a-1\""));
        CHECK(etagMatches("*", "\"a-1\""));
        CHECK_FALSE(etagMatches("\"a-1-br\"", "\"a-1\""));
        CHECK_FALSE(etagMatches("", "\"a-1\""));
        CHECK_FALSE(etagMatches("a-1", "\"a-1\""));
    }

    TEST_CASE("precompressed variants are negotiated; stale ones are ignored") {
        WebRoot web;
        web.write("alin.wasm", kWasm);
        web.write("alin.wasm.br", "BROTLI");  // stands for the build's output
        web.write("alin.wasm.gz", "GZIP");
        StaticFiles files(web.path.string());

        StaticResponse br = files.serve({"/alin.wasm", "gzip, deflate, br", ""});
        REQUIRE(br.status == 200);
        CHECK(br.contentType == "application/wasm");
        CHECK(br.header("Content-Encoding") == "br");
        CHECK(*br.body == "BROTLI");
        CHECK(br.header("Vary") == "Accept-Encoding");
        CHECK(br.header("X-Uncompressed-Length") == std::to_string(kWasm.size()));
        CHECK(br.header("Cache-Control") == "no-cache");

        StaticResponse gz = files.serve({"/alin.wasm", "gzip", ""});
        CHECK(gz.header("Content-Encoding") == "gzip");
        CHECK(*gz.body == "GZIP");
        CHECK(gz.header("ETag") != br.header("ETag"));  // one tag per representation

        StaticResponse plain = files.serve({"/alin.wasm", "", ""});
        CHECK(plain.header("Content-Encoding").empty());
        CHECK(*plain.body == kWasm);
        CHECK(plain.header("Vary") == "Accept-Encoding");
        CHECK(plain.header("X-Uncompressed-Length").empty());

        SUBCASE("a variant older than its file is not served; a fresh one is picked up") {
            web.setTime("alin.wasm", 2'000'000'000);
            web.setTime("alin.wasm.br", 1'000'000'000);
            web.setTime("alin.wasm.gz", 1'000'000'000);
            StaticResponse r = files.serve({"/alin.wasm", "br, gzip", ""});
            CHECK(r.header("Content-Encoding") == "gzip");  // compressed in memory instead
            CHECK(*r.body != "GZIP");
            CHECK(r.body->size() < kWasm.size() / 4);
            web.setTime("alin.wasm.br", 2'000'000'000);
            CHECK(*files.serve({"/alin.wasm", "br, gzip", ""}).body == "BROTLI");
        }
        SUBCASE("without variants, compressible files are gzipped once in memory") {
            fs::remove(web.path / "alin.wasm.br");
            fs::remove(web.path / "alin.wasm.gz");
            StaticResponse r = files.serve({"/alin.wasm", "br, gzip", ""});
            CHECK(r.header("Content-Encoding") == "gzip");
            REQUIRE(r.body->size() > 2);
            CHECK(static_cast<unsigned char>((*r.body)[0]) == 0x1f);
            CHECK(static_cast<unsigned char>((*r.body)[1]) == 0x8b);
        }
    }

    TEST_CASE("hashed names are immutable; the rest is revalidated with its ETag") {
        WebRoot web;
        web.write("alin.0123456789abcdef.js", "console.log(1);\n");
        web.write("index.html", "<!doctype html><title>AL'in</title>\n");
        web.write("logo.png", std::string(1000, 'x'));
        StaticFiles files(web.path.string());

        CHECK(files.serve({"/alin.0123456789abcdef.js", "", ""}).header("Cache-Control") ==
              "public, max-age=31536000, immutable");

        StaticResponse index = files.serve({"/", "", ""});
        REQUIRE(index.status == 200);
        CHECK(index.contentType == "text/html; charset=utf-8");
        CHECK(index.header("Cache-Control") == "no-cache");
        const std::string etag = index.header("ETag");
        REQUIRE(!etag.empty());
        StaticResponse again = files.serve({"/index.html", "", etag});
        CHECK(again.status == 304);
        CHECK(again.body == nullptr);
        CHECK(again.header("ETag") == etag);
        CHECK(files.serve({"/index.html", "", "\"other\", " + etag}).status == 304);

        web.write("index.html", "<!doctype html><title>v2</title>\n");
        web.setTime("index.html", 2'000'000'000);
        StaticResponse changed = files.serve({"/index.html", "", etag});
        CHECK(changed.status == 200);
        CHECK(*changed.body == "<!doctype html><title>v2</title>\n");

        StaticResponse png = files.serve({"/logo.png", "br, gzip", ""});
        CHECK(png.contentType == "image/png");
        CHECK(png.header("Content-Encoding").empty());
        CHECK(png.header("Vary").empty());
    }

    TEST_CASE("paths that leave the web root, hidden files and directories") {
        WebRoot web;
        web.write("site/index.html", "<p>x</p>");
        web.write("site/sub/index.html", "<p>sub</p>");
        web.write(".secret", "secret");
        web.write("secret.txt", "secret");
        StaticFiles files((web.path / "site").string());
        CHECK(*files.serve({"/sub", "", ""}).body == "<p>sub</p>");
        CHECK(*files.serve({"/sub/", "", ""}).body == "<p>sub</p>");
        for (const char* p : {"/../secret.txt", "/sub/../../secret.txt", "/.secret", "/../.secret", "//etc/hostname",
                              "/sub//etc/hostname", "/a\\b", "relative", "/nope.js"}) {
            CAPTURE(p);
            StaticResponse r = files.serve({p, "", ""});
            CHECK(r.status == 404);
            CHECK(*r.body == "Page introuvable.\n");
        }
        CHECK(files.serve({std::string("/x\0y", 4), "", ""}).status == 404);
    }
}
