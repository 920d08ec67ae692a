// Probes of the HTTP layer over real sockets (issue 9, items 3, 5, 7, 8): slow
// clients, connections per client address, pipelining, ranges, duplicate
// Content-Length, errors with the JSON shape, JSON only as application/json,
// cross-site refusals, HSTS. Raw sockets, because an HTTP client library would
// not send what an attacker sends.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <functional>
#include <memory>
#include <thread>

#include "server_fixture.h"

using namespace alin::test;

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// A blocking TCP connection to 127.0.0.1:port from a chosen loopback address
// (127.0.0.0/8 is all local on Linux: distinct addresses stand for distinct clients).
class RawConnection {
public:
    explicit RawConnection(int port, const std::string& source = "127.0.0.1") {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd_ < 0) return;
        int one = 1;
        ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sockaddr_in src{};
        src.sin_family = AF_INET;
        ::inet_pton(AF_INET, source.c_str(), &src.sin_addr);
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0) return;
        sockaddr_in dst{};
        dst.sin_family = AF_INET;
        dst.sin_port = htons(static_cast<uint16_t>(port));
        ::inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&dst), sizeof dst) == 0;
    }
    ~RawConnection() {
        if (fd_ >= 0) ::close(fd_);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return connected_; }
    bool send(const std::string& data) {
        size_t done = 0;
        while (done < data.size()) {
            ssize_t n = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
            if (n <= 0) return false;
            done += static_cast<size_t>(n);
        }
        return true;
    }
    // Reads what arrives within timeoutMs, stopping early at the end of the
    // stream or once `until` holds for what was read; closed() then tells
    // whether the server ended the connection.
    std::string read(int timeoutMs, const std::function<bool(const std::string&)>& until = nullptr) {
        const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
        while (!closed_) {
            if (until && until(received_)) break;
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left.count() <= 0) break;
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
            char buf[65536];
            ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) {
                closed_ = true;
                break;
            }
            received_.append(buf, static_cast<size_t>(n));
        }
        return received_;
    }
    bool closed() const { return closed_; }

private:
    int fd_ = -1;
    bool connected_ = false;
    bool closed_ = false;
    std::string received_;
};

struct RawResponse {
    int status = 0;
    httplib::Headers headers;  // case-insensitive names
    std::string body;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
    bool has_header(const std::string& name) const { return headers.count(name) > 0; }
    Json json() const { return Json::parse(body, nullptr, false); }
};

// The complete responses a byte stream holds (framed by Content-Length;
// `headOnly` for answers to HEAD, which have none).
std::vector<RawResponse> parseResponses(const std::string& stream, bool headOnly = false) {
    std::vector<RawResponse> out;
    size_t pos = 0;
    while (pos < stream.size()) {
        size_t end = stream.find("\r\n\r\n", pos);
        if (end == std::string::npos) break;
        const std::string head = stream.substr(pos, end - pos);
        if (head.rfind("HTTP/1.", 0) != 0 || head.size() < 12) break;
        RawResponse r;
        r.status = std::atoi(head.c_str() + 9);
        size_t lp = head.find("\r\n");
        while (lp != std::string::npos && lp + 2 < head.size()) {
            lp += 2;
            size_t le = head.find("\r\n", lp);
            std::string line = head.substr(lp, le == std::string::npos ? std::string::npos : le - lp);
            size_t colon = line.find(':');
            if (colon != std::string::npos) {
                size_t v = colon + 1;
                while (v < line.size() && line[v] == ' ') ++v;
                r.headers.emplace(line.substr(0, colon), line.substr(v));
            }
            lp = le;
        }
        size_t length = 0;
        if (!headOnly && r.has_header("Content-Length")) length = std::stoull(r.header("Content-Length"));
        if (end + 4 + length > stream.size()) break;
        r.body = stream.substr(end + 4, length);
        pos = end + 4 + length;
        out.push_back(std::move(r));
    }
    return out;
}

// Reads until `count` complete responses arrived (or timeout / end of stream).
std::vector<RawResponse> readResponses(RawConnection& c, size_t count, int timeoutMs = 5000) {
    std::string raw = c.read(timeoutMs, [&](const std::string& s) { return parseResponses(s).size() >= count; });
    return parseResponses(raw);
}

bool hasErrorShape(const RawResponse& r) {
    Json j = r.json();
    return r.header("Content-Type").rfind("application/json", 0) == 0 && j.is_object() && j.contains("code") &&
           j["code"].is_string() && j.contains("message") && j["message"].is_string() &&
           !j["message"].get<std::string>().empty();
}

const std::string kSignupBody =
    R"({"birthName":"Dupont","firstName":"Jean","phone":"06 04 50 57 92","email":"jean@example.fr","consent":true})";

std::string postRequest(const std::string& path, const std::string& body, const std::string& extraHeaders) {
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders +
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

TEST_SUITE("server http abuse") {
    // Before the event-driven front, the 64 workers were all held by the slow
    // clients and /health did not answer at all while they trickled. The latency
    // is printed (a figure, not a timed assertion: CI machines are shared); an
    // answer must come within 3 s, far above the ~20-170 ms measured on an idle machine.
    TEST_CASE("500 slow connections: /api/v1/health keeps answering") {
        ServerProcess server;
        // 500 clients from 10 addresses (50 each, under the per-address cap), each
        // sending its request header by header, one line a second, never finishing.
        std::vector<std::unique_ptr<RawConnection>> slow;
        for (int i = 0; i < 500; ++i) {
            auto c = std::make_unique<RawConnection>(server.port(), "127.0.0." + std::to_string(2 + i % 10));
            if (c->connected()) c->send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n");
            slow.push_back(std::move(c));
        }
        int answered = 0;
        double worstMs = 0;
        for (int round = 0; round < 4; ++round) {
            for (auto& c : slow) c->send("X-Slow: " + std::to_string(round) + "\r\n");
            const auto start = Clock::now();
            auto client = server.client();
            client.set_connection_timeout(3, 0);
            client.set_read_timeout(3, 0);
            auto r = client.Get("/api/v1/health");
            const double ms = msSince(start);
            worstMs = std::max(worstMs, ms);
            if (r && r->status == 200) ++answered;
            std::this_thread::sleep_for(std::chrono::milliseconds(700));
        }
        MESSAGE("/health under 500 slow connections: worst " << worstMs << " ms, " << answered << "/4 answered");
        CHECK(answered == 4);
    }

    TEST_CASE("a request must arrive whole within the time bound, however steadily it trickles") {
        ServerProcess server(Env{{"ALIN_REQUEST_TIMEOUT_SECONDS", "1"}});
        RawConnection c(server.port());
        REQUIRE(c.connected());
        c.send("GET /api/v1/health HTTP/1.1\r\n");
        // One header byte every 100 ms: each byte is activity, but the request never ends.
        const auto start = Clock::now();
        while (!c.closed() && msSince(start) < 8000) {
            c.send("X");
            c.read(100);
        }
        CHECK(c.closed());
        MESSAGE("trickling connection closed after " << msSince(start) << " ms");
    }

    TEST_CASE("connections per client address are capped; other clients are still served") {
        ServerProcess server(Env{{"ALIN_MAX_CONNECTIONS_PER_CLIENT", "4"}});
        std::vector<std::unique_ptr<RawConnection>> held;
        for (int i = 0; i < 4; ++i) {
            held.push_back(std::make_unique<RawConnection>(server.port(), "127.0.0.20"));
            REQUIRE(held.back()->connected());
            held.back()->send("GET /api/v1/health HTTP/1.1\r\n");  // unfinished
        }
        RawConnection extra(server.port(), "127.0.0.20");
        REQUIRE(extra.connected());
        extra.send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
        auto refused = parseResponses(extra.read(3000));  // until the server closes it
        const bool turnedAway = extra.closed() && (refused.empty() || refused[0].status == 503);
        CHECK(turnedAway);
        if (!refused.empty()) CHECK(hasErrorShape(refused[0]));
        // Another address is served.
        RawConnection other(server.port(), "127.0.0.21");
        REQUIRE(other.connected());
        other.send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
        auto ok = readResponses(other, 1, 3000);
        REQUIRE(ok.size() == 1);
        CHECK(ok[0].status == 200);
    }

    TEST_CASE("pipelined requests are all answered, in order") {
        ServerProcess server;
        RawConnection c(server.port());
        REQUIRE(c.connected());
        c.send(
            "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"
            "GET /api/v1/nothing-here HTTP/1.1\r\nHost: x\r\n\r\n"
            "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
        auto responses = readResponses(c, 3);
        REQUIRE(responses.size() == 3);
        CHECK(responses[0].status == 200);
        CHECK(responses[1].status == 404);
        CHECK(responses[2].status == 200);
    }

    TEST_CASE("Range: 206 with Content-Range, or ignored with the whole body") {
        ServerProcess server;
        std::string content;
        for (int i = 0; i < 100; ++i) content += static_cast<char>('a' + i % 26);
        writeTextFile(server.dir().path / "web" / "file.txt", content);
        for (const std::string path : {"/file.txt", "/api/v1/health"}) {
            CAPTURE(path);
            auto whole = server.get(path);
            REQUIRE(whole.status == 200);
            for (const std::string range : {"bytes=0-9", "bytes=0-1,3-4", "bytes=-5", "bytes=90-", "bytes=5-2"}) {
                CAPTURE(range);
                RawConnection c(server.port());
                c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\nRange: " + range + "\r\n\r\n");
                auto r = readResponses(c, 1);
                REQUIRE(r.size() == 1);
                if (r[0].status == 200) {
                    CHECK(r[0].body == whole.raw);
                    CHECK(!r[0].has_header("Content-Range"));
                } else {
                    // A range answer must be right: 206 with a matching Content-Range.
                    CHECK((r[0].status == 206 || r[0].status == 416));
                    CHECK(r[0].header("Content-Range").find("/0") == std::string::npos);
                    if (range == "bytes=0-9" && r[0].status == 206) {
                        CHECK(r[0].header("Content-Range") == "bytes 0-9/" + std::to_string(whole.raw.size()));
                        CHECK(r[0].body == whole.raw.substr(0, 10));
                    }
                }
            }
        }
    }

    TEST_CASE("two different Content-Length headers: 400 with the JSON error shape") {
        ServerProcess server;
        RawConnection c(server.port());
        c.send(
            "POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}");
        auto r = readResponses(c, 1);
        REQUIRE(r.size() == 1);
        CHECK(r[0].status == 400);
        CHECK(hasErrorShape(r[0]));
        // Content-Length with Transfer-Encoding (a smuggling pattern) likewise.
        RawConnection d(server.port());
        d.send(
            "POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        auto s = readResponses(d, 1);
        REQUIRE(s.size() == 1);
        CHECK(s[0].status == 400);
    }

    TEST_CASE("errors made by the HTTP layer under /api have the JSON error shape") {
        ServerProcess server;
        {  // 414: a request line too long
            RawConnection c(server.port());
            c.send("GET /api/v1/health?q=" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
            auto r = readResponses(c, 1);
            REQUIRE(r.size() == 1);
            CHECK(r[0].status == 414);
            CHECK(hasErrorShape(r[0]));
        }
        {  // 431: a header section too large
            RawConnection c(server.port());
            std::string headers;
            for (int i = 0; i < 200; ++i)
                headers += "X-Filler-" + std::to_string(i) + ": " + std::string(200, 'b') + "\r\n";
            c.send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n");
            auto r = readResponses(c, 1);
            REQUIRE(r.size() == 1);
            CHECK((r[0].status == 431 || r[0].status == 400));
            CHECK(hasErrorShape(r[0]));
        }
        {  // 400: a malformed request line
            RawConnection c(server.port());
            c.send("GET  /api/v1/health HTTP/1.1 extra\r\nHost: x\r\n\r\n");
            auto r = readResponses(c, 1);
            REQUIRE(r.size() == 1);
            CHECK(r[0].status == 400);
        }
    }

    TEST_CASE("a chunked request body is read") {
        ServerProcess server;
        RawConnection c(server.port());
        const std::string body = kSignupBody;
        const size_t half = body.size() / 2;
        char size1[16], size2[16];
        std::snprintf(size1, sizeof size1, "%zx", half);
        std::snprintf(size2, sizeof size2, "%zx", body.size() - half);
        c.send(
            "POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n" +
            std::string(size1) + "\r\n" + body.substr(0, half) + "\r\n" + size2 + "\r\n" + body.substr(half) +
            "\r\n0\r\n\r\n");
        auto r = readResponses(c, 1);
        REQUIRE(r.size() == 1);
        CHECK(r[0].status == 202);
    }

    TEST_CASE("JSON bodies only as application/json: 415 otherwise, in French, with the error shape") {
        ServerProcess server;
        for (const std::string type :
             {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""}) {
            CAPTURE(type);
            RawConnection c(server.port());
            c.send(postRequest("/api/v1/accounts", kSignupBody, type.empty() ? "" : "Content-Type: " + type + "\r\n"));
            auto r = readResponses(c, 1);
            REQUIRE(r.size() == 1);
            CHECK(r[0].status == 415);
            CHECK(hasErrorShape(r[0]));
            CHECK(r[0].json()["code"] == "unsupported_media_type");
        }
        RawConnection ok(server.port());
        ok.send(postRequest("/api/v1/accounts", kSignupBody, "Content-Type: Application/JSON; charset=utf-8\r\n"));
        auto r = readResponses(ok, 1);
        REQUIRE(r.size() == 1);
        CHECK(r[0].status == 202);
    }

    TEST_CASE("cross-site requests to state-changing routes are refused; same-origin and non-browser ones pass") {
        ServerProcess server;
        const std::string own = "http://127.0.0.1:" + std::to_string(server.port());
        const std::string json = "Content-Type: application/json\r\n";
        auto send = [&](const std::string& request) {
            RawConnection c(server.port());
            c.send(request);
            auto r = readResponses(c, 1);
            REQUIRE(r.size() == 1);
            return r[0];
        };
        auto evil = send(postRequest("/api/v1/accounts", kSignupBody, json + "Origin: https://evil.example\r\n"));
        CHECK(evil.status == 403);
        CHECK(hasErrorShape(evil));
        CHECK(evil.json()["code"] == "cross_site");
        CHECK(send(postRequest("/api/v1/accounts", kSignupBody, json + "Origin: null\r\n")).status == 403);
        CHECK(send(postRequest("/api/v1/accounts", kSignupBody, json + "Sec-Fetch-Site: cross-site\r\n")).status ==
              403);
        CHECK(send("DELETE /api/v1/session HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\n\r\n").status == 403);
        // Reading is not state-changing.
        CHECK(send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\n\r\n").status == 200);
        // The page's own requests (Origin = the server's origin, Sec-Fetch-Site: same-origin).
        auto same = send(postRequest("/api/v1/accounts", kSignupBody,
                                     json + "Origin: " + own + "\r\nSec-Fetch-Site: same-origin\r\n"));
        CHECK(same.status == 202);
        // A client without Origin (curl, scripts, tests).
        auto body2 = kSignupBody;
        body2.replace(body2.find("jean@"), 5, "paul@");
        CHECK(send(postRequest("/api/v1/accounts", body2, json)).status == 202);
    }

    TEST_CASE("Strict-Transport-Security when the public URL is https, not otherwise") {
        {
            ServerProcess server(Env{{"ALIN_PUBLIC_URL", "https://alin.example/"}});
            auto r = server.get("/api/v1/health");
            REQUIRE(r.status == 200);
            CHECK(r.header("Strict-Transport-Security").find("max-age=") == 0);
            writeTextFile(server.dir().path / "web" / "index.html", "<!doctype html>\n");
            CHECK(server.get("/").header("Strict-Transport-Security").find("max-age=") == 0);
            // The public origin is the server's own for the cross-site check.
            RawConnection c(server.port());
            c.send(postRequest("/api/v1/accounts", kSignupBody,
                               "Content-Type: application/json\r\nOrigin: https://alin.example\r\n"));
            auto p = readResponses(c, 1);
            REQUIRE(p.size() == 1);
            CHECK(p[0].status == 202);
        }
        {
            ServerProcess server;
            CHECK(!server.get("/api/v1/health").headers.count("Strict-Transport-Security"));
        }
    }
}
